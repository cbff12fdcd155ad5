package com.example.repo

import java.beans.XMLDecoder
import java.io.InputStream
import java.io.ObjectInputFilter
import java.io.ObjectInputStream
import java.sql.Connection
import javax.xml.XMLConstants
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.parsers.SAXParserFactory
import javax.xml.stream.XMLInputFactory
import org.springframework.jdbc.core.JdbcTemplate

class UserRepository(private val jdbc: JdbcTemplate) {
    companion object {
        const val TABLE = "users"
        private val SHARED_FACTORY = DocumentBuilderFactory.newInstance() // ok: kt-xxe

        init {
            SHARED_FACTORY.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
        }
    }

    fun byName(conn: Connection, name: String) {
        val st = conn.createStatement()
        st.executeQuery("SELECT * FROM users WHERE name = '$name'") // expect: kt-sql-injection
        val sql = "DELETE FROM users WHERE id = " + name
        st.executeUpdate(sql) // expect: kt-sql-injection
        st.execute(String.format("UPDATE users SET seen = 1 WHERE name = '%s'", name)) // expect: kt-sql-injection
        st.executeQuery("SELECT * FROM ${TABLE} ORDER BY id") // ok: kt-sql-injection
        conn.prepareStatement("SELECT * FROM users WHERE name = ?").apply { setString(1, name) } // ok: kt-sql-injection
        val counted = "SELECT count(*) FROM $TABLE"
        st.executeQuery(counted) // ok: kt-sql-injection
        jdbc.queryForList("SELECT * FROM users WHERE role = ?", name) // ok: kt-sql-injection
        webClient.execute("https://inventory.internal/items/$name") // ok: kt-sql-injection
        jdbc.update("DELETE FROM sessions WHERE owner = '${name.trim()}'") // expect: kt-sql-injection
        var filtered = "SELECT * FROM users WHERE 1 = 1"
        filtered += " AND name = '$name'"
        st.executeQuery(filtered) // expect: kt-sql-injection
        var ordered = "SELECT * FROM users"
        ordered += " ORDER BY id"
        st.executeQuery(ordered) // ok: kt-sql-injection
        val message = "hello $name"
        println(message) // ok: kt-sql-injection
    }

    fun tools(host: String, dir: String) {
        Runtime.getRuntime().exec("ping -c 1 $host") // expect: kt-command-injection
        val line = "tar czf /tmp/out.tgz " + dir
        Runtime.getRuntime().exec(line) // expect: kt-command-injection
        Runtime.getRuntime().exec("du -sh %s".format(dir)) // expect: kt-command-injection
        Runtime.getRuntime().exec("uptime") // ok: kt-command-injection
        val fixedTool = "df -h"
        Runtime.getRuntime().exec(fixedTool) // ok: kt-command-injection
        Runtime.getRuntime().exec("echo ${TABLE}") // ok: kt-command-injection
        Runtime.getRuntime().exec(arrayOf("ping", "-c", "1", host)) // ok: kt-command-injection, kt-shell-command
        ProcessBuilder("ls", "-la", dir).start() // ok: kt-shell-command
        ProcessBuilder("sh", "-c", "ls $dir").start() // expect: kt-shell-command
        ProcessBuilder(listOf("/bin/bash", "-c", host)).start() // expect: kt-shell-command
        Runtime.getRuntime().exec(arrayOf("sh", "-c", "ping " + host)) // expect: kt-shell-command
        ProcessBuilder("sh", "-c", "ls -la /tmp").start() // ok: kt-shell-command
        ProcessBuilder("bash", "-c", "echo ${TABLE}").start() // ok: kt-shell-command
    }

    fun parse(input: InputStream) = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(input) // expect: kt-xxe

    fun parseHardened(input: InputStream) {
        val dbf = DocumentBuilderFactory.newInstance() // ok: kt-xxe
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
        dbf.newDocumentBuilder().parse(input)
    }

    fun parseApply(input: InputStream) {
        val dbf = DocumentBuilderFactory.newInstance().apply { // ok: kt-xxe
            setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true)
        }
        dbf.newDocumentBuilder().parse(input)
    }

    fun sax() {
        val spf = SAXParserFactory.newInstance() // expect: kt-xxe
        spf.newSAXParser()
    }

    fun stax(input: InputStream) {
        val xif = XMLInputFactory.newFactory() // expect: kt-xxe
        xif.createXMLStreamReader(input)
    }

    fun staxHardened(input: InputStream) {
        val xif = XMLInputFactory.newInstance() // ok: kt-xxe
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false)
        xif.createXMLStreamReader(input)
    }

    fun readLegacy(input: InputStream): Any = ObjectInputStream(input).readObject() // expect: kt-unsafe-deserialization

    fun readBean(input: InputStream): Any = XMLDecoder(input).readObject() // expect: kt-unsafe-deserialization

    fun readBytes(data: ByteArray): Any {
        val ois = ObjectInputStream(data.inputStream()) // expect: kt-unsafe-deserialization
        return ois.readObject()
    }

    fun readFiltered(input: InputStream): Any {
        val ois = ObjectInputStream(input) // ok: kt-unsafe-deserialization
        ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.dto.*;!*"))
        return ois.readObject()
    }

    fun readFilteredProperty(input: InputStream): Any {
        val ois = ObjectInputStream(input) // ok: kt-unsafe-deserialization
        ois.objectInputFilter = ObjectInputFilter.Config.createFilter("com.example.dto.*;!*")
        return ois.readObject()
    }

    fun readChecked(input: InputStream): Any = AllowlistObjectInputStream(input, setOf("com.example.dto.Order")).readObject() // ok: kt-unsafe-deserialization
}
