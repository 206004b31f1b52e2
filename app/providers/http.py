"""One shared async HTTP client per worker for every outbound provider call."""
from __future__ import annotations

import httpx

from app.errors import ProviderError


def make_client(transport: httpx.AsyncBaseTransport | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(10.0, connect=3.0),
                             headers={"User-Agent": "zhangban/1"})


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
