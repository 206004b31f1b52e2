"""Every HTML page sends its security headers: a Content-Security-Policy with frame-ancestors, X-Frame-Options,
X-Content-Type-Options: nosniff and a Referrer-Policy (one response middleware for HTML answers; our own pages get
a policy that allows exactly their inline script and style, by hash). JSON answers are left alone."""
import base64
import hashlib
import re

from tests.factories import citizen, hall_by_code


def _inline_hashes(html: str, tag: str) -> set[str]:
    return {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)}


def _directives(csp: str) -> dict[str, set[str]]:
    out = {}
    for part in csp.split(";"):
        words = part.split()
        if words:
            out[words[0]] = set(words[1:])
    return out


async def _pages(client, flow) -> list[str]:
    who = await citizen(client)
    case = (await flow.apply(who, "GJJ005")).json()
    hall = await hall_by_code(client)
    return [f"/t/{case['track_token']}", "/kiosk", f"/display/{hall['id']}"]


async def test_every_page_sends_its_security_headers(client, flow):
    for path in await _pages(client, flow):
        r = await client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        assert r.headers["x-frame-options"] == "DENY", path
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["referrer-policy"] == "no-referrer", path
        csp = _directives(r.headers["content-security-policy"])
        assert csp["frame-ancestors"] == {"'none'"} and csp["default-src"] == {"'none'"}, path
        assert csp["script-src"] == _inline_hashes(r.text, "script"), path  # no 'unsafe-inline', no other origin
        assert csp["style-src"] == _inline_hashes(r.text, "style"), path
        assert csp["connect-src"] == {"'self'"} and csp["base-uri"] == {"'none'"}, path


async def test_other_html_gets_the_framing_policy_and_json_is_left_alone(client):
    r = await client.get("/docs")  # the API documentation page (Swagger UI, same-origin assets)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    r = await client.get("/api/v1/services")
    assert r.status_code == 200 and "content-security-policy" not in r.headers and "x-frame-options" not in r.headers
