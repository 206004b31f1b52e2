"""Redis-backed fixed-window rate limits, one Lua step per hit (correct across workers)."""
from __future__ import annotations

from sanic import Request

from app.errors import TooManyRequests
from app.redis import script

_HIT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
"""


def client_ip(request: Request) -> str:
    return request.remote_addr or request.ip or "unknown"


async def hit(request: Request, bucket: str, limit: int, window_s: int, who: str | None = None) -> None:
    """Count one request of `who` (default: the client address) in `bucket`; 429 past `limit` per window."""
    key = f"zb:rl:{bucket}:{who or client_ip(request)}"
    count, pttl = await script(request.app.ctx, "ratelimit", _HIT)(keys=[key], args=[window_s * 1000])
    if int(count) > limit:
        retry = max(1, (int(pttl) + 999) // 1000)
        raise TooManyRequests(f"操作太频繁，请{retry}秒后再试", headers={"Retry-After": str(retry)})
