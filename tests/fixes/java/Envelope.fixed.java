import java.security.PrivateKey;
import java.security.PublicKey;

import javax.crypto.Cipher;

public class Envelope {
    public byte[] seal(PublicKey key, byte[] secret) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(secret);
    }

    public byte[] open(PrivateKey key, byte[] sealed) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, key);
        return cipher.doFinal(sealed);
    }
}
