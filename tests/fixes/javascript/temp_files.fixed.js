const fs = require("fs");
const os = require("os");
const path = require("path");

function exportRows(rows) {
  fs.writeFileSync(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "app-")), "export.csv"), rows.join("\n"));
}

function saveReport(text) {
  fs.writeFileSync(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "app-")), "report.txt"), text);
}
