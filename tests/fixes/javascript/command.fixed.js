const { execSync, execFile, execFileSync } = require("child_process");
const cp = require("child_process");

function ping(host, cb) {
  execFile("ping", ["-c", "1", host], cb);
}

function lookup(domain) {
  return execFileSync("nslookup", [domain]).toString();
}

function archive(dir) {
  cp.execFile("tar", ["czf", "backup.tgz", dir], { cwd: "/srv" }, () => {});
}

function count(name) {
  return execSync(`grep ${name} /etc/passwd | wc -l`);
}
