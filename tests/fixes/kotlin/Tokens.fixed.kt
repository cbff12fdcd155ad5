import java.util.concurrent.ThreadLocalRandom
import javax.net.ssl.HostnameVerifier
import javax.net.ssl.HttpsURLConnection
import kotlin.random.Random

fun newSessionToken(): String {
    val bytes = ByteArray(32).also { java.security.SecureRandom().nextBytes(it) }
    return bytes.joinToString("") { "%02x".format(it) }
}

fun resetCode(): Int = java.security.SecureRandom().nextInt(100000, 999999)

fun connect(conn: HttpsURLConnection) {
    conn.hostnameVerifier = HostnameVerifier { host, session -> javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier().verify(host, session) }
}
