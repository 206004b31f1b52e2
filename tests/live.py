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


class LiveServer(str):
    """The base URL of a live server, with its main process's pid and its log file."""

    pid: int
    log: Path


@contextmanager
def live_server(settings: Settings, tmp_path: Path, log_level: str = "WARNING",
                **env_extra: str) -> Iterator[LiveServer]:
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
        live = LiveServer(base)
        live.pid, live.log = proc.pid, log_path
        yield live
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


def nginx_binary() -> str:
    """Debian's nginx (nginx or nginx-light); skips the test when absent, fails it under CI (.ci/run installs it)."""
    import shutil
    found = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"]))
    if found is None:
        import pytest
        message = "nginx is not installed (Debian's nginx-light: apt-get install -y nginx-light)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {message}")
        pytest.skip(message)
    return found


@contextmanager
def nginx_proxy(app_bases: list[str], tmp_path: Path) -> Iterator[str]:
    """deploy/nginx.conf as shipped, listening on a free port in front of `app_bases` (its `listen` and upstream
    `server` lines substituted, nothing else), run unprivileged in `tmp_path`; yields the proxy's base URL."""
    import re
    binary = nginx_binary()
    port = free_port()
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "".join(f"    server {b.split('//', 1)[1]} max_fails=3 fail_timeout=10s;\n" for b in app_bases)
    site, n = re.subn(r"^\s*server 127\.0\.0\.1:8000[^\n]*\n", servers, site, flags=re.M)
    assert n == 1, "deploy/nginx.conf: the upstream's server line moved"
    site, n = re.subn(r"listen 80;", f"listen 127.0.0.1:{port};", site)
    assert n == 1, "deploy/nginx.conf: the listen line moved"
    (tmp_path / "zhangban.conf").write_text(site)
    temp = "".join(f"    {k}_temp_path {tmp_path}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"daemon off;\nmaster_process off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log warn;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\n    access_log {tmp_path}/access.log;\n{temp}    include {tmp_path}/zhangban.conf;\n}}\n")
    log = open(tmp_path / "nginx.out", "wb")
    proc = subprocess.Popen([binary, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
                             "-c", str(tmp_path / "nginx.conf")], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nginx did not start: " + (tmp_path / "error.log").read_text()[-2000:]
                                   + (tmp_path / "nginx.out").read_text()[-2000:])
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
