<?php

function proxy()
{
    $url = $_GET['url'];
    $body = file_get_contents($url); // expect: php-ssrf, php-path-traversal
    $ch = curl_init($_POST['target']); // expect: php-ssrf
    curl_setopt($ch, CURLOPT_URL, "http://{$_GET['host']}/status"); // expect: php-ssrf
    $client = new GuzzleHttp\Client();
    $res = $client->request('GET', $url); // expect: php-ssrf
    $img = Http::get(request()->input('avatar')); // expect: php-ssrf

    $api = file_get_contents('https://api.example.com/search?q=' . urlencode($_GET['q'])); // ok: php-ssrf
    $fixed = 'https://status.example.com/' . rawurlencode($_GET['id']);
    curl_setopt($ch, CURLOPT_URL, $fixed); // ok: php-ssrf
    curl_setopt($ch, CURLOPT_POSTFIELDS, $_POST['payload']); // ok: php-ssrf
    $raw = file_get_contents('php://input'); // ok: php-ssrf
    $ok = $client->request('GET', 'https://api.example.com/v1/' . $url); // ok: php-ssrf
    return [$body, $res, $img, $api, $raw, $ok];
}

function after_login($request)
{
    header('Location: ' . $_GET['next']); // expect: php-open-redirect
    $back = $_POST['return_to'];
    header("Location: $back"); // expect: php-open-redirect
    wp_redirect($_GET['redirect_to']); // expect: php-open-redirect
    return redirect($request->input('next')); // expect: php-open-redirect
}

function after_logout($request)
{
    $target = $request->query('to');
    return redirect()->to($target); // expect: php-open-redirect
}

function safe_redirects($request)
{
    header('Location: /profile?id=' . intval($_GET['id'])); // ok: php-open-redirect
    header("Location: /orders/{$_GET['order']}"); // ok: php-open-redirect
    header('Location: https://www.example.com/' . rawurlencode($_GET['page'])); // ok: php-open-redirect
    header('X-Request-Id: ' . $_GET['rid']); // ok: php-open-redirect
    wp_safe_redirect($_GET['redirect_to']); // ok: php-open-redirect
    header('Location: /dashboard'); // ok: php-open-redirect
    header('Location: /' . ltrim($_GET['next'], '/\\')); // ok: php-open-redirect
    $to = redirect('/' . ltrim($request->input('next'), '/\\')); // ok: php-open-redirect
    header('Location: /' . ltrim($_GET['back'], '/')); // expect: php-open-redirect
    return redirect()->route('home', ['tab' => $request->input('tab')]); // ok: php-open-redirect
}

function contact()
{
    $from = $_POST['email'];
    mail('sales@example.com', 'Contact', $_POST['msg'], "From: $from"); // expect: php-mail-header-injection
    mail('sales@example.com', 'Contact', 'hi', 'Reply-To: ' . $_POST['reply']); // expect: php-mail-header-injection
    mail($_POST['to'], 'Welcome', 'Thanks', 'From: noreply@example.com'); // ok: php-mail-header-injection
    $valid = filter_var($_POST['email'], FILTER_VALIDATE_EMAIL);
    mail('sales@example.com', 'Contact', $_POST['msg'], 'From: ' . filter_var($_POST['email'], FILTER_VALIDATE_EMAIL)); // ok: php-mail-header-injection
    mail('sales@example.com', 'Contact', $_POST['msg']); // ok: php-mail-header-injection
    $headers = "From: shop@example.com\r\nReply-To: " . $_POST['email'];
    mb_send_mail('sales@example.com', 'Order', 'body', $headers); // expect: php-mail-header-injection
    $clean = str_replace(["\r", "\n"], '', $_POST['name']);
    mail('sales@example.com', 'Contact', 'hi', 'X-Name: ' . str_replace(["\r", "\n"], '', $_POST['name'])); // ok: php-mail-header-injection
    mail('sales@example.com', 'Contact', 'hi', "From: " . str_replace(["\r", "\n"], '', $from)); // ok: php-mail-header-injection
    return $valid;
}

function audit($logger, $request)
{
    error_log('Login failed for ' . $_POST['user']); // expect: php-log-injection
    $logger->warning("Bad token from {$_SERVER['HTTP_USER_AGENT']}"); // expect: php-log-injection
    Log::info('Search: ' . $request->input('q')); // expect: php-log-injection
    $logger->info('Login failed', ['user' => $_POST['user']]); // ok: php-log-injection
    error_log('Login failed for ' . str_replace(["\r", "\n"], ' ', $_POST['user'])); // ok: php-log-injection
    Log::info('Page ' . (int) $_GET['page']); // ok: php-log-injection
    error_log('Cache miss for ' . $key); // ok: php-log-injection
}

function cookies($sid)
{
    setcookie('session', $sid); // expect: php-cookie-insecure
    setcookie('remember', $sid, time() + 3600, '/', '', false, true); // expect: php-cookie-insecure
    setcookie('auth', $sid, ['expires' => time() + 3600, 'secure' => true]); // expect: php-cookie-insecure
    setcookie('auth', $sid, ['expires' => time() + 3600, 'secure' => true, 'httponly' => false]); // expect: php-cookie-insecure
    setcookie('auth', $sid, ['expires' => time() + 3600, 'secure' => true, 'httponly' => true, 'samesite' => 'Lax']); // ok: php-cookie-insecure
    setcookie('remember', $sid, time() + 3600, '/', '', true, true); // ok: php-cookie-insecure
    setcookie('session', '', time() - 3600); // ok: php-cookie-insecure
    setcookie('pref', $sid, $cookieOptions); // ok: php-cookie-insecure
}

function cors_reflect()
{
    header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']); // expect: php-cors-permissive
    header('Access-Control-Allow-Credentials: true');
}

function cors_wildcard_credentials()
{
    header('Access-Control-Allow-Origin: *'); // expect: php-cors-permissive
    header('Access-Control-Allow-Credentials: true');
}

function cors_checked()
{
    $allowed = ['https://app.example.com'];
    if (in_array($_SERVER['HTTP_ORIGIN'], $allowed, true)) {
        header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']); // ok: php-cors-permissive
        header('Access-Control-Allow-Credentials: true');
    }
}

function cors_public()
{
    header('Access-Control-Allow-Origin: *'); // ok: php-cors-permissive
}

$cors = [
    'paths' => ['api/*'],
    'allowed_origins' => ['*'], // expect: php-cors-permissive
    'supports_credentials' => true,
];
$publicCors = [
    'allowed_origins' => ['*'], // ok: php-cors-permissive
    'supports_credentials' => false,
];
