using System;
using System.DirectoryServices;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Example.Queries;

public class DirectoryController : Controller
{
    private static readonly string[] Departments = { "sales", "support" };
    private readonly IMongoCollection<BsonDocument> _users;
    private readonly XmlDocument _catalog = new XmlDocument();

    public IActionResult Person(string user, string dept)
    {
        var searcher = new DirectorySearcher(UserFilter(user)); // expect: cs-ldap-injection
        var escaped = new DirectorySearcher(UserFilter(LdapEscape(user))); // ok: cs-ldap-injection
        var fixedFilter = new DirectorySearcher(UserFilter("admin")); // ok: cs-ldap-injection
        var byDept = new DirectorySearcher { Filter = "(department=" + dept + ")" }; // expect: cs-ldap-injection
        if (!Departments.Contains(dept))
        {
            return BadRequest();
        }
        var allowed = new DirectorySearcher { Filter = "(department=" + dept + ")" }; // ok: cs-ldap-injection
        return Ok(new[] { searcher, escaped, fixedFilter, byDept, allowed });
    }

    public IActionResult Product(string sku, int id)
    {
        var node = _catalog.SelectSingleNode("//product[@sku='" + sku + "']"); // expect: cs-xpath-injection
        var byId = _catalog.SelectSingleNode("//product[@id=" + id + "]"); // ok: cs-xpath-injection
        var all = _catalog.SelectNodes("//product"); // ok: cs-xpath-injection
        return Ok(new object[] { node, byId, all });
    }

    public IActionResult Owner(string owner)
    {
        var parsed = _users.Find(BsonDocument.Parse("{ \"owner\": \"" + owner + "\" }")); // expect: cs-nosql-injection
        var typed = _users.Find(Builders<BsonDocument>.Filter.Eq("owner", owner)); // ok: cs-nosql-injection
        return Ok(new object[] { parsed, typed });
    }

    public IActionResult Bio(string bio)
    {
        var raw = new HtmlString("<p>" + bio + "</p>"); // expect: cs-html-raw
        var encoded = HtmlEncoder.Default.Encode(bio);
        var safe = new HtmlString("<p>" + encoded + "</p>"); // ok: cs-html-raw
        var fixedMarkup = new HtmlString("<hr/>"); // ok: cs-html-raw
        return Ok(new[] { raw, safe, fixedMarkup });
    }

    private static string UserFilter(string name)
    {
        return "(&(objectClass=user)(sAMAccountName=" + name + "))";
    }

    private static string LdapEscape(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value)
        {
            sb.Append(c == '*' || c == '(' || c == ')' || c == '\\' ? "\\" + ((int)c).ToString("x2") : c.ToString());
        }
        return sb.ToString();
    }
}

public static class Endpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/eval", async (HttpContext ctx) =>
        {
            var code = ctx.Request.Query["code"];
            return await CSharpScript.EvaluateAsync<int>(code); // expect: cs-script-code-injection
        });
        app.MapPost("/sum", (int a, int b) => CSharpScript.EvaluateAsync<int>($"{a} + {b}")); // ok: cs-script-code-injection
        app.MapGet("/greet", (string name) => Results.Content("Hello " + HtmlEncoder.Default.Encode(name), "text/html"));
    }
}
