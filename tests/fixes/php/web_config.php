<?php

ini_set('display_errors', '1');
define('WP_DEBUG_DISPLAY', true);

$config = [
    'name' => 'shop',
    'debug' => env('APP_DEBUG', true),
];

$settings = [
    'displayErrorDetails' => true,
];

class VerifyCsrfToken extends Middleware
{
    protected $except = ['*'];
}

function configure_form($resolver)
{
    $resolver->setDefaults(['csrf_protection' => false]);
}

function remember($sid)
{
    setcookie('session', $sid);
    setcookie('remember', $sid, time() + 3600, '/', '', false, true);
    setcookie('prefs', $sid, time() + 86400);
    setcookie('auth', $sid, ['expires' => time() + 3600, 'path' => '/', 'httponly' => false]);
}

function after_login($request)
{
    header('Location: ' . $_GET['next']);
    $back = $_POST['return_to'];
    header("Location: $back");
    wp_redirect($_GET['redirect_to']);
    return redirect($request->input('next'));
}

function parse_feed($xml)
{
    $doc = new DOMDocument();
    $doc->loadXML($xml, LIBXML_NOENT | LIBXML_NONET);
    $doc->substituteEntities = true;
    $items = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOENT);
    $reader = new XMLReader();
    $reader->setParserProperty(XMLReader::SUBST_ENTITIES, true);
    return [$doc, $items, $reader];
}

function claims($jwt, $key)
{
    return JWT::decode($jwt, $key, ['HS256', 'none']);
}

function report($client, $pdo, $prompt)
{
    $response = $client->chat()->create(['model' => 'gpt-4o', 'messages' => [['role' => 'user', 'content' => $prompt]]]);
    $name = $response->choices[0]->message->content;
    exec('convert ' . $name . ' out.png');
    $rows = $pdo->query("SELECT * FROM reports WHERE title = '" . $response->choices[0]->message->content . "'");
    return $rows;
}

return [
    'paths' => ['api/*'],
    'allowed_origins' => ['*'],
    'supports_credentials' => true,
];
