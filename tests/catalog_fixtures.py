"""Catalog test helpers: small synthetic requirements for ranking tests that must not depend on catalog
data in progress, and a local HTTP server for import tests."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vsguard.models import Requirement


def make_requirement(
    req_id: str,
    summary: str,
    *,
    tags: tuple[str, ...],
    level: int | None = 1,
    cwe: tuple[int, ...] = (),
    version: str = "5.0.0",
    section: str = "Section",
    guidance: str = "Follow the summary in one shared place in the code.",
    examples: dict[str, str] | None = None,
) -> Requirement:
    chapter = req_id.split(".")[0]
    return Requirement(
        id=req_id,
        version=version,  # type: ignore[arg-type]
        chapter_id=chapter,
        chapter_name=f"Chapter {chapter}",
        section_id=req_id.rsplit(".", 1)[0],
        section_name=section,
        level=level,
        summary=summary,
        why="Without it an attacker gets in more easily.",
        verify="Check the code and try it against the running application.",
        guidance=guidance,
        tags=tags,
        cwe=cwe,
        examples=examples or {},
    )


SYNTHETIC: list[Requirement] = [
    make_requirement(
        "V1.2.4",
        "Database queries bind untrusted values as parameters; SQL is never built by string concatenation.",
        tags=("injection", "input_validation"),
        cwe=(89,),
        section="Injection Prevention",
    ),
    make_requirement(
        "V1.2.5",
        "Operating system commands never receive untrusted input through a shell.",
        tags=("injection",),
        cwe=(78,),
        section="Injection Prevention",
    ),
    make_requirement(
        "V1.1.2",
        "Output is encoded for the interpreter it reaches: HTML, SQL, shell or URL.",
        tags=("output_encoding", "injection", "xss"),
        cwe=(116, 79, 89),
        level=2,
    ),
    make_requirement(
        "V3.2.2",
        "Text shown in the page is inserted as text, never as HTML, to stop cross-site scripting.",
        tags=("xss", "web_frontend"),
        cwe=(79,),
    ),
    make_requirement(
        "V6.2.1",
        "User passwords must be at least 8 characters long; 15 is recommended.",
        tags=("authentication", "passwords"),
        cwe=(521,),
        section="Password Security",
    ),
    make_requirement(
        "V6.2.9",
        "Passwords of at least 64 characters are accepted.",
        tags=("authentication", "passwords"),
        level=2,
        section="Password Security",
    ),
    make_requirement(
        "V6.3.1",
        "Login is protected against credential stuffing and brute force by rate limiting.",
        tags=("authentication", "rate_limiting"),
        section="General Authentication Security",
    ),
    make_requirement(
        "V7.2.4",
        "A new session token is issued on login, and remember-me tokens are rotated.",
        tags=("session_management", "authentication"),
        section="Session Management",
        level=2,
    ),
    make_requirement(
        "V9.1.1",
        "Self-contained tokens such as JWTs are accepted only after their signature is verified.",
        tags=("tokens_jwt",),
        cwe=(347,),
        section="Token source and integrity",
    ),
    make_requirement(
        "V9.2.1",
        "Token expiry (exp and nbf claims) is checked before a token is trusted.",
        tags=("tokens_jwt",),
        level=2,
        section="Token content",
    ),
    make_requirement(
        "V2.1.1",
        "Passwords set by users are 12 characters or longer.",
        tags=("authentication", "passwords"),
        cwe=(521,),
        version="4.0.3",
        section="Password Security",
    ),
    make_requirement(
        "V5.3.4",
        "Queries use parameterized statements or an ORM so SQL injection is impossible.",
        tags=("injection",),
        cwe=(89,),
        version="4.0.3",
        section="Output Encoding and Injection Prevention",
    ),
]


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on a free local port while the block runs; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass
