package com.example.corpus;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

public class LocalRedirects {
    void afterLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        // Leading slashes, backslashes and blanks stripped from one operand, one `/` put back.
        response.sendRedirect("/" + next.replaceFirst("^[/\\\\\\s]+", "")); // ok: java-open-redirect
        response.sendRedirect("/" + request.getParameter("back").replaceFirst("^[/\\\\\\s]+", "")); // ok: java-open-redirect
        // Only slashes stripped: `/\evil.example` still leaves the site.
        response.sendRedirect("/" + next.replaceFirst("^/+", "")); // expect: java-open-redirect
        // A second operand that is not stripped can start with `//`.
        String host = request.getParameter("host");
        response.sendRedirect("/" + host + next.replaceFirst("^[/\\\\\\s]+", "")); // expect: java-open-redirect
        // Stripped but without the leading `/`: `https://evil.example` stays absolute.
        response.sendRedirect(next.replaceFirst("^[/\\\\\\s]+", "")); // expect: java-open-redirect
    }

    @GetMapping("/continue")
    String resume(@RequestParam String to) {
        return "redirect:/" + to.replaceFirst("^[/\\\\\\s]+", ""); // ok: java-open-redirect
    }
}
