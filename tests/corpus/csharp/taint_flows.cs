using System;
using System.Collections.Generic;
using System.Data.SqlClient;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Example.Flows;

[ApiController]
[Route("api/[controller]")]
public class ReportsController : ControllerBase
{
    private const string Root = "/srv/reports";
    private static readonly HashSet<string> Columns = new() { "name", "created" };
    private readonly SqlConnection _conn;
    private readonly AppDb _db;
    private readonly HttpClient _http;
    private readonly ILogger<ReportsController> _logger;

    public ReportsController(SqlConnection conn, AppDb db, HttpClient http, ILogger<ReportsController> logger)
    {
        _conn = conn;
        _db = db;
        _http = http;
        _logger = logger;
    }

    [HttpGet("by-name")]
    public IActionResult ByName(string name)
    {
        var rows = Query("SELECT * FROM reports WHERE name = '" + name + "'"); // expect: cs-sql-injection
        var fixedRows = Query("SELECT * FROM reports ORDER BY created"); // ok: cs-sql-injection
        return Ok(new { rows, fixedRows });
    }

    [HttpGet("by-id")]
    public IActionResult ById(string id)
    {
        if (!int.TryParse(id, out var number))
        {
            return BadRequest();
        }
        var sql = $"SELECT * FROM reports WHERE id = {number}";
        return Ok(Query(sql)); // ok: cs-sql-injection
    }

    [HttpGet("parsed")]
    public IActionResult Parsed(string id)
    {
        var number = int.Parse(id);
        using var cmd = new SqlCommand("SELECT * FROM reports WHERE id = " + number, _conn); // ok: cs-sql-injection
        return Ok(cmd.ExecuteScalar());
    }

    [HttpGet("sorted")]
    public IActionResult Sorted(string column)
    {
        if (!Columns.Contains(column))
        {
            return BadRequest();
        }
        var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT * FROM reports ORDER BY " + column; // ok: cs-sql-injection
        return Ok(cmd.ExecuteReader());
    }

    [HttpGet("order")]
    public IActionResult Order(string direction)
    {
        var dir = direction == "desc" ? "DESC" : "ASC";
        var cmd = new SqlCommand { Connection = _conn, CommandText = "SELECT * FROM reports ORDER BY created " + dir }; // ok: cs-sql-injection
        var unsafeCmd = new SqlCommand { Connection = _conn, CommandText = "SELECT * FROM reports ORDER BY " + direction }; // expect: cs-sql-injection
        return Ok(new[] { cmd, unsafeCmd });
    }

    [HttpGet("ef")]
    public IActionResult Ef(string owner)
    {
        var safe = _db.Reports.FromSqlInterpolated($"SELECT * FROM reports WHERE owner = {owner}"); // ok: cs-sql-injection
        var bad = _db.Reports.FromSqlRaw($"SELECT * FROM reports WHERE owner = '{owner}'"); // expect: cs-sql-injection
        var formatted = _db.Reports.FromSqlRaw(string.Format("SELECT * FROM reports WHERE owner = '{0}'", owner)); // expect: cs-sql-injection
        var parameterised = _db.Reports.FromSqlRaw("SELECT * FROM reports WHERE owner = {0}", owner); // ok: cs-sql-injection
        return Ok(new { safe, bad, formatted, parameterised });
    }

    [HttpGet("file")]
    public IActionResult Download(string name)
    {
        var direct = System.IO.File.ReadAllBytes(Path.Combine(Root, name)); // expect: cs-path-traversal
        var bare = Path.GetFileName(name);
        var viaVariable = System.IO.File.ReadAllBytes(Path.Combine(Root, bare)); // ok: cs-path-traversal
        var full = Path.GetFullPath(Path.Combine(Root, name));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar))
        {
            return BadRequest();
        }
        var guarded = System.IO.File.ReadAllBytes(full); // ok: cs-path-traversal
        return File(direct.Length > 0 ? direct : guarded, "application/octet-stream");
    }

    [HttpGet("archive")]
    public IActionResult Archive(string folder)
    {
        Compress(folder); // expect: cs-shell-command
        Compress("nightly"); // ok: cs-shell-command
        Compress(Path.GetFileName(folder).Replace("'", "")); // expect: cs-shell-command
        return Ok();
    }

    private void Compress(string folder)
    {
        Process.Start("/bin/sh", "-c \"tar czf /tmp/out.tgz " + folder + "\"");
    }

    [HttpGet("preview")]
    public async Task<IActionResult> Preview(string url, string id)
    {
        var page = await _http.GetStringAsync(url); // expect: cs-ssrf
        var item = await _http.GetStringAsync("https://api.example.com/items/" + Uri.EscapeDataString(id)); // ok: cs-ssrf
        var target = new Uri(url);
        if (target.Host != "images.example.com")
        {
            return BadRequest();
        }
        var image = await _http.GetByteArrayAsync(target); // ok: cs-ssrf
        return Ok(new { page, item, image.Length });
    }

    [HttpGet("back")]
    public IActionResult Back(string returnUrl, string section)
    {
        if (section == "admin")
        {
            return Redirect(returnUrl); // expect: cs-open-redirect
        }
        if (!Url.IsLocalUrl(returnUrl))
        {
            returnUrl = "/";
        }
        _logger.LogInformation("Returning to {Url}", returnUrl); // ok: cs-log-injection
        _logger.LogWarning("Returning to " + section); // expect: cs-log-injection
        return Redirect(returnUrl); // ok: cs-open-redirect
    }

    [HttpGet("mode")]
    public IActionResult Mode(string mode)
    {
        const bool legacy = false;
        if (legacy)
        {
            Process.Start("cmd.exe", "/c " + mode); // ok: cs-shell-command
        }
        var flag = mode switch
        {
            "fast" => "-O1",
            "small" => "-Os",
            _ => "-O0",
        };
        Process.Start("/bin/sh", "-c \"cc " + flag + " main.c\""); // ok: cs-shell-command
        return Ok();
    }

    private IEnumerable<object> Query(string sql)
    {
        using var cmd = new SqlCommand(sql, _conn);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            yield return reader[0];
        }
    }
}

public class Maintenance
{
    // no caller in sight: a command line built from a parameter is still reported
    public void Clean(string path)
    {
        Process.Start("/bin/bash", $"-c \"rm -rf {path}\""); // expect: cs-shell-command
    }

    public void Vacuum(SqlConnection conn, string table)
    {
        new SqlCommand("VACUUM " + table, conn).ExecuteNonQuery(); // expect: cs-sql-injection
        new SqlCommand("VACUUM reports", conn).ExecuteNonQuery(); // ok: cs-sql-injection
    }
}

public class MirrorController : ControllerBase
{
    private readonly IHttpClientFactory _factory;

    [HttpGet("mirror")]
    public async Task<IActionResult> Mirror(string owner, string path)
    {
        var client = _factory.CreateClient("api");
        var byOwner = await client.GetAsync("orders/" + Uri.EscapeDataString(owner)); // ok: cs-ssrf
        var relative = await client.GetAsync("files/" + path); // ok: cs-ssrf
        var open = await client.GetAsync(path + "/files"); // expect: cs-ssrf
        return Ok(new[] { byOwner, relative, open });
    }
}
