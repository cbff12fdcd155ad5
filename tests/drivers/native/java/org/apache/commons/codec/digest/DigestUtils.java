package org.apache.commons.codec.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** commons-codec's DigestUtils hex helpers, on the JDK's MessageDigest. */
public final class DigestUtils {
    private DigestUtils() {}

    private static String hex(String algorithm, byte[] data) {
        try {
            StringBuilder out = new StringBuilder();
            for (byte b : MessageDigest.getInstance(algorithm).digest(data)) {
                out.append(String.format("%02x", b));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha1Hex(byte[] data) { return hex("SHA-1", data); }
    public static String sha256Hex(byte[] data) { return hex("SHA-256", data); }
}
