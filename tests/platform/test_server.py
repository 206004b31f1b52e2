"""`python -m app` as a newcomer meets it: request lines as curl sends them (raw UTF-8), the start-up banner's name
for the mode, and a stop that prints one line — checked on real processes, over raw sockets."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from urllib.parse import quote, urlsplit

import httpx
import pytest

from app.server import ascii_target
from tests.conftest import BACKEND, ROOT, _env
from tests.live import free_port, live_server

SEARCH = "/api/v1/services?q=身份证过期了怎么办"


def raw_get(base: str, target: bytes) -> tuple[int, bytes]:
    """GET `target` written into the request line byte for byte (no client escapes it)."""
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port), timeout=30) as s:
        s.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: " + url.netloc.encode() + b"\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_ascii_target():
    assert ascii_target("/healthz?x=%E4%B8%AD") == "/healthz?x=%E4%B8%AD"
    assert ascii_target("/healthz?x=中&y=a b") == "/healthz?x=%E4%B8%AD&y=a b"  # only what is not US-ASCII
    # Sanic reads the head as UTF-8 with surrogateescape: bytes that are not UTF-8 come back as they came
    assert ascii_target(b"/t?x=\xff\xfe".decode("utf-8", "surrogateescape")) == "/t?x=%FF%FE"


@pytest.fixture(scope="module")
def server(settings, tmp_path_factory):
    with live_server(settings, tmp_path_factory.mktemp("server")) as base:
        yield base


def test_a_raw_utf8_request_target_is_read_as_utf8(server):
    status, body = raw_get(server, SEARCH.encode())
    assert status == 200, body[:300]
    found = json.loads(body)["items"]
    assert found[0]["code"] == "GA0002"
    # the same answer as the percent-encoded target a browser sends
    status, encoded = raw_get(server, quote(SEARCH, safe="/?=&").encode())
    assert status == 200 and json.loads(encoded)["items"] == found
    status, body = raw_get(server, "/healthz?x=中".encode())
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_a_utf8_path_and_bytes_that_are_not_utf8_get_ordinary_answers(server):
    status, body = raw_get(server, "/api/v1/services/不存在的事项".encode())
    assert status == 404 and json.loads(body)["error"]["code"] == "service_not_found", body[:300]
    assert "没有找到该事项".encode() in body  # JSON answers carry Chinese as UTF-8, readable as printed
    status, body = raw_get(server, b"/api/v1/services?q=\xff\xfe")  # not UTF-8: replaced, searched, answered
    assert status == 200 and "items" in json.loads(body)


def _serve(settings, tmp_path, log_path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = _env(settings) | {"PORT": str(port), "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}", "ZB_SANDBOX": "1",
                            "LOG_LEVEL": "INFO"}
    if BACKEND == "embedded":
        env["ZB_DATA_DIR"] = str(tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "app"], cwd=ROOT, env=env, stdout=log_path.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError(log_path.read_text()[-3000:])
        time.sleep(0.3)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_banner_names_the_mode_and_a_stop_is_one_line(settings, tmp_path, sig):
    log_path = tmp_path / "server.log"
    proc, base = _serve(settings, tmp_path, log_path)
    try:
        mode = httpx.get(f"{base}/healthz", timeout=5).json()["mode"]
        time.sleep(1)  # the job worker's first round, so that there is something to stop
        before = len(log_path.read_bytes())
        proc.send_signal(sig)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    log = log_path.read_text()
    banner = [line for line in log.splitlines() if "mode: " in line]
    assert banner and banner[0].split("mode: ", 1)[1].startswith(f"{mode}, "), banner
    stop = [line for line in log[before:].splitlines() if line.strip()]
    for noise in ("Traceback", "was cancelled before it completed", "exception was never retrieved",
                  "grace period", "ERROR", "WARNING"):
        assert noise not in log[before:], log[before:]
    if BACKEND == "embedded":  # one process: "Stopping worker [pid]", and that is all
        assert len(stop) == 1 and "Stopping worker" in stop[0], stop


@pytest.mark.skipif(BACKEND != "postgres", reason="a job worker of its own needs PostgreSQL and Redis")
def test_the_job_worker_stops_quietly(settings, tmp_path):
    log_path = tmp_path / "worker.log"
    env = _env(settings) | {"ZB_SANDBOX": "1", "LOG_LEVEL": "INFO"}
    proc = subprocess.Popen([sys.executable, "-m", "app", "worker"], cwd=ROOT, env=env, stdout=log_path.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while "job worker started" not in log_path.read_text():
            assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()[-3000:]
            time.sleep(0.2)
        time.sleep(1.5)  # its loops and dequeuing tasks are running
        before = len(log_path.read_bytes())
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    stop = log_path.read_bytes()[before:].decode()
    assert "job worker stopped" in stop
    for noise in ("Traceback", "grace period", "exception was never retrieved", "ERROR", "WARNING"):
        assert noise not in stop, stop[-3000:]


def test_several_workers_in_the_embedded_mode_say_what_they_need(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(ZB_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "app", "--workers", "4"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "DATABASE_URL" in done.stderr and "REDIS_URL" in done.stderr, done.stderr
