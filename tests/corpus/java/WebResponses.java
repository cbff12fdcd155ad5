package com.example.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.HtmlUtils;

public class GreetingServlet {
    private static final Logger log = LoggerFactory.getLogger(GreetingServlet.class);
    private static final Set<String> ALLOWED_TARGETS = Set.of("/home", "https://docs.example.com/");

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        response.getWriter().write("<h1>Hello " + name + "</h1>"); // expect: java-xss-response
        PrintWriter out = response.getWriter();
        out.println(request.getParameter("q")); // expect: java-xss-response
        String greeting = "<p>Welcome back, " + name + "</p>";
        out.print(greeting); // expect: java-xss-response
        response.getWriter().write("<h1>Hello " + Encode.forHtml(name) + "</h1>"); // ok: java-xss-response
        String safe = HtmlUtils.htmlEscape(name);
        out.print("<p>" + safe + "</p>"); // ok: java-xss-response
        out.println("<p>" + name.length() + " characters</p>"); // ok: java-xss-response
        String title = request.getContextPath() + "/title";
        out.println(title); // ok: java-xss-response

        log.info("greeting user " + name); // expect: java-log-injection
        log.warn("search for {}", request.getParameter("q")); // expect: java-log-injection
        log.info("greeting user {}", name.replaceAll("[\r\n]", "_")); // ok: java-log-injection
        String clean = name.replaceAll("[\r\n]", "_");
        log.info("greeting user " + clean); // ok: java-log-injection
        log.debug("name length {}", name.length()); // ok: java-log-injection
        log.error("failed login for " + greeting); // expect: java-log-injection

        String lang = request.getHeader("Accept-Language");
        response.setHeader("Content-Language", lang); // expect: java-header-injection
        response.addHeader("X-Request-Name", "n=" + name); // expect: java-header-injection
        response.setHeader("Content-Disposition", "attachment; filename=" + URLEncoder.encode(name, StandardCharsets.UTF_8)); // ok: java-header-injection
        response.setHeader("Cache-Control", "no-store"); // ok: java-header-injection
        String trimmed = lang.replaceAll("[^a-zA-Z,-]", "");
        response.setHeader("Content-Language", trimmed); // ok: java-header-injection
    }

    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        response.sendRedirect(next); // expect: java-open-redirect
        response.sendRedirect(request.getParameter("returnTo")); // expect: java-open-redirect
        response.sendRedirect("/" + next); // expect: java-open-redirect
        response.setHeader("Location", next); // expect: java-open-redirect
        response.sendRedirect("/account/" + next); // ok: java-open-redirect
        response.sendRedirect(request.getContextPath() + "/login"); // ok: java-open-redirect
        String target = request.getParameter("target");
        if (ALLOWED_TARGETS.contains(target)) {
            response.sendRedirect(target); // ok: java-open-redirect
        }
        // A servlet writer given only server-side text.
        response.getWriter().println("<p>done</p>"); // ok: java-xss-response
    }
}

@RestController
class ProfileApi {
    @GetMapping("/hello")
    public String hello(@RequestParam("name") String name) {
        return "<h1>Hello " + name + "</h1>"; // expect: java-xss-response
    }

    @GetMapping("/hello-safe")
    public String helloSafe(@RequestParam("name") String name) {
        return "<h1>Hello " + HtmlUtils.htmlEscape(name) + "</h1>"; // ok: java-xss-response
    }

    @GetMapping("/plain")
    public String plain(@RequestParam("name") String name) {
        return "Hello " + name; // ok: java-xss-response
    }
}

@Controller
class LoginController {
    @GetMapping("/after-login")
    public String afterLogin(@RequestParam("next") String next) {
        return "redirect:" + next; // expect: java-open-redirect
    }

    @GetMapping("/orders")
    public String orders(@RequestParam("id") String id) {
        return "redirect:/orders/" + id; // ok: java-open-redirect
    }

    @GetMapping("/go")
    public ModelAndView go(@RequestParam("url") String url) {
        return new ModelAndView("redirect:" + url); // expect: java-open-redirect
    }

    @GetMapping("/away")
    public RedirectView away(@RequestParam("url") String url) {
        return new RedirectView(url); // expect: java-open-redirect
    }

    @GetMapping("/view")
    @ResponseBody
    public String view(@RequestParam("name") String name) {
        return "<b>" + name + "</b>"; // expect: java-xss-response
    }

    @GetMapping("/page")
    public String page(@RequestParam("name") String name) {
        // A view name, not markup: no XSS, but a view name chosen by the request is template injection.
        return "greeting/" + name; // ok: java-xss-response // expect: java-template-injection
    }
}
