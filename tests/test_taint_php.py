"""PHP taint: the adapter's lowering and the taint rules on small programs."""

from __future__ import annotations

from vsguard.engine.parse import parse
from vsguard.engine.scanner import scan_text
from vsguard.engine.taint import ir
from vsguard.engine.taint.adapter import adapter_for
from vsguard.models import Confidence, Finding


def scan(code: str) -> list[Finding]:
    return [f for f in scan_text(code, "php").findings if not f.suppressed]


def rule_lines(code: str, rule_id: str) -> list[int]:
    return sorted(f.location.start_line for f in scan(code) if f.rule_id == rule_id)


def only(code: str, rule_id: str) -> Finding:
    found = [f for f in scan(code) if f.rule_id == rule_id]
    assert len(found) == 1, found
    return found[0]


def lower(code: str) -> ir.Module:
    adapter = adapter_for("php")
    assert adapter is not None
    return adapter.lower(parse(code, "php"))


def test_use_declarations_bind_qualified_names() -> None:
    code = (
        "<?php\n"
        "use Illuminate\\Support\\Facades\\DB;\n"
        "use Symfony\\Component\\HttpFoundation\\{Request, RedirectResponse as Go};\n"
        "use function App\\Util\\clean;\n"
    )
    bindings = {b for s in lower(code).body if isinstance(s, ir.Import) for b in s.bindings}
    assert {
        ("DB", "Illuminate.Support.Facades.DB"),
        ("Request", "Symfony.Component.HttpFoundation.Request"),
        ("Go", "Symfony.Component.HttpFoundation.RedirectResponse"),
        ("clean", "App.Util.clean"),
    } <= bindings


def test_methods_closures_and_functions_are_listed() -> None:
    code = (
        "<?php\n"
        "function top($a) { return array_map(fn($x) => $x . $a, [1]); }\n"
        "class Repo extends Base implements Countable {\n"
        "  public function find(int $id, ...$rest) { return function () use ($id) { return $id; }; }\n"
        "}\n"
    )
    module = lower(code)
    by_name = {f.name: f for f in module.functions}
    assert "top" in by_name and "Repo.find" in by_name
    assert sum(name.startswith("<closure@") for name in by_name) == 2
    method = by_name["Repo.find"]
    assert method.is_method and method.owner_bases == ("Base", "Countable")
    assert [(p.name, p.annotation, p.star) for p in method.params] == [
        ("this", "", ""),
        ("id", "int", ""),
        ("rest", "", "*"),
    ]


def test_superglobals_strings_and_backticks_lower_to_the_ir() -> None:
    code = "<?php\n$r = `ls {$_GET['d']}`;\n$h = $_SERVER['HTTP_REFERER'];\n"
    first, second = [s for s in lower(code).body if isinstance(s, ir.Assign)]
    call = first.value
    assert isinstance(call, ir.Call) and isinstance(call.func, ir.Name) and call.func.id == "`"
    text = call.args[0]
    assert isinstance(text, ir.Format)
    assert isinstance(text.parts[0], ir.Const) and text.parts[0].value == "ls "
    read = text.parts[1]
    assert (
        isinstance(read, ir.Attr)
        and read.attr == "d"
        and isinstance(read.obj, ir.Attr)
        and read.obj.attr == "_GET"
    )
    assert isinstance(second.value, ir.Attr) and second.value.attr == "HTTP_REFERER"


def test_lowering_survives_broken_code() -> None:
    code = "<?php\nfunction f() {\n  $q = $_GET['q']\n  mysqli_query($c, \"SELECT $q\" \n  if (\n"
    module = lower(code)
    assert module.functions or module.body
    scan(code)  # no exception on the incomplete snippet


def test_request_data_through_a_helper_is_reported_at_the_call_with_the_trace() -> None:
    code = (
        "<?php\n"
        "function run_query($db, $sql) {\n"
        "    return $db->query($sql);\n"
        "}\n"
        "function by_name($db, $name) {\n"
        '    return run_query($db, "SELECT * FROM users WHERE name = \'" . $name . "\'");\n'
        "}\n"
        "by_name($pdo, $_POST['name']);\n"
        "by_name($pdo, 'bob');\n"
        "by_name($pdo, (int) $_POST['id']);\n"
    )
    finding = only(code, "php-sql-injection")
    assert finding.location.start_line == 8
    assert finding.confidence is Confidence.HIGH
    kinds = [(s.line, s.kind) for s in finding.trace]
    assert kinds[0] == (8, "source") and kinds[-1] == (3, "sink")
    assert 6 in {line for line, _ in kinds}  # through the helper that builds the query


