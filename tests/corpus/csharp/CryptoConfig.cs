using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace Example.Security
{
    public class Crypto
    {
        private static readonly Random Jitter = new Random(); // ok: cs-insecure-random

        public void Hashes(byte[] data)
        {
            MD5.Create().ComputeHash(data); // expect: cs-weak-hash
            SHA1.HashData(data); // expect: cs-weak-hash
            new SHA1Managed().ComputeHash(data); // expect: cs-weak-hash
            IncrementalHash.CreateHash(HashAlgorithmName.MD5); // expect: cs-weak-hash
            SHA256.HashData(data); // ok: cs-weak-hash
            var checksum = MD5.HashData(data); // ok: cs-weak-hash
            IncrementalHash.CreateHash(HashAlgorithmName.SHA256); // ok: cs-weak-hash
            new HMACSHA256(data).ComputeHash(data); // ok: cs-weak-hash
            rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss); // ok: cs-weak-hash
        }

        public void Ciphers(RSA rsa, RSACryptoServiceProvider legacy, byte[] data)
        {
            DES.Create(); // expect: cs-weak-cipher
            new TripleDESCryptoServiceProvider(); // expect: cs-weak-cipher
            var aes = Aes.Create();
            aes.Mode = CipherMode.ECB; // expect: cs-weak-cipher
            rsa.Encrypt(data, RSAEncryptionPadding.Pkcs1); // expect: cs-weak-cipher
            legacy.Encrypt(data, false); // expect: cs-weak-cipher
            aes.Mode = CipherMode.CBC; // ok: cs-weak-cipher
            rsa.Encrypt(data, RSAEncryptionPadding.OaepSHA256); // ok: cs-weak-cipher
            rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1); // ok: cs-weak-cipher
            legacy.Encrypt(data, true); // ok: cs-weak-cipher
            using var gcm = new AesGcm(data, 16); // ok: cs-weak-cipher
        }

        public string NewSessionToken()
        {
            var rng = new Random(); // expect: cs-insecure-random
            return rng.Next().ToString("x");
        }

        public int Issue()
        {
            var resetCode = Random.Shared.Next(100000, 999999); // expect: cs-insecure-random
            int apiKey = new Random().Next(); // expect: cs-insecure-random
            return resetCode + apiKey;
        }

        public long Rotate() { long signingKey = new System.Random().NextInt64(); return signingKey; } // expect: cs-insecure-random

        public int RetryDelay(int attempt) => 100 * attempt + Jitter.Next(50); // ok: cs-insecure-random

        public string Shard() { var partitionKey = "p" + new Random().Next(16); return partitionKey; } // ok: cs-insecure-random

        public string PickColour() => new[] { "red", "green", "blue" }[new Random().Next(3)]; // ok: cs-insecure-random

        public string CsrfToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)); // ok: cs-insecure-random
    }

    public class Clients
    {
        public HttpClient Build(bool pinned)
        {
            var handler = new HttpClientHandler();
            handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true; // expect: cs-tls-validation-disabled
            var other = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, // expect: cs-tls-validation-disabled
            };
            ServicePointManager.ServerCertificateValidationCallback += delegate { return true; }; // expect: cs-tls-validation-disabled
            handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == SslPolicyErrors.None; // ok: cs-tls-validation-disabled
            handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => // ok: cs-tls-validation-disabled
            {
                if (errors == SslPolicyErrors.None) return true;
                return cert?.GetCertHashString() == "3A1B2C3D4E5F60718293A4B5C6D7E8F901234567";
            };
            Func<int, bool> always = x => true; // ok: cs-tls-validation-disabled
            return new HttpClient(handler);
        }
    }

    public class Cookies
    {
        public void Write(HttpResponse response, string id, string theme)
        {
            response.Cookies.Append("session", id, new CookieOptions { HttpOnly = true }); // expect: cs-cookie-insecure
            response.Cookies.Append("theme", theme, new CookieOptions()); // expect: cs-cookie-insecure
            response.Cookies.Append("session", id, new CookieOptions { Secure = false, HttpOnly = true }); // expect: cs-cookie-insecure
            response.Cookies.Append("session", id, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax }); // ok: cs-cookie-insecure
            var options = new CookieOptions(); // ok: cs-cookie-insecure
            options.Secure = true;
            response.Cookies.Append("theme", theme, options);
            var flags = new CookieOptions { Secure = Request.IsHttps }; // ok: cs-cookie-insecure
        }

        public void Legacy(System.Web.HttpResponse response, string id)
        {
            var cookie = new System.Web.HttpCookie("auth", id);
            cookie.Secure = false; // expect: cs-cookie-insecure
            response.Cookies.Add(cookie);
        }
    }
}
