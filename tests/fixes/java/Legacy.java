import javax.crypto.Cipher;

public class Legacy {
    // DES needs a new key, IV and mode, not a one-word change: guidance only.
    public Cipher cipher() throws Exception {
        return Cipher.getInstance("DES/CBC/PKCS5Padding");
    }
}
