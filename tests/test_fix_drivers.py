"""Proof by running: every fix case with an expected file is driven before and after its rewrite.

A driver runs the original and the fixed corpus code (our own fixtures in tests/fixes/, never code
scanned for a user) on benign input, which must give the same result, and on an attack input,
which must work on the original where that can be observed and must not work on the fixed code.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from drivers import dockerfile_cases as dockerfile
from drivers import dockerfile_files
from drivers import java_web_cases as java_web
from drivers import js_checks as js
from drivers import native_cases as native
from drivers import python_cases as py
from drivers import python_secret_cases as secret
from drivers import python_web_cases as web
from drivers.python_cases import Driver

from vsguard.fixes import suggest_fix
from vsguard.models import FixStatus

CASES = Path(__file__).parent / "fixes"

PYTHON_DRIVERS: dict[str, Driver] = {
    "command": py.command,
    "config": py.config,
    "config_more": py.config_more,
    "crypto": py.crypto,
    "db_password": secret.db_password,
    "deserialization": py.deserialization,
    "jwt_algorithms": py.jwt_algorithms,
    "jinja_pages": secret.jinja_pages,
    "keys_xml": web.keys_xml,
    "ldap_taint": web.ldap_taint,
    "llm_output": web.llm_output,
    "nosql_taint": web.nosql_taint,
    "redirect": web.redirect,
    "secrets_env": web.secrets_env,
    "sql_psycopg": web.sql_psycopg,
    "sql_sqlalchemy": web.sql_sqlalchemy,
    "signing_key": secret.signing_key,
    "sql_sqlite": web.sql_sqlite,
    "upload": web.upload,
    "web_taint": web.web_taint,
    "xpath_taint": web.xpath_taint,
}


def cases_with_expected(language: str) -> list[str]:
    """Case names in tests/fixes/<language>/ that have an expected NAME.fixed.ext beside them."""
    return sorted(p.name.split(".fixed.")[0] for p in (CASES / language).glob("*.fixed.*"))


@pytest.mark.parametrize("case", sorted(PYTHON_DRIVERS))
def test_python_fix_driver(case: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    PYTHON_DRIVERS[case](monkeypatch, tmp_path)


def test_every_python_case_has_a_driver() -> None:
    assert sorted(PYTHON_DRIVERS) == cases_with_expected("python")


# --- JavaScript / TypeScript: one node process runs every case ------------------------------------

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


@pytest.fixture(scope="module")
def js_observed() -> dict[str, Any]:
    return js.run_harness(timeout=60)


def _both(observed: dict[str, Any], case: str) -> tuple[js.Obs, js.Obs]:
    runs = observed[case]
    assert runs is not None, f"cases.js has no driver for {case}"
    for variant in ("original", "fixed"):
        assert runs[variant]["ok"], f"{case} ({variant}) failed to run:\n{runs[variant].get('error')}"
    return runs["original"]["obs"], runs["fixed"]["obs"]


@needs_node
@pytest.mark.parametrize("case", sorted(js.JS_CHECKS))
def test_javascript_fix_driver(case: str, js_observed: dict[str, Any]) -> None:
    js.JS_CHECKS[case](*_both(js_observed, case))


# --- the open-redirect rewrite needs review: what it changes for benign targets, and that it says so


def _redirect_review(language: str, name: str) -> str:
    path = CASES / language / name
    result = suggest_fix(path.read_text(encoding="utf-8"), filename=path.name)
    (fix,) = [f for f in result.fixes if f.rule_id.endswith("open-redirect")]
    assert fix.status is FixStatus.NEEDS_REVIEW and fix.todo is not None
    return fix.todo


def test_python_redirect_rewrite_changes_only_what_its_review_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    web.redirect_same_site_changes(monkeypatch, tmp_path)  # paths and attacks: test_python_fix_driver
    todo = _redirect_review("python", "redirect.py")
    assert all(f"`{target}`" in todo for target in web.PY_SAME_SITE_CHANGES), todo
    assert "relative targets are kept" in todo


@needs_node
def test_javascript_redirect_rewrite_changes_only_what_its_review_names(js_observed: dict[str, Any]) -> None:
    js.redirect_same_site_changes(*_both(js_observed, "redirect"))
    todo = _redirect_review("javascript", "redirect.js")
    assert all(f"`{target}`" in todo for target in web.SAME_SITE_CHANGES), todo


def test_every_javascript_case_has_a_driver() -> None:
    expected = cases_with_expected("javascript")
    assert sorted(js.JS_CHECKS) == expected
    assert js.driven_cases() == expected


# --- compiled languages: built and run where the toolchain is installed ---------------------------

NATIVE_DRIVERS: dict[str, native.NativeDriver] = {
    "c/accounts": native.c_accounts,
    "c/catalog": native.c_catalog,
    "c/crypto_store": native.c_crypto_store,
    "c/export": native.c_export,
    "c/memory": native.c_memory,
    "c/tls": native.c_tls,
    "cpp/copy": native.cpp_copy,
    "cpp/session_store": native.cpp_session_store,
    "dockerfile/packages": dockerfile.packages,
    "dockerfile/permissions": dockerfile_files.permissions,
    "dockerfile/tls": dockerfile.tls,
    "java/Crypto+Tls+Web": native.java_cases,
    "rust/frames": native.rust_frames,
    "java/Directory+Login+Pages+Catalog+Sessions+Settings": java_web.java_web_cases,
}


@pytest.mark.parametrize("case", sorted(NATIVE_DRIVERS))
def test_native_fix_driver(case: str, tmp_path: Path) -> None:
    NATIVE_DRIVERS[case](tmp_path)


# Cases with no driver here yet: (the toolchain that would run it, why there is none).
NATIVE_UNDRIVEN: dict[str, tuple[str, str]] = {
    "c/directory": ("gcc", "needs the OpenLDAP and libmongoc headers, which this machine does not have"),
    "c/packet": ("gcc", "no driver for this C case yet"),
    "c/reports_db": ("gcc", "PQsetdbLogin needs a PostgreSQL server to log in to"),
    "c/scripting": ("gcc", "needs the Lua headers, which this machine does not have"),
    "c/static_files": ("gcc", "needs the libmicrohttpd headers, which this machine does not have"),
    "cpp/crow_drogon": ("g++", "needs the Crow and Drogon headers, which this machine does not have"),
    "cpp/files_server": (
        "g++",
        "needs the cpp-httplib and jwt-cpp headers, which this machine does not have",
    ),
    "cpp/orders_db": ("g++", "needs libpqxx and a PostgreSQL server"),
    "cpp/token": ("g++", "no driver for this C++ case yet"),
    "csharp/Api": ("dotnet", "no C# driver yet"),
    "csharp/Directory": ("dotnet", "no C# driver yet"),
    "csharp/Envelope": ("dotnet", "no C# driver yet"),
    "csharp/FilesController": ("dotnet", "no C# driver yet"),
    "csharp/Orders": ("dotnet", "no C# driver yet"),
    "csharp/Profile": ("dotnet", "no C# driver yet"),
    "csharp/Queries": ("dotnet", "no C# driver yet"),
    "csharp/Security": ("dotnet", "no C# driver yet"),
    "csharp/Startup": ("dotnet", "no C# driver yet"),
    "csharp/Tools": ("dotnet", "no C# driver yet"),
    "dockerfile/files": ("docker", "ADD and COPY are carried out by the image builder, not by a command"),
    "dockerfile/service": ("docker", "building the image needs base images from a registry"),
    "go/commands": ("go", "no Go driver yet"),
    "go/digests": ("go", "no Go driver yet"),
    "go/envelope": ("go", "no Go driver yet"),
    "go/files": ("go", "no Go driver yet"),
    "go/lookup": ("go", "no Go driver yet"),
    "go/records": ("go", "no Go driver yet"),
    "go/server": ("go", "no Go driver yet"),
    "go/settings": ("go", "no Go driver yet"),
    "go/store": ("go", "no Go driver yet"),
    "java/Assistant": ("javac", "no driver for this Java case yet"),
    "java/AuthTokens": ("javac", "no driver for this Java case yet"),
    "java/Commands": ("javac", "no driver for this Java case yet"),
    "java/Envelope": ("javac", "no driver for this Java case yet"),
    "java/Security": ("javac", "no driver for this Java case yet"),
    "java/Uploads": ("javac", "no driver for this Java case yet"),
    "kotlin/Assistant": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/AuthTokens": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Catalog": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Commands": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Directory": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Envelope": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Login": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Pages": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Security": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Sessions": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Settings": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Tokens": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Uploads": ("kotlinc", "no Kotlin driver yet"),
    "kotlin/Web": ("kotlinc", "no Kotlin driver yet"),
    "php/app": ("php", "no PHP driver yet"),
    "php/backticks": ("php", "no PHP driver yet"),
    "php/data_flows": ("php", "no PHP driver yet"),
    "php/form_requests": ("php", "no PHP driver yet"),
    "php/mysqli": ("php", "no PHP driver yet"),
    "php/pages": ("php", "no PHP driver yet"),
    "php/queries": ("php", "no PHP driver yet"),
    "php/reports": ("php", "no PHP driver yet"),
    "php/templates": ("php", "no PHP driver yet"),
    "php/web_config": ("php", "no PHP driver yet"),
    "php/xpath": ("php", "no PHP driver yet"),
    "ruby/app": ("ruby", "no Ruby driver yet"),
    "ruby/backticks": ("ruby", "no Ruby driver yet"),
    "ruby/data_access": ("ruby", "no Ruby driver yet"),
    "ruby/files": ("ruby", "no Ruby driver yet"),
    "ruby/injection": ("ruby", "no Ruby driver yet"),
    "ruby/inline_templates": ("ruby", "no Ruby driver yet"),
    "ruby/production_config": ("ruby", "no Ruby driver yet"),
    "ruby/profile_links": ("ruby", "no Ruby driver yet"),
    "ruby/sinatra_app": ("ruby", "no Ruby driver yet"),
    "ruby/users_controller": ("ruby", "no Ruby driver yet"),
    "ruby/vault": ("ruby", "no Ruby driver yet"),
    "ruby/web_controller": ("ruby", "no Ruby driver yet"),
    "rust/accounts": ("cargo", "no driver for this Rust case yet"),
    "rust/client": (
        "cargo",
        "client.rs needs the reqwest and cookie crates, which this machine cannot fetch",
    ),
    "rust/handlers": (
        "cargo",
        "handlers.rs needs the axum, tracing and html_escape crates, which this machine cannot fetch",
    ),
    "rust/queries": ("cargo", "no driver for this Rust case yet"),
    "rust/settings": (
        "cargo",
        "settings.rs needs jsonwebtoken, sqlx, ldap3 and other crates, which this machine cannot fetch",
    ),
    "rust/tokens": ("cargo", "no driver for this Rust case yet"),
}


@pytest.mark.parametrize("case", sorted(NATIVE_UNDRIVEN))
def test_native_fix_without_driver(case: str) -> None:
    tool, reason = NATIVE_UNDRIVEN[case]
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    pytest.skip(reason)


def test_every_other_case_has_a_driver_or_a_reason() -> None:
    others = sorted(
        f"{d.name}/{case}"
        for d in CASES.iterdir()
        if d.is_dir() and d.name not in ("python", "javascript")
        for case in cases_with_expected(d.name)
    )
    driven = [case for key in NATIVE_DRIVERS for case in native.cases_covered(key)]
    assert sorted(driven + list(NATIVE_UNDRIVEN)) == others
