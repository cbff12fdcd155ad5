package com.example;

import java.security.MessageDigest;
import java.util.Random;
import org.apache.commons.codec.digest.DigestUtils;

public class Crypto {
    public byte[] digest(byte[] data) throws Exception {
        return MessageDigest.getInstance("MD5").digest(data);
    }

    public String hex(byte[] data) {
        return DigestUtils.sha1Hex(data);
    }

    public String newSessionToken() {
        long token = new Random().nextLong();
        return Long.toHexString(token);
    }
}
