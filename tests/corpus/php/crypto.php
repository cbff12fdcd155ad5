<?php

function register(PDO $db, string $user, string $password)
{
    $h = md5($password); // expect: php-weak-password-hash
    $h2 = sha1($salt . $password); // expect: php-weak-password-hash
    $h3 = hash('sha256', $_POST['new_password']); // expect: php-weak-password-hash
    $h4 = hash('md5', $userPassword . 'pepper'); // expect: php-weak-password-hash
    $good = password_hash($password, PASSWORD_DEFAULT); // ok: php-weak-password-hash
    $etag = md5($body); // ok: php-weak-password-hash
    $check = hash('sha256', $fileContents); // ok: php-weak-password-hash
    $kdf = hash_pbkdf2('sha256', $password, $salt, 600000); // ok: php-weak-password-hash
    $h5 = openssl_digest($password, 'sha512'); // expect: php-weak-password-hash
    $sig = openssl_digest($payload, 'sha256'); // ok: php-weak-password-hash
    $verified = password_verify($password, $stored); // ok: php-weak-password-hash
    return [$h, $h2, $h3, $h4, $h5, $good, $etag, $check, $kdf, $sig, $verified];
}

function tokens()
{
    $token = md5(uniqid()); // expect: php-insecure-random
    $resetCode = mt_rand(100000, 999999); // expect: php-insecure-random
    $data = ['csrf_token' => str_shuffle('abcdef0123456789')]; // expect: php-insecure-random
    $_SESSION['api_key'] = substr(str_shuffle(MD5(microtime())), 0, 10); // expect: php-insecure-random
    $secure = bin2hex(random_bytes(32)); // ok: php-insecure-random
    $dice = rand(1, 6); // ok: php-insecure-random
    $pick = array_rand($colors); // ok: php-insecure-random
    $tokenNumber = random_int(100000, 999999); // ok: php-insecure-random
    return [$token, $resetCode, $data, $secure, $dice, $pick, $tokenNumber];
}

function login_cookies($user)
{
    setcookie('remember_me', md5(uniqid()), time() + 86400 * 30, '/', '', true, true); // expect: php-insecure-random
    session_id(sha1(mt_rand())); // expect: php-insecure-random
    $user->setRememberToken(str_shuffle('abcdefghijklmnop0123456789')); // expect: php-insecure-random
    $temp = password_hash((string) mt_rand(), PASSWORD_DEFAULT); // expect: php-insecure-random
    header('Set-Cookie: sid=' . uniqid() . '; HttpOnly; Secure'); // expect: php-insecure-random
    setcookie('remember_me', bin2hex(random_bytes(32)), time() + 86400 * 30, '/', '', true, true); // ok: php-insecure-random
    setcookie('banner_variant', $variant, time() + 86400, '/', '', true, true); // ok: php-insecure-random
    usleep(mt_rand(1000, 5000)); // ok: php-insecure-random
    shuffle($questions); // ok: php-insecure-random
    header('X-Cache-Bust: ' . mt_rand()); // ok: php-insecure-random
    return [$temp];
}

function generate_session_id()
{
    return uniqid('', true); // expect: php-insecure-random
}

function fetch($url)
{
    $ch = curl_init($url);
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false); // expect: php-tls-verify-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0); // expect: php-tls-verify-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true); // ok: php-tls-verify-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2); // ok: php-tls-verify-disabled
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, false); // ok: php-tls-verify-disabled
    $client = new GuzzleHttp\Client(['verify' => false]); // expect: php-tls-verify-disabled
    $ctx = stream_context_create(['ssl' => [
        'verify_peer' => false, // expect: php-tls-verify-disabled
        'allow_self_signed' => false, // ok: php-tls-verify-disabled
    ]]);
    $ok = new GuzzleHttp\Client(['verify' => '/etc/ssl/ca.pem']); // ok: php-tls-verify-disabled
    return [$ch, $client, $ctx, $ok];
}
