using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

public static class Api
{
    public static void AddApi(IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins((System.Environment.GetEnvironmentVariable("CORS_ALLOWED_ORIGINS") ?? "").Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries)).AllowCredentials().AllowAnyHeader()));
        services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
    }
}

public class ProfileController : Controller
{
    [HttpPost]
    public IActionResult Update(string displayName)
    {
        return Ok(displayName);
    }
}
