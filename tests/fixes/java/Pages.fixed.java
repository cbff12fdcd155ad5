package com.example.shop.web;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Paths;
import org.owasp.encoder.Encode;

public class Pages extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(Pages.class);
    private static final File DOCS = new File("/srv/shop/docs");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String query = request.getParameter("q");
        log.info("search for {} from {}", String.valueOf(query).replaceAll("[\\r\\n]", "_"), request.getRemoteAddr());
        response.setHeader("X-Search-Term", "term=" + String.valueOf(query).replaceAll("[\\r\\n]", ""));
        PrintWriter out = response.getWriter();
        out.println("<h1>Results for " + Encode.forHtml(query) + "</h1>");
    }

    File document(HttpServletRequest request) {
        String name = request.getParameter("doc");
        return new File(DOCS, Paths.get(name).getFileName().toString());
    }
}
