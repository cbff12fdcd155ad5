package com.example.taint;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.script.ScriptEngine;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import org.springframework.web.client.RestTemplate;

// Guards, sanitizers through variables, dead branches and constants, beside the flows they stop.
@Path("/lookup")
public class LookupResource {
    private static final boolean DEBUG = false;
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private final RestTemplate rest = new RestTemplate();

    @GET
    public String lookup(@QueryParam("uid") String uid, @QueryParam("url") String url, DirContext ctx, SearchControls controls) throws Exception {
        ctx.search(PEOPLE, "(uid=" + uid + ")", controls); // expect: java-ldap-injection
        ctx.search(PEOPLE, "(uid={0})", new Object[] {uid}, controls); // ok: java-ldap-injection
        if (uid.matches("[a-z0-9]+")) {
            ctx.search(PEOPLE, "(uid=" + uid + ")", controls); // ok: java-ldap-injection
        }
        String page = rest.getForObject(url, String.class); // expect: java-ssrf
        String encoded = URLEncoder.encode(url, StandardCharsets.UTF_8);
        String item = rest.getForObject("https://api.example.com/items/" + encoded, String.class); // ok: java-ssrf
        new URL("https://api.example.com/v1/" + url).openStream(); // ok: java-ssrf
        new URL(url).openStream(); // expect: java-ssrf
        return page + item;
    }

    public void headers(HttpServletRequest request, HttpServletResponse response) {
        String lang = request.getHeader("Accept-Language");
        response.setHeader("Content-Language", lang); // expect: java-header-injection
        String clean = lang.replaceAll("[^a-zA-Z,-]", "");
        response.setHeader("Content-Language", clean); // ok: java-header-injection
        response.setHeader("Location", lang); // ok: java-header-injection // expect: java-open-redirect
        String mode = "plain";
        if (DEBUG) {
            mode = lang;
        }
        response.setHeader("X-Mode", mode); // ok: java-header-injection
        if ("en".equals(lang)) {
            response.setHeader("Content-Language", lang); // ok: java-header-injection
        }
    }

    public Object scripts(HttpServletRequest request, ScriptEngine engine, String stored) throws Exception {
        String formula = request.getParameter("formula");
        engine.eval("result = " + formula); // expect: java-code-injection
        engine.eval(stored); // expect: java-code-injection
        String fixed = "1 + 2";
        return engine.eval(fixed); // ok: java-code-injection
    }
}
