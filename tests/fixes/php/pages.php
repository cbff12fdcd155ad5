<?php

function page()
{
    include __DIR__ . '/pages/' . $_GET['page'] . '.php';
}
