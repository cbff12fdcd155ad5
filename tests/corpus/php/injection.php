<?php

function run_tools()
{
    $host = $_GET['host'];
    system("ping -c 1 " . $host); // expect: php-command-injection
    $out = shell_exec("nslookup {$_POST['domain']}"); // expect: php-command-injection
    $list = `ls -la $host`; // expect: php-command-injection
    $cmd = "tar czf /tmp/b.tgz " . $_REQUEST['dir'];
    exec($cmd, $lines); // expect: php-command-injection
    passthru($_GET['c']); // expect: php-command-injection

    system("ping -c 1 " . escapeshellarg($host)); // ok: php-command-injection
    exec("uptime"); // ok: php-command-injection
    $safe = "convert " . escapeshellarg($_FILES['f']['tmp_name']) . " out.png";
    exec($safe); // ok: php-command-injection
    $n = (int) $_GET['n'];
    system("seq 1 " . intval($n)); // ok: php-command-injection
    $proc = proc_open(['ping', '-c', '1', $host], [], $pipes); // ok: php-command-injection
    $regex = preg_match('/^a/', $host); // ok: php-command-injection
    return [$out, $list, $lines, $proc, $regex];
}

function calc()
{
    $r = eval('return ' . $_POST['expr'] . ';'); // expect: php-code-injection
    $code = $_GET['code'];
    eval($code); // expect: php-code-injection
    $f = create_function('$a', $_POST['body']); // expect: php-code-injection
    $t = preg_replace('/(\w+)/e', $_GET['r'], 'text'); // expect: php-code-injection
    eval('return 1 + 1;'); // ok: php-code-injection
    assert($r > 0); // ok: php-code-injection
    assert(isset($_GET['expr'])); // ok: php-code-injection
    assert('$r > ' . $_GET['min']); // expect: php-code-injection
    $u = preg_replace('/(\w+)/i', 'x', $_GET['r']); // ok: php-code-injection
    $j = json_decode($_POST['expr'], true); // ok: php-code-injection
    return [$r, $f, $t, $u, $j];
}

function page()
{
    include $_GET['page']; // expect: php-file-inclusion
    include __DIR__ . '/pages/' . $_GET['p'] . '.php'; // expect: php-file-inclusion
    $tpl = 'templates/' . $_COOKIE['theme'] . '/header.php';
    require_once $tpl; // expect: php-file-inclusion
    require "lang/{$_GET['lang']}.php"; // expect: php-file-inclusion

    require_once __DIR__ . '/config.php'; // ok: php-file-inclusion
    include 'pages/' . basename($_GET['p']) . '.php'; // ok: php-file-inclusion
    $pages = ['home' => 'home.php', 'about' => 'about.php'];
    include __DIR__ . '/pages/' . $pages['home']; // ok: php-file-inclusion
    $base = 'views';
    include "$base/layout.php"; // ok: php-file-inclusion
}

function autoload($class)
{
    $map = ['Foo' => 'src/Foo.php'];
    $file = __DIR__ . '/' . $map[$class];
    require $file; // ok: php-file-inclusion
    $fallback = __DIR__ . '/lib/' . str_replace('\\', '/', $class) . '.php';
    require_once $fallback; // ok: php-file-inclusion
}

function load()
{
    $prefs = unserialize($_COOKIE['prefs']); // expect: php-unsafe-unserialize
    $obj = unserialize(base64_decode($_POST['state'])); // expect: php-unsafe-unserialize
    $cart = unserialize($_SESSION['cart'], ['allowed_classes' => true]); // expect: php-unsafe-unserialize
    $plain = unserialize($_COOKIE['prefs'], ['allowed_classes' => false]); // ok: php-unsafe-unserialize
    $some = unserialize($data, ['allowed_classes' => ['Money']]); // ok: php-unsafe-unserialize
    $fixture = unserialize('a:1:{i:0;s:1:"x";}'); // ok: php-unsafe-unserialize
    $json = json_decode($_COOKIE['prefs'], true); // ok: php-unsafe-unserialize
    return [$prefs, $obj, $cart, $plain, $some, $fixture, $json];
}

function greet()
{
    echo "Hello " . $_GET['name']; // expect: php-xss-echo
    print $_POST['comment']; // expect: php-xss-echo
    $q = $_GET['q'];
    echo "<p>Results for $q</p>"; // expect: php-xss-echo
    printf('<a href="%s">back</a>', $_SERVER['HTTP_REFERER']); // expect: php-xss-echo
    echo "Hello " . htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8'); // ok: php-xss-echo
    echo 'Page ' . (int) $_GET['page']; // ok: php-xss-echo
    $n = count($_POST); // ok: php-xss-echo
    echo "Fields: $n"; // ok: php-xss-echo
    echo json_encode(['q' => $_GET['q']]); // ok: php-xss-echo
    echo "<p>Static text</p>"; // ok: php-xss-echo
}
