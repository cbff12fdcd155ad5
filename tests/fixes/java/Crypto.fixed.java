package com.example;

import java.security.MessageDigest;
import java.util.Random;
import org.apache.commons.codec.digest.DigestUtils;
import java.security.SecureRandom;

public class Crypto {
    public byte[] digest(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    public String hex(byte[] data) {
        return DigestUtils.sha256Hex(data);
    }

    public String newSessionToken() {
        long token = new SecureRandom().nextLong();
        return Long.toHexString(token);
    }
}
