"""The notification sender's HTTP client: aiohttp behind the small part of httpx's interface the adapters use
(`request`/`get`/`post` -> `.status_code`, `.headers`, `.content`, `.json()`; transport failures raise
httpx.TransportError, so `call_json` turns them into ProviderError as usual).

Why a second client: the sender makes one provider call per message, and httpx.AsyncClient costs 2-4 ms of CPU
per request under concurrency on this machine (encode/httpx#3215) against about 0.45 ms for aiohttp: with httpx
the client, not the pipeline, set the notification rate (bench/notifications.py). Everything else keeps httpx.
"""
from __future__ import annotations

import json as jsonlib
from typing import Any

import aiohttp
import httpx


class Response:
    def __init__(self, status: int, headers: dict, content: bytes):
        self.status_code, self.headers, self.content = status, headers, content

    def json(self) -> Any:
        return jsonlib.loads(self.content)


class AiohttpClient:
    def __init__(self, timeout: float = 10.0, connect: float = 3.0, limit: int = 128):
        self._timeout = aiohttp.ClientTimeout(total=timeout, connect=connect)
        self._limit = limit
        self._session: aiohttp.ClientSession | None = None

    def _s(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout, headers={"User-Agent": "zhangban/1"},
                                                  connector=aiohttp.TCPConnector(limit=self._limit))
        return self._session

    async def request(self, method: str, url: str, *, params: dict | None = None, json: Any = None,
                      data: dict | None = None, headers: dict | None = None) -> Response:
        try:
            async with self._s().request(method, url, params=params, json=json, data=data, headers=headers) as r:
                body = await r.read()
                return Response(r.status, {k.lower(): v for k, v in r.headers.items()}, body)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise httpx.TransportError(f"{type(exc).__name__}: {exc}") from exc

    async def get(self, url: str, **kw) -> Response:
        return await self.request("GET", url, **kw)

    async def post(self, url: str, **kw) -> Response:
        return await self.request("POST", url, **kw)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
