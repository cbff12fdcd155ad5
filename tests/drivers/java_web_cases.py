"""Driver for the Java fix cases Directory, Login, Pages, Catalog, Sessions and Settings: each
variant is built against small stand-ins for the servlet, SLF4J, MongoDB, Jackson, jjwt and Spring
APIs and run on benign and attack input.

Observed: the redirect target Login sends, what Pages logs, puts in a header and opens as a file,
what the XPath lookup in Catalog returns, and whether the trust manager in Directory accepts a
self-signed certificate (made here with keytool), which generator Sessions draws its token from,
and who may read the export file Settings creates. The LDAP search, the MongoDB filter and the
Spring configuration are not run: they need a directory server, a database and Spring itself.
"""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from drivers.native_cases import CASES, HARNESSES, need

STUBS = HARNESSES / "java_web"
_PACKAGES = {
    "Directory": "directory",
    "Login": "auth",
    "Pages": "web",
    "Catalog": "catalog",
    "Sessions": "auth",
    "Settings": "config",
}
_JAVA = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


_KEYTOOL_STORE = ("-storetype", "PKCS12", "-storepass", "changeit")
_NEW_KEY = ("-genkeypair", "-alias", "evil", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2")


def _self_signed(tmp: Path) -> Path:
    store, pem = tmp / "evil.p12", tmp / "evil.pem"
    for args in (
        [*_NEW_KEY, "-dname", "CN=evil.example", "-keypass", "changeit"],
        ["-exportcert", "-alias", "evil", "-rfc", "-file", str(pem)],
    ):
        command = ["keytool", *args, "-keystore", str(store), *_KEYTOOL_STORE]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
    return pem


def _observe(variant: str, tmp: Path, certificate: Path) -> dict[str, str]:
    src, classes = tmp / variant / "src", tmp / variant / "classes"
    shutil.copytree(STUBS, src)
    for name, package in _PACKAGES.items():
        suffix = ".fixed.java" if variant == "fixed" else ".java"
        target = src / "com" / "example" / "shop" / package / f"{name}.java"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CASES / "java" / f"{name}{suffix}", target)
    sources = [str(p) for p in src.rglob("*.java")]
    built = subprocess.run(
        ["javac", *(f"-J{o}" for o in _JAVA), "-nowarn", "-d", str(classes), *sources],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    done = subprocess.run(
        ["java", *_JAVA, "-cp", str(classes), "com.example.driver.WebDriver", str(certificate)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(line.split("\t", 1) for line in done.stdout.splitlines())


def java_web_cases(tmp: Path) -> None:
    need("javac", "java", "keytool")
    certificate = _self_signed(tmp)
    with ThreadPoolExecutor(2) as pool:
        jobs = [pool.submit(_observe, v, tmp, certificate) for v in ("original", "fixed")]
        orig, fixed = (job.result() for job in jobs)

    # Login: a path on this site is kept; a target that leaves the site becomes a local path.
    for key in ("login.benign0", "login.benign1"):
        assert orig[key] == fixed[key]
    assert orig["login.protocolRelative"] == "//evil.example/phish"
    assert fixed["login.protocolRelative"] == "/evil.example/phish"
    assert orig["login.backslash"] == "/\\\\evil.example/phish"  # printed with its backslash escaped
    assert fixed["login.backslash"] == "/evil.example/phish"

    # Pages: benign values pass unchanged; line breaks no longer reach the log or the header, and
    # a `../` path stays in the documents folder.
    for part in ("log", "header", "path"):
        assert orig[f"pages.benign.{part}"] == fixed[f"pages.benign.{part}"]
    assert "\\r\\n" in orig["pages.attack.log"] and "\\r\\n" in orig["pages.attack.header"]
    assert fixed["pages.attack.log"] == "search for chairs__Set-Cookie: session=attacker from 203.0.113.7"
    assert fixed["pages.attack.header"] == "term=chairsSet-Cookie: session=attacker"
    assert orig["pages.attack.path"] == "/srv/shop/docs/../../../etc/passwd"
    assert fixed["pages.attack.path"] == "/srv/shop/docs/passwd"

    # Catalog: the same price for a real SKU; a quote can no longer widen the XPath condition.
    assert orig["catalog.benign"] == fixed["catalog.benign"] == "9.00"
    assert orig["catalog.quoteInjection"] == "3.50"
    assert fixed["catalog.quoteInjection"] == ""

    # Directory: the lenient trust manager accepted any certificate; the default one does not.
    assert orig["trust.selfSigned"] == "accepted"
    assert fixed["trust.selfSigned"].startswith("refused: PKIX path building failed"), fixed[
        "trust.selfSigned"
    ]

    # Sessions: the same kind of token, now from SecureRandom.
    assert orig["sessions.tokenIsHexLong"] == fixed["sessions.tokenIsHexLong"] == "true"
    assert (orig["sessions.generator"], fixed["sessions.generator"]) == (
        "java.util.Random",
        "java.security.SecureRandom",
    )

    # Settings: the export file is still a temp file, now readable and writable by its owner only.
    assert orig["settings.exportInTempDir"] == fixed["settings.exportInTempDir"] == "true"
    assert fixed["settings.exportPermissions"] == "rw-------"
