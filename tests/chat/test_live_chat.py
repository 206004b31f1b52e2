"""The chat WebSocket on a real server process (Sanic's own WebSocket stack): the POST's messages arrive on
/ws/chat/{id}. On PostgreSQL + Redis the server shares the database and Redis with the test process."""
import asyncio
import json

import httpx
import pytest
import websockets

from tests.live import live_server, ok_json


@pytest.fixture
def chat_server(settings, tmp_path):
    with live_server(settings, tmp_path) as base:
        yield base


async def test_the_same_messages_arrive_on_the_websocket(chat_server):
    async with httpx.AsyncClient(base_url=chat_server, timeout=30) as http:
        code = await ok_json(await http.post("/sandbox/wechat/codes", json={}))
        token = (await ok_json(await http.post("/api/v1/auth/wechat", json={"code": code["code"]})))["token"]
        h = {"Authorization": f"Bearer {token}"}
        sid = (await ok_json(await http.post("/api/v1/chat/sessions", headers=h)))["session"]["id"]
        ws_url = chat_server.replace("http", "ws") + f"/ws/chat/{sid}"
        async with websockets.connect(ws_url + "?token=bad") as bad:
            with pytest.raises(websockets.ConnectionClosed):
                await asyncio.wait_for(bad.recv(), 10)
            assert bad.close_code == 4403
        async with websockets.connect(ws_url, additional_headers=h) as ws:
            out = await ok_json(await http.post(f"/api/v1/chat/sessions/{sid}/messages", headers=h,
                                              json={"text": "身份证过期了怎么办"}))
            expected = [out["message"]] + out["replies"]
            got = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for _ in expected]
            assert got == expected
        async with websockets.connect(ws_url + f"?after={expected[0]['id'] - 1}", additional_headers=h) as ws:
            replay = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for _ in expected]
            assert replay == expected  # a reconnect reads what it missed


async def test_a_lone_surrogate_is_refused_and_the_feed_stays_healthy(chat_server):
    """"\\ud800x" parses from JSON but is no text: it was stored and then broke the conversation's WebSocket feed."""
    async with httpx.AsyncClient(base_url=chat_server, timeout=30) as http:
        code = await ok_json(await http.post("/sandbox/wechat/codes", json={}))
        token = (await ok_json(await http.post("/api/v1/auth/wechat", json={"code": code["code"]})))["token"]
        h = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        sid = (await ok_json(await http.post("/api/v1/chat/sessions", headers=h)))["session"]["id"]
        async with websockets.connect(chat_server.replace("http", "ws") + f"/ws/chat/{sid}",
                                      additional_headers={"Authorization": h["Authorization"]}) as ws:
            for raw in (b'{"text": "\\ud800x"}', b'{"text": "\\udfff"}', b'{"text": "ok \\ud83d"}'):
                r = await http.post(f"/api/v1/chat/sessions/{sid}/messages", headers=h, content=raw)
                assert r.status_code == 422 and r.json()["error"]["field"] == "text", r.text
            out = await ok_json(await http.post(f"/api/v1/chat/sessions/{sid}/messages", headers=h,
                                                json={"text": "身份证过期了怎么办 😀"}))
            expected = [out["message"]] + out["replies"]
            got = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for _ in expected]
            assert got == expected
        transcript = (await ok_json(await http.get(f"/api/v1/chat/sessions/{sid}", headers=h)))["messages"]
        assert [m["text"] for m in transcript if m["sender"] == "citizen"] == ["身份证过期了怎么办 😀"]
