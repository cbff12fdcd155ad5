package com.example.driver;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509TrustManager;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.w3c.dom.Node;

/**
 * Runs the Java fix cases Directory, Login, Pages, Catalog, Sessions and Settings and prints what
 * it observed, one
 * "key<TAB>value" line each; the test suite compares the original's lines with the fixed code's.
 * args[0]: a self-signed certificate (PEM) that no trusted CA issued.
 */
public final class WebDriver {
    private static final Class<?>[] SERVLET = {HttpServletRequest.class, HttpServletResponse.class};

    private WebDriver() {}

    private static void out(String key, Object value) {
        String text = String.valueOf(value).replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
        System.out.println(key + "\t" + text);
    }

    /** A request whose parameters are `params`, signed in as "alice". */
    private static HttpServletRequest request(Map<String, String> params) {
        Principal alice = () -> "alice";
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getParameter" -> params.get((String) a[0]);
                    case "getRemoteAddr" -> "203.0.113.7";
                    case "getUserPrincipal" -> alice;
                    default -> null;
                });
    }

    /** A response that records headers and redirects into `seen` and the page into `body`. */
    private static HttpServletResponse response(Map<String, String> seen, StringWriter body) {
        PrintWriter writer = new PrintWriter(body, true);
        return (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> {
                    switch (m.getName()) {
                        case "setHeader" -> seen.put("header." + a[0], (String) a[1]);
                        case "sendRedirect" -> seen.put("redirect", (String) a[0]);
                        case "getWriter" -> {
                            return writer;
                        }
                        default -> { }
                    }
                    return null;
                });
    }

    private static Object create(String className) throws Exception {
        Constructor<?> constructor = Class.forName(className).getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method method = target.getClass().getDeclaredMethod(name, types);
        method.setAccessible(true);
        return method.invoke(target, args);
    }

    private static void login(String label, String returnTo) throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        call(create("com.example.shop.auth.Login"), "doPost", SERVLET,
                request(Map.of("returnTo", returnTo)), response(seen, new StringWriter()));
        out("login." + label, seen.get("redirect"));
    }

    private static void pages(String label, String query, String doc) throws Exception {
        Object pages = create("com.example.shop.web.Pages");
        Map<String, String> seen = new LinkedHashMap<>();
        Logger.ENTRIES.clear();
        call(pages, "doGet", SERVLET, request(Map.of("q", query)), response(seen, new StringWriter()));
        out("pages." + label + ".log", String.join("|", Logger.ENTRIES));
        out("pages." + label + ".header", seen.get("header.X-Search-Term"));
        File file = (File) call(pages, "document", new Class<?>[] {HttpServletRequest.class},
                request(Map.of("doc", doc)));
        out("pages." + label + ".path", file.getPath());
    }

    private static void catalog(String label, String sku) throws Exception {
        String feed = "<feed><item sku='a1'><price>3.50</price></item><item sku='b2'><price>9.00</price></item></feed>";
        Node root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)));
        Constructor<?> constructor = Class.forName("com.example.shop.catalog.Catalog").getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        Object catalog = constructor.newInstance(null, root);
        out("catalog." + label, call(catalog, "priceOf", new Class<?>[] {String.class}, sku));
    }

    private static void trust(File certificate) throws Exception {
        X509Certificate selfSigned;
        try (FileInputStream in = new FileInputStream(certificate)) {
            selfSigned = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        X509TrustManager manager = (X509TrustManager) create("com.example.shop.directory.Directory$LenientTrust");
        String verdict;
        try {
            manager.checkServerTrusted(new X509Certificate[] {selfSigned}, "RSA");
            verdict = "accepted";
        } catch (CertificateException e) {
            verdict = "refused: " + e.getMessage();
        }
        out("trust.selfSigned", verdict);
    }

    private static void sessions() throws Exception {
        Object sessions = create("com.example.shop.auth.Sessions");
        java.lang.reflect.Field generator = sessions.getClass().getDeclaredField("RNG");
        generator.setAccessible(true);
        out("sessions.generator", generator.get(null).getClass().getName());
        List<javax.servlet.http.Cookie> jar = new java.util.ArrayList<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (p, m, a) -> {
                    if ("addCookie".equals(m.getName())) {
                        jar.add((javax.servlet.http.Cookie) a[0]);
                    }
                    return null;
                });
        call(sessions, "remember", new Class<?>[] {HttpServletResponse.class}, response);
        String token = jar.get(0).getValue();
        out("sessions.tokenIsHexLong", token.matches("[0-9a-f]{1,16}"));
    }

    private static void settings() throws Exception {
        File export = (File) call(create("com.example.shop.config.Settings"), "exportFile", new Class<?>[0]);
        try {
            out("settings.exportPermissions", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(export.toPath())));
            out("settings.exportInTempDir", export.getParentFile().equals(new File(System.getProperty("java.io.tmpdir"))));
        } finally {
            java.nio.file.Files.deleteIfExists(export.toPath());
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> benign = List.of("/account?tab=2", "/orders/17");
        for (int i = 0; i < benign.size(); i++) {
            login("benign" + i, benign.get(i));
        }
        login("protocolRelative", "//evil.example/phish");
        login("backslash", "/\\evil.example/phish");
        pages("benign", "garden chairs", "spring-catalogue.pdf");
        pages("attack", "chairs\r\nSet-Cookie: session=attacker", "../../../etc/passwd");
        catalog("benign", "b2");
        catalog("quoteInjection", "x' or '1'='1");
        trust(new File(args[0]));
        sessions();
        settings();
    }
}
