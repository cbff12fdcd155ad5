package com.example.random;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import org.apache.commons.lang3.RandomStringUtils;

public class Sessions {
    private final Random random = new Random();
    private final java.security.SecureRandom secure = new java.security.SecureRandom();

    public void login(HttpServletResponse response, HttpSession session, User user, Map<String, String> body) {
        String value = Long.toHexString(random.nextLong());
        response.addCookie(new Cookie("remember_me", value)); // expect: java-weak-random-credential
        session.setAttribute("csrf", String.valueOf(Math.random())); // expect: java-weak-random-credential
        user.setResetToken(RandomStringUtils.randomAlphanumeric(24)); // expect: java-weak-random-credential
        body.put("state", Integer.toString(ThreadLocalRandom.current().nextInt())); // expect: java-weak-random-credential
        String link = "https://example.com/reset?token=" + random.nextInt(); // expect: java-weak-random-credential
        user.setPassword(RandomStringUtils.secure().nextAlphanumeric(16)); // ok: java-weak-random-credential
        String strong = Long.toHexString(secure.nextLong());
        response.addCookie(new Cookie("remember_me", strong)); // ok: java-weak-random-credential
        response.addCookie(new Cookie("theme", "dark")); // ok: java-weak-random-credential
        session.setAttribute("colour", String.valueOf(random.nextInt(3))); // ok: java-weak-random-credential
        response.addCookie(new Cookie("ab_bucket", String.valueOf(random.nextInt(4)))); // ok: java-weak-random-credential
        response.addCookie(new Cookie("SESSIONID", Long.toString(random.nextLong(), 36))); // expect: java-weak-random-credential
    }

    public void notSecrets(List<String> items, Map<String, Object> stats) throws Exception {
        Collections.shuffle(items, random); // ok: java-weak-random-credential
        Thread.sleep(100 + random.nextInt(50)); // ok: java-weak-random-credential
        stats.put("sample", items.get(random.nextInt(items.size()))); // ok: java-weak-random-credential
        String label = "Item " + random.nextInt(10); // ok: java-weak-random-credential
        String page = "https://example.com/reset?lang=en"; // ok: java-weak-random-credential
    }
}

class CryptoNames {
    private static final String LEGACY = "DES/CBC/PKCS5Padding";
    private static final String MODERN = "AES/GCM/NoPadding";
    private static final String DIGEST = "MD5";

    byte[] run(byte[] data) throws Exception {
        java.security.MessageDigest.getInstance("MD5").digest(data); // expect: java-weak-hash
        java.security.MessageDigest.getInstance(DIGEST).digest(data); // expect: java-weak-hash
        java.security.MessageDigest.getInstance(org.apache.commons.codec.digest.MessageDigestAlgorithms.SHA_1); // expect: java-weak-hash
        org.apache.commons.codec.digest.DigestUtils.sha1Hex(data); // expect: java-weak-hash
        java.security.MessageDigest.getInstance("SHA-256").digest(data); // ok: java-weak-hash
        java.security.MessageDigest.getInstance(org.apache.commons.codec.digest.MessageDigestAlgorithms.SHA3_256); // ok: java-weak-hash
        javax.crypto.Cipher.getInstance("DES"); // expect: java-weak-cipher
        javax.crypto.Cipher.getInstance("AES/ECB/PKCS5Padding"); // expect: java-weak-cipher
        javax.crypto.Cipher.getInstance(LEGACY); // expect: java-weak-cipher
        javax.crypto.Cipher.getInstance(MODERN); // ok: java-weak-cipher
        javax.crypto.Cipher.getInstance("AES/GCM/NoPadding"); // ok: java-weak-cipher
        return data;
    }
}
