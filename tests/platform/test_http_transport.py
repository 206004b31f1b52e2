"""The providers' HTTP client on the network: httpx's API over aiohttp (app/providers/http.py), against a real
local server — status, headers, bodies (gzip included), redirects not followed, timeouts and refused connections
mapped to httpx's errors, which the adapters turn into ProviderError."""
import asyncio
import gzip
import json

import httpx
import pytest
from aiohttp import web

from app.errors import ProviderError
from app.providers.http import call_json, make_client
from tests.live import free_port


@pytest.fixture
async def server():
    async def echo(request: web.Request):
        body = await request.read()
        return web.json_response({"method": request.method, "path": request.path_qs, "body": body.decode(),
                                  "headers": {k.lower(): v for k, v in request.headers.items()}},
                                 headers={"X-Zb-Nonce": "n1"})

    async def zipped(_request):
        data = gzip.compress(json.dumps({"ok": "压缩"}, ensure_ascii=False).encode())
        return web.Response(body=data, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})

    async def slow(_request):
        await asyncio.sleep(3)
        return web.json_response({})

    async def moved(_request):
        raise web.HTTPFound("/echo")

    async def broken(_request):
        return web.Response(status=502, text="bad gateway")

    application = web.Application()
    application.add_routes([web.route("*", "/echo", echo), web.get("/gzip", zipped), web.get("/slow", slow),
                            web.get("/moved", moved), web.get("/broken", broken)])
    runner = web.AppRunner(application)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_requests_and_answers_travel_intact(server):
    async with make_client() as http:
        r = await http.post(f"{server}/echo?a=1", content="{\"名\":1}".encode(), headers={"X-Zb-Signature": "s"})
        assert r.status_code == 200 and r.headers["x-zb-nonce"] == "n1"
        got = r.json()
        assert got["method"] == "POST" and got["path"] == "/echo?a=1" and got["body"] == "{\"名\":1}"
        assert got["headers"]["x-zb-signature"] == "s" and got["headers"]["user-agent"] == "zhangban/1"
        assert got["headers"]["content-length"] == str(len("{\"名\":1}".encode()))
        assert (await http.get(f"{server}/gzip")).json() == {"ok": "压缩"}
        r = await http.get(f"{server}/moved")
        assert r.status_code == 302  # adapters never follow redirects
        many = await asyncio.gather(*[http.get(f"{server}/echo?i={i}") for i in range(20)])
        assert [m.json()["path"] for m in many] == [f"/echo?i={i}" for i in range(20)]


async def test_failures_become_httpx_errors_and_provider_errors(server):
    async with make_client() as http:
        http.timeout = httpx.Timeout(0.5, connect=0.5)
        with pytest.raises(httpx.TimeoutException):
            await http.get(f"{server}/slow")
        with pytest.raises(httpx.ConnectError):
            await http.get(f"http://127.0.0.1:{free_port()}/")
        with pytest.raises(ProviderError):
            await call_json(http, "GET", f"{server}/slow")
        with pytest.raises(ProviderError):
            await call_json(http, "GET", f"{server}/broken")
        assert await call_json(http, "GET", f"{server}/gzip") == {"ok": "压缩"}


async def test_exchange_hands_a_request_straight_to_the_transport(server):
    """exchange(): what the shared-data adapter sends: the client's headers and timeouts, the body as given,
    no redirect followed, the same httpx errors."""
    async with make_client() as http:
        body = "{\"名\":2}".encode()
        r = await http.exchange("POST", f"{server}/echo?b=2", content=body, headers={"X-Zb-Signature": "s2"})
        got = r.json()
        assert r.status_code == 200 and r.headers["x-zb-nonce"] == "n1"
        assert got["method"] == "POST" and got["path"] == "/echo?b=2" and got["body"] == "{\"名\":2}"
        assert got["headers"]["x-zb-signature"] == "s2" and got["headers"]["user-agent"] == "zhangban/1"
        assert got["headers"]["content-length"] == str(len(body))
        r = await http.exchange("GET", f"{server}/moved", content=b"", headers={})
        assert r.status_code == 302
        http.timeout = httpx.Timeout(0.5, connect=0.5)
        with pytest.raises(httpx.TimeoutException):
            await http.exchange("GET", f"{server}/slow", content=b"", headers={})
        with pytest.raises(httpx.ConnectError):
            await http.exchange("POST", f"http://127.0.0.1:{free_port()}/", content=b"{}", headers={})
