using System.Collections.Generic;
using System.Data.SqlClient;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Formatters.Binary;
using System.Xml;
using Dapper;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Newtonsoft.Json;

namespace Example.Data
{
    public class UserRepository
    {
        private const string Table = "Users";
        private readonly AppDbContext _db;

        public UserRepository(AppDbContext db) => _db = db;

        public void ByName(SqlConnection conn, string name)
        {
            var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", conn); // expect: cs-sql-injection
            cmd.CommandText = $"DELETE FROM Users WHERE Name = '{name}'"; // expect: cs-sql-injection
            var sql = string.Format("UPDATE Users SET Seen = 1 WHERE Name = '{0}'", name);
            new SqlCommand(sql, conn).ExecuteNonQuery(); // expect: cs-sql-injection
            var safe = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn); // ok: cs-sql-injection
            safe.Parameters.AddWithValue("@name", name);
            safe.CommandText = $"SELECT COUNT(*) FROM {Table}"; // ok: cs-sql-injection
            var counted = "SELECT COUNT(*) FROM " + Table;
            new SqlCommand(counted, conn); // ok: cs-sql-injection
            var filtered = "SELECT * FROM Users WHERE 1 = 1";
            filtered += " AND Name = '" + name + "'";
            new SqlCommand(filtered, conn); // expect: cs-sql-injection
        }

        public IEnumerable<User> Dapper(SqlConnection conn, string role)
        {
            conn.Execute("DELETE FROM Sessions WHERE Role = '" + role + "'"); // expect: cs-sql-injection
            conn.Query<User>("SELECT * FROM Users WHERE Role = @Role", new { Role = role }); // ok: cs-sql-injection
            return conn.Query<User>($"SELECT * FROM Users WHERE Role = '{role}'"); // expect: cs-sql-injection
        }

        public List<User> Ef(string name)
        {
            _db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE Name = '" + name + "'"); // expect: cs-sql-injection
            _db.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Name = {name}").ToList(); // ok: cs-sql-injection
            _db.Database.ExecuteSql($"DELETE FROM Users WHERE Name = {name}"); // ok: cs-sql-injection
            _db.Users.FromSqlRaw("SELECT * FROM Users WHERE Name = {0}", name).ToList(); // ok: cs-sql-injection
            var message = $"Hello {name}";
            Logger.Execute(message.Length); // ok: cs-sql-injection
            return _db.Users.FromSqlRaw($"SELECT * FROM Users WHERE Name = '{name}'").ToList(); // expect: cs-sql-injection
        }

        public void Tools(string host, string dir)
        {
            Process.Start("cmd.exe", "/c ping " + host); // expect: cs-shell-command
            Process.Start("/bin/bash", $"-c \"tar czf /tmp/out.tgz {dir}\""); // expect: cs-shell-command
            var psi = new ProcessStartInfo
            {
                FileName = "/bin/sh",
                Arguments = "-c \"ls " + dir + "\"", // expect: cs-shell-command
                UseShellExecute = false,
            };
            Process.Start("ping", "-c 1 " + host); // ok: cs-shell-command
            Process.Start("cmd.exe", "/c dir C:\\temp"); // ok: cs-shell-command
            var direct = new ProcessStartInfo("tar") { UseShellExecute = false }; // ok: cs-shell-command
            direct.ArgumentList.Add("czf");
            direct.ArgumentList.Add(dir);
            var shell = new ProcessStartInfo { FileName = "/bin/sh", Arguments = "-c \"uptime\"" }; // ok: cs-shell-command
        }

        public object Deserialize(Stream stream, string json)
        {
            var formatter = new BinaryFormatter(); // expect: cs-unsafe-deserialization
            new NetDataContractSerializer().ReadObject(stream); // expect: cs-unsafe-deserialization
            var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All }; // expect: cs-unsafe-deserialization
            var plain = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None }; // ok: cs-unsafe-deserialization
            var bound = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto, SerializationBinder = new KnownTypesBinder() }; // ok: cs-unsafe-deserialization
            new DataContractSerializer(typeof(Order)).ReadObject(stream); // ok: cs-unsafe-deserialization
            using var reader = new BinaryReader(stream); // ok: cs-unsafe-deserialization
            System.Text.Json.JsonSerializer.Deserialize<Order>(json); // ok: cs-unsafe-deserialization
            return formatter.Deserialize(stream);
        }

        public void Xml(string path, Stream input)
        {
            var doc = new XmlDocument();
            doc.XmlResolver = new XmlUrlResolver(); // expect: cs-xxe
            doc.Load(path);
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse }; // expect: cs-xxe
            XmlReader.Create(input, settings);
            var legacy = new XmlReaderSettings();
            legacy.ProhibitDtd = false; // expect: cs-xxe
            var safeDoc = new XmlDocument { XmlResolver = null }; // ok: cs-xxe
            safeDoc.Load(path);
            var prohibited = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }; // ok: cs-xxe
            var parsedNoResolver = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null }; // ok: cs-xxe
            var later = new XmlReaderSettings();
            later.DtdProcessing = DtdProcessing.Parse; // ok: cs-xxe
            later.XmlResolver = null;
        }
    }

    public static class HtmlHelpers
    {
        public static IHtmlContent Bio(this IHtmlHelper html, User user, HtmlSanitizer sanitizer)
        {
            html.Raw(user.Bio); // ok: cs-html-raw
            Html.Raw(user.Bio); // expect: cs-html-raw
            new HtmlString("<p>" + user.Name + "</p>"); // expect: cs-html-raw
            Html.Raw("<br />"); // ok: cs-html-raw
            Html.Raw(sanitizer.Sanitize(user.Bio)); // ok: cs-html-raw
            new HtmlString(System.Net.WebUtility.HtmlEncode(user.Name)); // ok: cs-html-raw
            return MvcHtmlString.Create(user.Signature); // expect: cs-html-raw
        }
    }
}
