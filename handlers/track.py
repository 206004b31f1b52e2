"""Public progress tracking (跟踪办): JSON by token, a live WebSocket, and the page a QR code opens."""
from sanic import Blueprint, Request
from sanic.response import raw

from app import ratelimit
from app.services.cases import tracking
from handlers import _views as v
from handlers._openapi import Binary, doc
from handlers._responses import web_page

bp = Blueprint("track")


@bp.get("/api/v1/track/<token:token>")
@doc(ok=v.Track, errors=(429,), description="Anyone with the QR code: service, acceptance number, masked applicant, "
     "status, timeline, due date. Pre-serialized bytes (the tracking hot path): tests check them against Track. "
     "Live updates: the WebSocket /ws/track/{token}.")
async def track(request: Request, token: str):
    """Anyone with the QR code: service, acceptance number, masked applicant, status, timeline, due date."""
    request.app.ctx.tracker.hit(ratelimit.client_ip(request))
    body = await tracking.view_bytes(request.app.ctx, token)
    return raw(body, content_type="application/json", headers={"Cache-Control": "no-cache"})


@bp.websocket("/ws/track/<token:token>")
async def live(request: Request, ws, token: str):
    """Sends the current view, then every change (from any worker, through Redis pub/sub)."""
    ctx = request.app.ctx
    ctx.tracker.hit(ratelimit.client_ip(request))
    queue = tracking.watch(ctx, token)  # before reading the view, so that no change falls in between
    try:
        try:
            body = await tracking.view_bytes(ctx, token)
        except tracking.TrackNotFound:
            await ws.close(code=4404, reason="not found")
            return
        await ws.send(body.decode())
        while True:
            await ws.send((await queue.get()).decode())
    finally:
        tracking.unwatch(ctx, token, queue)


@bp.get("/t/<token:token>")
@doc(ok=Binary("text/html"))
async def page(request: Request, token: str):
    """The page a scanned QR code opens (phone browsers, kiosks): it reads /api/v1/track/{token}."""
    return web_page("track")
