"""Liveness with dependency checks, and Prometheus metrics."""
import asyncio

from sanic import Blueprint, Request
from tortoise import connections

from app import metrics
from handlers import _views as v
from handlers._openapi import Binary, doc, send

bp = Blueprint("health")


_pending: dict[str, asyncio.Task] = {}  # per worker: a check still running from an earlier probe


async def _check(name: str, make) -> str:
    """Run one dependency check, waiting at most 2 s for it. A slow check is never cancelled (cancelling an
    aiosqlite query half-way leaves its connection unusable): it keeps running, and the next probe waits on the
    same check instead of starting another."""
    task = _pending.get(name)
    if task is None or task.done():
        task = _pending[name] = asyncio.ensure_future(make())
    done, _ = await asyncio.wait({task}, timeout=2)
    if not done:
        return "error: TimeoutError"
    exc = task.exception()
    return "ok" if exc is None else f"error: {type(exc).__name__}"


@bp.get("/healthz")
@doc(ok=v.Health, responses={503: v.Health})
async def healthz(request: Request):
    """200 when the database and Redis answer and this worker has finished warming up (catalog, segmenter);
    503 naming the dependency that does not answer, or "starting" while the worker warms up or stops (Sanic
    already serves requests while its after-start hooks run)."""
    db = await _check("database", lambda: connections.get("default").execute_query("SELECT 1"))
    rd = await _check("redis", request.app.ctx.redis.ping)
    checks = {"database": db, "redis": rd}
    healthy = db == "ok" and rd == "ok"
    status = "unavailable" if not healthy else "ok" if request.app.ctx.ready else "starting"
    mode = "embedded" if request.app.ctx.settings.embedded else "production"
    return send(request, {"status": status, "checks": checks, "mode": mode}, 200 if status == "ok" else 503)


@bp.get("/metrics")
@doc(ok=Binary("text/plain"))
async def prometheus(request: Request):
    """Prometheus text exposition."""
    return metrics.exposition()
