package io.jsonwebtoken.security;

/** Present so the Settings case compiles; the driver does not sign tokens. */
public final class Keys {
    private Keys() {}

    public static javax.crypto.SecretKey hmacShaKeyFor(byte[] key) {
        return new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256");
    }
}
