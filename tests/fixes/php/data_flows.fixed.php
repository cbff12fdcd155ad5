<?php

function login_failed($logger, $request)
{
    error_log('Login failed for ' . str_replace(["\r", "\n"], ' ', $_POST['user']));
    $logger->warning("Bad token from " . str_replace(["\r", "\n"], ' ', $_SERVER['HTTP_USER_AGENT']));
    Log::info('Search: ' . str_replace(["\r", "\n"], ' ', $request->input('q')), ['page' => 1]);
}

function contact()
{
    $from = $_POST['email'];
    mail('sales@example.com', 'Contact', $_POST['msg'], "From: " . str_replace(["\r", "\n"], '', $from));
    mail('sales@example.com', 'Contact', 'hi', "Reply-To: " . str_replace(["\r", "\n"], '', $_POST['reply']) . "\r\nX-Mailer: shop");
}

function directory($conn, $ldap)
{
    $user = $_GET['user'];
    $res = ldap_search($conn, 'ou=people,dc=example,dc=com', "(uid=" . ldap_escape($user, '', LDAP_ESCAPE_FILTER) . ")");
    $filter = '(&(objectClass=person)(mail=' . ldap_escape($_GET['mail'], '', LDAP_ESCAPE_FILTER) . '))';
    $list = ldap_list($conn, 'dc=example,dc=com', $filter);
    $q = $ldap->query()->rawFilter("(cn=" . ldap_escape($_GET['cn'], '', LDAP_ESCAPE_FILTER) . ")");
    return [$res, $list, $q];
}

function orders($client, $collection)
{
    $name = $_GET['customer'];
    $list = $client->shop->orders->find(['customer' => (string) $name, 'status' => 'open']);
    $one = $collection->findOne(['_id' => (string) $_POST['id']]);
    return [$list, $one];
}

function connect()
{
    $pdo = new PDO('mysql:host=db;dbname=shop', 'shop', getenv('DB_PASSWORD'));
    $m2 = new mysqli('localhost', 'app', getenv('DB_PASSWORD'), 'shop');
    $bound = ldap_bind($conn, 'cn=admin,dc=example,dc=com', getenv('LDAP_PASSWORD'));
    $jwt = JWT::encode(['sub' => 1], getenv('JWT_SECRET'), 'HS256');
    $mail = new PHPMailer(true);
    $mail->Password = getenv('MAIL_PASSWORD');
    return [$pdo, $m2, $bound, $jwt];
}

class AvatarController
{
    public function store(Request $request)
    {
        $file = $request->file('avatar');
        $path = $file->storeAs('avatars', $file->hashName());
        return $path;
    }
}
