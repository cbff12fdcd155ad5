package com.example;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;

/**
 * Runs the Java fix cases (Crypto, Tls, Web) and prints what it observed, one "key<TAB>value"
 * line each; the test suite compares the original's lines with the fixed code's.
 * args[0]: a local file that an XML external entity names.
 */
public final class Driver {
    private Driver() {}

    private static void out(String key, Object value) {
        System.out.println(key + "\t" + String.valueOf(value).replace("\n", "\\n"));
    }

    /**
     * java.util.Random.nextLong() is (next(32) << 32) + next(32) from one 48-bit LCG: the high
     * half leaves 2^16 candidate states, and a Random token is one whose low half one of them
     * predicts. A SecureRandom token passes by chance with probability 2^-16.
     */
    static boolean predictableFromHighHalf(long token) {
        int low = (int) token;
        long high = ((token - low) >>> 32) & 0xffffffffL;
        for (long x = 0; x < (1L << 16); x++) {
            long state = (high << 16) | x;
            long next = (state * 0x5DEECE66DL + 0xBL) & ((1L << 48) - 1);
            if ((int) (next >>> 16) == low) {
                return true;
            }
        }
        return false;
    }

    private static SSLSession anySession() {
        return (SSLSession) Proxy.newProxyInstance(
                SSLSession.class.getClassLoader(), new Class<?>[] {SSLSession.class}, (p, m, a) -> null);
    }

    private static void crypto() throws Exception {
        Crypto crypto = new Crypto();
        out("crypto.digestBytes", crypto.digest("abc".getBytes(StandardCharsets.UTF_8)).length);
        out("crypto.hex", crypto.hex("abc".getBytes(StandardCharsets.UTF_8)));
        Set<String> tokens = new HashSet<>();
        int predictable = 0;
        for (int i = 0; i < 20; i++) {
            String token = crypto.newSessionToken();
            tokens.add(token);
            predictable += predictableFromHighHalf(Long.parseUnsignedLong(token, 16)) ? 1 : 0;
        }
        out("crypto.distinctTokens", tokens.size());
        out("crypto.predictableTokens", predictable);
    }

    private static void tls() throws Exception {
        out("tls.anyHostAcceptsForeignName", new Tls.AnyHost().verify("evil.example", anySession()));
        HttpsURLConnection conn = (HttpsURLConnection) new URL("https://localhost:9/").openConnection();
        new Tls().open(conn); // openConnection() does not connect
        out("tls.lambdaAcceptsForeignName", conn.getHostnameVerifier().verify("evil.example", anySession()));
    }

    private static String cookies(List<Cookie> jar) {
        StringBuilder text = new StringBuilder();
        for (Cookie c : jar) {
            text.append(c.getName()).append('=').append(c.getValue())
                    .append(c.getSecure() ? ";Secure" : "").append(c.isHttpOnly() ? ";HttpOnly" : "").append(' ');
        }
        return text.toString().trim();
    }

    private static String parse(Web web, String xml) {
        try {
            Document doc = web.parser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return "text:" + doc.getDocumentElement().getTextContent();
        } catch (Exception e) {
            return "refused:" + e.getClass().getSimpleName();
        }
    }

    private static String stax(Web web, String xml) {
        System.setIn(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        StringBuilder text = new StringBuilder();
        try {
            web.stax();
            XMLStreamReader reader = RecordingInputFactory.last;
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.CHARACTERS) {
                    text.append(reader.getText());
                }
            }
            return "text:" + text;
        } catch (Exception e) {
            return "refused:" + e.getClass().getSimpleName() + (text.length() > 0 ? ":" + text : "");
        }
    }

    private static void web(String secretUri) throws Exception {
        Web web = new Web();
        List<Cookie> jar = new ArrayList<>();
        HttpServletResponse resp = jar::add;
        web.login(resp, "id-123");
        web.remember(resp, "tok-456");
        out("web.cookies", cookies(jar));
        out("web.plainXml", parse(web, "<order><item>book</item></order>"));
        String attack = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secretUri + "\">]><r>&x;</r>";
        out("web.externalEntity", parse(web, attack));
        System.setProperty("javax.xml.stream.XMLInputFactory", RecordingInputFactory.class.getName());
        out("web.staxPlain", stax(web, "<order><item>book</item></order>"));
        out("web.staxExternalEntity", stax(web, attack));
    }

    public static void main(String[] args) throws Exception {
        crypto();
        tls();
        web(args[0]);
    }
}
