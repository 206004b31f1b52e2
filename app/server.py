"""Sanic's HTTP/1.1 server as this app runs it: UTF-8 request targets, and the banner's name for the mode."""
from __future__ import annotations

import re

from sanic import Sanic
from sanic.http.http1 import Http
from sanic.server.protocols.websocket_protocol import WebSocketProtocol

_NON_ASCII = re.compile(rb"[\x80-\xff]")


def ascii_target(target: str) -> str:
    """The request target with every byte outside US-ASCII percent-encoded (`?q=中` → `?q=%E4%B8%AD`), as a
    browser sends it. Sanic reads the head as UTF-8 with surrogateescape, so encoding back gives the bytes that
    came, valid UTF-8 or not."""
    if target.isascii():
        return target
    raw = target.encode("utf-8", "surrogateescape")
    return _NON_ASCII.sub(lambda m: b"%%%02X" % m[0][0], raw).decode("ascii")


_URL = Http.url  # the base class's slot, under the property below


class Utf8TargetHttp(Http):
    """Sanic 25.12's HTTP/1.1 stream refuses a request line with any byte outside US-ASCII (400 "URL may only
    contain US-ASCII characters"), while curl sends `?q=身份证` as raw UTF-8. The one change: the target is
    percent-encoded as it is read (Http.url is set once per request, from the request line), so the query and
    path are decoded as UTF-8 like a percent-encoded one."""

    __slots__ = ()

    @property
    def url(self):
        return _URL.__get__(self)

    @url.setter
    def url(self, value):
        _URL.__set__(self, ascii_target(value) if isinstance(value, str) else value)


class Protocol(WebSocketProtocol):
    """The server protocol (HTTP/1.1 and WebSocket upgrades, as Sanic picks for an app with WebSocket routes)
    with UTF-8 request targets; `python -m app` serves with it (app/__main__.serve)."""

    HTTP_CLASS = Utf8TargetHttp


class App(Sanic):
    """Sanic, with the app's own name for its mode in the start-up banner: "embedded" (one process, SQLite and an
    in-process Redis) or "production", as /healthz says, instead of Sanic's debug/production."""

    def get_motd_data(self, server_settings=None):
        display, extra = super().get_motd_data(server_settings)
        settings = getattr(self.ctx, "settings", None)
        if settings is not None:
            workers = display["mode"].split(", ", 1)[1:]  # Sanic's "single worker" / "w/ 4 workers"
            display["mode"] = ", ".join(["embedded" if settings.embedded else "production", *workers])
        return display, extra
