<?php

function find_user(PDO $pdo, string $name)
{
    $stmt = $pdo->query("SELECT id, name FROM users WHERE name = '$name' AND active = 1");
    return $stmt->fetch();
}

function orders(PDO $pdo, int $customer, string $status)
{
    $sql = 'SELECT id FROM orders WHERE customer = ' . $customer . " AND status = '" . $status . "'";
    $rows = $pdo->query($sql);
    return $rows->fetchAll();
}
