"""Provider access tokens cached in Redis, with a single refresher across workers (a Redis lock)."""
from __future__ import annotations

import asyncio
import secrets
from typing import Awaitable, Callable

from redis.asyncio import Redis

from app.errors import ProviderError

# Release the lock only if we still hold it.
_RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"


async def cached_token(redis: Redis, name: str, fetch: Callable[[], Awaitable[tuple[str, int]]],
                       force: bool = False, wait_s: float = 10.0) -> str:
    """The cached token `name`; when missing (or `force`), one caller fetches it and the others wait for it."""
    key, lock = f"zb:token:{name}", f"zb:token:{name}:lock"
    stale = None
    if force:  # the caller was refused with the cached token: replace that one, not a newer one
        stale = await redis.get(key)
        await redis.delete(key)
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        cached = await redis.get(key)
        if cached:
            return cached.decode() if isinstance(cached, bytes) else cached
        owner = secrets.token_hex(8)
        if await redis.set(lock, owner, nx=True, px=int(wait_s * 1000)):
            try:
                cached = await redis.get(key)  # another caller may have refreshed between our read and the lock
                if cached and cached != stale:
                    return cached.decode() if isinstance(cached, bytes) else cached
                token, expires_in = await fetch()
                # Refresh five minutes early so that no caller is handed a token about to expire.
                await redis.set(key, token, ex=max(60, int(expires_in) - 300))
                return token
            finally:
                await redis.eval(_RELEASE, 1, lock, owner)
        if asyncio.get_running_loop().time() > deadline:
            raise ProviderError("获取接口凭证超时，请稍后再试")
        await asyncio.sleep(0.05)
