"""Which files a scan reads: ignore rules relative to the scanned folder, links, named files, and
the sibling-module reads of cross-file analysis kept to the same files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vsguard.cli import main
from vsguard.config import Limits
from vsguard.engine.files import Candidate, ReadScope, iter_candidates
from vsguard.engine.scanner import scan_paths, scan_text

FLAW = "import os\nos.system('x' + y)\n"


def _walk(*paths: Path) -> tuple[list[Path], dict[str, str]]:
    """Candidates' paths and {file name: reason} of the skipped ones."""
    found: list[Path] = []
    skipped: dict[str, str] = {}
    for item in iter_candidates(list(paths)):
        if isinstance(item, Candidate):
            found.append(item.path)
        else:
            skipped[item[0].name] = item[1]
    return found, skipped


def _flagged(*paths: Path) -> list[str]:
    return sorted(Path(f.path or "").name for f in scan_paths(list(paths)).findings)


# ---------------------------------------------------------------------- ignore rules are relative


def test_a_project_inside_a_skipped_folder_name_is_scanned(tmp_path: Path) -> None:
    project = tmp_path / "venv" / "proj"
    (project / "node_modules").mkdir(parents=True)
    (project / "app.py").write_text(FLAW)
    (project / "node_modules" / "dep.py").write_text(FLAW)
    assert _flagged(project) == ["app.py"]  # below the root the skip list still holds
    assert _flagged(tmp_path / "venv") == ["app.py"]


def test_relative_roots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "venv"
    (project / "pkg" / "node_modules").mkdir(parents=True)
    (project / "pkg" / "app.py").write_text(FLAW)
    (project / "pkg" / "node_modules" / "dep.py").write_text(FLAW)
    (project / "pkg" / "link.py").symlink_to("app.py")
    monkeypatch.chdir(project)
    for named, expected in ((".", "pkg/app.py"), ("pkg", "pkg/app.py"), ("./pkg/", "pkg/app.py")):
        assert _walk(Path(named)) == ([Path(expected)], {}), named
    monkeypatch.chdir(project / "pkg")
    assert _walk(Path(".")) == ([Path("app.py")], {})
    assert _walk(Path("..")) == ([Path("../pkg/app.py")], {})


def test_a_named_file_under_a_skipped_folder_is_scanned(tmp_path: Path) -> None:
    lib = tmp_path / "node_modules" / "lib.py"
    lib.parent.mkdir()
    lib.write_text(FLAW)
    assert _flagged(lib) == ["lib.py"]
    assert _flagged(tmp_path) == []


def test_exclude_globs_apply_below_the_root_only(tmp_path: Path) -> None:
    project = tmp_path / "tests" / "proj"
    project.mkdir(parents=True)
    (project / "app.py").write_text(FLAW)
    names = {Path(f.path or "").name for f in scan_paths([project], exclude=["tests"]).findings}
    assert names == {"app.py"}


def test_git_listing_inside_a_skipped_folder_name(tmp_path: Path) -> None:
    project = tmp_path / ".venv" / "proj"
    project.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / "app.py").write_text(FLAW)
    (project / ".gitignore").write_text("ignored.py\n")
    (project / "ignored.py").write_text(FLAW)
    assert _flagged(project) == ["app.py"]
    assert _flagged(project / "ignored.py") == ["ignored.py"]  # named: the ignore rule does not apply


# ---------------------------------------------------------------------- links


def test_a_symlink_loop_is_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "a.py").symlink_to("b.py")
    (tmp_path / "b.py").symlink_to("a.py")
    (tmp_path / "ok.py").write_text(FLAW)
    found, skipped = _walk(tmp_path)
    assert found == [tmp_path / "ok.py"]
    assert skipped == {"a.py": "symlink loop", "b.py": "symlink loop"}
    assert _walk(tmp_path / "a.py") == ([], {"a.py": "symlink loop"})


def test_scan_command_survives_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.py").symlink_to("b.py")
    (tmp_path / "b.py").symlink_to("a.py")
    (tmp_path / "ok.py").write_text(FLAW)
    out = subprocess.run(
        [sys.executable, "-m", "vsguard", "scan", str(tmp_path), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1, out.stderr  # the finding in ok.py, not a crash
    assert "Traceback" not in out.stderr
    assert '"reason": "symlink loop"' in out.stdout


def test_links_out_of_the_tree_and_dangling_links_are_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(FLAW)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "out.py").symlink_to(outside)
    (tree / "gone.py").symlink_to(tree / "missing.py")
    (tree / "outdir").symlink_to(tmp_path, target_is_directory=True)
    found, skipped = _walk(tree)
    assert found == []
    assert skipped["out.py"] == "symlink pointing outside the scanned tree"
    assert skipped["gone.py"].startswith("broken symlink")
    assert "outdir" not in skipped  # links to folders are never walked into
    assert _flagged(tree) == []


def test_an_in_tree_link_is_scanned_once_under_the_real_name(tmp_path: Path) -> None:
    (tmp_path / "z_real.py").write_text(FLAW)
    (tmp_path / "a_link.py").symlink_to("z_real.py")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "again.py").symlink_to("../z_real.py")
    assert _walk(tmp_path) == ([tmp_path / "z_real.py"], {})
    assert _flagged(tmp_path) == ["z_real.py"]
    # Named twice (a folder and a file in it): still one scan.
    assert _flagged(tmp_path, tmp_path / "z_real.py", tmp_path / "a_link.py") == ["z_real.py"]


