<?php

declare(strict_types=1);

function find_user(DOMXPath $xpath, SimpleXMLElement $sx)
{
    $nodes = $xpath->query("//user[name='" . $_GET['name'] . "']");
    $items = $sx->xpath('//item[@sku="' . $_POST['sku'] . '"]');
    $expr = "//user[email='{$_GET['email']}']/name";
    $email = $xpath->evaluate($expr);
    return [$nodes, $items, $email];
}
