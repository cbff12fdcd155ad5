using System;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Example.Account
{
    public class AccountController : Controller
    {
        private readonly ILogger<AccountController> _logger;

        public AccountController(ILogger<AccountController> logger) => _logger = logger;

        [HttpPost]
        public IActionResult Login(string userName, string returnUrl)
        {
            _logger.LogInformation($"Login attempt for {userName}"); // expect: cs-log-injection
            _logger.LogWarning("Failed login for " + userName); // expect: cs-log-injection
            _logger.LogInformation("Login attempt for {User}", userName); // ok: cs-log-injection
            _logger.LogInformation($"Login attempt for {userName.ReplaceLineEndings(" ")}"); // ok: cs-log-injection
            _logger.LogInformation($"Login took {DateTime.UtcNow:O}"); // ok: cs-log-injection
            return Redirect(returnUrl); // expect: cs-open-redirect
        }

        public IActionResult Back([FromQuery] string next)
        {
            if (Url.IsLocalUrl(next))
            {
                return Redirect(next); // ok: cs-open-redirect
            }
            return RedirectToAction("Index");
        }

        public IActionResult Safe(string returnUrl) => LocalRedirect(returnUrl); // ok: cs-open-redirect

        public IActionResult Order(string id) => Redirect($"/orders/{id}"); // ok: cs-open-redirect

        public IActionResult Legacy()
        {
            var target = Request.Query["target"];
            Log.Error(ex, $"Bad target {target}"); // expect: cs-log-injection
            Response.Redirect(target); // expect: cs-open-redirect
            return new RedirectResult(Request.Query["to"]); // expect: cs-open-redirect
        }

        private IActionResult Home(string url) => Redirect(url); // ok: cs-open-redirect
    }

    public static class Minimal
    {
        public static void Map(WebApplication app, ILogger log)
        {
            app.MapGet("/go", (string to) => Results.Redirect(to)); // expect: cs-open-redirect
            app.MapGet("/ping", (string who) => { log.LogDebug($"ping from {who}"); return "pong"; }); // expect: cs-log-injection
            app.MapGet("/home", () => Results.Redirect("https://www.example.com/")); // ok: cs-open-redirect
        }
    }
}
