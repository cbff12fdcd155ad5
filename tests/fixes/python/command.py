import os
import subprocess


def ping(host: str) -> None:
    subprocess.run(f"ping -c 1 {host}", shell=True, check=True)


def archive(path: str) -> None:
    cmd = "tar czf 'backup file.tgz' %s" % path
    subprocess.Popen(cmd, shell=True).wait()


def disk_usage(path: str) -> str:
    os.system("du -sh " + path)
    status = os.system(f"test -d {path}")
    return os.popen("ls -la " + path).read() if status == 0 else ""


def piped(name: str) -> None:
    subprocess.run(f"grep {name} /etc/passwd | wc -l", shell=True)
