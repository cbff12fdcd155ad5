<?php

function import_feed($xml)
{
    libxml_disable_entity_loader(false); // expect: php-xxe
    $doc = new DOMDocument();
    $doc->loadXML($xml, LIBXML_NOENT | LIBXML_NONET); // expect: php-xxe
    $sx = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_DTDLOAD); // expect: php-xxe
    $reader = new XMLReader();
    $reader->setParserProperty(XMLReader::SUBST_ENTITIES, true); // expect: php-xxe
    $doc->substituteEntities = true; // expect: php-xxe

    $doc->loadXML($xml); // ok: php-xxe
    $safe = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NONET); // ok: php-xxe
    $reader->setParserProperty(XMLReader::SUBST_ENTITIES, false); // ok: php-xxe
    libxml_disable_entity_loader(true); // ok: php-xxe
    $doc->substituteEntities = false; // ok: php-xxe
    $doc->loadHTML($xml, LIBXML_NOERROR); // ok: php-xxe
    return [$sx, $safe];
}

function find_user(DOMDocument $doc, SimpleXMLElement $sx)
{
    $xpath = new DOMXPath($doc);
    $name = $_GET['name'];
    $nodes = $xpath->query("//user[name='$name']"); // expect: php-xpath-injection
    $expr = "//user[@id='" . $_GET['id'] . "']/email";
    $email = $xpath->evaluate($expr); // expect: php-xpath-injection
    $items = $sx->xpath('//item[@sku="' . $_POST['sku'] . '"]'); // expect: php-xpath-injection

    $byId = $xpath->query('//user[@id=' . intval($_GET['id']) . ']'); // ok: php-xpath-injection
    $all = $xpath->query('//user[@active="1"]'); // ok: php-xpath-injection
    $kind = 'admin';
    $admins = $xpath->query("//user[@role='$kind']"); // ok: php-xpath-injection
    $db->query("SELECT 1"); // ok: php-xpath-injection
    return [$nodes, $email, $items, $byId, $all, $admins];
}

function ldap_login($conn, $ldap)
{
    $user = $_POST['user'];
    $res = ldap_search($conn, 'ou=people,dc=example,dc=com', "(uid=$user)"); // expect: php-ldap-injection
    $filter = '(&(objectClass=person)(mail=' . $_GET['mail'] . '))';
    $list = ldap_list($conn, 'dc=example,dc=com', $filter); // expect: php-ldap-injection
    $q = $ldap->query()->rawFilter("(cn={$_GET['cn']})"); // expect: php-ldap-injection

    $safe = ldap_search($conn, 'ou=people,dc=example,dc=com', '(uid=' . ldap_escape($user, '', LDAP_ESCAPE_FILTER) . ')'); // ok: php-ldap-injection
    $escaped = ldap_escape($_GET['mail'], '', LDAP_ESCAPE_FILTER);
    $ok = ldap_list($conn, 'dc=example,dc=com', "(mail=$escaped)"); // ok: php-ldap-injection
    $static = ldap_search($conn, "ou=$user,dc=example,dc=com", '(objectClass=person)'); // ok: php-ldap-injection
    $all = ldap_search($conn, 'dc=example,dc=com', '(objectClass=*)'); // ok: php-ldap-injection
    return [$res, $list, $q, $safe, $ok, $static, $all];
}
