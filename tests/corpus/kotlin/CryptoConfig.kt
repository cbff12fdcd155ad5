package com.example.security

import java.security.MessageDigest
import java.security.SecureRandom
import java.security.cert.X509Certificate
import java.util.concurrent.ThreadLocalRandom
import javax.crypto.Cipher
import javax.net.ssl.HostnameVerifier
import javax.net.ssl.HttpsURLConnection
import javax.net.ssl.SSLSession
import javax.net.ssl.X509TrustManager
import javax.servlet.http.Cookie
import javax.servlet.http.HttpServletResponse
import kotlin.random.Random
import okhttp3.OkHttpClient
import org.springframework.context.annotation.Bean
import org.springframework.security.config.annotation.web.builders.HttpSecurity
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer
import org.springframework.security.config.web.servlet.invoke
import org.springframework.security.web.SecurityFilterChain

class Crypto {
    fun digests(data: ByteArray, algorithm: String) {
        MessageDigest.getInstance("MD5").digest(data) // expect: kt-weak-hash
        MessageDigest.getInstance("SHA-1").digest(data) // expect: kt-weak-hash
        MessageDigest.getInstance("SHA1", "BC").digest(data) // expect: kt-weak-hash
        MessageDigest.getInstance("SHA-256").digest(data) // ok: kt-weak-hash
        MessageDigest.getInstance(algorithm).digest(data) // ok: kt-weak-hash
        SecureRandom.getInstance("SHA1PRNG") // ok: kt-weak-hash
        MessageDigest.getInstance("SHA3-256").digest(data) // ok: kt-weak-hash
        val etag = MessageDigest.getInstance("MD5").digest(data) // ok: kt-weak-hash
        val signature = DigestUtils.sha1Hex(data) // expect: kt-weak-hash
    }

    fun ciphers() {
        Cipher.getInstance("AES") // expect: kt-weak-cipher
        Cipher.getInstance("AES/ECB/PKCS5Padding") // expect: kt-weak-cipher
        Cipher.getInstance("DESede/CBC/PKCS5Padding") // expect: kt-weak-cipher
        Cipher.getInstance("RSA/ECB/PKCS1Padding") // expect: kt-weak-cipher
        Cipher.getInstance("AES/GCM/NoPadding") // ok: kt-weak-cipher
        Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding") // ok: kt-weak-cipher
        Cipher.getInstance("ChaCha20-Poly1305") // ok: kt-weak-cipher
    }

    fun newSessionToken(): String {
        val bytes = Random.nextBytes(32) // expect: kt-insecure-random
        return bytes.joinToString("") { "%02x".format(it) }
    }

    fun issue(): String {
        val resetCode = ThreadLocalRandom.current().nextInt(100000, 999999).toString() // expect: kt-insecure-random
        val apiKey = (1..40).map { ('a'..'z').random() }.joinToString("") // expect: kt-insecure-random
        return resetCode + apiKey
    }

    fun rotate() {
        val signingKey = java.util.Random().nextLong() // expect: kt-insecure-random
        val jitterMs = java.util.Random().nextInt(50) // ok: kt-insecure-random
    }

    fun retryDelay(attempt: Int): Long = 100L * attempt + Random.nextLong(50) // ok: kt-insecure-random

    fun pickColour(): String = listOf("red", "green", "blue").random() // ok: kt-insecure-random

    fun csrfToken(): String {
        val bytes = ByteArray(32).also { SecureRandom().nextBytes(it) } // ok: kt-insecure-random
        return bytes.joinToString("") { "%02x".format(it) }
    }

    fun shuffleSeed(): Int {
        val tokenCount = 3
        return Random.nextInt(tokenCount) // ok: kt-insecure-random
    }
}

class TrustEverything : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {} // expect: kt-trust-all-certificates

    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}

class TrustCommented : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) { // expect: kt-trust-all-certificates
        // trust everything while testing
    }

    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}

class TrustUnit : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) = Unit

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) = Unit // expect: kt-trust-all-certificates

    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}

class Delegating(private val delegate: X509TrustManager) : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) { // ok: kt-trust-all-certificates
        delegate.checkServerTrusted(chain, authType)
    }

    override fun getAcceptedIssuers(): Array<X509Certificate> = delegate.acceptedIssuers
}

