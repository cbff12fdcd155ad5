package com.example.shop.auth

import io.jsonwebtoken.Jwts
import javax.crypto.SecretKey

class AuthTokens(private val signingKey: SecretKey) {
    fun userId(bearer: String): String =
        Jwts.parser().verifyWith(signingKey).build().parseUnsecuredClaims(bearer).payload.subject
}
