<?php

function page()
{
    include __DIR__ . '/pages/' . basename($_GET['page']) . '.php';
}
