package com.example.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Responses written through the project's own escaper classes, or declared as plain text or JSON. */
public class ResponseEscapers extends HttpServlet {

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        PrintWriter out = response.getWriter();
        String name = request.getParameter("name");
        out.println("<p>" + HTMLFilter.filter(name) + "</p>"); // ok: java-xss-response
        out.println("<p>" + XmlEscaper.escape(request.getParameter("q")) + "</p>"); // ok: java-xss-response
        // a filter that is not an escaper leaves the markup as it came
        out.println("<p>" + LogFilter.filter(name) + "</p>"); // expect: java-xss-response
        out.println("<p>" + name + "</p>"); // expect: java-xss-response
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        out.println(request.getHeader("Accept-Encoding")); // ok: java-xss-response
    }

    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write("{\"echo\": \"" + JSONFilter.escape(request.getParameter("v")) + "\"}"); // ok: java-xss-response
    }
}
