<?php

function remember(string $sid, $conn)
{
    setcookie(name: 'session', value: $sid);
    $found = ldap_search($conn, 'ou=people,dc=example,dc=com', sprintf('(uid=%s)', $_GET['uid']));
    header('Location: ' . $_GET['next'] . '#top');
    return $found;
}
