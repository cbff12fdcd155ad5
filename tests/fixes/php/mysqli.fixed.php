<?php

function search(mysqli $conn, string $term)
{
    return mysqli_execute_query($conn, "SELECT id, title FROM posts WHERE title LIKE ?", ['%' . $term . '%']);
}

function count_for(mysqli $mysqli, int $author)
{
    return $mysqli->query("SELECT COUNT(*) FROM posts WHERE author = {$author}");
}
