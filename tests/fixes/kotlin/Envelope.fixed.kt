import java.security.PublicKey
import javax.crypto.Cipher

fun seal(key: PublicKey, message: ByteArray): ByteArray {
    val cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding")
    cipher.init(Cipher.ENCRYPT_MODE, key)
    return cipher.doFinal(message)
}
