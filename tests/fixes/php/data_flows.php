<?php

function login_failed($logger, $request)
{
    error_log('Login failed for ' . $_POST['user']);
    $logger->warning("Bad token from {$_SERVER['HTTP_USER_AGENT']}");
    Log::info('Search: ' . $request->input('q'), ['page' => 1]);
}

function contact()
{
    $from = $_POST['email'];
    mail('sales@example.com', 'Contact', $_POST['msg'], "From: $from");
    mail('sales@example.com', 'Contact', 'hi', 'Reply-To: ' . $_POST['reply'] . "\r\nX-Mailer: shop");
}

function directory($conn, $ldap)
{
    $user = $_GET['user'];
    $res = ldap_search($conn, 'ou=people,dc=example,dc=com', "(uid=$user)");
    $filter = '(&(objectClass=person)(mail=' . $_GET['mail'] . '))';
    $list = ldap_list($conn, 'dc=example,dc=com', $filter);
    $q = $ldap->query()->rawFilter("(cn={$_GET['cn']})");
    return [$res, $list, $q];
}

function orders($client, $collection)
{
    $name = $_GET['customer'];
    $list = $client->shop->orders->find(['customer' => $name, 'status' => 'open']);
    $one = $collection->findOne(['_id' => $_POST['id']]);
    return [$list, $one];
}

function connect()
{
    $pdo = new PDO('mysql:host=db;dbname=shop', 'shop', 'S3cure-Passw0rd');
    $m2 = new mysqli('localhost', 'app', "p@ssw0rd", 'shop');
    $bound = ldap_bind($conn, 'cn=admin,dc=example,dc=com', 'adminpass');
    $jwt = JWT::encode(['sub' => 1], 'my-super-secret-signing-key-123', 'HS256');
    $mail = new PHPMailer(true);
    $mail->Password = 'mailer-pass-42';
    return [$pdo, $m2, $bound, $jwt];
}

class AvatarController
{
    public function store(Request $request)
    {
        $file = $request->file('avatar');
        $path = $file->storeAs('avatars', $file->getClientOriginalName());
        return $path;
    }
}
