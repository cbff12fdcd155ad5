<?php
// Shapes of a real HTTP client that the secret detector misread.

function applyAuth(array $value, array $options): array
{
    // user and password interpolated from the caller's options: built at run time
    $options['curl'][\CURLOPT_USERPWD] = "$value[0]:$value[1]"; // ok: hardcoded-secret
    $options['proxy_auth'] = ['password' => "{$value[1]}"]; // ok: hardcoded-secret
    // a literal after an interpolated user name is still written into the source
    $options['curl'][\CURLOPT_USERPWD] = "$value[0]:Tr0ub4dor&3x"; // expect: hardcoded-secret
    return $options;
}

// A webmail's cookie helper: PHP's own session cookie settings, with `secure` set from them.
class CookieHelper
{
    public static function setcookie($name, $value, $exp = 0, $http_only = true)
    {
        $attrib = session_get_cookie_params();
        $attrib['expires'] = $exp;
        $attrib['secure'] = $attrib['secure'] || self::https_check();
        $attrib['httponly'] = $http_only;
        setcookie($name, $value, $attrib); // ok: php-cookie-insecure
    }

    public static function plain($name, $value)
    {
        $attrib = ['expires' => time() + 3600];
        $attrib['secure'] = false;
        setcookie($name, $value, $attrib); // expect: php-cookie-insecure
    }
}
