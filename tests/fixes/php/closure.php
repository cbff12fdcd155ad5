<?php

// The query result is tested in a condition, so there is no statement to add execute() after.
function first_user(PDO $pdo, string $name)
{
    if ($stmt = $pdo->query("SELECT id FROM users WHERE name = '$name'")) {
        return $stmt->fetch();
    }
    return null;
}
