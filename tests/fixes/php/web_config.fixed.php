<?php

ini_set('display_errors', '0');
define('WP_DEBUG_DISPLAY', false);

$config = [
    'name' => 'shop',
    'debug' => env('APP_DEBUG', false),
];

$settings = [
    'displayErrorDetails' => filter_var(getenv('APP_DEBUG'), FILTER_VALIDATE_BOOLEAN),
];

class VerifyCsrfToken extends Middleware
{
    protected $except = [];
}

function configure_form($resolver)
{
    $resolver->setDefaults(['csrf_protection' => true]);
}

function remember($sid)
{
    setcookie('session', $sid, ['secure' => true, 'httponly' => true]);
    setcookie('remember', $sid, time() + 3600, '/', '', true, true);
    setcookie('prefs', $sid, time() + 86400, '', '', true, true);
    setcookie('auth', $sid, ['expires' => time() + 3600, 'path' => '/', 'httponly' => true, 'secure' => true]);
}

function after_login($request)
{
    header('Location: /' . ltrim($_GET['next'], '/\\'));
    $back = $_POST['return_to'];
    header("Location: /" . ltrim($back, '/\\'));
    wp_safe_redirect($_GET['redirect_to']);
    return redirect('/' . ltrim($request->input('next'), '/\\'));
}

function parse_feed($xml)
{
    $doc = new DOMDocument();
    $doc->loadXML($xml, LIBXML_NONET);
    $doc->substituteEntities = false;
    $items = simplexml_load_string($xml, 'SimpleXMLElement', 0);
    $reader = new XMLReader();
    $reader->setParserProperty(XMLReader::SUBST_ENTITIES, false);
    return [$doc, $items, $reader];
}

function claims($jwt, $key)
{
    return JWT::decode($jwt, $key, ['HS256']);
}

function report($client, $pdo, $prompt)
{
    $response = $client->chat()->create(['model' => 'gpt-4o', 'messages' => [['role' => 'user', 'content' => $prompt]]]);
    $name = $response->choices[0]->message->content;
    exec('convert ' . escapeshellarg($name) . ' out.png');
    $rows = $pdo->prepare("SELECT * FROM reports WHERE title = ?");
    $rows->execute([$response->choices[0]->message->content]);
    return $rows;
}

return [
    'paths' => ['api/*'],
    'allowed_origins' => array_filter(explode(',', (string) env('CORS_ALLOWED_ORIGINS', ''))),
    'supports_credentials' => true,
];
