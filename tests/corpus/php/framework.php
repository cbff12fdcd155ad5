<?php

ini_set('display_errors', 1); // expect: php-debug-enabled
ini_set('display_errors', 'On'); // expect: php-debug-enabled
define('WP_DEBUG_DISPLAY', true); // expect: php-debug-enabled
ini_set('display_errors', '0'); // ok: php-debug-enabled
ini_set('log_errors', '1'); // ok: php-debug-enabled
define('WP_DEBUG_DISPLAY', false); // ok: php-debug-enabled
define('WP_DEBUG_LOG', true); // ok: php-debug-enabled

$app = [
    'name' => 'Shop',
    'debug' => true, // expect: php-debug-enabled
    'url' => 'https://shop.example.com',
];
$app2 = [
    'debug' => env('APP_DEBUG', true), // expect: php-debug-enabled
];
$client = new GuzzleHttp\Client(['base_uri' => 'https://api.example.com', 'debug' => true]); // ok: php-debug-enabled
$app3 = [
    'debug' => (bool) env('APP_DEBUG', false), // ok: php-debug-enabled
    'log_debug' => true, // ok: php-debug-enabled
];

class VerifyCsrfToken extends Middleware
{
    protected $except = ['*']; // expect: php-csrf-disabled
}

class WebhookCsrf extends Middleware
{
    protected $except = ['stripe/webhook', 'github/*']; // ok: php-csrf-disabled
}

function bootstrap($middleware)
{
    $middleware->validateCsrfTokens(except: ['*']); // expect: php-csrf-disabled
    $middleware->validateCsrfTokens(except: ['stripe/*']); // ok: php-csrf-disabled
}

class CommentType
{
    public function configureOptions($resolver)
    {
        $resolver->setDefaults(['csrf_protection' => false]); // expect: php-csrf-disabled
        $resolver->setDefaults(['csrf_protection' => true, 'csrf_field_name' => '_token']); // ok: php-csrf-disabled
    }
}

class User extends Model
{
    protected $guarded = []; // expect: php-mass-assignment
}

class Post extends Model
{
    protected $guarded = ['id', 'author_id']; // ok: php-mass-assignment
    protected $fillable = []; // ok: php-mass-assignment
}

function save_user($request, $user)
{
    $new = User::create($request->all()); // expect: php-mass-assignment
    $user->fill($request->all())->save(); // expect: php-mass-assignment
    $user->update(Request::all()); // expect: php-mass-assignment
    $ok = User::create($request->validated()); // ok: php-mass-assignment
    $user->update($request->only(['name', 'email'])); // ok: php-mass-assignment
    $user->update(['name' => $request->input('name')]); // ok: php-mass-assignment
    $count = count($request->all()); // ok: php-mass-assignment
    $v = Validator::make($request->all(), ['name' => 'required']); // ok: php-mass-assignment
    $resp = new JsonResponse($request->all()); // ok: php-mass-assignment
    return [$new, $ok, $count];
}

function upload($request)
{
    $dir = __DIR__ . '/uploads/';
    move_uploaded_file($_FILES['doc']['tmp_name'], $dir . $_FILES['doc']['name']); // expect: php-upload-client-filename
    $name = $_FILES['avatar']['name'];
    move_uploaded_file($_FILES['avatar']['tmp_name'], "uploads/$name"); // expect: php-upload-client-filename
    $file = $request->file('photo');
    $file->move(public_path('photos'), $file->getClientOriginalName()); // expect: php-upload-client-filename
    $path = $file->storeAs('photos', $file->getClientOriginalName()); // expect: php-upload-client-filename

    $ext = strtolower(pathinfo($_FILES['doc']['name'], PATHINFO_EXTENSION));
    $stored = bin2hex(random_bytes(16)) . (in_array($ext, ['pdf', 'png'], true) ? ".$ext" : '.bin');
    move_uploaded_file($_FILES['doc']['tmp_name'], $dir . $stored); // ok: php-upload-client-filename
    $auto = $file->store('photos'); // ok: php-upload-client-filename
    $hashed = $file->storeAs('photos', $file->hashName()); // ok: php-upload-client-filename
    $label = 'Uploaded ' . $_FILES['doc']['name']; // ok: php-upload-client-filename
    return [$path, $auto, $hashed, $label];
}

function temp_files($data, $user)
{
    file_put_contents('/tmp/export.csv', $data); // expect: php-insecure-temp-file
    $fh = fopen("/tmp/report-$user.txt", 'w'); // expect: php-insecure-temp-file
    file_put_contents(sys_get_temp_dir() . '/cache-' . $user, $data); // expect: php-insecure-temp-file

    $tmp = tempnam(sys_get_temp_dir(), 'exp'); // ok: php-insecure-temp-file
    file_put_contents($tmp, $data); // ok: php-insecure-temp-file
    $excl = fopen("/tmp/report-$user.txt", 'x'); // ok: php-insecure-temp-file
    $read = fopen('/tmp/report.txt', 'r'); // ok: php-insecure-temp-file
    $anon = tmpfile(); // ok: php-insecure-temp-file
    file_put_contents(__DIR__ . '/var/tmp/cache', $data); // ok: php-insecure-temp-file
    return [$fh, $excl, $read, $anon];
}
