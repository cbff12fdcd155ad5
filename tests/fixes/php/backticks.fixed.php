<?php

function listing()
{
    $dir = $_GET['dir'];
    return shell_exec('ls -l ' . escapeshellarg($dir));
}
