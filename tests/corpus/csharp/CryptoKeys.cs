using System.Security.Cryptography;

namespace Example.Keys
{
    public class KeyFactory
    {
        public void Make(int configuredBits)
        {
            using var a = RSA.Create(1024); // expect: cs-weak-rsa-key
            using var b = new RSACryptoServiceProvider(512); // expect: cs-weak-rsa-key
            using var rsa = RSA.Create();
            rsa.KeySize = 1024; // expect: cs-weak-rsa-key
            using var d = DSA.Create(1024); // expect: cs-weak-rsa-key
            using var e = RSA.Create(2048); // ok: cs-weak-rsa-key
            using var f = new RSACryptoServiceProvider(4096); // ok: cs-weak-rsa-key
            using var aes = Aes.Create();
            aes.KeySize = 128; // ok: cs-weak-rsa-key
            using var g = RSA.Create(configuredBits); // ok: cs-weak-rsa-key
            rsa.KeySize = 3072; // ok: cs-weak-rsa-key
        }
    }
}