def test_receiver_methods_are_helpers_too() -> None:
    code = (
        "<?php\n"
        "class Tools {\n"
        "    public function ping(Request $request) {\n"
        "        $this->run($request->input('host'));\n"
        "        $this->run('localhost');\n"
        "        self::run(escapeshellarg($request->input('host')));\n"
        "    }\n"
        "    private function run($host) {\n"
        "        system('ping -c 1 ' . $host);\n"
        "    }\n"
        "}\n"
    )
    finding = only(code, "php-command-injection")
    assert finding.location.start_line == 4
    assert [s.kind for s in finding.trace][-1] == "sink" and finding.trace[-1].line == 9


def test_sanitizers_inline_and_through_a_variable() -> None:
    code = (
        "<?php\n"
        "$name = $_GET['name'];\n"
        "echo 'Hi ' . htmlspecialchars($name, ENT_QUOTES);\n"
        "$safe = htmlspecialchars($name);\n"
        'echo "<p>$safe</p>";\n'
        "$id = intval($_GET['id']);\n"
        "mysqli_query($c, 'SELECT * FROM t WHERE id = ' . $id);\n"
        "$arg = escapeshellarg($_GET['dir']);\n"
        'system("ls $arg");\n'
        'echo "<p>$name</p>";\n'
    )
    assert {(f.rule_id, f.location.start_line) for f in scan(code)} == {("php-xss-echo", 10)}


def test_guards_allow_lists_anchored_checks_and_early_exits() -> None:
    code = (
        "<?php\n"
        "function a() {\n"
        "    $mode = $_GET['mode'];\n"
        "    if (in_array($mode, ['fast', 'slow'], true)) {\n"
        "        system('run --' . $mode);\n"
        "    }\n"
        "    system('run --' . $mode);\n"
        "}\n"
        "function b() {\n"
        "    $id = $_GET['id'];\n"
        "    if (!ctype_digit($id)) {\n"
        "        exit('bad id');\n"
        "    }\n"
        "    system('show ' . $id);\n"
        "}\n"
        "function c() {\n"
        "    $tag = $_GET['tag'];\n"
        "    if (preg_match('/^[a-z0-9]+$/', $tag)) {\n"
        "        system('tag ' . $tag);\n"
        "    }\n"
        "    if (preg_match('/[a-z]+/', $tag)) {\n"
        "        system('tag ' . $tag);\n"
        "    }\n"
        "}\n"
        "function d() {\n"
        "    if (false) {\n"
        "        system($_GET['x']);\n"
        "    }\n"
        "}\n"
    )
    assert rule_lines(code, "php-command-injection") == [7, 22]


def test_dangerous_by_construction_without_a_visible_source_is_medium() -> None:
    code = (
        "<?php\n"
        "function run($cmd) {\n"
        "    return shell_exec('tool ' . $cmd);\n"
        "}\n"
        "function load($blob) {\n"
        "    return eval($blob);\n"
        "}\n"
        "function fixed() {\n"
        "    return shell_exec('tool --version');\n"
        "}\n"
    )
    found = {(f.rule_id, f.location.start_line): f.confidence for f in scan(code)}
    assert found == {
        ("php-command-injection", 3): Confidence.MEDIUM,
        ("php-code-injection", 6): Confidence.MEDIUM,
    }
    assert only(code, "php-command-injection").trace == ()


def test_framework_sources_and_facades() -> None:
    code = (
        "<?php\n"
        "use Illuminate\\Support\\Facades\\DB;\n"
        "use Symfony\\Component\\HttpFoundation\\Request;\n"
        "class C {\n"
        "    public function laravel(Request $request) {\n"
        "        DB::select('SELECT * FROM t WHERE a = ' . $request->query('a'));\n"
        "        DB::select('SELECT * FROM t WHERE a = ?', [$request->query('a')]);\n"
        "        $rows = DB::table('t')->whereRaw(\"a = '\" . request('a') . \"'\")->get();\n"
        "    }\n"
        "    public function symfony(Request $req) {\n"
        "        $name = $req->query->get('name');\n"
        "        return new Response('<h1>' . $name . '</h1>');\n"
        "    }\n"
        "    public function psr($request) {\n"
        "        $params = $request->getQueryParams();\n"
        "        echo $params['q'];\n"
        "    }\n"
        "}\n"
    )
    found = {(f.rule_id, f.location.start_line, f.confidence) for f in scan(code)}
    assert ("php-sql-injection", 6, Confidence.HIGH) in found
    assert ("php-sql-injection", 8, Confidence.HIGH) in found
    assert ("php-xss-echo", 16, Confidence.HIGH) in found
    assert ("php-xss-echo", 12, Confidence.HIGH) in found  # a Response built around request data
    assert not any(line == 7 for _, line, _ in found)


