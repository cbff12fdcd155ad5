<?php

// Helpers whose parameter reaches a sink: reported where request data is passed in, silent when
// the callers pass constants or cleaned values.

const UPLOADS = '/srv/uploads/';

function run_query(mysqli $db, string $sql)
{
    return mysqli_query($db, $sql); // ok: php-sql-injection
}

function find_by_name(mysqli $db, $name)
{
    return run_query($db, "SELECT * FROM users WHERE name = '" . $name . "'");
}

function list_dir($dir)
{
    return shell_exec('ls -la ' . $dir);
}

function show_page($body)
{
    echo '<main>' . $body . '</main>'; // ok: php-xss-echo
}

function fetch_feed($url)
{
    return file_get_contents($url); // ok: php-ssrf
}

function go_to($target)
{
    header('Location: ' . $target); // ok: php-open-redirect
}

function audit($who)
{
    error_log('login by ' . $who); // ok: php-log-injection
}

// ---- callers with request data

function search(mysqli $db)
{
    return find_by_name($db, $_GET['name']); // expect: php-sql-injection
}

function archive()
{
    $dir = $_POST['dir'];
    return list_dir($dir); // expect: php-command-injection
}

function greet()
{
    show_page('Hello ' . $_GET['who']); // expect: php-xss-echo
}

function preview()
{
    return fetch_feed($_GET['feed']); // expect: php-ssrf, php-path-traversal
}

function after_login()
{
    go_to($_GET['next']); // expect: php-open-redirect
}

function login_failed()
{
    audit($_POST['user']); // expect: php-log-injection
}

// ---- the same helpers with constants or cleaned values

function admins(mysqli $db)
{
    return find_by_name($db, 'admin'); // ok: php-sql-injection
}

function by_id(mysqli $db)
{
    return find_by_name($db, (int) $_GET['id']); // ok: php-sql-injection
}

function tmp_listing()
{
    return list_dir(escapeshellarg($_GET['dir'])); // ok: php-command-injection
}

function tmp_fixed()
{
    return list_dir('/tmp'); // ok: php-command-injection
}

function greet_safely()
{
    show_page('Hello ' . htmlspecialchars($_GET['who'], ENT_QUOTES, 'UTF-8')); // ok: php-xss-echo
}

function greet_through_variable()
{
    $who = htmlspecialchars($_GET['who']);
    show_page("Hello $who"); // ok: php-xss-echo
}

function news()
{
    return fetch_feed('https://news.example.com/feed?page=' . $_GET['page']); // ok: php-ssrf
}

function back_home()
{
    go_to('/dashboard'); // ok: php-open-redirect
}

function audit_encoded()
{
    audit(json_encode($_POST['user'])); // ok: php-log-injection
}

// ---- methods on the receiver

class Reports
{
    private $table = 'reports';

    public function export(Request $request)
    {
        $this->run($request->input('format')); // expect: php-command-injection
        $this->run('csv'); // ok: php-command-injection
        self::run(escapeshellarg($request->input('format'))); // ok: php-command-injection
    }

    public function latest(PDO $pdo)
    {
        return $pdo->query('SELECT * FROM ' . $this->table . ' ORDER BY id DESC'); // ok: php-sql-injection
    }

    private function run($format)
    {
        system('report --format=' . $format);
    }
}

// ---- template source through a helper

function snippet($twig, $text)
{
    return $twig->createTemplate('<div class="note">' . $text . '</div>');
}

function note_preview($twig)
{
    return snippet($twig, $_POST['note']); // expect: php-ssti
}

function note_footer($twig)
{
    return snippet($twig, 'Thanks for writing'); // ok: php-ssti
}
