"""跟踪办: the public progress view behind a case's QR code, cached and pushed live across workers.

Reads: a small in-process cache, then Redis (`zb:track:{token}`), then the database. Every change of a case
deletes the Redis entry and publishes the token on TRACK_CHANNEL; each worker's listener drops its own
cached copy and pushes the new view to the WebSocket clients watching that token.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import OrderedDict, defaultdict

from app.errors import NotFound, TooManyRequests
from app.redis import subscribe_forever

log = logging.getLogger("zhangban.tracking")
TRACK_CHANNEL = "zb:track:changed"
REDIS_TTL = 3600
LOCAL_MAX = 20000


class TrackNotFound(NotFound):
    code, message = "track_not_found", "没有找到该进度查询码"


class Tracker:
    """Per-worker state: the local cache, the WebSocket watchers and a per-client rate limiter."""

    def __init__(self, rate_limit: int = 120, rate_window: float = 60.0):
        self.local: OrderedDict[str, bytes] = OrderedDict()
        self.watchers: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self.rate_limit, self.rate_window = rate_limit, rate_window
        self._hits: dict[str, tuple[float, int]] = {}

    def remember(self, token: str, body: bytes) -> None:
        self.local[token] = body
        self.local.move_to_end(token)
        while len(self.local) > LOCAL_MAX:
            self.local.popitem(last=False)

    def forget(self, token: str) -> None:
        self.local.pop(token, None)

    def hit(self, client: str) -> None:
        """A fixed window per client address, in process: the QR page is public, and cheap to protect here
        (each worker allows rate_limit per window; a Redis round trip per view would halve its speed)."""
        now = time.monotonic()
        start, count = self._hits.get(client, (now, 0))
        if now - start >= self.rate_window:
            start, count = now, 0
        count += 1
        self._hits[client] = (start, count)
        if len(self._hits) > 100000:
            self._hits.clear()
        if count > self.rate_limit:
            retry = max(1, int(self.rate_window - (now - start)))
            raise TooManyRequests(f"查询太频繁，请{retry}秒后再试", headers={"Retry-After": str(retry)})


def _key(token: str) -> str:
    return f"zb:track:{token}"


async def view_bytes(ctx, token: str) -> bytes:
    """The public progress view of `token` as JSON bytes; TrackNotFound for an unknown or revoked token."""
    tracker: Tracker = ctx.tracker
    body = tracker.local.get(token)
    if body is not None:
        return body
    body = await ctx.redis.get(_key(token))
    if body is None:
        from app.services.cases.applications import public_track

        reads = getattr(ctx, "reads", None)
        view = await (reads.run(lambda: public_track(token), f"track:{token}") if reads else public_track(token))
        if view is None:
            raise TrackNotFound()
        body = json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode()
        await ctx.redis.set(_key(token), body, ex=REDIS_TTL)
    tracker.remember(token, body)
    return body


async def changed(ctx, token: str) -> None:
    """Called after a case change is committed: drop every cached copy and tell every worker."""
    ctx.tracker.forget(token)
    if getattr(ctx, "reads", None) is not None:  # refilled from the primary until a replica has the change
        await ctx.reads.wrote(f"track:{token}")
    try:
        await ctx.redis.delete(_key(token))
        await ctx.redis.publish(TRACK_CHANNEL, token)
    except Exception:  # the change is committed; a stale cache entry expires within REDIS_TTL
        log.warning("could not invalidate the tracking cache", exc_info=True)


async def _push(ctx, token: str) -> None:
    queues = ctx.tracker.watchers.get(token)
    if not queues:
        return
    try:
        body = await view_bytes(ctx, token)
    except TrackNotFound:
        body = json.dumps({"revoked": True}).encode()
    for q in list(queues):
        try:
            q.put_nowait(body)
        except asyncio.QueueFull:  # a watcher that stopped reading; it gets the next change
            pass


async def listen(ctx) -> None:
    """Background task per worker: apply change notices from every worker."""

    async def changed(token: str) -> None:
        ctx.tracker.forget(token)
        await _push(ctx, token)

    await subscribe_forever(ctx.redis, TRACK_CHANNEL, changed, ctx.tracker.local.clear, log)


def watch(ctx, token: str) -> asyncio.Queue:
    q: asyncio.Queue = asyncio.Queue(maxsize=100)
    ctx.tracker.watchers[token].add(q)
    return q


def unwatch(ctx, token: str, q: asyncio.Queue) -> None:
    queues = ctx.tracker.watchers.get(token)
    if queues is not None:
        queues.discard(q)
        if not queues:
            ctx.tracker.watchers.pop(token, None)
