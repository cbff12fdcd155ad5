<?php

declare(strict_types=1);

if (!function_exists('xpath_quote')) {
    /** $value as an XPath string literal that matches it exactly, whatever quotes it holds. */
    function xpath_quote($value): string
    {
        $value = (string) $value;
        if (strpos($value, "'") === false) {
            return "'" . $value . "'";
        }
        if (strpos($value, '"') === false) {
            return '"' . $value . '"';
        }
        return "concat('" . str_replace("'", "', \"'\", '", $value) . "')";
    }
}

function find_user(DOMXPath $xpath, SimpleXMLElement $sx)
{
    $nodes = $xpath->query("//user[name=" . xpath_quote($_GET['name']) . "]");
    $items = $sx->xpath('//item[@sku=' . xpath_quote($_POST['sku']) . ']');
    $expr = "//user[email=" . xpath_quote($_GET['email']) . "]/name";
    $email = $xpath->evaluate($expr);
    return [$nodes, $items, $email];
}
