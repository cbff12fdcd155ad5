<?php

// A column name cannot be a bound value, so the ORDER BY stays guidance.
function sorted(PDO $pdo, string $column)
{
    $stmt = $pdo->query("SELECT id, name FROM users ORDER BY $column");
    return $stmt->fetchAll();
}
