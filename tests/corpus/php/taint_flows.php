<?php

use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Log;
use GuzzleHttp\Client;
use Symfony\Component\HttpFoundation\RedirectResponse;

// ---- plain PHP: superglobals through variables

function orders(mysqli $db)
{
    $status = $_GET['status'];
    $sql = "SELECT * FROM orders WHERE status = '$status'";
    mysqli_query($db, $sql); // expect: php-sql-injection
    $sort = $_GET['sort'];
    $query = 'SELECT * FROM orders ORDER BY ';
    $query .= $sort;
    $db->query($query); // expect: php-sql-injection
    $stmt = $db->prepare('SELECT * FROM orders WHERE status = ?'); // ok: php-sql-injection
    $stmt->bind_param('s', $status);
    $limit = (int) $_GET['limit'];
    $db->query("SELECT * FROM orders LIMIT $limit"); // ok: php-sql-injection
    $quoted = $db->real_escape_string($_GET['q']);
    $db->query("SELECT * FROM orders WHERE note = '$quoted'"); // ok: php-sql-injection
    $slashed = addslashes($_GET['q']);
    $db->query("SELECT * FROM orders WHERE note = '$slashed'"); // expect: php-sql-injection
}

function allowed_sort(mysqli $db)
{
    $column = $_GET['column'] ?? 'id';
    if (!in_array($column, ['id', 'created_at', 'total'], true)) {
        $column = 'id';
    }
    return $db->query("SELECT * FROM orders ORDER BY $column"); // ok: php-sql-injection
}

function lookup_table()
{
    $reports = ['daily' => 'report --daily', 'weekly' => 'report --weekly'];
    $kind = $_GET['kind'];
    if (isset($reports[$kind])) {
        system($reports[$kind]); // ok: php-command-injection
    }
    passthru('report --kind=' . $kind); // expect: php-command-injection
    $out = `grep $kind /var/log/report.log`; // expect: php-command-injection
    if (ctype_alnum($kind)) {
        exec('report --kind=' . $kind); // ok: php-command-injection
    }
    if (false) {
        exec('report --kind=' . $kind); // ok: php-command-injection
    }
    proc_open(['report', '--kind', $kind], [], $pipes); // ok: php-command-injection
    return $out;
}

function profile_page()
{
    $name = $_GET['name'] ?? 'guest';
    echo '<h1>' . $name . '</h1>'; // expect: php-xss-echo
    print "<p>{$_COOKIE['theme']}</p>"; // expect: php-xss-echo
    printf('<p>%s</p>', $_SERVER['HTTP_USER_AGENT']); // expect: php-xss-echo
    $safe = htmlentities($name, ENT_QUOTES, 'UTF-8');
    echo "<h1>$safe</h1>"; // ok: php-xss-echo
    echo '<p>' . intval($_GET['page']) . '</p>'; // ok: php-xss-echo
    echo '<a href="?q=' . urlencode($_GET['q']) . '">next</a>'; // ok: php-xss-echo
    echo '<p>' . $_SERVER['HTTP_HOST'] . '</p>'; // ok: php-xss-echo
    echo count($_GET) . ' parameters'; // ok: php-xss-echo
}

function render_page()
{
    $page = $_GET['page'];
    include __DIR__ . '/pages/' . $page . '.php'; // expect: php-file-inclusion
    require basename($page) . '.php'; // ok: php-file-inclusion
    if (preg_match('/^[a-z_]+$/', $page)) {
        include __DIR__ . '/pages/' . $page . '.php'; // ok: php-file-inclusion
    }
}

function calculator()
{
    $expr = $_POST['expr'];
    return eval('return ' . $expr . ';'); // expect: php-code-injection
}

function redirects()
{
    $next = $_GET['next'];
    header("Location: $next"); // expect: php-open-redirect
    header('Location: /account/' . rawurlencode($next)); // ok: php-open-redirect
    header('Content-Disposition: attachment; filename="' . $next . '"'); // ok: php-open-redirect
    if ($next === '/home' || $next === '/settings') {
        header('Location: ' . $next); // ok: php-open-redirect
    }
}

function proxy()
{
    $ch = curl_init();
    curl_setopt($ch, CURLOPT_URL, $_GET['url']); // expect: php-ssrf
    curl_setopt($ch, CURLOPT_USERAGENT, $_GET['ua']); // ok: php-ssrf
    curl_setopt($ch, CURLOPT_URL, 'https://api.example.com/v1/items/' . rawurlencode($_GET['id'])); // ok: php-ssrf
    return curl_exec($ch);
}

