<?php

// The value already sits inside quotes in the command text, so escaping it there would change it.
function matches()
{
    $term = $_GET['term'];
    return `grep '$term' /var/log/app.log`;
}
