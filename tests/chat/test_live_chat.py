"""The chat WebSocket on a real server process (Sanic's own WebSocket stack): the POST's messages arrive on
/ws/chat/{id}. On PostgreSQL + Redis the server shares the database and Redis with the test process."""
import asyncio
import json
import subprocess
import sys
import time

import httpx
import pytest
import websockets

from tests.applications.test_live import _free_port
from tests.conftest import BACKEND, ROOT, _env


@pytest.fixture
def chat_server(settings, tmp_path):
    """Like test_live's server, but nothing is asked of it before it logs "Worker ready": a health check during
    the first start (catalog warm-up) times out, and the cancelled SQLite query can leave the embedded database
    connection stuck (see the report of issue 7)."""
    port = _free_port()
    env = _env(settings)
    env.update({"PORT": str(port), "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}", "ZB_SANDBOX": "1",
                "LOG_LEVEL": "INFO", "ZB_AUTH_RATE_LIMIT": "100000"})
    if BACKEND == "embedded":
        env["ZB_DATA_DIR"] = str(tmp_path)
    log_path = tmp_path / "server.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while b"Worker ready" not in log_path.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(log_path.read_text()[-2000:])
        time.sleep(0.3)
    assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


async def _json(r: httpx.Response) -> dict:
    assert r.status_code < 300, r.text
    return r.json()


async def test_the_same_messages_arrive_on_the_websocket(chat_server):
    async with httpx.AsyncClient(base_url=chat_server, timeout=30) as http:
        code = await _json(await http.post("/sandbox/wechat/codes", json={}))
        token = (await _json(await http.post("/api/v1/auth/wechat", json={"code": code["code"]})))["token"]
        h = {"Authorization": f"Bearer {token}"}
        sid = (await _json(await http.post("/api/v1/chat/sessions", headers=h)))["session"]["id"]
        ws_url = chat_server.replace("http", "ws") + f"/ws/chat/{sid}"
        async with websockets.connect(ws_url + "?token=bad") as bad:
            with pytest.raises(websockets.ConnectionClosed):
                await asyncio.wait_for(bad.recv(), 10)
            assert bad.close_code == 4403
        async with websockets.connect(ws_url, additional_headers=h) as ws:
            out = await _json(await http.post(f"/api/v1/chat/sessions/{sid}/messages", headers=h,
                                              json={"text": "身份证过期了怎么办"}))
            expected = [out["message"]] + out["replies"]
            got = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for _ in expected]
            assert got == expected
        async with websockets.connect(ws_url + f"?after={expected[0]['id'] - 1}", additional_headers=h) as ws:
            replay = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for _ in expected]
            assert replay == expected  # a reconnect reads what it missed
