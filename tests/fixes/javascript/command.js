const { exec, execSync } = require("child_process");
const cp = require("child_process");

function ping(host, cb) {
  exec(`ping -c 1 ${host}`, cb);
}

function lookup(domain) {
  return execSync("nslookup " + domain).toString();
}

function archive(dir) {
  cp.exec(`tar czf backup.tgz ${dir}`, { cwd: "/srv" }, () => {});
}

function count(name) {
  return execSync(`grep ${name} /etc/passwd | wc -l`);
}
