package com.example.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Cipher;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.codec.digest.DigestUtils;

public class Crypto {
    private static final Random JITTER = new Random(); // ok: java-insecure-random

    public byte[] digests(byte[] data, String algorithm) throws Exception {
        MessageDigest.getInstance("MD5").digest(data); // expect: java-weak-hash
        MessageDigest.getInstance("SHA-1").digest(data); // expect: java-weak-hash
        DigestUtils.md5Hex(data); // expect: java-weak-hash
        MessageDigest.getInstance("SHA-256").digest(data); // ok: java-weak-hash
        MessageDigest.getInstance("SHA-512/256").digest(data); // ok: java-weak-hash
        SecureRandom.getInstance("SHA1PRNG"); // ok: java-weak-hash
        DigestUtils.sha256Hex(data); // ok: java-weak-hash
        String etag = DigestUtils.md5Hex(data); // ok: java-weak-hash
        return MessageDigest.getInstance(algorithm).digest(data); // ok: java-weak-hash
    }

    public void ciphers() throws Exception {
        Cipher.getInstance("AES"); // expect: java-weak-cipher
        Cipher.getInstance("AES/ECB/PKCS5Padding"); // expect: java-weak-cipher
        Cipher.getInstance("DES/CBC/PKCS5Padding"); // expect: java-weak-cipher
        Cipher.getInstance("RC4"); // expect: java-weak-cipher
        Cipher.getInstance("RSA/ECB/PKCS1Padding"); // expect: java-weak-cipher
        Cipher.getInstance("AES/GCM/NoPadding"); // ok: java-weak-cipher
        Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding"); // ok: java-weak-cipher
        Cipher.getInstance("ChaCha20-Poly1305"); // ok: java-weak-cipher
        Cipher.getInstance("AES/GCM/NoPadding", "BC"); // ok: java-weak-cipher
    }

    public String newSessionToken() {
        long token = new Random().nextLong(); // expect: java-insecure-random
        return Long.toHexString(token);
    }

    public String resetCode() {
        String resetCode = String.valueOf(ThreadLocalRandom.current().nextInt(100000, 999999)); // expect: java-insecure-random
        return resetCode;
    }

    public String salted(String password) {
        double salt = Math.random(); // expect: java-insecure-random
        return password + salt;
    }

    public byte[] fillBuffers() {
        byte[] salt = new byte[16];
        new Random().nextBytes(salt); // expect: java-insecure-random
        String session = Long.toString(new java.util.Random().nextLong(), 36); // expect: java-insecure-random
        byte[] noise = new byte[16];
        new Random().nextBytes(noise); // ok: java-insecure-random
        long worldSeed = new java.util.Random().nextLong(); // ok: java-insecure-random
        return salt;
    }

    public long backoffMillis(int attempt) {
        return 100L * attempt + JITTER.nextInt(50); // ok: java-insecure-random
    }

    public String shuffledColour() {
        int pick = new Random().nextInt(3); // ok: java-insecure-random
        String cacheKey = "colour-" + new Random().nextInt(8); // ok: java-insecure-random
        return new String[] {"red", "green", "blue"}[pick];
    }

    public byte[] apiKey() {
        byte[] apiKey = new byte[32];
        new SecureRandom().nextBytes(apiKey); // ok: java-insecure-random
        return apiKey;
    }

    static class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {} // expect: java-trust-all-certificates

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static class TrustNothingChecked implements X509TrustManager {
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        public void checkServerTrusted(X509Certificate[] chain, String authType) { // expect: java-trust-all-certificates
            // accept everything in dev
        }

        public X509Certificate[] getAcceptedIssuers() {
            return null;
        }
    }

    static class TrustReturning implements X509TrustManager {
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        public void checkServerTrusted(X509Certificate[] chain, String authType) { // expect: java-trust-all-certificates
            return;
        }

        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static class RejectingTrust implements X509TrustManager {
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException { // ok: java-trust-all-certificates
            throw new java.security.cert.CertificateException("this client trusts no server certificates");
        }

        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static class PinnedTrust implements X509TrustManager {
        private final X509TrustManager delegate;

        PinnedTrust(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException { // ok: java-trust-all-certificates
            delegate.checkServerTrusted(chain, authType);
        }

        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    static class ExpiryOnly implements X509TrustManager {
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException { // ok: java-trust-all-certificates
            for (X509Certificate cert : chain) {
                cert.checkValidity();
            }
        }

        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static class AnyHost implements HostnameVerifier {
        @Override
        public boolean verify(String hostname, SSLSession session) { // expect: java-hostname-verification-disabled
            return true;
        }
    }

    static class OnlyOurHost implements HostnameVerifier {
        @Override
        public boolean verify(String hostname, SSLSession session) { // ok: java-hostname-verification-disabled
            return "api.example.com".equals(hostname);
        }
    }

    static class FallbackHost implements HostnameVerifier {
        public boolean verify(String hostname, SSLSession session) { // ok: java-hostname-verification-disabled
            if (hostname.endsWith(".internal.example.com")) {
                return true;
            }
            return HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session);
        }
    }

    public void connections(HttpsURLConnection conn, org.apache.http.impl.client.HttpClientBuilder builder) {
        conn.setHostnameVerifier((host, session) -> true); // expect: java-hostname-verification-disabled
        builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE); // expect: java-hostname-verification-disabled
        conn.setHostnameVerifier((host, session) -> host.equals("api.example.com")); // ok: java-hostname-verification-disabled
        boolean verify = true; // ok: java-hostname-verification-disabled
        items.removeIf(item -> true); // ok: java-hostname-verification-disabled
    }
}
