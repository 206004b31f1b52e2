"""One shared async HTTP client per worker for every outbound provider call.

The adapters speak httpx's API (and tests route it into the app with httpx.ASGITransport); on the network the
requests travel over aiohttp's connection pool (AiohttpTransport): measured on this machine, an httpx call over
its own httpcore pool cost about four times the client CPU of the same call over aiohttp (1.9 ms vs 0.48 ms). A
submission makes one such call (its shared-data reads), through ProviderClient.exchange."""
from __future__ import annotations

import asyncio

import aiohttp
import httpx

from app.errors import ProviderError

_HOP_HEADERS = {"content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"}


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An httpx transport over an aiohttp ClientSession (made on first use, inside the running loop)."""

    def __init__(self, limit: int = 100):
        self._limit = limit
        self._session: aiohttp.ClientSession | None = None

    def _sess(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._limit, ttl_dns_cache=300),
                cookie_jar=aiohttp.DummyCookieJar(), skip_auto_headers=("User-Agent",))
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        t = request.extensions.get("timeout") or {}
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=t.get("connect"), sock_read=t.get("read"))
        body = await request.aread()
        headers = [(k, v) for k, v in request.headers.multi_items() if k.lower() not in ("host", "content-length")]
        try:
            async with self._sess().request(request.method, str(request.url), headers=headers,
                                            data=body or None, timeout=timeout, allow_redirects=False) as resp:
                content = await resp.read()  # decompressed by aiohttp: drop the encoding headers below
                out = [(k, v) for k, v in resp.raw_headers if k.decode("latin-1").lower() not in _HOP_HEADERS]
                return httpx.Response(resp.status, headers=out, content=content, request=request)
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise httpx.ReadTimeout(f"timed out: {exc}", request=request) from exc
        except aiohttp.ClientConnectorError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        except aiohttp.ClientError as exc:
            raise httpx.RemoteProtocolError(f"{type(exc).__name__}: {exc}", request=request) from exc

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class ProviderClient(httpx.AsyncClient):
    """httpx's client over one transport, plus exchange() for the hot signed calls."""

    def __init__(self, transport: httpx.AsyncBaseTransport):
        super().__init__(transport=transport, timeout=httpx.Timeout(10.0, connect=3.0),
                         headers={"User-Agent": "zhangban/1"})
        self._to = transport

    async def exchange(self, method: str, url: str, *, content: bytes, headers: dict[str, str]) -> httpx.Response:
        """One request handed straight to the transport, with the client's headers and timeouts: none of its
        cookie jar, redirects or auth flows, which signed provider APIs never use and which cost about as much
        client CPU as the transport itself (measured on the shared-data call a submission makes)."""
        request = httpx.Request(method, url, content=content, headers={**self.headers, **headers},
                                extensions={"timeout": self.timeout.as_dict()})
        response = await self._to.handle_async_request(request)
        await response.aread()
        return response


def make_client(transport: httpx.AsyncBaseTransport | None = None) -> ProviderClient:
    """The providers' client: over `transport` when given (tests route calls into the app), else over aiohttp."""
    return ProviderClient(transport or AiohttpTransport())


async def call_json(http: httpx.AsyncClient, method: str, url: str, **kw) -> dict:
    """Send a request and return its JSON body; a transport failure or non-JSON answer is a ProviderError."""
    try:
        resp = await http.request(method, url, **kw)
    except httpx.HTTPError as exc:
        raise ProviderError(f"外部服务连接失败：{type(exc).__name__}") from exc
    if resp.status_code >= 500:
        raise ProviderError(f"外部服务返回错误（HTTP {resp.status_code}）")
    try:
        return resp.json()
    except ValueError as exc:
        raise ProviderError("外部服务返回了无法识别的内容") from exc
