import java.security.PublicKey
import javax.crypto.Cipher

fun seal(key: PublicKey, message: ByteArray): ByteArray {
    val cipher = Cipher.getInstance("RSA")
    cipher.init(Cipher.ENCRYPT_MODE, key)
    return cipher.doFinal(message)
}
