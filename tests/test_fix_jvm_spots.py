"""Java and Kotlin rewrites in the spots where a careless one would not compile or would change what
benign input does: each snippet is either rewritten to exactly the expected line, or left alone with
the reason the user is given."""

from __future__ import annotations

import pytest

from vsguard.fixes import suggest_fix
from vsguard.models import FixStatus

SERVLET = "void f(HttpServletRequest request, HttpServletResponse response) throws IOException {\n"

REWRITES = [
    # A value that may be null is stripped as the text concatenation made of it ("null").
    (
        "java",
        "java-log-injection",
        SERVLET + '    String user = request.getParameter("u");\n    log.info("login " + user);\n}\n',
        'log.info("login " + String.valueOf(user).replaceAll("[\\\\r\\\\n]", "_"));',
    ),
    # Spring rejects a request without a required parameter, so it is used as it is.
    (
        "java",
        "java-header-injection",
        '@GetMapping("/t")\nvoid t(@RequestParam String tag, HttpServletResponse response) {\n'
        '    response.setHeader("X-Tag", tag);\n}\n',
        'response.setHeader("X-Tag", tag.replaceAll("[\\\\r\\\\n]", ""));',
    ),
    (
        "kotlin",
        "kt-open-redirect",
        "fun f(request: HttpServletRequest, response: HttpServletResponse) {\n"
        '    response.sendRedirect(request.getParameter("next"))\n}\n',
        'response.sendRedirect("/" +'
        ' request.getParameter("next").replaceFirst(Regex("^[/\\\\\\\\\\\\s]+"), ""))',
    ),
    (
        "java",
        "java-ldap-injection",
        "NamingEnumeration<SearchResult> f(DirContext ctx, String cn, String ou,"
        " SearchControls c) throws Exception {\n"
        '    return ctx.search("dc=example", "(&(cn=" + cn + ")(ou=" + ou + "))", c);\n}\n',
        'return ctx.search("dc=example", "(&(cn={0})(ou={1}))", new Object[] {cn, ou}, c);',
    ),
    (
        "kotlin",
        "kt-nosql-injection",
        "fun f(users: MongoCollection<Document>, name: String) =\n"
        "    users.find(Document.parse(\"{name: '$name', active: 'yes'}\"))\n",
        'users.find(Document("name", name).append("active", "yes"))',
    ),
]

REFUSALS = [
    # The whole header value may be null: what a missing value should become is the author's call.
    (
        "java",
        "java-header-injection",
        SERVLET + '    response.setHeader("X-User", request.getHeader("X-User"));\n}\n',
        "may be null",
    ),
    # Kotlin cannot call a String method on a String? target.
    (
        "kotlin",
        "kt-open-redirect",
        '@GetMapping("/go")\nfun go(@RequestParam(required = false) next: String?,'
        " response: HttpServletResponse) {\n"
        "    response.sendRedirect(next)\n}\n",
        "may be null",
    ),
    # An unquoted value compares as a number in XPath; as a variable it would become a string.
    (
        "java",
        "java-xpath-injection",
        "String f(Node doc, String id) throws Exception {\n"
        "    XPath xpath = XPathFactory.newInstance().newXPath();\n"
        '    return xpath.evaluate("//item[@id=" + id + "]", doc);\n}\n',
        "not a quoted string",
    ),
    # BasicQuery(String, String) has no (Document, String) counterpart.
    (
        "java",
        "java-nosql-injection",
        'Query f(String name) {\n    return new BasicQuery("{name: \'" + name + "\'}", "{name: 1}");\n}\n',
        "also names its fields",
    ),
    # A reader is not text: encoding it would not compile.
    (
        "java",
        "java-xss-response",
        SERVLET + "    BufferedReader body = request.getReader();\n"
        "    response.getWriter().println(body.readLine());\n}\n",
        "is not a String",
    ),
    # Files.createTempFile throws IOException, which this method does not declare.
    (
        "java",
        "java-temp-file-predictable",
        'File f() {\n    return new File("/tmp/report.csv");\n}\n',
        "throws IOException",
    ),
    # A seeded generator repeats its sequence on purpose.
    (
        "java",
        "java-weak-random-credential",
        "void f(HttpSession session) {\n"
        '    session.setAttribute("csrfToken", Long.toString(new Random(42).nextLong()));\n}\n',
        "seeded",
    ),
    # Without a key on the parser there is nothing to verify a signature with.
    (
        "java",
        "java-jwt-no-verify",
        "Claims f(String token) {\n    return Jwts.parser().parseClaimsJwt(token).getBody();\n}\n",
        "no key",
    ),
]


@pytest.mark.parametrize(("language", "rule", "code", "line"), REWRITES, ids=[r[1] for r in REWRITES])
def test_rewrite(language: str, rule: str, code: str, line: str) -> None:
    result = suggest_fix(code, language=language, rule_id=rule, accept_review=True)
    fix = next(f for f in result.fixes if f.rule_id == rule)
    assert fix.status in (FixStatus.VERIFIED, FixStatus.NEEDS_REVIEW), fix.explanation
    assert result.fixed_code is not None and line in result.fixed_code, result.fixed_code


@pytest.mark.parametrize(("language", "rule", "code", "reason"), REFUSALS, ids=[r[1] for r in REFUSALS])
def test_refusal(language: str, rule: str, code: str, reason: str) -> None:
    result = suggest_fix(code, language=language, rule_id=rule, accept_review=True)
    fix = next(f for f in result.fixes if f.rule_id == rule)
    assert fix.status is FixStatus.GUIDANCE and reason in fix.explanation, fix.explanation
    assert result.fixed_code is None
