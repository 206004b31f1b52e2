"""Liveness with dependency checks, and Prometheus metrics."""
import asyncio

from sanic import Blueprint, Request
from sanic.response import json
from tortoise import connections

from app import metrics

bp = Blueprint("health")


async def _check(coro) -> str:
    try:
        await asyncio.wait_for(coro, timeout=2)
        return "ok"
    except Exception as exc:  # any failure is reported, not raised
        return f"error: {type(exc).__name__}"


@bp.get("/healthz")
async def healthz(request: Request):
    """200 when the database and Redis answer; 503 naming the one that does not."""
    db = await _check(connections.get("default").execute_query("SELECT 1"))
    rd = await _check(request.app.ctx.redis.ping())
    checks = {"database": db, "redis": rd}
    healthy = db == "ok" and rd == "ok"
    return json({"status": "ok" if healthy else "unavailable", "checks": checks,
                 "mode": "embedded" if request.app.ctx.settings.embedded else "production"},
                status=200 if healthy else 503)


@bp.get("/metrics")
async def prometheus(request: Request):
    """Prometheus text exposition."""
    return metrics.exposition()
