using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Example.Uploads
{
    public class UploadController : Controller
    {
        private const string UploadDir = "/srv/uploads";
        private readonly AppDbContext _db;

        public UploadController(AppDbContext db) => _db = db;

        [HttpPost]
        public async Task<IActionResult> Upload(IFormFile file)
        {
            var path = Path.Combine(UploadDir, file.FileName); // expect: cs-upload-filename-path
            using var stream = new FileStream(path, FileMode.Create);
            await file.CopyToAsync(stream);
            var safe = Path.Combine(UploadDir, Path.GetFileName(file.FileName)); // ok: cs-upload-filename-path
            var random = Path.Combine(UploadDir, Path.GetRandomFileName() + Path.GetExtension(file.FileName)); // ok: cs-upload-filename-path
            _db.Uploads.Add(new Upload { OriginalName = file.FileName, StoredAs = random }); // ok: cs-upload-filename-path
            return Ok();
        }

        [HttpPost]
        public async Task<IActionResult> Many(List<IFormFile> files)
        {
            foreach (var f in files)
            {
                using var s = System.IO.File.Create(UploadDir + "/" + f.FileName); // expect: cs-upload-filename-path
                await f.CopyToAsync(s);
            }
            foreach (var f in Request.Form.Files)
            {
                await System.IO.File.WriteAllBytesAsync($"{UploadDir}/{f.FileName}", new byte[0]); // expect: cs-path-traversal
            }
            var first = Request.Form.Files[0];
            var target = Path.Combine(UploadDir, Request.Form.Files[0].FileName); // expect: cs-upload-filename-path
            ViewData["name"] = first.FileName; // ok: cs-upload-filename-path
            return Ok();
        }

        [HttpPost]
        public async Task<IActionResult> Edit(int id)
        {
            var user = await _db.Users.FindAsync(id);
            await TryUpdateModelAsync(user); // expect: cs-mass-assignment
            await TryUpdateModelAsync(user, "", u => u.Name, u => u.Email); // ok: cs-mass-assignment
            await TryUpdateModelAsync<User>(user, "profile"); // expect: cs-mass-assignment
            return Ok();
        }

        [HttpPost]
        public async Task<IActionResult> Create(User user)
        {
            _db.Users.Add(user); // expect: cs-mass-assignment
            await _db.SaveChangesAsync();
            return Ok();
        }

        [HttpPut]
        public IActionResult Put([FromBody] Account account, UserDto dto)
        {
            _db.Update(account); // expect: cs-mass-assignment
            _db.Entry(account).State = EntityState.Modified; // expect: cs-mass-assignment
            _db.Users.Add(new User { Name = dto.Name, Email = dto.Email }); // ok: cs-mass-assignment
            _db.Add(dto); // ok: cs-mass-assignment
            return Ok();
        }

        [HttpPost]
        public IActionResult Register([Bind("Name,Email")] User user)
        {
            _db.Users.Add(user); // ok: cs-mass-assignment
            return Ok();
        }

        private void Seed(User user) => _db.Users.Add(user); // ok: cs-mass-assignment
    }

    public class Storage
    {
        public void Temp(string report, IConfiguration config)
        {
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "report.csv"), report); // expect: cs-predictable-temp-file
            var lockFile = Path.GetTempPath() + "app.lock"; // expect: cs-predictable-temp-file
            File.WriteAllText("/tmp/export.json", report); // expect: cs-predictable-temp-file
            var unique = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()); // ok: cs-predictable-temp-file
            var guid = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.zip"); // ok: cs-predictable-temp-file
            var created = Path.GetTempFileName(); // ok: cs-predictable-temp-file
            var cache = Path.Combine(AppContext.BaseDirectory, "cache", "report.csv"); // ok: cs-predictable-temp-file
            var read = File.ReadAllText("/tmp/export.json"); // ok: cs-predictable-temp-file
        }

        public void Credentials(IConfiguration config, string user)
        {
            var smtp = new NetworkCredential("mailer", "Spr1ng-2024!"); // expect: cs-hardcoded-credential
            var env = new NetworkCredential("mailer", Environment.GetEnvironmentVariable("SMTP_PASSWORD")); // ok: cs-hardcoded-credential
            var empty = new NetworkCredential(user, ""); // ok: cs-hardcoded-credential
            using var conn = new SqlConnection("Server=db01;Database=Shop;User Id=shop;Password=Sh0pP@ss;"); // expect: cs-hardcoded-credential
            var connectionString = "Host=pg;Database=app;Username=app;Password=pgSecret99"; // expect: cs-hardcoded-credential
            var mongo = new MongoClient("mongodb://admin:m0ngoPass@mongo:27017"); // expect: cs-hardcoded-credential
            using var trusted = new SqlConnection("Server=.;Database=Shop;Trusted_Connection=True;"); // ok: cs-hardcoded-credential
            using var slot = new SqlConnection(string.Format("Server=db01;User Id=shop;Password={0};", config["DbPassword"])); // ok: cs-hardcoded-credential
            using var fromConfig = new SqlConnection(config.GetConnectionString("Shop")); // ok: cs-hardcoded-credential
            var placeholder = new NetworkCredential("mailer", "<password>"); // ok: cs-hardcoded-credential
        }
    }
}