def test_an_in_tree_link_to_an_ignored_file_is_scanned_once(tmp_path: Path) -> None:
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "vendored.py").write_text(FLAW)
    (tmp_path / "one.py").symlink_to("node_modules/vendored.py")
    (tmp_path / "two.py").symlink_to("node_modules/vendored.py")
    assert _walk(tmp_path) == ([tmp_path / "one.py"], {})


# ---------------------------------------------------------------------- named files


def test_named_binary_and_unsupported_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "blob.py").write_bytes(b"\x00\x01eval(x)")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "notes.xyz").write_text("hello")
    named = [tmp_path / n for n in ("blob.py", "logo.png", "notes.xyz", "missing.py")]
    reasons = {Path(s.path).name: s.reason for s in scan_paths(named).skipped}
    assert reasons == {
        "blob.py": "binary file",
        "logo.png": "binary file",
        "notes.xyz": "unsupported file type",
        "missing.py": "no such file or directory",
    }
    assert scan_paths([tmp_path]).skipped == ()  # found by walking: passed over quietly


# ---------------------------------------------------------------------- sibling modules


SANITISED = "import shlex\n\ndef clean(v):\n    return shlex.quote(v)\n"
APP_HEAD = "import os\nfrom flask import request\n"
USE_CLEAN = "\ndef f():\n    v = request.args['v']\n    os.system('echo ' + clean(v))\n"


def _flows(app: Path, root: Path | None = None) -> list[int]:
    result = scan_text(app.read_text(), "python", path=str(app), root=root)
    return [f.location.start_line for f in result.findings if f.rule_id == "py-os-system"]


def test_the_resolver_reads_an_in_tree_sibling(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text(SANITISED)
    app = tmp_path / "app.py"
    app.write_text(APP_HEAD + "from helpers import clean\n" + USE_CLEAN)
    assert _flows(app) == []  # the sanitiser in helpers.py was read
    assert [f.rule_id for f in scan_paths([tmp_path]).findings] == []


def test_the_resolver_refuses_a_sibling_linked_out_of_the_tree(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "helpers.py").write_text(SANITISED)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "helpers.py").symlink_to(elsewhere / "helpers.py")
    app = tree / "app.py"
    app.write_text(APP_HEAD + "from helpers import clean\n" + USE_CLEAN)
    assert _flows(app, tree) == [7]  # clean() unknown: the flow is still reported
    found = scan_paths([tree])
    assert [f.location.start_line for f in found.findings] == [7]
    assert [s.reason for s in found.skipped] == ["symlink pointing outside the scanned tree"]


def test_the_resolver_refuses_relative_imports_above_the_root(tmp_path: Path) -> None:
    (tmp_path / "climb.py").write_text(SANITISED)
    root = tmp_path / "proj"
    pkg = root / "pkg"
    pkg.mkdir(parents=True)
    (root / "inside.py").write_text(SANITISED)
    above = pkg / "above.py"
    above.write_text(APP_HEAD + "from ...climb import clean\n" + USE_CLEAN)
    inside = pkg / "inside_user.py"
    inside.write_text(APP_HEAD + "from ..inside import clean\n" + USE_CLEAN)
    assert _flows(above, root) == [7]
    assert _flows(inside, root) == []  # one level up is still inside the scanned folder
    assert _flows(above, tmp_path) == []  # with the parent as the root, climb.py is in the tree
    assert sorted(Path(f.path or "").name for f in scan_paths([root]).findings) == ["above.py"]


def test_the_resolver_refuses_loops_large_and_skipped_folder_files(tmp_path: Path) -> None:
    (tmp_path / "loop_a.py").symlink_to("loop_b.py")
    (tmp_path / "loop_b.py").symlink_to("loop_a.py")
    (tmp_path / "big.py").write_text(SANITISED + "#" * 5000 + "\n")
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "__init__.py").write_text(SANITISED)
    scope = ReadScope.under(tmp_path, 1000)
    assert not scope.allows(tmp_path / "loop_a.py")
    assert not scope.allows(tmp_path / "big.py")
    assert not scope.allows(tmp_path / "venv" / "__init__.py")
    assert not scope.allows(tmp_path)
    (tmp_path / "small.py").write_text(SANITISED)
    assert scope.allows(tmp_path / "small.py")
    (tmp_path / "blob.py").write_bytes(SANITISED.encode() + b"\0")
    blob_user = tmp_path / "blob_user.py"
    blob_user.write_text(APP_HEAD + "from blob import clean\n" + USE_CLEAN)
    assert _flows(blob_user) == [7]  # a binary sibling is not read, as the walk would not scan it
    big_user = tmp_path / "big_user.py"
    big_user.write_text(APP_HEAD + "from big import clean\n" + USE_CLEAN)
    found = scan_text(big_user.read_text(), "python", path=str(big_user), limits=Limits(max_file_bytes=1000))
    assert [f.location.start_line for f in found.findings] == [7]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_sibling_is_not_an_error(tmp_path: Path) -> None:
    helper = tmp_path / "helpers.py"
    helper.write_text(SANITISED)
    helper.chmod(0)
    app = tmp_path / "app.py"
    app.write_text(APP_HEAD + "from helpers import clean\n" + USE_CLEAN)
    assert _flows(app) == [7]


def test_scan_command_named_link_out_of_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(FLAW)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "out.py").symlink_to(outside)
    assert main(["scan", str(tree / "out.py")]) == 0
    assert "symlink pointing outside the scanned tree" in capsys.readouterr().out
