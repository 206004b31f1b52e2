"""Redis-backed fixed-window rate limits, one Lua step per hit (correct across workers): of requests (hit), and of
outcomes a service counts (count, refuse_if_spent)."""
from __future__ import annotations

from sanic import Request

from app.errors import TooManyRequests
from app.redis import script

_HIT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
"""


_PEEK = """
return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1])}
"""


def _key(bucket: str, who: str) -> str:
    return f"zb:rl:{bucket}:{who}"


def _too_many(pttl: int) -> TooManyRequests:
    retry = max(1, (int(pttl) + 999) // 1000)
    return TooManyRequests(f"操作太频繁，请{retry}秒后再试", headers={"Retry-After": str(retry)})


def client_ip(request: Request) -> str:
    return request.remote_addr or request.ip or "unknown"


async def hit(request: Request, bucket: str, limit: int, window_s: int, who: str | None = None) -> None:
    """Count one request of `who` (default: the client address) in `bucket`; 429 past `limit` per window."""
    key = _key(bucket, who or client_ip(request))
    n, pttl = await script(request.app.ctx, "ratelimit", _HIT)(keys=[key], args=[window_s * 1000])
    if int(n) > limit:
        raise _too_many(pttl)


# Limits on outcomes rather than requests (e.g. failed identity checks): a service counts what failed, and refuses
# up front once `limit` failures are counted in the window.

async def count(ctx, bucket: str, who: str, window_s: int) -> None:
    """Count one event of `who` in `bucket` (the window starts with its first event)."""
    await script(ctx, "ratelimit", _HIT)(keys=[_key(bucket, who)], args=[window_s * 1000])


async def refuse_if_spent(ctx, bucket: str, limit: int, who: str) -> None:
    """429 (with Retry-After) when `limit` events of `who` are already counted in `bucket`'s current window."""
    n, pttl = await script(ctx, "ratelimit_peek", _PEEK)(keys=[_key(bucket, who)])
    if int(n) >= limit:
        raise _too_many(pttl)
