"""A real server process (Sanic's own HTTP and WebSocket stack): a citizen watches their case live while staff
decide it. On PostgreSQL + Redis the decision is made by this test process's app, so the push crosses processes
through Redis pub/sub, as it does between workers."""
import asyncio
import json

import httpx
import pytest
import websockets

from tests.conftest import BACKEND
from tests.live import live_server, ok_json


@pytest.fixture
def server(settings, tmp_path):
    with live_server(settings, tmp_path) as base:
        yield base


async def test_a_watcher_sees_each_change_as_it_happens(server, client):
    async with httpx.AsyncClient(base_url=server, timeout=30) as live:
        code = await ok_json(await live.post("/sandbox/wechat/codes", json={}))
        token = (await ok_json(await live.post("/api/v1/auth/wechat", json={"code": code["code"]})))["token"]
        me = {"Authorization": f"Bearer {token}"}
        person = (await ok_json(await live.get("/sandbox/shared/people")))[0]
        await ok_json(await live.put("/api/v1/me/identity", headers=me,
                                   json={"name": person["name"], "id_number": person["id_number"], "phone": "13900001111"}))
        # Level 3 (shared materials are read only for an account verified by face to be that person).
        verify_id = (await ok_json(await live.post("/api/v1/face/sessions", headers=me)))["verify_id"]
        await ok_json(await live.post(f"/sandbox/wechat/face/{verify_id}/complete", json={"verify_ret": 10000}))
        assert (await ok_json(await live.post(f"/api/v1/face/sessions/{verify_id}/result", headers=me)))["passed"]
        case = await ok_json(await live.post("/api/v1/applications", headers=me,
                                           json={"service": "GJJ005", "consent": True}))
        clerk_id = next(m["userid"] for m in await ok_json(await live.get("/sandbox/dingtalk/users")) if "window" in m["roles"])

        ws_url = server.replace("http", "ws") + f"/ws/track/{case['track_token']}"
        async with websockets.connect(ws_url) as ws:
            first = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert first["status"] == "submitted" and first["acceptance_no"] == case["acceptance_no"]

            # staff decide: through the live server when embedded, through this process's app on PostgreSQL + Redis
            decider = client if BACKEND == "postgres" else live
            dcode = await ok_json(await decider.post("/sandbox/dingtalk/codes", json={"userid": clerk_id}))
            staff_token = (await ok_json(await decider.post("/api/v1/auth/dingtalk", json={"code": dcode["code"]})))["token"]
            intake = case["steps"][0]["id"]
            await ok_json(await decider.post(f"/api/v1/staff/tasks/{intake}/decision",
                                           headers={"Authorization": f"Bearer {staff_token}"}, json={"decision": "approve"}))
            seen = []
            while not seen or seen[-1] != "in_review":
                seen.append(json.loads(await asyncio.wait_for(ws.recv(), 10))["status"])
            assert seen[-1] == "in_review"

        with pytest.raises(websockets.exceptions.ConnectionClosed):
            async with websockets.connect(server.replace("http", "ws") + "/ws/track/not-a-token") as bad:
                await asyncio.wait_for(bad.recv(), 10)
