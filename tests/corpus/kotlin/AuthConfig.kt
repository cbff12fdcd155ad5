package com.example.auth

import com.auth0.jwt.JWT
import com.auth0.jwt.algorithms.Algorithm
import com.nimbusds.jose.crypto.MACSigner
import com.zaxxer.hikari.HikariConfig
import io.jsonwebtoken.Jwts
import io.jsonwebtoken.SignatureAlgorithm
import io.jsonwebtoken.security.Keys
import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.plugins.cors.routing.CORS
import java.sql.DriverManager
import java.util.Hashtable
import javax.crypto.spec.SecretKeySpec
import javax.mail.PasswordAuthentication
import javax.mail.Transport
import javax.naming.Context
import org.springframework.beans.factory.annotation.Value
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity
import org.springframework.web.bind.annotation.CrossOrigin
import org.springframework.web.bind.annotation.ModelAttribute
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RequestBody
import org.springframework.web.bind.annotation.RestController
import org.springframework.web.cors.CorsConfiguration
import org.springframework.web.servlet.config.annotation.CorsRegistry

private const val DB_PASSWORD = "s3cr3t-Pa55" // expect: hardcoded-secret
private const val JWT_SECRET = "my-very-long-jwt-signing-secret-0123456789"

class Credentials {
    @Value("\${db.password}")
    lateinit var configuredPassword: String

    fun open(url: String) {
        DriverManager.getConnection(url, "root", "hunter2") // expect: kt-hardcoded-credentials
        DriverManager.getConnection(url, "app", DB_PASSWORD) // expect: kt-hardcoded-credentials
        DriverManager.getConnection(url, "app", System.getenv("DB_PASSWORD")) // ok: kt-hardcoded-credentials
        DriverManager.getConnection(url, "app", configuredPassword) // ok: kt-hardcoded-credentials
        DriverManager.getConnection(url, "app", "\${DB_PASSWORD}") // ok: kt-hardcoded-credentials
        DriverManager.getConnection(url, "app", "pw-$url") // ok: kt-hardcoded-credentials
    }

    fun clients(transport: Transport) {
        val config = HikariConfig()
        config.password = "Tr0ub4dor&3" // expect: hardcoded-secret
        config.password = System.getenv("POOL_PASSWORD") // ok: kt-hardcoded-credentials
        transport.connect("smtp.example.com", "mailer", "mail-pass-123") // expect: kt-hardcoded-credentials
        val env = Hashtable<String, String>()
        env[Context.SECURITY_CREDENTIALS] = "ldap-bind-pw" // expect: kt-hardcoded-credentials
        env[Context.SECURITY_PRINCIPAL] = "cn=admin" // ok: kt-hardcoded-credentials
        PasswordAuthentication("mailer", "<your-password>") // ok: kt-hardcoded-credentials
    }

    fun tokens(subject: String): String {
        val a = Jwts.builder().setSubject(subject).signWith(SignatureAlgorithm.HS256, "secret-key-123").compact() // expect: kt-hardcoded-signing-key
        val b = Jwts.builder().setSubject(subject).signWith(Keys.hmacShaKeyFor(JWT_SECRET.toByteArray())).compact() // expect: kt-hardcoded-signing-key
        val c = JWT.create().withSubject(subject).sign(Algorithm.HMAC256("another-literal-secret")) // expect: kt-hardcoded-signing-key
        MACSigner("0123456789abcdef0123456789abcdef") // expect: kt-hardcoded-signing-key
        SecretKeySpec("sixteen byte key".toByteArray(), "AES") // expect: kt-hardcoded-signing-key
        val d = JWT.create().withSubject(subject).sign(Algorithm.HMAC256(System.getenv("JWT_SECRET"))) // ok: kt-hardcoded-signing-key
        val e = JWT.create().withSubject(subject).sign(Algorithm.HMAC256(configuredPassword)) // ok: kt-hardcoded-signing-key
        SecretKeySpec(loadKey(), "AES") // ok: kt-hardcoded-signing-key
        return a + b + c + d + e
    }

    private fun loadKey(): ByteArray = ByteArray(32)

    fun readUnverified(token: String): String {
        val jwt = JWT.decode(token) // expect: kt-jwt-no-verify
        val claims = Jwts.parser().parseClaimsJwt(token).body // expect: kt-jwt-no-verify
        val any = Jwts.parser().parse(token).body // expect: kt-jwt-no-verify
        val none = Algorithm.none() // expect: kt-jwt-no-verify
        return "${jwt.subject}${claims.subject}$any$none"
    }

