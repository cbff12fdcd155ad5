using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Example.Proxy
{
    public class PreviewController : ControllerBase
    {
        private readonly HttpClient _http;

        public PreviewController(HttpClient http) => _http = http;

        [HttpGet("preview")]
        public async Task<string> Preview([FromQuery] string url)
        {
            return await _http.GetStringAsync(url); // expect: cs-ssrf
        }

        [HttpPost("hook")]
        public async Task Hook([FromBody] string callback, string id)
        {
            var target = "http://" + Request.Headers["X-Target-Host"] + "/notify";
            await _http.PostAsync(target, null); // expect: cs-ssrf
            var message = new HttpRequestMessage(HttpMethod.Get, callback); // expect: cs-ssrf
            WebRequest.Create(callback); // expect: cs-ssrf
            await _http.GetAsync($"https://api.example.com/items/{Uri.EscapeDataString(id)}"); // ok: cs-ssrf
            await _http.GetAsync($"/v1/users/{id}"); // ok: cs-ssrf
            await _http.GetAsync("https://status.example.com/health"); // ok: cs-ssrf
            await _http.PostAsync("https://audit.example.com/events", new StringContent(callback)); // ok: cs-ssrf
        }

        private async Task<string> Fetch(string url) => await _http.GetStringAsync(url); // ok: cs-ssrf
    }
}
