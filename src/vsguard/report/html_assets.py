"""The HTML report's inline style sheet and script: no fonts, images or code from anywhere else."""

from __future__ import annotations

# One colour per severity, shared by the chart, the badges and the legend.
SEVERITY_COLOURS = {
    "critical": "#8e1b3a",
    "high": "#d6452a",
    "medium": "#e59f1c",
    "low": "#3a7bd5",
    "info": "#8a94a3",
}

CSS = """
:root { --ink:#1d2430; --muted:#5d6777; --line:#dfe3ea; --bg:#f5f7fa; --card:#fff;
  --ok:#1f8a4c; --bad:#c2352b; --warn:#b7791f; --code:#f0f2f6; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; }
header { background:#16202e; color:#fff; padding:20px 32px; display:flex; align-items:center;
  gap:24px; flex-wrap:wrap; }
header h1 { font-size:20px; margin:0; font-weight:600; letter-spacing:.2px; }
header .meta { color:#aab4c3; font-size:13px; }
main { max-width:1200px; margin:0 auto; padding:24px 32px 48px; }
h2 { font-size:17px; margin:28px 0 12px; }
h3 { font-size:15px; margin:18px 0 8px; }
.verdict { font-weight:700; padding:6px 14px; border-radius:6px; font-size:15px; letter-spacing:.5px; }
.verdict.passed { background:var(--ok); } .verdict.failed { background:var(--bad); }
.verdict.incomplete { background:var(--warn); }
.tiles { display:grid; grid-template-columns:repeat(auto-fit,minmax(104px,1fr)); gap:12px; }
.tile { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
.tile b { display:block; font-size:24px; line-height:1.2; }
.tile span { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.4px; }
.tile.sev { border-top:4px solid var(--c); }
.panel { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px 18px; }
.grid2 { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:16px; }
@media (max-width:900px) { .grid2 { grid-template-columns:1fr; } }
svg text { font-family:inherit; }
.legend { display:flex; gap:14px; flex-wrap:wrap; font-size:12px; color:var(--muted); margin-top:6px; }
.legend i { background:var(--c); display:inline-block; width:10px; height:10px; border-radius:2px;
  margin-right:5px; vertical-align:-1px; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--muted); font-weight:600; }
.note { color:var(--muted); font-size:13px; }
.gap { background:#fff7e6; border-color:#f0c36d; }
.toolbar { display:flex; gap:8px; flex-wrap:wrap; align-items:center; margin:8px 0 12px; }
.toolbar button { border:1px solid var(--line); background:#fff; border-radius:14px; padding:3px 12px;
  cursor:pointer; font:inherit; font-size:12px; }
.toolbar button[aria-pressed=false] { opacity:.45; text-decoration:line-through; }
.toolbar input { border:1px solid var(--line); border-radius:6px; padding:4px 10px; font:inherit;
  min-width:240px; }
.sevgroup > h2 { display:flex; align-items:center; gap:10px; }
.file { margin:10px 0 4px; font:600 13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
  color:#33415a; word-break:break-all; }
.finding { background:var(--card); border:1px solid var(--line); border-left:4px solid var(--c);
  border-radius:6px; padding:10px 14px; margin:8px 0; }
.finding .head { display:flex; gap:10px; flex-wrap:wrap; align-items:baseline; }
.finding .title { font-weight:600; }
.rule { font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; background:var(--code);
  padding:1px 6px; border-radius:4px; }
.badge { color:#fff; background:var(--c); border-radius:4px; padding:1px 7px; font-size:11px;
  font-weight:700; text-transform:uppercase; letter-spacing:.4px; }
.ids { color:var(--muted); font-size:12px; }
pre { background:var(--code); border-radius:6px; padding:8px 0; overflow-x:auto; margin:8px 0;
  font:12px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; }
pre .ln { display:inline-block; width:4.5em; padding-right:10px; text-align:right; color:#98a1b0;
  user-select:none; }
.trace { list-style:none; padding:0; margin:6px 0; font-size:12px; }
.trace li { display:flex; gap:8px; align-items:baseline; padding:2px 0; }
.trace .k { font-size:10px; font-weight:700; text-transform:uppercase; border-radius:3px;
  padding:0 5px; color:#fff; background:#6b7787; min-width:48px; text-align:center; }
.trace .k.source { background:#7b4fd6; } .trace .k.sink { background:#c2352b; }
.trace code { font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; word-break:break-all; }
.fix { font-size:13px; margin-top:4px; }
.finding code { font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; background:var(--code);
  padding:0 4px; border-radius:3px; }
pre code, .trace code { background:none; padding:0; }
.fix b { color:var(--ok); }
.chips { display:flex; flex-wrap:wrap; gap:4px; margin:4px 0 8px; }
.chip { font:11px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; border-radius:10px;
  padding:1px 7px; background:#e6eefc; color:#284a87; }
.chip.hit { background:#fbe3df; color:#9a2a1f; font-weight:700; }
details > summary { cursor:pointer; }
.cov-hit { --c:#d6452a; } .cov-rule { --c:#9db8e8; } .cov-all { --c:#e8ecf2; }
.hidden { display:none; }
footer { color:var(--muted); font-size:12px; text-align:center; padding:16px; }
"""

# Severity toggles and a text filter; the report reads fine without it.
JS = """
(function () {
  var off = {};
  var query = "";
  function apply() {
    document.querySelectorAll(".finding").forEach(function (el) {
      var text = el.getAttribute("data-search") || "";
      var show = !off[el.getAttribute("data-severity")] && text.indexOf(query) !== -1;
      el.classList.toggle("hidden", !show);
    });
    document.querySelectorAll(".filegroup, .sevgroup").forEach(function (group) {
      group.classList.toggle("hidden", !group.querySelector(".finding:not(.hidden)"));
    });
  }
  document.querySelectorAll("button[data-toggle]").forEach(function (button) {
    button.addEventListener("click", function () {
      var sev = button.getAttribute("data-toggle");
      off[sev] = !off[sev];
      button.setAttribute("aria-pressed", off[sev] ? "false" : "true");
      apply();
    });
  });
  var box = document.getElementById("filter");
  if (box) {
    box.addEventListener("input", function () { query = box.value.toLowerCase(); apply(); });
  }
  var tools = document.querySelector(".toolbar");
  if (tools) { tools.classList.remove("hidden"); }
})();
"""