    fun readVerified(token: String, key: ByteArray): String {
        val jwt = JWT.require(Algorithm.HMAC256(key)).build().verify(token)
        val again = JWT.decode(jwt.token) // ok: kt-jwt-no-verify
        val claims = Jwts.parser().setSigningKey(key).parseClaimsJws(token).body // ok: kt-jwt-no-verify
        val body = Jwts.parser().setSigningKey(key).parse(token).body // ok: kt-jwt-no-verify
        return "${again.subject}${claims.subject}$body"
    }
}

fun Application.corsOpen() {
    install(CORS) { // expect: kt-cors-permissive
        anyHost()
        allowCredentials = true
    }
}

fun Application.corsPublic() {
    install(CORS) { // ok: kt-cors-permissive
        anyHost()
    }
}

fun Application.corsListed() {
    install(CORS) { // ok: kt-cors-permissive
        allowHost("app.example.com", schemes = listOf("https"))
        allowCredentials = true
    }
}

class CorsSetup {
    fun addCorsMappings(registry: CorsRegistry) {
        registry.addMapping("/api/**").allowedOriginPatterns("*").allowCredentials(true) // expect: kt-cors-permissive
        registry.addMapping("/public/**").allowedOrigins("*").allowCredentials(false) // ok: kt-cors-permissive
        registry.addMapping("/app/**").allowedOrigins("https://app.example.com").allowCredentials(true) // ok: kt-cors-permissive
    }

    fun corsConfiguration(): CorsConfiguration {
        val config = CorsConfiguration()
        config.addAllowedOriginPattern("*") // expect: kt-cors-permissive
        config.allowCredentials = true
        return config
    }
}

@RestController
@CrossOrigin(origins = ["*"], allowCredentials = "true") // expect: kt-cors-permissive
class AccountApi(private val userRepository: UserRepository, private val noteRepository: NoteRepository) {
    @PostMapping("/users")
    fun create(@RequestBody user: User): User {
        return userRepository.save(user) // expect: kt-mass-assignment
    }

    @PostMapping("/users/update")
    fun update(@RequestBody body: UserUpdateRequest): User {
        val user = userRepository.findById(body.id).orElseThrow()
        user.displayName = body.displayName
        return userRepository.save(user) // ok: kt-mass-assignment
    }

    @PostMapping("/profiles")
    fun profile(@ModelAttribute profile: Profile): Profile = profileRepo.saveAndFlush(profile) // expect: kt-mass-assignment

    @PostMapping("/orders")
    fun order(@RequestBody order: Order): Order {
        entityManager.persist(order) // expect: kt-mass-assignment
        return order
    }

    @PostMapping("/notes")
    fun note(@RequestBody form: NoteForm): Note {
        return noteRepository.save(form.toNote()) // ok: kt-mass-assignment
    }
}

@RestController
@CrossOrigin(origins = ["https://app.example.com"], allowCredentials = "true") // ok: kt-cors-permissive
class SettingsApi(private val settingsRepository: SettingsRepository) {
    @InitBinder
    fun allow(binder: WebDataBinder) {
        binder.setAllowedFields("displayName", "email")
    }

    @PostMapping("/settings")
    fun save(@ModelAttribute settings: Settings): Settings {
        return settingsRepository.save(settings) // ok: kt-mass-assignment
    }
}

@EnableWebSecurity(debug = true) // expect: kt-debug-enabled
class DebugSecurityConfig {
    fun android() {
        android.webkit.WebView.setWebContentsDebuggingEnabled(true) // expect: kt-debug-enabled
        WebView.setWebContentsDebuggingEnabled(true) // expect: kt-debug-enabled
        WebView.setWebContentsDebuggingEnabled(BuildConfig.DEBUG) // ok: kt-debug-enabled
    }

    fun customizer() = WebSecurityCustomizer { web -> web.debug(true) } // expect: kt-debug-enabled

    fun quiet(verbose: Boolean) = WebSecurityCustomizer { web -> web.debug(verbose) } // ok: kt-debug-enabled
}

@EnableWebSecurity(debug = false) // ok: kt-debug-enabled
class QuietSecurityConfig
