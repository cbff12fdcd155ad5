package com.example.repo;

import java.beans.XMLDecoder;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;

public class UserRepository {
    private static final String TABLE = "users";
    private static final String ORDER = " ORDER BY id";
    private final JdbcTemplate jdbcTemplate;
    private final EntityManager em;

    public UserRepository(JdbcTemplate jdbcTemplate, EntityManager em) {
        this.jdbcTemplate = jdbcTemplate;
        this.em = em;
    }

    public ResultSet byName(Connection conn, String name) throws Exception {
        Statement st = conn.createStatement();
        st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'"); // expect: java-sql-injection
        String sql = "DELETE FROM users WHERE id = " + name;
        st.executeUpdate(sql); // expect: java-sql-injection
        st.execute(String.format("UPDATE users SET seen = 1 WHERE name = '%s'", name)); // expect: java-sql-injection
        return st.executeQuery("SELECT * FROM " + TABLE + ORDER); // ok: java-sql-injection
    }

    public ResultSet safeByName(Connection conn, String name) throws Exception {
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?"); // ok: java-sql-injection
        ps.setString(1, name);
        String counted = "SELECT count(*) FROM " + TABLE;
        conn.createStatement().executeQuery(counted); // ok: java-sql-injection
        conn.prepareStatement("SELECT * FROM users WHERE id = " + name); // expect: java-sql-injection
        String filtered = "SELECT * FROM users WHERE 1 = 1";
        filtered += " AND name = '" + name + "'";
        conn.createStatement().executeQuery(filtered); // expect: java-sql-injection
        String ordered = "SELECT * FROM users";
        ordered += ORDER;
        conn.createStatement().executeQuery(ordered); // ok: java-sql-injection
        return ps.executeQuery(); // ok: java-sql-injection
    }

    public List<?> jpa(String role) {
        em.createQuery("select u from User u where u.role = :role").setParameter("role", role); // ok: java-sql-injection
        jdbcTemplate.queryForList("SELECT * FROM users WHERE role = ?", role); // ok: java-sql-injection
        jdbcTemplate.update("DELETE FROM sessions WHERE user_role = '" + role + "'"); // expect: java-sql-injection
        return em.createQuery("select u from User u where u.role = '" + role + "'").getResultList(); // expect: java-sql-injection
    }

    public void runTools(String host, String dir) throws Exception {
        Runtime.getRuntime().exec("ping -c 1 " + host); // expect: java-command-injection
        String line = String.format("tar czf /tmp/out.tgz %s", dir);
        Runtime rt = Runtime.getRuntime();
        rt.exec(line); // expect: java-command-injection
        Runtime.getRuntime().exec("uptime"); // ok: java-command-injection
        String fixedTool = "df -h";
        Runtime.getRuntime().exec(fixedTool); // ok: java-command-injection
        logger.exec("ping -c 1 " + host); // ok: java-command-injection
        Runtime.getRuntime().exec(new String[] {"ping", "-c", "1", host}); // ok: java-command-injection, java-shell-command
        Runtime.getRuntime().exec("du -sh " + dir, null); // expect: java-command-injection
        new ProcessBuilder("ls", "-la", dir).start(); // ok: java-shell-command
        new ProcessBuilder("sh", "-c", "ls " + dir).start(); // expect: java-shell-command
        new ProcessBuilder("/bin/bash", "-c", host).start(); // expect: java-shell-command
        Runtime.getRuntime().exec(new String[] {"sh", "-c", "ping " + host}); // expect: java-shell-command
        new ProcessBuilder("sh", "-c", "ls -la /tmp").start(); // ok: java-shell-command
        ProcessBuilder pb = new ProcessBuilder();
        pb.command("cmd.exe", "/c", dir); // expect: java-shell-command
        new ProcessBuilder(List.of("bash", "-c", "date")).start(); // ok: java-shell-command
        executor.execute(() -> System.out.println(host)); // ok: java-sql-injection
        restTemplate.execute("https://inventory.internal/items/" + dir, HttpMethod.GET, null, null); // ok: java-sql-injection
    }

    public Object readLegacy(InputStream in) throws Exception {
        ObjectInputStream ois = new ObjectInputStream(in); // expect: java-unsafe-deserialization
        return ois.readObject();
    }

    public Object readFiltered(InputStream in) throws Exception {
        ObjectInputStream ois = new ObjectInputStream(in); // ok: java-unsafe-deserialization
        ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.dto.*;!*"));
        return ois.readObject();
    }

    public Object readBean(InputStream in) {
        XMLDecoder decoder = new XMLDecoder(in); // expect: java-unsafe-deserialization
        return decoder.readObject();
    }

    public Object readChecked(InputStream in) throws Exception {
        // A subclass that overrides resolveClass with an allowlist.
        AllowlistObjectInputStream ois = new AllowlistObjectInputStream(in, List.of("com.example.dto.Order")); // ok: java-unsafe-deserialization
        return ois.readObject();
    }

    public Object readWithGlobalFilter(InputStream in) throws Exception {
        ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter("com.example.*;!*"));
        return new ObjectInputStream(in).readObject(); // ok: java-unsafe-deserialization
    }

    public Object readRaw(byte[] data) throws Exception {
        return new ObjectInputStream(new java.io.ByteArrayInputStream(data)).readObject(); // expect: java-unsafe-deserialization
    }
}
