using System;
using System.IO;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Example.Web
{
    public static class Setup
    {
        public static void Services(IServiceCollection services, IConfiguration config)
        {
            services.AddCors(o => o.AddPolicy("open", p => p.SetIsOriginAllowed(_ => true).AllowCredentials().AllowAnyHeader())); // expect: cs-cors-any-origin-credentials
            services.AddCors(o => o.AddPolicy("open2", p => p.AllowCredentials().SetIsOriginAllowed(origin => true))); // expect: cs-cors-any-origin-credentials
            services.AddCors(o => o.AddPolicy("public", p => p.SetIsOriginAllowed(_ => true).AllowAnyMethod())); // ok: cs-cors-any-origin-credentials
            services.AddCors(o => o.AddPolicy("known", p => p.SetIsOriginAllowed(origin => new Uri(origin).Host == "app.example.com").AllowCredentials())); // ok: cs-cors-any-origin-credentials
            services.AddCors(o => o.AddPolicy("list", p => p.WithOrigins("https://app.example.com").AllowCredentials())); // ok: cs-cors-any-origin-credentials

            services.AddAuthentication().AddJwtBearer(o =>
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuerSigningKey = false, // ok: cs-jwt-signature-not-required
                    RequireSignedTokens = false, // expect: cs-jwt-signature-not-required
                    ValidateLifetime = false, // expect: cs-jwt-lifetime-not-validated
                    RequireExpirationTime = true, // ok: cs-jwt-lifetime-not-validated
                    SignatureValidator = (token, parameters) => new JwtSecurityToken(token), // expect: cs-jwt-signature-not-required
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("super-secret-signing-key-0123456789")), // expect: cs-hardcoded-signing-key
                };
            });
            var fromConfig = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(config["Jwt:Key"]!)); // ok: cs-hardcoded-signing-key
            var strict = new TokenValidationParameters { RequireSignedTokens = true, ValidateLifetime = true }; // ok: cs-jwt-signature-not-required, cs-jwt-lifetime-not-validated
            var lenient = new TokenValidationParameters { RequireExpirationTime = false }; // expect: cs-jwt-lifetime-not-validated
            var hmac = new HMACSHA256(Encoding.ASCII.GetBytes("webhook-shared-secret")); // expect: cs-hardcoded-signing-key
            var rng = new HMACSHA256(RandomNumberGenerator.GetBytes(32)); // ok: cs-hardcoded-signing-key
            services.AddControllersWithViews(o => o.Filters.Add(new IgnoreAntiforgeryTokenAttribute())); // expect: cs-csrf-disabled
            services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute())); // ok: cs-csrf-disabled
        }

        public static ClaimsPrincipal GetPrincipalFromExpiredToken(string token)
        {
            var p = new TokenValidationParameters { ValidateLifetime = false }; // ok: cs-jwt-lifetime-not-validated
            return new JwtSecurityTokenHandler().ValidateToken(token, p, out _);
        }

        public static void Pipeline(WebApplication app)
        {
            app.UseDeveloperExceptionPage(); // expect: cs-developer-exception-page
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage(); // ok: cs-developer-exception-page
            }
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler("/Error");
            }
            else
            {
                app.UseDatabaseErrorPage(); // ok: cs-developer-exception-page
            }
            if (app.Configuration.GetValue<bool>("ShowErrors"))
            {
                app.UseDeveloperExceptionPage(); // expect: cs-developer-exception-page
            }
            app.MapPost("/upload", ([FromForm] string title, IFormFile file) => Results.Ok()).DisableAntiforgery(); // expect: cs-csrf-disabled
            app.MapPost("/api/items", ([FromBody] Item item) => Results.Ok(item)).DisableAntiforgery(); // ok: cs-csrf-disabled
            app.Use(async (context, next) =>
            {
                context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]; // ok: cs-cors-any-origin-credentials
                await next();
            });
        }

        public static void Legacy(IApplicationBuilder app, TokenValidationParameters parameters, string secret)
        {
            app.UseDatabaseErrorPage(); // expect: cs-developer-exception-page
            parameters.RequireSignedTokens = false; // expect: cs-jwt-signature-not-required
            parameters.RequireSignedTokens = app.ApplicationServices != null; // ok: cs-jwt-signature-not-required
            parameters.ValidateLifetime = false; // expect: cs-jwt-lifetime-not-validated
            parameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String("c2lnbmluZy1rZXktZm9yLXRva2Vucw==")); // expect: cs-hardcoded-signing-key
            parameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)); // ok: cs-hardcoded-signing-key
        }

        public static void ConfigureDevelopment(IApplicationBuilder app) => app.UseDeveloperExceptionPage(); // ok: cs-developer-exception-page
    }

    public class CorsController : Controller
    {
        private static readonly string[] Allowed = { "https://app.example.com" };

        public IActionResult Reflect()
        {
            Response.Headers["Access-Control-Allow-Origin"] = Request.Headers["Origin"]; // expect: cs-cors-any-origin-credentials
            var origin = Request.Headers.Origin.ToString();
            Response.Headers.Append("Access-Control-Allow-Origin", origin); // expect: cs-cors-any-origin-credentials
            if (Allowed.Contains(origin))
            {
                Response.Headers.Append("Access-Control-Allow-Origin", origin); // ok: cs-cors-any-origin-credentials
            }
            Response.Headers.Append("Access-Control-Allow-Origin", "https://app.example.com"); // ok: cs-cors-any-origin-credentials
            return Ok();
        }
    }

    public class ProfileController : Controller
    {
        [HttpPost]
        [IgnoreAntiforgeryToken] // expect: cs-csrf-disabled
        public IActionResult Update(string name) => Ok();

        [HttpGet]
        [IgnoreAntiforgeryToken] // ok: cs-csrf-disabled
        public IActionResult Show() => View();

        [HttpPost]
        [ValidateAntiForgeryToken]
        public IActionResult Delete(int id) => Ok();
    }

    [IgnoreAntiforgeryToken] // expect: cs-csrf-disabled
    public class SettingsPage : PageModel
    {
        public void OnPost() { }
    }

    [ApiController]
    [IgnoreAntiforgeryToken] // ok: cs-csrf-disabled
    public class TokenApiController : ControllerBase
    {
        [HttpPost("items")]
        public IActionResult Create(Item item) => Ok(item);
    }
}
