using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Example.Responses;

public class PagesController : Controller
{
    public IActionResult Hello(string name)
    {
        var page = Content("<h1>" + name + "</h1>", "text/html"); // expect: cs-xss-response
        var text = Content(name, "text/plain"); // ok: cs-xss-response
        var encoded = Content("<h1>" + HtmlEncoder.Default.Encode(name) + "</h1>", "text/html; charset=utf-8"); // ok: cs-xss-response
        var clean = WebUtility.HtmlEncode(name);
        var viaVariable = Content($"<h1>{clean}</h1>", "text/html"); // ok: cs-xss-response
        return page;
    }
}

public static class Middleware
{
    public static void Use(WebApplication app)
    {
        app.Run(async context =>
        {
            var q = context.Request.Query["q"];
            await context.Response.WriteAsync($"<p>{q}</p>"); // expect: cs-xss-response
            await context.Response.WriteAsync($"<p>{WebUtility.HtmlEncode(q)}</p>"); // ok: cs-xss-response
            await context.Response.WriteAsync("<p>ready</p>"); // ok: cs-xss-response
        });
        app.MapGet("/hello", (string name) => Results.Content($"<b>{name}</b>", "text/html")); // expect: cs-xss-response
    }
}
