package com.example.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jose.crypto.MACSigner;
import com.zaxxer.hikari.HikariConfig;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Hashtable;
import javax.crypto.spec.SecretKeySpec;
import javax.mail.PasswordAuthentication;
import javax.mail.Transport;
import javax.naming.Context;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;

public class Credentials {
    private static final String DB_PASSWORD = "s3cr3t-Pa55"; // expect: hardcoded-secret
    private static final String JWT_SECRET = "my-very-long-jwt-signing-secret-0123456789";
    @Value("${db.password}")
    private String configuredPassword;

    public Connection open(String url) throws Exception {
        Connection a = DriverManager.getConnection(url, "root", "hunter2"); // expect: java-hardcoded-credentials
        Connection b = DriverManager.getConnection(url, "app", DB_PASSWORD); // expect: java-hardcoded-credentials
        Connection c = DriverManager.getConnection(url, "app", System.getenv("DB_PASSWORD")); // ok: java-hardcoded-credentials
        Connection d = DriverManager.getConnection(url, "app", configuredPassword); // ok: java-hardcoded-credentials
        Connection e = DriverManager.getConnection(url, "app", "${DB_PASSWORD}"); // ok: java-hardcoded-credentials
        return a != null ? a : b != null ? b : c != null ? c : d != null ? d : e;
    }

    public void clients(Transport transport) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setPassword("Tr0ub4dor&3"); // expect: java-hardcoded-credentials
        config.setPassword(System.getenv("POOL_PASSWORD")); // ok: java-hardcoded-credentials
        transport.connect("smtp.example.com", "mailer", "mail-pass-123"); // expect: java-hardcoded-credentials
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.SECURITY_CREDENTIALS, "ldap-bind-pw"); // expect: java-hardcoded-credentials
        env.put(Context.SECURITY_PRINCIPAL, "cn=admin"); // ok: java-hardcoded-credentials
        new PasswordAuthentication("mailer", "<your-password>"); // ok: java-hardcoded-credentials
        new PasswordAuthentication("mailer", "mail-pass-123"); // expect: java-hardcoded-credentials
    }

    public String tokens(String subject) throws Exception {
        String a = Jwts.builder().setSubject(subject).signWith(SignatureAlgorithm.HS256, "secret-key-123").compact(); // expect: java-hardcoded-signing-key
        String b = Jwts.builder().setSubject(subject).signWith(Keys.hmacShaKeyFor(JWT_SECRET.getBytes(StandardCharsets.UTF_8))).compact(); // expect: java-hardcoded-signing-key
        String c = JWT.create().withSubject(subject).sign(Algorithm.HMAC256("another-literal-secret")); // expect: java-hardcoded-signing-key
        new MACSigner("0123456789abcdef0123456789abcdef"); // expect: java-hardcoded-signing-key
        new SecretKeySpec("sixteen byte key".getBytes(), "AES"); // expect: java-hardcoded-signing-key
        String d = Jwts.builder().setSubject(subject).signWith(Keys.hmacShaKeyFor(System.getenv("JWT_SECRET").getBytes())).compact(); // ok: java-hardcoded-signing-key
        String e = JWT.create().withSubject(subject).sign(Algorithm.HMAC256(configuredPassword)); // ok: java-hardcoded-signing-key
        new SecretKeySpec(loadKey(), "AES"); // ok: java-hardcoded-signing-key
        return a + b + c + d + e;
    }

    private byte[] loadKey() {
        return new byte[32];
    }

    public String readUnverified(String token) {
        DecodedJWT jwt = JWT.decode(token); // expect: java-jwt-no-verify
        Claims claims = Jwts.parser().parseClaimsJwt(token).getBody(); // expect: java-jwt-no-verify
        Object any = Jwts.parser().parse(token).getBody(); // expect: java-jwt-no-verify
        Algorithm none = Algorithm.none(); // expect: java-jwt-no-verify
        return jwt.getSubject() + claims.getSubject() + any + none;
    }

    public String readVerified(String token, byte[] key) {
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(key)).build().verify(token);
        DecodedJWT again = JWT.decode(jwt.getToken()); // ok: java-jwt-no-verify
        Claims claims = Jwts.parser().setSigningKey(key).parseClaimsJws(token).getBody(); // ok: java-jwt-no-verify
        Object body = Jwts.parser().setSigningKey(key).parse(token).getBody(); // ok: java-jwt-no-verify
        return again.getSubject() + claims.getSubject() + body;
    }
}

