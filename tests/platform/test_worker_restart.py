"""A Sanic worker that dies (SIGKILL) in production mode is replaced by the main process within 10 seconds; the
restart is logged and counted in /metrics (zb_worker_restarts_total). PostgreSQL + Redis only: the embedded mode is
one process, with no manager and no worker to replace."""
import os
import re
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND
from tests.live import live_server

LIVE = pytest.mark.skipif(BACKEND != "postgres", reason="several workers need PostgreSQL and Redis (the embedded "
                          "mode serves in one process: there is no worker to replace)")


def _workers(manager_pid: int) -> dict[str, int]:
    """The manager's server workers: Sanic's worker name (from its environment) -> pid."""
    found = {}
    children = Path(f"/proc/{manager_pid}/task/{manager_pid}/children").read_text().split()
    for pid in map(int, children):
        try:
            env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
        except (FileNotFoundError, ProcessLookupError):
            continue
        name = next((e.split(b"=", 1)[1].decode() for e in env if e.startswith(b"SANIC_WORKER_NAME=")), "")
        if name.startswith("Sanic-Server") and state != "Z":
            found[name] = pid
    return found


def _restarts(base: str) -> float:
    text = httpx.get(f"{base}/metrics", timeout=10).text
    m = re.search(r"^zb_worker_restarts_total ([0-9.]+)$", text, re.M)
    assert m, text[:2000]
    return float(m.group(1))


@LIVE
def test_a_killed_worker_is_replaced_logged_and_counted(settings, tmp_path):
    with live_server(settings, tmp_path, WORKERS="2") as base:
        deadline = time.monotonic() + 30
        while len(before := _workers(base.pid)) < 2:
            assert time.monotonic() < deadline, before
            time.sleep(0.2)
        assert _restarts(base) == 0
        name, victim = sorted(before.items())[0]
        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        while True:
            now = _workers(base.pid)
            if now.get(name) not in (None, victim):
                break
            assert time.monotonic() - killed < 10, f"{name} not replaced within 10 s: {now}"
            time.sleep(0.1)
        other = next(n for n in before if n != name)
        assert now[other] == before[other]  # the other worker was left alone
        deadline = time.monotonic() + 60
        while _restarts(base) < 1:  # the new worker serves (it may take a moment to warm up)
            assert time.monotonic() < deadline
            time.sleep(0.3)
        assert _restarts(base) == 1
        log = base.log.read_text()
        assert f"worker {name} (pid {victim}) died (exit code -9): starting a new one" in log, log[-3000:]
        for _ in range(20):
            assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200


class _Process:
    def __init__(self, name):
        self.name, self.pid, self.exitcode = name, 100, -9
        from sanic.worker.constants import ProcessState
        self.state = ProcessState.ACKED


class _Manager:
    def __init__(self, *names):
        from types import SimpleNamespace
        self.processes = [_Process(n) for n in names]
        self.transient = {"Server": SimpleNamespace(processes=set(self.processes))}
        self._shutting_down = False
        self.sent = []
        self.monitor_publisher = SimpleNamespace(send=self.sent.append)


def test_the_watchdog_restarts_at_once_then_backs_off_a_worker_that_keeps_dying():
    """The decision logic alone (no processes): a death is restarted at once through the manager's own pipe; one
    that dies again soon after is restarted after 1 s, then 2 s …; a worker that lived long starts over at once."""
    from sanic.worker.constants import ProcessState

    from app.watchdog import QUICK_DEATH, Watchdog

    m = _Manager("Sanic-Server-0-0", "Sanic-Server-1-0")
    w = Watchdog(m)
    p = m.processes[0]
    w.check(0.0)
    assert m.sent == []
    p.state = ProcessState.FAILED
    w.check(1.0)
    w.check(1.5)  # asked once, not again while the manager takes it up
    assert m.sent == ["Sanic-Server-0-0"]
    p.state = ProcessState.STARTED
    w.check(2.0)
    p.state = ProcessState.FAILED  # dies again right after its start
    w.check(3.0)
    assert m.sent == ["Sanic-Server-0-0"]  # waits 1 s
    w.check(4.1)
    assert m.sent == ["Sanic-Server-0-0"] * 2
    p.state = ProcessState.ACKED
    w.check(5.0)
    p.state = ProcessState.FAILED
    w.check(5.5)
    w.check(7.0)
    assert len(m.sent) == 2  # now 2 s
    w.check(7.6)
    assert len(m.sent) == 3
    p.state = ProcessState.ACKED
    w.check(8.0)
    p.state = ProcessState.FAILED  # after a long life: at once again
    w.check(8.0 + QUICK_DEATH + 1)
    assert len(m.sent) == 4
    assert m.processes[1].state is ProcessState.ACKED  # the other worker was never named
