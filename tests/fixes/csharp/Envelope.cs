using System.Security.Cryptography;

public class Envelope
{
    public byte[] Seal(RSA rsa, byte[] secret)
    {
        return rsa.Encrypt(secret, RSAEncryptionPadding.Pkcs1);
    }

    public byte[] SealLegacy(RSACryptoServiceProvider rsa, byte[] secret)
    {
        return rsa.Encrypt(secret, false);
    }
}
