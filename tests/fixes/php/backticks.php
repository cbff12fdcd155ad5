<?php

function listing()
{
    $dir = $_GET['dir'];
    return `ls -l $dir`;
}
