package com.example.shop.legacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

// Spots where a mechanical rewrite would not compile or would change behaviour: guidance only.
public class Unfixable {
    // Two connections with literal passwords: both cannot read one DB_PASSWORD.
    Connection primary(String url) throws SQLException {
        return DriverManager.getConnection(url, "app", "Prim4ry-db-pass");
    }

    Connection replica(String url) throws SQLException {
        return DriverManager.getConnection(url, "reader", "R3plica-db-pass");
    }

    // The reader is not a String: encoding it would not compile.
    void echo(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BufferedReader body = request.getReader();
        response.getWriter().println(body.readLine());
    }

    // The header value may be null and is the whole value.
    void forward(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Forwarded-User", request.getHeader("X-User"));
    }

    // The target is joined with other text: only the whole URL can be checked.
    void bounce(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getParameter("host") + "/welcome");
    }
}
