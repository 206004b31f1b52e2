"""Responses shared by the handlers: the plain web pages under web/, and cacheable JSON documents with ETags."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sanic import Request
from sanic.response import HTTPResponse, html, json, raw

WEB = Path(__file__).resolve().parent.parent / "web"


@lru_cache(maxsize=None)
def _page_text(name: str) -> str:
    return (WEB / name / "index.html").read_text("utf-8")


def web_page(name: str) -> HTTPResponse:
    """The plain HTML/JS page web/{name}/index.html (read once per worker: it ships with the code)."""
    return html(_page_text(name))


def json_or_cached(request: Request, body: dict | bytes, etag: str, max_age: int = 60) -> HTTPResponse:
    """Serve a cacheable JSON document with its ETag; a matching If-None-Match is a 304."""
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}, must-revalidate"}
    if request.headers.get("if-none-match") == etag:
        return HTTPResponse(status=304, headers=headers)
    if isinstance(body, bytes):
        return raw(body, content_type="application/json", headers=headers)
    return json(body, headers=headers, ensure_ascii=False)
