<?php

function report()
{
    readfile('/srv/reports/' . basename($_GET['name']) . '.pdf');
}
