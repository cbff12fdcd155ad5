<?php

function find_user(PDO $pdo, string $name)
{
    $stmt = $pdo->prepare("SELECT id, name FROM users WHERE name = ? AND active = 1");
    $stmt->execute([$name]);
    return $stmt->fetch();
}

function orders(PDO $pdo, int $customer, string $status)
{
    $sql = 'SELECT id FROM orders WHERE customer = ? AND status = ?';
    $rows = $pdo->prepare($sql);
    $rows->execute([$customer, $status]);
    return $rows->fetchAll();
}
