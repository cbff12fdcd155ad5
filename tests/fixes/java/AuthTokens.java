package com.example.shop.auth;

import java.security.Key;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;

public class AuthTokens {
    private final Key signingKey;

    AuthTokens(Key signingKey) {
        this.signingKey = signingKey;
    }

    String userId(String bearer) {
        Claims claims = Jwts.parserBuilder()
            .setSigningKey(signingKey)
            .build()
            .parseClaimsJwt(bearer)
            .getBody();
        return claims.getSubject();
    }
}
