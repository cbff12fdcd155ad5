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
        var target = Path.Combine(_root, file.FileName);
        using var stream = System.IO.File.Create(target);
        await file.CopyToAsync(stream);
        return Ok();
    }

    public IActionResult Download(string name)
    {
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(_root, name));
        return File(bytes, "application/octet-stream");
    }

    public IActionResult Login(string user, string returnUrl)
    {
        _logger.LogInformation($"Login by {user} from {Request.Path}");
        return Redirect(returnUrl);
    }

    public string Export(string report)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "export.csv");
        System.IO.File.WriteAllText(scratch, report);
        return scratch;
    }

    public object Restore(string json)
    {
        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto };
        return JsonConvert.DeserializeObject<object>(json, settings)!;
    }
}
