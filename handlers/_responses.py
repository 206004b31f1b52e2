"""Responses shared by the handlers: the plain web pages under web/ (with their security headers), and
cacheable JSON documents with ETags."""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from sanic import Request
from sanic.response import HTTPResponse, html, json, raw

WEB = Path(__file__).resolve().parent.parent / "web"


_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)
HTML_HEADERS = {"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
DEFAULT_CSP = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"


def _source_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@lru_cache(maxsize=None)
def _page(name: str) -> tuple[str, str]:
    """(the page's HTML, its Content-Security-Policy). The policy allows exactly the page's own inline <script>
    and <style> blocks (by their SHA-256), same-origin fetches and WebSockets, and nothing else: no other script,
    no framing, no plugin, no <base>, forms only to us."""
    text = (WEB / name / "index.html").read_text("utf-8")
    blocks = _INLINE.findall(text)
    scripts = " ".join(_source_hash(body) for tag, body in blocks if tag == "script") or "'none'"
    styles = " ".join(_source_hash(body) for tag, body in blocks if tag == "style") or "'none'"
    csp = (f"default-src 'none'; script-src {scripts}; style-src {styles}; connect-src 'self'; "
           f"img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    return text, csp


def web_page(name: str) -> HTTPResponse:
    """The plain HTML/JS page web/{name}/index.html (read once per worker: it ships with the code), with its CSP."""
    text, csp = _page(name)
    return html(text, headers={"Content-Security-Policy": csp})


async def security_headers(request: Request, response: HTTPResponse) -> None:
    """Response middleware: every HTML answer (our pages, the API docs, anything else) may not be framed
    (clickjacking), is not MIME-sniffed and sends no Referer (a tracking page's URL holds its token); one without
    its own Content-Security-Policy gets a policy that forbids framing."""
    if response is None or not (response.content_type or "").startswith("text/html"):
        return
    for name, value in HTML_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", DEFAULT_CSP)


def json_or_cached(request: Request, body: dict | bytes, etag: str, max_age: int = 60) -> HTTPResponse:
    """Serve a cacheable JSON document with its ETag; a matching If-None-Match is a 304."""
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}, must-revalidate"}
    if request.headers.get("if-none-match") == etag:
        return HTTPResponse(status=304, headers=headers)
    if isinstance(body, bytes):
        return raw(body, content_type="application/json", headers=headers)
    return json(body, headers=headers, ensure_ascii=False)
