<?php
use Firebase\JWT\JWT;
use Firebase\JWT\Key;

function encrypt_all($data, $key, $iv)
{
    $a = openssl_encrypt($data, 'des-ede3-cbc', $key, 0, $iv); // expect: php-weak-cipher
    $b = openssl_encrypt($data, 'AES-128-ECB', $key); // expect: php-weak-cipher
    $c = openssl_decrypt($data, 'bf-cbc', $key, 0, $iv); // expect: php-weak-cipher
    $d = mcrypt_encrypt(MCRYPT_RIJNDAEL_128, $key, $data, MCRYPT_MODE_CBC, $iv); // expect: php-weak-cipher
    $e = openssl_encrypt($data, 'rc4', $key); // expect: php-weak-cipher
    $f = openssl_encrypt($data, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag); // ok: php-weak-cipher
    $g = openssl_decrypt($data, 'aes-256-cbc', $key, 0, $iv); // ok: php-weak-cipher
    $h = sodium_crypto_secretbox($data, $iv, $key); // ok: php-weak-cipher
    $i = openssl_encrypt($data, $cipherName, $key); // ok: php-weak-cipher
    $j = openssl_encrypt('des', 'aes-256-gcm', $key, 0, $iv, $tag); // ok: php-weak-cipher
    return [$a, $b, $c, $d, $e, $f, $g, $h, $i, $j];
}

function connect($dsn)
{
    $pdo = new PDO($dsn, 'root', 'S3cr3t!2024'); // expect: php-hardcoded-credential
    $my = mysqli_connect('db', 'app', 'hunter22', 'shop'); // expect: php-hardcoded-credential
    $m2 = new mysqli('localhost', 'app', "p@ssw0rd", 'shop'); // expect: php-hardcoded-credential
    $jwt = JWT::encode(['sub' => 1], 'my-super-secret-signing-key-123', 'HS256'); // expect: php-hardcoded-credential
    $ldap = ldap_bind($conn, 'cn=admin,dc=example,dc=com', 'adminpass'); // expect: php-hardcoded-credential
    $mail = new PHPMailer(true);
    $mail->Password = 'smtp-pass-123'; // expect: php-hardcoded-credential
    $pg = pg_connect('host=db user=app password=hunter22'); // expect: php-hardcoded-credential

    $env = new PDO($dsn, 'root', getenv('DB_PASSWORD')); // ok: php-hardcoded-credential
    $cfg = mysqli_connect('db', 'app', $config['db']['password'], 'shop'); // ok: php-hardcoded-credential
    $dev = new PDO('sqlite::memory:'); // ok: php-hardcoded-credential
    $empty = new PDO($dsn, 'root', ''); // ok: php-hardcoded-credential
    $ph = new PDO($dsn, 'root', 'your_password'); // ok: php-hardcoded-credential
    $ph2 = mysqli_connect('db', 'app', '<password>', 'shop'); // ok: php-hardcoded-credential
    $signed = JWT::encode(['sub' => 1], $_ENV['JWT_SECRET'], 'HS256'); // ok: php-hardcoded-credential
    $mail->Password = getenv('SMTP_PASSWORD'); // ok: php-hardcoded-credential
    $mail->Username = 'mailer@example.com'; // ok: php-hardcoded-credential
    $pg2 = pg_connect("host=db user=app password=$pass"); // ok: php-hardcoded-credential
    return [$pdo, $my, $m2, $jwt, $ldap, $pg, $env, $cfg, $dev, $empty, $ph, $ph2, $signed, $pg2];
}

function read_token($jwt, $key, $token)
{
    $old = JWT::decode($jwt, $key, ['HS256', 'none']); // expect: php-jwt-unverified
    $k = new Key($key, 'none'); // expect: php-jwt-unverified
    $claims = json_decode(base64_decode(explode('.', $token)[1]), true); // expect: php-jwt-unverified

    $ok = JWT::decode($jwt, new Key($key, 'HS256')); // ok: php-jwt-unverified
    $legacy = JWT::decode($jwt, $key, ['HS256']); // ok: php-jwt-unverified
    $cursor = json_decode(base64_decode($_GET['cursor']), true); // ok: php-jwt-unverified
    $parts = json_decode(base64_decode(explode('.', $version)[1]), true); // ok: php-jwt-unverified
    return [$old, $k, $claims, $ok, $legacy, $cursor, $parts];
}
