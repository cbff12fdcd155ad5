package com.example.taint;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

// Request data reaching sinks through helpers of the same class, and the same helpers made safe.
@RestController
public class ReportController {
    private static final Logger LOG = LoggerFactory.getLogger(ReportController.class);
    private static final String TABLE = "reports";
    private static final Path BASE = Paths.get("/srv/reports");
    private static final Set<String> SORTS = Set.of("name", "created");
    private final Connection conn;

    public ReportController(Connection conn) {
        this.conn = conn;
    }

    private void runQuery(String sql) throws Exception {
        Statement st = conn.createStatement();
        st.executeQuery(sql); // ok: java-sql-injection
    }

    private void byOwner(String owner) throws Exception {
        runQuery("SELECT * FROM " + TABLE + " WHERE owner = '" + owner + "'");
    }

    private InputStream openReport(String name) throws Exception {
        return new FileInputStream(new File("/srv/reports/" + name)); // ok: java-path-traversal
    }

    private void audit(String what) {
        LOG.info("report access: " + what); // ok: java-log-injection
    }

    @GetMapping("/reports")
    public String list(@RequestParam String owner, @RequestParam String sort) throws Exception {
        byOwner(owner); // expect: java-sql-injection
        this.byOwner(owner.trim()); // expect: java-sql-injection
        byOwner("admin"); // ok: java-sql-injection
        runQuery("SELECT * FROM " + TABLE); // ok: java-sql-injection
        // an allow-list check on a constant set
        if (SORTS.contains(sort)) {
            runQuery("SELECT * FROM " + TABLE + " ORDER BY " + sort); // ok: java-sql-injection
        }
        runQuery("SELECT * FROM " + TABLE + " ORDER BY " + sort); // expect: java-sql-injection
        audit(owner); // expect: java-log-injection
        audit(owner.replaceAll("[\\r\\n]", "_")); // ok: java-log-injection
        return "done";
    }

    @GetMapping("/reports/{id}")
    public String byId(@PathVariable long id, @PathVariable String name) throws Exception {
        // a typed number carries no text
        runQuery("SELECT * FROM " + TABLE + " WHERE id = " + id); // ok: java-sql-injection
        openReport(name); // expect: java-path-traversal
        openReport(FilenameUtils.getName(name)); // ok: java-path-traversal
        String bare = Paths.get(name).getFileName().toString();
        openReport(bare); // ok: java-path-traversal
        return "ok";
    }

    public void servlet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String owner = request.getParameter("owner");
        StringBuilder sql = new StringBuilder("SELECT * FROM reports WHERE owner = '");
        sql.append(owner).append("'");
        conn.createStatement().executeQuery(sql.toString()); // expect: java-sql-injection
        PreparedStatement ps = conn.prepareStatement("SELECT * FROM reports WHERE owner = ?"); // ok: java-sql-injection
        ps.setString(1, owner);
        ps.executeQuery(); // ok: java-sql-injection
        int page = Integer.parseInt(request.getParameter("page"));
        conn.createStatement().executeQuery("SELECT * FROM reports LIMIT 10 OFFSET " + page * 10); // ok: java-sql-injection
        Path file = BASE.resolve(request.getParameter("file")).normalize();
        if (!file.startsWith(BASE)) {
            throw new SecurityException("outside the reports folder");
        }
        Files.readAllBytes(file); // ok: java-path-traversal
        Files.readAllBytes(BASE.resolve(request.getParameter("other"))); // expect: java-path-traversal
    }
}
