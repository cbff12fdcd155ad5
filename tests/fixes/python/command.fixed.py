import subprocess


def ping(host: str) -> None:
    subprocess.run(["ping", "-c", "1", host], check=True)


def archive(path: str) -> None:
    cmd = ["tar", "czf", "backup file.tgz", path]
    subprocess.Popen(cmd).wait()


def disk_usage(path: str) -> str:
    subprocess.run(["du", "-sh", path], check=True)
    status = subprocess.run(["test", "-d", path]).returncode
    return subprocess.run(["ls", "-la", path], capture_output=True, text=True).stdout if status == 0 else ""


def piped(name: str) -> None:
    subprocess.run(f"grep {name} /etc/passwd | wc -l", shell=True)
