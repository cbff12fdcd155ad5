using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

public static class Api
{
    public static void AddApi(IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy("spa", p => p.SetIsOriginAllowed(_ => true).AllowCredentials().AllowAnyHeader()));
        services.AddControllersWithViews(o => o.Filters.Add(new IgnoreAntiforgeryTokenAttribute()));
    }
}

public class ProfileController : Controller
{
    [HttpPost]
    [IgnoreAntiforgeryToken]
    public IActionResult Update(string displayName)
    {
        return Ok(displayName);
    }
}
