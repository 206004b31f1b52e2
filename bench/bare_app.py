"""A bare Sanic app, the ceiling the catalog and tracking benchmarks compare against: every GET (bench/catalog.py uses
the guide paths, /api/v1/services/<code>; bench/tracking.py /api/v1/track/<token>) answers one constant JSON body of
--body-bytes bytes (pre-serialized), and /healthz answers 200. Served with Sanic's own multi-worker serve, like
`python -m app` in production mode (AppLoader + Sanic.serve), with no access log.

    .venv/bin/python bench/bare_app.py --workers 2 --port 8100 --body-bytes 3000
"""
from __future__ import annotations

import argparse
import json
import logging
from functools import partial

from sanic import Request, Sanic
from sanic.response import json as json_response, raw


def make_body(size: int) -> bytes:
    """A JSON object of exactly `size` bytes (UTF-8, mostly Chinese text like a guide), for size >= 64."""
    head = {"code": "BARE0001", "name": "基准测试", "version": 1, "summary": ""}
    body = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()
    missing = max(0, size - len(body))
    filler = "办事指南" * (missing // 12 + 1)  # 3 bytes per character
    text = filler.encode()[: missing - missing % 3].decode()
    head["summary"] = text + "x" * (missing % 3)
    out = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()
    return out


def create_app(body_bytes: int) -> Sanic:
    logging.basicConfig(level=logging.WARNING)
    app = Sanic("bare")
    body = make_body(body_bytes)

    @app.get("/healthz")
    async def healthz(request: Request):
        return json_response({"status": "ok"})

    # The guide's route shape (one typed path parameter), so routing costs the same as in the app; any other
    # path works too (a `path` parameter is a regex route, a little slower).
    @app.get("/api/v1/services/<code:str>")
    async def constant(request: Request, code: str):
        return raw(body, content_type="application/json")

    # The tracking view's route shape (bench/tracking.py), for the same reason.
    @app.get("/api/v1/track/<token:str>")
    async def track_shaped(request: Request, token: str):
        return raw(body, content_type="application/json")

    @app.get("/<path:path>")
    async def any_path(request: Request, path: str):
        return raw(body, content_type="application/json")

    return app


def main() -> None:
    from sanic.worker.loader import AppLoader

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8100)
    p.add_argument("--body-bytes", type=int, default=3000)
    a = p.parse_args()
    loader = AppLoader(factory=partial(create_app, a.body_bytes))
    app = loader.load()
    app.prepare(host=a.host, port=a.port, workers=a.workers, access_log=False, motd=False)
    Sanic.serve(primary=app, app_loader=loader)


if __name__ == "__main__":
    main()