def test_redirect_headers_and_server_entries() -> None:
    code = (
        "<?php\n"
        "header('Location: ' . $_GET['next']);\n"
        "header('Location: /' . ltrim($_GET['next'], '/\\\\'));\n"
        "header('Location: https://example.com/' . $_GET['next']);\n"
        "header('X-Request-Id: ' . $_GET['id']);\n"
        "header('Location: ' . $_SERVER['HTTP_REFERER']);\n"
        "$base = 'https://' . $_SERVER['HTTP_HOST'];\n"
        "header('Location: ' . $base . '/login');\n"
    )
    assert rule_lines(code, "php-open-redirect") == [2, 6]


def test_prepared_statements_and_constant_properties_are_silent() -> None:
    code = (
        "<?php\n"
        "class Repo {\n"
        "    private $table = 'items';\n"
        "    public function find(PDO $pdo) {\n"
        "        $stmt = $pdo->prepare('SELECT * FROM ' . $this->table . ' WHERE id = ?');\n"
        "        $stmt->execute([$_GET['id']]);\n"
        "        return $stmt->fetchAll();\n"
        "    }\n"
        "    public function raw(PDO $pdo) {\n"
        "        return $pdo->query('SELECT * FROM t WHERE id = ' . $_GET['id']);\n"
        "    }\n"
        "}\n"
    )
    assert rule_lines(code, "php-sql-injection") == [10]


def test_unserialize_and_include_with_trailing_options_and_basename() -> None:
    code = (
        "<?php\n"
        "include 'pages/' . basename($_GET['page']) . '.php';\n"
        "include 'pages/' . $_GET['page'] . '.php';\n"
        "$pages = ['home' => 'home.php', 'about' => 'about.php'];\n"
        "include __DIR__ . '/pages/' . $pages[$_GET['page']];\n"
    )
    assert rule_lines(code, "php-file-inclusion") == [3]


def test_subject_last_replacers_and_the_e_modifier() -> None:
    code = (
        "<?php\n"
        "error_log('user ' . str_replace([\"\\r\", \"\\n\"], ' ', $_POST['user']));\n"
        "error_log('user ' . strtoupper($_POST['user']));\n"
        "echo str_replace('a', 'b', $_GET['q']);\n"
        "$out = preg_replace('/(\\w+)/e', $_GET['code'], 'text');\n"
        "$out = preg_replace('/(\\w+)/', $_GET['code'], 'text');\n"
    )
    found = {(f.rule_id, f.location.start_line) for f in scan(code)}
    assert ("php-log-injection", 2) not in found
    assert {("php-log-injection", 3), ("php-xss-echo", 4), ("php-code-injection", 5)} <= found
    assert ("php-code-injection", 6) not in found


def test_upload_entries_and_local_file_paths() -> None:
    code = (
        "<?php\n"
        "$body = file_get_contents($_FILES['doc']['tmp_name']);\n"
        "echo 'Uploaded ' . $_FILES['doc']['name'];\n"
        "$skin = $_GET['skin'];\n"
        "$meta = file_get_contents(__DIR__ . '/skins/' . $skin . '/meta.json');\n"
        "$page = file_get_contents($_GET['url']);\n"
        "$table = ['a' => 'a.json', 'b' => 'b.json'];\n"
        "if (isset($table[$skin])) {\n"
        "    include $skin . '.php';\n"
        "}\n"
        "include $skin . '.php';\n"
    )
    found = {(f.rule_id, f.location.start_line) for f in scan(code)}
    assert {r for r in found if r[0] in ("php-ssrf", "php-xss-echo", "php-file-inclusion")} == {
        ("php-xss-echo", 3),
        ("php-ssrf", 6),
        ("php-file-inclusion", 11),
    }


def test_sprintf_builds_text_from_its_values() -> None:
    code = (
        "<?php\n"
        "function a($pdo, $p) { return $pdo->query(sprintf(\"SELECT * FROM t WHERE a = '%s'\", $p)); }\n"
        "function b($pdo) { return $pdo->query(sprintf('SELECT * FROM t WHERE a = %d', 3)); }\n"
        "header(sprintf('Location: %s', $_GET['u']));\n"
        "header(sprintf('Location: /home/%s', $_GET['u']));\n"
    )
    found = {(f.rule_id, f.location.start_line, f.confidence) for f in scan(code)}
    assert found == {
        ("php-sql-injection", 2, Confidence.MEDIUM),
        ("php-open-redirect", 4, Confidence.HIGH),
    }


