<?php

function register(string $password)
{
    return password_hash($password, PASSWORD_DEFAULT);
}

function reset_token()
{
    $token = random_int(100000, 999999);
    return $token;
}

function fetch($url)
{
    $ch = curl_init($url);
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
    $client = new GuzzleHttp\Client(['verify' => true]);
    return [$ch, $client];
}

function ping()
{
    $host = $_GET['host'];
    system("ping -c 1 " . escapeshellarg($host));
}

function load()
{
    return unserialize($_COOKIE['prefs'], ['allowed_classes' => false]);
}

function greet()
{
    echo "Hello " . htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8');
}
