<?php

function register(string $password)
{
    return md5($password);
}

function reset_token()
{
    $token = mt_rand(100000, 999999);
    return $token;
}

function fetch($url)
{
    $ch = curl_init($url);
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
    $client = new GuzzleHttp\Client(['verify' => false]);
    return [$ch, $client];
}

function ping()
{
    $host = $_GET['host'];
    system("ping -c 1 " . $host);
}

function load()
{
    return unserialize($_COOKIE['prefs']);
}

function greet()
{
    echo "Hello " . $_GET['name'];
}
