<?php

function preview($twig, $smarty, $request)
{
    $tpl = $twig->createTemplate($_POST['body']); // expect: php-ssti
    $greeting = $twig->createTemplate('Hello ' . $request->input('name') . '!'); // expect: php-ssti
    $out = $smarty->fetch('string:' . $_GET['tpl']); // expect: php-ssti
    $html = Blade::render($request->input('template'), ['user' => $user]); // expect: php-ssti

    $page = $twig->render('page.html.twig', ['name' => $_GET['name']]); // ok: php-ssti
    $fixed = $twig->createTemplate('Hello {{ name }}!'); // ok: php-ssti
    $source = 'Order {{ id }} shipped';
    $mail = $twig->createTemplate($source); // ok: php-ssti
    $own = $twig->createTemplate(file_get_contents(__DIR__ . '/mail.twig')); // ok: php-ssti
    $file = $smarty->fetch('invoice.tpl'); // ok: php-ssti
    $literal = $smarty->fetch('string:Hello {$name}'); // ok: php-ssti
    $b = Blade::render('Hello {{ $name }}', ['name' => $_GET['name']]); // ok: php-ssti
    return [$tpl, $greeting, $out, $html, $page, $fixed, $mail, $own, $file, $literal, $b];
}

function login($client, $request)
{
    $users = $client->app->users;
    $u = $users->findOne(['user' => $_POST['user'], 'pass' => $_POST['pass']]); // expect: php-nosql-injection
    $name = $request->input('name');
    $list = $client->shop->orders->find(['customer' => $name]); // expect: php-nosql-injection
    $collection = $client->selectCollection('app', 'logs');
    $hits = $collection->find(json_decode($_GET['filter'], true)); // expect: php-nosql-injection
    $js = $collection->find(['$where' => "this.owner == '" . $_GET['o'] . "'"]); // expect: php-nosql-injection
    $q = new MongoDB\Driver\Query(['email' => $_GET['email']]); // expect: php-nosql-injection

    $ok = $users->findOne(['user' => (string) $_POST['user'], 'active' => true]); // ok: php-nosql-injection
    $id = (int) $_GET['id'];
    $one = $collection->findOne(['_id' => $id]); // ok: php-nosql-injection
    $all = $collection->find(['status' => 'open']); // ok: php-nosql-injection
    $str = $collection->count(['tag' => strval($_GET['tag'])]); // ok: php-nosql-injection
    $js2 = $collection->find(['$where' => 'this.a > this.b']); // ok: php-nosql-injection
    $entity = $repository->find($_GET['id']); // ok: php-nosql-injection
    return [$u, $list, $hits, $js, $q, $ok, $one, $all, $str, $js2, $entity];
}
