"""Drivers for the compiled-language fix cases, built and run in a temp dir when the toolchain is
on this machine (skipped, with the reason, when it is not).

C and C++ cases are built with AddressSanitizer, so a buffer overflow in the original is an
observed crash rather than a guess.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

CASES = Path(__file__).parent.parent / "fixes"
HARNESSES = Path(__file__).parent / "native"

NativeDriver = Callable[[Path], None]

_SANITIZED = {**os.environ, "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=0", "LC_ALL": "C"}


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def overflowed(self) -> bool:
        return self.returncode != 0 and "AddressSanitizer" in self.stderr and "overflow" in self.stderr


def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed")


Probe = Callable[[str], str]


@dataclass(frozen=True)
class Build:
    flags: tuple[str, ...] = ()
    libs: tuple[str, ...] = ()
    probe: Probe | None = None


def build_c_family(compiler: str, case: Path, harness: Path, workdir: Path, build: Build) -> Path:
    """Compile `harness`, which #includes the case file as case.<ext> (after `probe` adds its
    observation point, if any), into workdir."""
    workdir.mkdir()
    text = case.read_text(encoding="utf-8")
    (workdir / f"case{case.suffix}").write_text(build.probe(text) if build.probe else text, encoding="utf-8")
    binary = workdir / "driver"
    done = subprocess.run(
        [
            compiler,
            *build.flags,
            "-w",
            "-g",
            "-fsanitize=address",
            "-I",
            str(workdir),
            str(harness),
            "-o",
            str(binary),
            *build.libs,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return binary


def run(binary: Path, *args: str, stdin: str = "") -> Run:
    done = subprocess.run(
        [str(binary), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        env=_SANITIZED,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def both_c_family(
    compiler: str, case: str, harness: str, tmp: Path, build: Build = Build()
) -> tuple[Path, Path]:
    need(compiler)
    source = CASES / case
    fixed = source.with_name(f"{source.stem}.fixed{source.suffix}")
    with ThreadPoolExecutor(2) as pool:  # the two builds are independent
        builds = [
            pool.submit(build_c_family, compiler, path, HARNESSES / harness, tmp / name, build)
            for path, name in ((source, "original"), (fixed, "fixed"))
        ]
        return builds[0].result(), builds[1].result()


def print_buffer_at_end(text: str) -> str:
    end = text.rindex("}")
    return text[:end] + '    std::printf("|%s", buf);\n' + text[end:]


def c_memory(tmp: Path) -> None:
    # gnu99: the original calls gets(), which C11 headers no longer declare
    orig, fixed = both_c_family("gcc", "c/memory.c", "memory_harness.c", tmp, Build(flags=("-std=gnu99",)))
    for src, line in (("hi ", "5 bob\n"), ("", "7 ann\n"), ("x", "1 y")):
        before, after = run(orig, src, stdin=line), run(fixed, src, stdin=line)
        assert (before.returncode, before.stdout, before.stderr) == (
            after.returncode,
            after.stdout,
            after.stderr,
        )
        assert before.returncode == 0 and before.stdout.startswith(src)
    assert run(orig, "hi ", stdin="5 bob\n").stdout == "hi bobuser=bob|n=5"

    before, after = run(orig, "hi ", stdin="5 %%\n"), run(fixed, "hi ", stdin="5 %%\n")
    assert before.stdout == "hi %user=%|n=5"  # the input was read as a format string
    assert before.stderr == "syslog: hi %\n"
    assert after.stdout == "hi %%user=%%|n=5" and after.stderr == "syslog: hi %%\n"

    long_name = "5 " + "A" * 100 + "\n"
    assert run(orig, "hi ", stdin=long_name).overflowed  # sscanf %s past name[64]
    after = run(fixed, "hi ", stdin=long_name)
    assert after.returncode == 0 and after.stdout == "hi " + "A" * 63 + "user=" + "A" * 63 + "|n=5"
    assert run(orig, "S" * 300, stdin="5 bob\n").overflowed  # strcpy past msg[256]
    after = run(fixed, "S" * 300, stdin="5 bob\n")
    assert after.returncode == 0 and after.stdout == "S" * 255 + "user=bob|n=5"
    long_line = "5 bob " + "L" * 200 + "\n"
    assert run(orig, "hi ", stdin=long_line).overflowed  # gets past line[128]
    after = run(fixed, "hi ", stdin=long_line)
    assert after.returncode == 0 and after.stdout == "hi bobuser=bob|n=5"


def has_header(compiler: str, header: str) -> bool:
    done = subprocess.run(
        [compiler, "-E", "-x", "c", "-"],
        input=f"#include <{header}>\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return done.returncode == 0


def c_tls(tmp: Path) -> None:
    need("gcc")
    if not has_header("gcc", "openssl/ssl.h"):
        pytest.skip("the OpenSSL headers (libssl-dev) are not installed")
    build = Build(flags=("-I", str(HARNESSES / "include")), libs=("-lssl", "-lcrypto"))
    orig, fixed = both_c_family("gcc", "c/tls.c", "tls_harness.c", tmp, build)
    before, after = run(orig), run(fixed)
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    # verify mode, curl VERIFYPEER, curl VERIFYHOST, impostor accepted, trusted server accepted
    assert before.stdout.split() == ["0", "0", "0", "1", "1"]  # any certificate is accepted
    assert after.stdout.split() == ["1", "1", "2", "0", "1"]  # only the trusted one is


def cpp_copy(tmp: Path) -> None:
    orig, fixed = both_c_family(
        "g++", "cpp/copy.cpp", "copy_harness.cpp", tmp, Build(probe=print_buffer_at_end)
    )
    for host, name in (("example.com", "bob"), ("a b", "x" * 31)):
        before, after = run(orig, host, name), run(fixed, host, name)
        assert before == after and before.returncode == 0 and before.stdout == f"{host}|{name}"
    assert run(orig, "%%", "bob").stdout == "%|bob"  # the host was read as a format string
    assert run(fixed, "%%", "bob").stdout == "%%|bob"
    assert run(orig, "h", "N" * 100).overflowed  # strcpy past buf[32]
    after = run(fixed, "h", "N" * 100)
    assert after.returncode == 0 and after.stdout == "h|" + "N" * 31  # truncated, in bounds


# --- Rust: std-only cases built with rustc -------------------------------------------------------


def build_rust(case: Path, workdir: Path) -> Path:
    workdir.mkdir()
    binary = workdir / "driver"
    done = subprocess.run(
        [
            "rustc",
            "--edition",
            "2021",
            "--crate-name",
            "driver",
            "-A",
            "warnings",
            "-o",
            str(binary),
            str(case),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return binary


def run_bytes(binary: Path, packet: bytes) -> str:
    done = subprocess.run([str(binary)], input=packet, capture_output=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode()


def rust_frames(tmp: Path) -> None:
    need("rustc")
    source = CASES / "rust" / "frames.rs"
    orig = build_rust(source, tmp / "original")
    fixed = build_rust(source.with_name("frames.fixed.rs"), tmp / "fixed")
    for packet in (b"\x01\x00\x00\x00\x03\x00\x00\x00abc", b"\x07\x00\x00\x00\x00\x00\x00\x00", b"\x01\x02"):
        assert run_bytes(orig, packet) == run_bytes(fixed, packet)
    assert run_bytes(fixed, b"\x01\x00\x00\x00\x03\x00\x00\x00abc") == "1 [97, 98, 99]\n"
    # a length field larger than the packet: the original reads past the buffer, the fix stops at it
    lying = b"\x01\x00\x00\x00\x00\x01\x00\x00abc"
    over = subprocess.run([str(orig)], input=lying, capture_output=True, timeout=30, check=False)
    # 256 bytes shown, 253 of them from beyond the packet (or a crash, if that memory is unmapped)
    assert over.returncode != 0 or over.stdout.decode().count(",") == 255
    assert run_bytes(fixed, lying) == "1 [97, 98, 99]\n"


# --- Java: Crypto, Tls and Web in one build per variant ------------------------------------------

JAVA_STUBS = HARNESSES / "java"


def _java_observe(variant: str, tmp: Path, secret: Path) -> dict[str, str]:
    src, classes = tmp / variant / "src", tmp / variant / "classes"
    shutil.copytree(JAVA_STUBS, src)
    for name in ("Crypto", "Tls", "Web"):
        suffix = ".fixed.java" if variant == "fixed" else ".java"
        shutil.copyfile(CASES / "java" / f"{name}{suffix}", src / "com" / "example" / f"{name}.java")
    sources = [str(p) for p in src.rglob("*.java")]
    built = subprocess.run(
        ["javac", "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-nowarn", "-d", str(classes), *sources],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    done = subprocess.run(
        [
            "java",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            str(classes),
            "com.example.Driver",
            secret.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(line.split("\t", 1) for line in done.stdout.splitlines())


def java_cases(tmp: Path) -> None:
    need("javac", "java")
    secret = tmp / "secret.txt"
    secret.write_text("TOPSECRET")
    with ThreadPoolExecutor(2) as pool:
        orig_job, fixed_job = (pool.submit(_java_observe, v, tmp, secret) for v in ("original", "fixed"))
        orig, fixed = orig_job.result(), fixed_job.result()

    assert (orig["crypto.digestBytes"], fixed["crypto.digestBytes"]) == ("16", "32")  # MD5 -> SHA-256
    assert orig["crypto.hex"] == "a9993e364706816aba3e25717850c26c9cd0d89d"  # SHA-1 of "abc"
    assert fixed["crypto.hex"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert orig["crypto.distinctTokens"] == fixed["crypto.distinctTokens"] == "20"
    assert orig["crypto.predictableTokens"] == "20"  # half of each token gives away the other half
    assert int(fixed["crypto.predictableTokens"]) <= 1

    assert orig["tls.anyHostAcceptsForeignName"] == orig["tls.lambdaAcceptsForeignName"] == "true"
    assert fixed["tls.anyHostAcceptsForeignName"] == fixed["tls.lambdaAcceptsForeignName"] == "false"

    assert orig["web.cookies"] == "SESSION=id-123 auth_token=tok-456;HttpOnly"
    assert fixed["web.cookies"] == "SESSION=id-123;Secure;HttpOnly auth_token=tok-456;Secure;HttpOnly"
    assert orig["web.plainXml"] == fixed["web.plainXml"] == "text:book"
    assert orig["web.externalEntity"] == "text:TOPSECRET"  # the parser read a local file for the input
    assert fixed["web.externalEntity"].startswith("refused:")
    assert orig["web.staxPlain"] == fixed["web.staxPlain"] == "text:book"
    assert orig["web.staxExternalEntity"] == "text:TOPSECRET"  # StAX resolved it too
    assert fixed["web.staxExternalEntity"].startswith("refused:")
    assert "TOPSECRET" not in fixed["web.staxExternalEntity"]


def cases_covered(key: str) -> list[str]:
    """'java/Crypto+Tls+Web' -> ['java/Crypto', 'java/Tls', 'java/Web']: one build drives them all."""
    language, _, names = key.partition("/")
    return [f"{language}/{name}" for name in names.split("+")]
