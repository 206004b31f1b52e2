"""The Redis client: redis.asyncio against a real server, or an in-process fakeredis (with Lua) when embedded."""
from __future__ import annotations

import fakeredis
import redis.asyncio as aioredis

from app.config import Settings


def fake_server() -> fakeredis.FakeServer:
    """One in-process server per app object: it outlives the client, which is made per worker start."""
    return fakeredis.FakeServer()


def connect(settings: Settings, server: fakeredis.FakeServer | None) -> aioredis.Redis:
    if settings.redis_url:
        return aioredis.from_url(settings.redis_url, health_check_interval=30)
    if server is None:
        raise RuntimeError("the embedded mode needs its in-process Redis server")
    return fakeredis.FakeAsyncRedis(server=server)
