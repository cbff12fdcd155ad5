package com.example.random

import io.ktor.server.application.ApplicationCall
import java.security.SecureRandom
import java.util.Random
import javax.servlet.http.Cookie
import javax.servlet.http.HttpServletResponse
import javax.servlet.http.HttpSession
import org.apache.commons.lang3.RandomStringUtils

private val random = Random()
private val secure = SecureRandom()
private const val LEGACY = "DES/CBC/PKCS5Padding"
private const val MODERN = "AES/GCM/NoPadding"
private const val DIGEST = "MD5"

class Sessions {
    fun login(response: HttpServletResponse, session: HttpSession, user: User, call: ApplicationCall) {
        val value = java.lang.Long.toHexString(random.nextLong())
        response.addCookie(Cookie("remember_me", value)) // expect: kt-weak-random-credential, kt-cookie-insecure
        session.setAttribute("csrf", Math.random().toString()) // expect: kt-weak-random-credential
        user.resetToken = RandomStringUtils.randomAlphanumeric(24) // expect: kt-weak-random-credential
        user.setApiKey(kotlin.random.Random.nextLong().toString(16)) // expect: kt-weak-random-credential
        call.response.cookies.append("SESSIONID", Random.nextInt().toString()) // expect: kt-weak-random-credential
        val code = (1..6).map { "0123456789".random() }.joinToString("")
        val link = "https://example.com/reset?code=$code" // expect: kt-weak-random-credential
        user.password = RandomStringUtils.secure().nextAlphanumeric(16) // ok: kt-weak-random-credential
        val strong = java.lang.Long.toHexString(secure.nextLong())
        response.addCookie(Cookie("remember_me", strong)) // ok: kt-weak-random-credential // expect: kt-cookie-insecure
        response.addCookie(Cookie("theme", "dark")) // ok: kt-weak-random-credential // expect: kt-cookie-insecure
        session.setAttribute("colour", random.nextInt(3).toString()) // ok: kt-weak-random-credential
        response.addCookie(Cookie("ab_bucket", random.nextInt(4).toString())) // ok: kt-weak-random-credential // expect: kt-cookie-insecure
        println(link)
    }

    fun notSecrets(items: MutableList<String>, stats: MutableMap<String, Any>) {
        items.shuffle(random) // ok: kt-weak-random-credential
        Thread.sleep(100L + random.nextInt(50)) // ok: kt-weak-random-credential
        stats["sample"] = items[random.nextInt(items.size)] // ok: kt-weak-random-credential
        val page = "https://example.com/reset?lang=en" // ok: kt-weak-random-credential
        println(page)
    }
}

class CryptoNames {
    fun run(data: ByteArray): ByteArray {
        java.security.MessageDigest.getInstance("MD5").digest(data) // expect: kt-weak-hash
        java.security.MessageDigest.getInstance(DIGEST).digest(data) // expect: kt-weak-hash
        java.security.MessageDigest.getInstance(org.apache.commons.codec.digest.MessageDigestAlgorithms.SHA_1) // expect: kt-weak-hash
        org.apache.commons.codec.digest.DigestUtils.sha1Hex(data) // expect: kt-weak-hash
        java.security.MessageDigest.getInstance("SHA-256").digest(data) // ok: kt-weak-hash
        java.security.MessageDigest.getInstance(org.apache.commons.codec.digest.MessageDigestAlgorithms.SHA3_256) // ok: kt-weak-hash
        javax.crypto.Cipher.getInstance("DES") // expect: kt-weak-cipher
        javax.crypto.Cipher.getInstance("AES/ECB/PKCS5Padding") // expect: kt-weak-cipher
        javax.crypto.Cipher.getInstance(LEGACY) // expect: kt-weak-cipher
        javax.crypto.Cipher.getInstance(MODERN) // ok: kt-weak-cipher
        javax.crypto.Cipher.getInstance("AES/GCM/NoPadding") // ok: kt-weak-cipher
        return data
    }
}
