<?php
const TABLE = 'users';

function find_user(mysqli $conn, PDO $pdo)
{
    $id = $_GET['id'];
    $rows = mysqli_query($conn, "SELECT * FROM users WHERE id = " . $id); // expect: php-sql-injection
    $res = $pdo->query("SELECT * FROM users WHERE name = '$_POST[name]'"); // expect: php-sql-injection
    $sql = "DELETE FROM sessions WHERE token = '" . $_COOKIE['t'] . "'";
    $conn->query($sql); // expect: php-sql-injection
    $q = sprintf("SELECT * FROM orders WHERE user = '%s'", $_GET['u']);
    pg_query($q); // expect: php-sql-injection
    $filter = "SELECT * FROM t WHERE 1=1";
    $filter .= " AND owner = " . $_GET['owner'];
    $pdo->exec($filter); // expect: php-sql-injection
    DB::select("SELECT * FROM posts WHERE slug = '{$_GET['slug']}'"); // expect: php-sql-injection

    $stmt = $pdo->prepare("SELECT * FROM users WHERE id = ?"); // ok: php-sql-injection
    $stmt->execute([$id]);
    $n = mysqli_query($conn, "SELECT * FROM users WHERE id = " . intval($id)); // ok: php-sql-injection
    $m = $pdo->query("SELECT * FROM users WHERE id = " . (int) $_GET['id']); // ok: php-sql-injection
    $o = $pdo->query("SELECT * FROM users WHERE name = " . $pdo->quote($_GET['n'])); // ok: php-sql-injection
    $table = 'accounts';
    $p = $pdo->query("SELECT COUNT(*) FROM $table"); // ok: php-sql-injection
    $r = $pdo->query("SELECT * FROM " . TABLE . " LIMIT 10"); // ok: php-sql-injection
    $preg = preg_match('/x/', $id); // ok: php-sql-injection
    return [$rows, $res, $n, $m, $o, $p, $r, $preg];
}

class Repo
{
    private string $table = 'items';

    public function all(PDO $db)
    {
        return $db->query("SELECT * FROM {$this->table} ORDER BY id"); // ok: php-sql-injection
    }

    public function byName(PDO $db, string $name)
    {
        $sql = "SELECT * FROM items WHERE name = '" . $name . "'";
        return $db->query($sql); // expect: php-sql-injection
    }
}

function build_report_query()
{
    $sql = "SELECT * FROM reports WHERE owner = '" . $_GET['owner'] . "'";
    return strlen($sql);
}

function run_query(mysqli $conn, string $sql)
{
    return mysqli_query($conn, $sql); // ok: php-sql-injection
}
