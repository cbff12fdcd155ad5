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
