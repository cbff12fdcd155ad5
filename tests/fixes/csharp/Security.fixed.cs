using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Xml;
using Microsoft.AspNetCore.Http;

public class Security
{
    public byte[] Digest(byte[] data)
    {
        return SHA256.HashData(data);
    }

    public int ResetCode()
    {
        var resetCode = System.Security.Cryptography.RandomNumberGenerator.GetInt32(100000, 999999);
        return resetCode;
    }

    public HttpClient Client()
    {
        var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == System.Net.Security.SslPolicyErrors.None;
        return new HttpClient(handler);
    }

    public void Login(HttpResponse response, string id)
    {
        response.Cookies.Append("session", id, new CookieOptions { HttpOnly = true, Secure = true });
    }

    public XmlDocument Load(string path)
    {
        var doc = new XmlDocument();
        doc.XmlResolver = null;
        doc.Load(path);
        return doc;
    }
}
