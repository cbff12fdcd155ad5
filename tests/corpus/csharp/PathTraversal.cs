using System.IO;
using Microsoft.AspNetCore.Mvc;

namespace Example.Files
{
    public class DocumentsController : Controller
    {
        private const string Root = "/srv/docs";

        public IActionResult Read(string name)
        {
            var text = System.IO.File.ReadAllText(Path.Combine(Root, name)); // expect: cs-path-traversal
            return Content(text);
        }

        [HttpGet("raw")]
        public IActionResult Raw([FromQuery] string file)
        {
            var path = Root + "/" + file;
            return PhysicalFile(path, "application/octet-stream"); // expect: cs-path-traversal
        }

        public void Remove()
        {
            var target = Request.Query["path"].ToString();
            File.Delete(target); // expect: cs-path-traversal
            using var stream = new FileStream(Path.Combine(Root, Request.Form["doc"]), FileMode.Open); // expect: cs-path-traversal
        }

        public IActionResult Save(string name, [FromBody] string body)
        {
            File.WriteAllText(Path.Combine(Root, "notes.txt"), body); // ok: cs-path-traversal
            File.WriteAllText(Path.Combine(Root, Path.GetFileName(name)), body); // ok: cs-path-traversal
            return Ok();
        }

        public IActionResult Checked(string name)
        {
            var full = Path.GetFullPath(Path.Combine(Root, name));
            if (!full.StartsWith(Root + Path.DirectorySeparatorChar)) return BadRequest();
            return Content(File.ReadAllText(full)); // ok: cs-path-traversal
        }

        private string Template(string name) => File.ReadAllText(Path.Combine(Root, name)); // ok: cs-path-traversal

        public IActionResult Copy([FromServices] string backupDir)
        {
            File.Copy(Path.Combine(Root, "a.txt"), Path.Combine(backupDir, "a.txt")); // ok: cs-path-traversal
            File.Copy(Path.Combine(Root, "a.txt"), Request.Query["to"]); // expect: cs-path-traversal
            return Ok();
        }
    }

    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            app.MapGet("/files", (string name) => Results.Text(File.ReadAllText(Path.Combine("/srv/files", name)))); // expect: cs-path-traversal
            app.MapGet("/logo", (IWebHostEnvironment env) => Results.File(File.OpenRead(Path.Combine(env.WebRootPath, "logo.png")))); // ok: cs-path-traversal
        }
    }
}
