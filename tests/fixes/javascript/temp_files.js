const fs = require("fs");
const os = require("os");
const path = require("path");

function exportRows(rows) {
  fs.writeFileSync(path.join(os.tmpdir(), "export.csv"), rows.join("\n"));
}

function saveReport(text) {
  fs.writeFileSync("/tmp/report.txt", text);
}
