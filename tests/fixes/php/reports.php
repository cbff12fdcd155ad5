<?php

function report()
{
    readfile('/srv/reports/' . $_GET['name'] . '.pdf');
}
