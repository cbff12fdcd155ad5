<?php
// A Laravel-style config/app.php: the returned array is the application's settings.
return [
    'name' => env('APP_NAME', 'Shop'),
    'debug' => true, // expect: php-debug-enabled
    'env' => env('APP_ENV', 'production'), // ok: php-debug-enabled
];
