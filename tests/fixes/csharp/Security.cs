using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Xml;
using Microsoft.AspNetCore.Http;

public class Security
{
    public byte[] Digest(byte[] data)
    {
        return SHA1.HashData(data);
    }

    public int ResetCode()
    {
        var resetCode = Random.Shared.Next(100000, 999999);
        return resetCode;
    }

    public HttpClient Client()
    {
        var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;
        return new HttpClient(handler);
    }

    public void Login(HttpResponse response, string id)
    {
        response.Cookies.Append("session", id, new CookieOptions { HttpOnly = true });
    }

    public XmlDocument Load(string path)
    {
        var doc = new XmlDocument();
        doc.XmlResolver = new XmlUrlResolver();
        doc.Load(path);
        return doc;
    }
}