def test_request_bags_and_typed_getters() -> None:
    code = (
        "<?php\n"
        "use Illuminate\\Http\\Request;\n"
        "class C {\n"
        "    public function a(Request $request) {\n"
        "        DB::select('SELECT * FROM u WHERE email = ' . $request->request->all()['email']);\n"
        "        DB::select('SELECT * FROM u WHERE id = ' . $request->query->getInt('id'));\n"
        "        DB::select('SELECT * FROM u WHERE id = ' . $request->integer('id'));\n"
        "        DB::select('SELECT * FROM u WHERE n = ' . $request->query->get('n'));\n"
        "        echo $request->server->get('DOCUMENT_ROOT');\n"
        "        echo $request->withAttribute('a', 1)->getAttribute('a');\n"
        "    }\n"
        "}\n"
    )
    found = {(f.rule_id, f.location.start_line, f.confidence) for f in scan(code)}
    assert found == {
        ("php-sql-injection", 5, Confidence.HIGH),
        ("php-sql-injection", 8, Confidence.HIGH),
    }


def test_match_arms_are_the_value_and_constant_arms_an_allow_list() -> None:
    code = (
        "<?php\n"
        "$col = match ($_GET['sort']) { 'name' => 'name', 'date' => 'created_at', default => 'id' };\n"
        'mysqli_query($db, "SELECT * FROM t ORDER BY $col");\n'
        "$asked = $_GET['dir'];\n"
        "$dir = match ($asked) { 'asc', 'desc' => $asked, default => 'asc' };\n"
        'mysqli_query($db, "SELECT * FROM t ORDER BY id $dir");\n'
        "$raw = match (true) { isset($_GET['q']) => $_GET['q'], default => '' };\n"
        "mysqli_query($db, \"SELECT * FROM t WHERE a = '$raw'\");\n"
    )
    assert rule_lines(code, "php-sql-injection") == [8]


def test_a_check_of_a_request_entry_holds_where_it_is_read_again() -> None:
    code = (
        "<?php\n"
        "if (in_array($_GET['x'], ['a', 'b'], true)) { system('run ' . $_GET['x']); }\n"
        "if (ctype_digit($_SERVER['HTTP_X_ID'])) { system('run ' . $_SERVER['HTTP_X_ID']); }\n"
        "if (ctype_digit($_GET['y'])) { system('run ' . $_GET['x']); }\n"
    )
    assert rule_lines(code, "php-command-injection") == [4]


def test_a_check_refining_an_attribute_in_one_branch_leaves_the_other_unrefined() -> None:
    """The core change behind the PHP case above, seen from JavaScript: the refined attribute
    path must not leak out of the branch that checked it."""
    code = (
        'const { exec } = require("child_process");\n'
        "app.get('/r', (req, res) => {\n"
        "  if (['a', 'b'].includes(req.query.mode)) {\n"
        "    exec('run ' + req.query.mode);\n"
        "  }\n"
        "  exec('run ' + req.query.mode);\n"
        "});\n"
    )
    lines = sorted(
        f.location.start_line
        for f in scan_text(code, "javascript").findings
        if f.rule_id == "js-command-injection"
    )
    assert lines == [6]


def test_filters_named_by_their_constant() -> None:
    code = (
        "<?php\n"
        "$id = filter_input(INPUT_GET, 'id', FILTER_VALIDATE_INT);\n"
        "mysqli_query($db, 'SELECT * FROM t WHERE id = ' . $id);\n"
        "$q = filter_input(INPUT_GET, 'q');\n"
        "mysqli_query($db, \"SELECT * FROM t WHERE q = '$q'\");\n"
        "$n = filter_var($_GET['n'], FILTER_VALIDATE_INT);\n"
        "echo 'Page ' . $n;\n"
        "$email = $_POST['email'];\n"
        "if (filter_var($email, FILTER_VALIDATE_EMAIL)) {\n"
        "    mail('a@example.com', 'Hi', 'Body', 'Reply-To: ' . $email);\n"
        "}\n"
        "mail('a@example.com', 'Hi', 'Body', 'Reply-To: ' . $email);\n"
    )
    found = {(f.rule_id, f.location.start_line) for f in scan(code)}
    assert found == {("php-sql-injection", 5), ("php-mail-header-injection", 12)}
