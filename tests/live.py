"""A real server process for the tests that need Sanic's own HTTP and WebSocket stack (or a browser)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx

from app.config import Settings
from tests.conftest import BACKEND, ROOT, _env


async def ok_json(r: httpx.Response) -> dict:
    """The JSON of a 2xx answer (anything else fails the test with the body)."""
    assert r.status_code < 300, r.text
    return r.json()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(settings: Settings, tmp_path: Path, log_level: str = "WARNING", **env_extra: str) -> Iterator[str]:
    """`python -m app` on a free port with the test settings (the embedded backend gets its own SQLite file and
    in-process Redis; PostgreSQL + Redis are shared with the test process); yields its base URL once /healthz
    answers 200 (the health check never cancels a slow query, so probing a starting server is safe)."""
    port = free_port()
    env = _env(settings)
    env.update({"PORT": str(port), "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}", "ZB_SANDBOX": "1",
                "LOG_LEVEL": log_level, "ZB_AUTH_RATE_LIMIT": "100000", **env_extra})
    if BACKEND == "embedded":
        env["ZB_DATA_DIR"] = str(tmp_path)
    log_path = tmp_path / "server.log"
    log = open(log_path, "wb")  # a file, not a pipe: nobody drains a pipe and the server would block
    # Its own session: Sanic's process manager kills its workers' whole process group (SIGKILL) when one stops
    # before acknowledging its start, which must never be the test run's group.
    proc = subprocess.Popen([sys.executable, "-m", "app"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline, last = time.monotonic() + 120, None  # generous: a busy machine slows the first start
        while True:
            try:
                last = httpx.get(f"{base}/healthz", timeout=5)
                if last.status_code == 200:
                    break
            except httpx.HTTPError as exc:
                last = exc
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not become healthy: {last!r}\n{log_path.read_text()[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the manager and any worker left behind
        proc.wait()
        log.close()