class CorsSetup {
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**").allowedOriginPatterns("*").allowCredentials(true); // expect: java-cors-permissive
        registry.addMapping("/public/**").allowedOrigins("*").allowCredentials(false); // ok: java-cors-permissive
        registry.addMapping("/app/**").allowedOrigins("https://app.example.com").allowCredentials(true); // ok: java-cors-permissive
    }

    @Bean
    public CorsConfiguration corsConfiguration() {
        CorsConfiguration config = new CorsConfiguration();
        config.addAllowedOriginPattern("*"); // expect: java-cors-permissive
        config.setAllowCredentials(true);
        return config;
    }

    @Bean
    public CorsConfiguration publicCors() {
        CorsConfiguration config = new CorsConfiguration();
        config.addAllowedOrigin("*"); // ok: java-cors-permissive
        config.setAllowCredentials(false);
        return config;
    }

    public void filter(javax.servlet.http.HttpServletRequest request, javax.servlet.http.HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin")); // expect: java-cors-permissive, java-header-injection
        response.setHeader("Access-Control-Allow-Origin", "https://app.example.com"); // ok: java-cors-permissive
    }
}

@RestController
@CrossOrigin(origins = "*", allowCredentials = "true") // expect: java-cors-permissive
class AccountApi {
    private final UserRepository userRepository;

    AccountApi(UserRepository userRepository) {
        this.userRepository = userRepository;
    }

    @PostMapping("/users")
    public User create(@RequestBody User user) {
        return userRepository.save(user); // expect: java-mass-assignment
    }

    @PutMapping("/users/{id}")
    public User update(@RequestBody UserUpdateRequest body) {
        User user = userRepository.findById(body.id()).orElseThrow();
        user.setDisplayName(body.displayName());
        return userRepository.save(user); // ok: java-mass-assignment
    }

    @PostMapping("/profiles")
    public Profile profile(@ModelAttribute Profile profile) {
        return profileRepo.saveAndFlush(profile); // expect: java-mass-assignment
    }

    @PostMapping("/orders")
    public Order order(@RequestBody Order order) {
        entityManager.persist(order); // expect: java-mass-assignment
        return order;
    }

    @PostMapping("/notes")
    public Note note(@RequestBody NoteForm form) {
        return noteRepository.save(form.toNote()); // ok: java-mass-assignment
    }
}

@RestController
@CrossOrigin(origins = "https://app.example.com", allowCredentials = "true") // ok: java-cors-permissive
class SettingsApi {
    @InitBinder
    void allow(WebDataBinder binder) {
        binder.setAllowedFields("displayName", "email");
    }

    @PostMapping("/settings")
    public Settings save(@ModelAttribute Settings settings) {
        return settingsRepository.save(settings); // ok: java-mass-assignment
    }
}

@EnableWebSecurity(debug = true) // expect: java-debug-enabled
class DebugSecurityConfig {
    void android(boolean debugBuild) {
        android.webkit.WebView.setWebContentsDebuggingEnabled(true); // expect: java-debug-enabled
        WebView.setWebContentsDebuggingEnabled(true); // expect: java-debug-enabled
        WebView.setWebContentsDebuggingEnabled(BuildConfig.DEBUG); // ok: java-debug-enabled
    }

    WebSecurityCustomizer customizer() {
        return (web) -> web.debug(true); // expect: java-debug-enabled
    }

    WebSecurityCustomizer quiet(boolean verbose) {
        return (web) -> web.debug(verbose); // ok: java-debug-enabled
    }
}

@EnableWebSecurity(debug = false) // ok: java-debug-enabled
class QuietSecurityConfig {
}
