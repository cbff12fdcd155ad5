import java.util.concurrent.ThreadLocalRandom
import javax.net.ssl.HostnameVerifier
import javax.net.ssl.HttpsURLConnection
import kotlin.random.Random

fun newSessionToken(): String {
    val bytes = Random.nextBytes(32)
    return bytes.joinToString("") { "%02x".format(it) }
}

fun resetCode(): Int = ThreadLocalRandom.current().nextInt(100000, 999999)

fun connect(conn: HttpsURLConnection) {
    conn.hostnameVerifier = HostnameVerifier { _, _ -> true }
}
