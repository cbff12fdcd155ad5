using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

public class FilesController : Controller
{
    private readonly ILogger<FilesController> _logger;
    private readonly string _root = "/srv/files";

    public FilesController(ILogger<FilesController> logger)
    {
        _logger = logger;
    }

    [HttpPost]
    public async Task<IActionResult> Upload(IFormFile file)
    {
        var target = Path.Combine(_root, Path.GetFileName(file.FileName));
        using var stream = System.IO.File.Create(target);
        await file.CopyToAsync(stream);
        return Ok();
    }

    public IActionResult Download(string name)
    {
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(_root, Path.GetFileName(name)));
        return File(bytes, "application/octet-stream");
    }

    public IActionResult Login(string user, string returnUrl)
    {
        _logger.LogInformation("Login by {User} from {Path}", user, Request.Path);
        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public string Export(string report)
    {
        var scratch = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName() + "-export.csv");
        System.IO.File.WriteAllText(scratch, report);
        return scratch;
    }

    public object Restore(string json)
    {
        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
        return JsonConvert.DeserializeObject<object>(json, settings)!;
    }
}