function contact()
{
    $from = $_POST['email'];
    mail('sales@example.com', 'Contact', $_POST['msg'], "From: $from"); // expect: php-mail-header-injection
    if (filter_var($from, FILTER_VALIDATE_EMAIL)) {
        mail('sales@example.com', 'Contact', $_POST['msg'], "From: $from"); // ok: php-mail-header-injection
    }
}

function json_api()
{
    $body = json_decode(file_get_contents('php://input'), true);
    system('notify ' . $body['user']); // expect: php-command-injection
    error_log('payload from ' . $body['user']); // expect: php-log-injection
}

// ---- Laravel and Symfony

class OrderController
{
    private Client $http;

    public function index(Request $request)
    {
        $status = $request->input('status');
        $rows = DB::select("SELECT * FROM orders WHERE status = '$status'"); // expect: php-sql-injection
        $same = DB::select('SELECT * FROM orders WHERE status = ?', [$status]); // ok: php-sql-injection
        $more = DB::table('orders')->whereRaw('total > ' . $request->query('min'))->get(); // expect: php-sql-injection
        $fine = DB::table('orders')->whereRaw('total > ?', [$request->query('min')])->get(); // ok: php-sql-injection
        Log::info('listing for ' . $request->header('X-User')); // expect: php-log-injection
        Log::info('listing', ['user' => $request->header('X-User')]); // ok: php-log-injection
        return view('orders', compact('rows', 'same', 'more', 'fine'));
    }

    public function back(Request $request)
    {
        return redirect($request->input('return_to')); // expect: php-open-redirect
    }

    public function home()
    {
        return redirect('/orders'); // ok: php-open-redirect
    }

    public function avatar(Request $request)
    {
        $client = new Client();
        return $client->get($request->query('avatar_url')); // expect: php-ssrf
    }

    public function leave($request)
    {
        $target = $request->query->get('target');
        return new RedirectResponse($target); // expect: php-open-redirect
    }

    public function hello(Request $request)
    {
        $name = $request->query('name');
        if ($request->has('plain')) {
            return response('<p>Hello ' . e($name) . '</p>'); // ok: php-xss-echo
        }
        return response('<p>Hello ' . $name . '</p>'); // expect: php-xss-echo
    }
}

// ---- XPath and LDAP

function find_user_node(DOMDocument $doc)
{
    $xpath = new DOMXPath($doc);
    $name = $_GET['name'];
    $xpath->query("//user[name='$name']"); // expect: php-xpath-injection
    $xpath->query('//user[@id=' . (int) $_GET['id'] . ']'); // ok: php-xpath-injection
    if (ctype_alnum($name)) {
        $xpath->query("//user[name='$name']"); // ok: php-xpath-injection
    }
    return $xpath->query('//user[@active="1"]'); // ok: php-xpath-injection
}

function directory_lookup($conn)
{
    $user = $_POST['user'];
    ldap_search($conn, 'ou=people,dc=example,dc=com', "(uid=$user)"); // expect: php-ldap-injection
    $escaped = ldap_escape($user, '', LDAP_ESCAPE_FILTER);
    ldap_search($conn, 'ou=people,dc=example,dc=com', "(uid=$escaped)"); // ok: php-ldap-injection
    $group = 'admins';
    ldap_search($conn, 'ou=groups,dc=example,dc=com', "(cn=$group)"); // ok: php-ldap-injection
}

// ---- files named by the request

function download()
{
    $name = $_GET['file'];
    readfile('/srv/reports/' . $name); // expect: php-path-traversal
    readfile('/srv/reports/' . basename($name)); // ok: php-path-traversal
    $clean = basename($name);
    unlink("/srv/reports/$clean"); // ok: php-path-traversal
    unlink('/srv/reports/' . $name); // expect: php-path-traversal
    $reports = ['q1' => 'q1.pdf', 'q2' => 'q2.pdf'];
    if (isset($reports[$name])) {
        readfile('/srv/reports/' . $reports[$name]); // ok: php-path-traversal
    }
    file_put_contents('/srv/uploads/' . $_POST['name'], $_POST['body']); // expect: php-path-traversal
    file_put_contents('/srv/uploads/' . md5($_POST['name']), $_POST['body']); // ok: php-path-traversal
    return file_get_contents('https://cdn.example.com/' . $name); // ok: php-path-traversal
}
