using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using RazorEngine;
using RazorEngine.Templating;
using Scriban;

namespace Example.Scripting
{
    public class ReportController : ControllerBase
    {
        [HttpPost("calc")]
        public async Task<object> Calc([FromBody] string expression)
        {
            return await CSharpScript.EvaluateAsync(expression); // expect: cs-script-code-injection
        }

        [HttpPost("run")]
        public async Task Run([FromForm] string code)
        {
            var script = CSharpScript.Create<int>(code); // expect: cs-script-code-injection
            await CSharpScript.EvaluateAsync<int>("1 + 2"); // ok: cs-script-code-injection
            await CSharpScript.EvaluateAsync(File.ReadAllText("rules/discount.csx")); // ok: cs-script-code-injection
        }

        private Task<object> Eval(string text) => CSharpScript.EvaluateAsync(text); // ok: cs-script-code-injection

        [HttpPost("render")]
        public string Render([FromBody] string template, string name)
        {
            var a = Engine.Razor.RunCompile(template, "k", null, new { Name = name }); // expect: cs-template-injection
            var b = Template.Parse(Request.Form["body"]).Render(new { name }); // expect: cs-template-injection
            var c = Template.Parse("Hello {{ name }}").Render(new { name }); // ok: cs-template-injection
            var d = Engine.Razor.RunCompile(File.ReadAllText("Views/Welcome.cshtml"), "welcome", null, new { Name = name }); // ok: cs-template-injection
            var e = int.Parse(name); // ok: cs-template-injection
            return a + b + c + d + e;
        }

        public static void Map(WebApplication app)
        {
            app.MapPost("/eval", (string code) => CSharpScript.EvaluateAsync(code)); // expect: cs-script-code-injection
        }

        public async Task<string> Preview(string body, RazorLightEngine engine)
        {
            return await engine.CompileRenderStringAsync("preview", body, new { }); // expect: cs-template-injection
        }
    }
}
