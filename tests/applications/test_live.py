"""A real server process (Sanic's own HTTP and WebSocket stack): a citizen watches their case live while staff
decide it. On PostgreSQL + Redis the decision is made by this test process's app, so the push crosses processes
through Redis pub/sub, as it does between workers."""
import asyncio
import json

import httpx
import pytest
import websockets

from tests.conftest import BACKEND
from tests.live import live_server


@pytest.fixture
def server(settings, tmp_path):
    with live_server(settings, tmp_path) as base:
        yield base


async def _json(r: httpx.Response) -> dict:
    assert r.status_code < 300, r.text
    return r.json()


async def test_a_watcher_sees_each_change_as_it_happens(server, client):
    async with httpx.AsyncClient(base_url=server, timeout=30) as live:
        code = await _json(await live.post("/sandbox/wechat/codes", json={}))
        token = (await _json(await live.post("/api/v1/auth/wechat", json={"code": code["code"]})))["token"]
        me = {"Authorization": f"Bearer {token}"}
        person = (await _json(await live.get("/sandbox/shared/people")))[0]
        await _json(await live.put("/api/v1/me/identity", headers=me,
                                   json={"name": person["name"], "id_number": person["id_number"], "phone": "13900001111"}))
        case = await _json(await live.post("/api/v1/applications", headers=me,
                                           json={"service": "GJJ005", "consent": True}))
        clerk_id = next(m["userid"] for m in await _json(await live.get("/sandbox/dingtalk/users")) if "window" in m["roles"])

        ws_url = server.replace("http", "ws") + f"/ws/track/{case['track_token']}"
        async with websockets.connect(ws_url) as ws:
            first = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert first["status"] == "submitted" and first["acceptance_no"] == case["acceptance_no"]

            # staff decide: through the live server when embedded, through this process's app on PostgreSQL + Redis
            decider = client if BACKEND == "postgres" else live
            dcode = await _json(await decider.post("/sandbox/dingtalk/codes", json={"userid": clerk_id}))
            staff_token = (await _json(await decider.post("/api/v1/auth/dingtalk", json={"code": dcode["code"]})))["token"]
            intake = case["steps"][0]["id"]
            await _json(await decider.post(f"/api/v1/staff/tasks/{intake}/decision",
                                           headers={"Authorization": f"Bearer {staff_token}"}, json={"decision": "approve"}))
            seen = []
            while not seen or seen[-1] != "in_review":
                seen.append(json.loads(await asyncio.wait_for(ws.recv(), 10))["status"])
            assert seen[-1] == "in_review"

        with pytest.raises(websockets.exceptions.ConnectionClosed):
            async with websockets.connect(server.replace("http", "ws") + "/ws/track/not-a-token") as bad:
                await asyncio.wait_for(bad.recv(), 10)
