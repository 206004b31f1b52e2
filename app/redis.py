"""The Redis client: redis.asyncio against a real server, or an in-process fakeredis (with Lua) when embedded."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

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


def script(ctx, name: str, body: str):
    """The Lua script `body` registered with this worker's Redis client, once, under `name` (ctx.lua is emptied
    with each new client): calling it runs EVALSHA, falling back to EVAL when the server does not know it."""
    scripts = ctx.lua
    if name not in scripts:
        scripts[name] = ctx.redis.register_script(body)
    return scripts[name]


async def subscribe_forever(redis: aioredis.Redis, channel: str, on_message: Callable[[str], Awaitable[None]],
                            on_subscribed: Callable[[], None], log: logging.Logger) -> None:
    """Run `on_message` for every message on `channel`, resubscribing after Redis goes away (a background task).
    `on_subscribed` runs at each (re)subscription: messages sent while we were not subscribed are lost."""
    while True:
        try:
            async with redis.pubsub() as ps:
                await ps.subscribe(channel)
                on_subscribed()
                async for msg in ps.listen():
                    if msg.get("type") == "message":
                        data = msg["data"]
                        await on_message(data.decode() if isinstance(data, bytes) else data)
        except asyncio.CancelledError:
            raise
        except Exception:  # Redis restarted: resubscribe after a pause
            log.warning("listener on %s lost Redis; retrying", channel, exc_info=True)
            await asyncio.sleep(1)