class ValidityOnly : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) = chain.forEach { it.checkValidity() } // ok: kt-trust-all-certificates

    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}

class Pinned : X509TrustManager {
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) { // ok: kt-trust-all-certificates
        require(chain.isNotEmpty()) { "empty chain" }
    }

    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()
}

class AnyHost : HostnameVerifier {
    override fun verify(hostname: String?, session: SSLSession?): Boolean = true // expect: kt-hostname-verification-disabled
}

class OurHost : HostnameVerifier {
    override fun verify(hostname: String?, session: SSLSession?): Boolean = hostname == "api.example.com" // ok: kt-hostname-verification-disabled
}

fun clients(conn: HttpsURLConnection, builder: OkHttpClient.Builder) {
    conn.hostnameVerifier = HostnameVerifier { _, _ -> true } // expect: kt-hostname-verification-disabled
    builder.hostnameVerifier { _, _ -> true } // expect: kt-hostname-verification-disabled
    conn.hostnameVerifier = HostnameVerifier { host, _ -> host == "api.example.com" } // ok: kt-hostname-verification-disabled
    builder.hostnameVerifier { host, session -> HttpsURLConnection.getDefaultHostnameVerifier().verify(host, session) } // ok: kt-hostname-verification-disabled
    val verify = true // ok: kt-hostname-verification-disabled
}

class SecurityConfig {
    @Bean
    fun legacy(http: HttpSecurity): SecurityFilterChain {
        http.csrf().disable() // expect: kt-spring-csrf-disabled
        return http.build()
    }

    @Bean
    fun lambdaStyle(http: HttpSecurity): SecurityFilterChain {
        http.csrf { it.disable() } // expect: kt-spring-csrf-disabled
        return http.build()
    }

    @Bean
    fun dsl(http: HttpSecurity): SecurityFilterChain {
        http {
            csrf { disable() } // expect: kt-spring-csrf-disabled
            authorizeHttpRequests { authorize(anyRequest, authenticated) }
        }
        return http.build()
    }

    @Bean
    fun methodRef(http: HttpSecurity): SecurityFilterChain = http.csrf(AbstractHttpConfigurer<*, *>::disable).build() // expect: kt-spring-csrf-disabled

    @Bean
    fun spa(http: HttpSecurity): SecurityFilterChain {
        http {
            csrf { csrfTokenRepository = CookieCsrfTokenRepository.withHttpOnlyFalse() } // ok: kt-spring-csrf-disabled
        }
        return http.build()
    }

    @Bean
    fun webhookExempt(http: HttpSecurity): SecurityFilterChain {
        http.csrf { it.ignoringRequestMatchers("/webhooks/stripe") } // ok: kt-spring-csrf-disabled
        return http.build()
    }

    @Bean
    fun defaults(http: HttpSecurity): SecurityFilterChain {
        http.csrf { } // ok: kt-spring-csrf-disabled
        return http.build()
    }
}

fun cookies(resp: HttpServletResponse, id: String, theme: String) {
    resp.addCookie(Cookie("SESSION", id)) // expect: kt-cookie-insecure
    val plain = Cookie("lang", theme) // expect: kt-cookie-insecure
    resp.addCookie(plain)
    val hardened = Cookie("SESSION", id) // ok: kt-cookie-insecure
    hardened.isSecure = true
    hardened.isHttpOnly = true
    resp.addCookie(hardened)
    resp.addCookie(Cookie("SESSION", id).apply { isSecure = true; isHttpOnly = true }) // ok: kt-cookie-insecure
    val viaSetter = Cookie("theme", theme) // ok: kt-cookie-insecure
    viaSetter.setSecure(true)
    resp.addCookie(viaSetter)
    call.response.cookies.append(Cookie("SESSION", id, secure = true, httpOnly = true)) // ok: kt-cookie-insecure
    call.response.cookies.append(Cookie("SESSION", id, httpOnly = true)) // expect: kt-cookie-insecure
    val off = Cookie("auth", id)
    off.isSecure = false // expect: kt-cookie-insecure
    resp.addCookie(off)
}
