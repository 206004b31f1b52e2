"""Replaces a Sanic server worker that dies (SIGKILL, the OOM killer, a crash in C code), from the main process.

Sanic 25.12's manager notices the death (its monitor loop marks the process FAILED) but starts no other: the
service would go on at reduced capacity, silently. This thread, started in the main process once the manager
exists (`main_process_ready`), looks at the server processes twice a second; a FAILED one is named to the
manager's monitor through its own pipe, exactly as `app.m.restart()` in a worker would, so the restart itself runs
in the manager's loop (no second thread touches its state). Each restart is logged and counted
(zb_worker_restarts_total, in the multiprocess metrics directory). A worker that keeps dying right after it
starts is restarted with a growing delay (1, 2, 4 … 60 s) instead of in a tight loop.
"""
from __future__ import annotations

import logging
import threading
import time

from sanic.worker.constants import ProcessState
from sanic.worker.process import WorkerProcess

from app import metrics

log = logging.getLogger("zhangban.watchdog")
POLL = 0.5
ACK_TIMEOUT = 120  # seconds the first workers have to report started (Sanic's default, 30 s, is close to what
# a worker's start-up takes on a busy two-core machine: over it, Sanic kills the whole server)
QUICK_DEATH = 30.0  # a worker that dies this soon after its restart is failing at start: back off
MAX_DELAY = 60.0


class Watchdog:
    def __init__(self, manager):
        self.manager = manager
        self.restarts = metrics.main_process_counter("zb_worker_restarts", "Sanic workers restarted after dying")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="zb-worker-watchdog", daemon=True)
        self._last: dict[str, float] = {}  # process name -> when we last asked for its restart
        self._delay: dict[str, float] = {}  # process name -> the wait before its latest restart
        self._due: dict[str, float] = {}  # process name -> when to restart it (a death seen, restart pending)
        self._asked: set[str] = set()  # restart asked, not yet taken up by the manager

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _servers(self) -> list[WorkerProcess]:
        return [p for w in list(self.manager.transient.values()) for p in list(w.processes)
                if WorkerProcess.SERVER_LABEL in p.name]

    def _run(self) -> None:
        while not self._stop.wait(POLL):
            if self.manager._shutting_down:
                return
            try:
                self.check(time.monotonic())
            except Exception:  # never let the watchdog die of one odd state
                log.exception("worker watchdog check failed")

    def check(self, now: float) -> None:
        for process in self._servers():
            name = process.name
            if process.state is not ProcessState.FAILED:
                self._asked.discard(name)
                continue
            if name in self._asked:
                continue
            if name not in self._due:
                last = self._last.get(name)
                quick = last is not None and now - last < QUICK_DEATH
                delay = min(MAX_DELAY, max(1.0, self._delay.get(name, 0.0) * 2)) if quick else 0.0
                self._delay[name], self._due[name] = delay, now + delay
                log.warning("worker %s (pid %s) died (exit code %s): starting a new one%s", name, process.pid,
                            process.exitcode, f" in {delay:.0f} s" if delay else "")
            if now >= self._due[name]:
                del self._due[name]
                self._last[name] = now
                self._asked.add(name)
                self.restarts.inc(1)
                self.manager.monitor_publisher.send(name)  # the manager's loop restarts it (Restarter)


def watch(app) -> None:
    """main_process_ready listener: start the watchdog on this app's worker manager (and give the first workers
    ACK_TIMEOUT seconds to start)."""
    app.manager.THRESHOLD = ACK_TIMEOUT * 10  # the manager counts 0.1 s polls
    app.ctx.watchdog = Watchdog(app.manager)
    app.ctx.watchdog.start()


def unwatch(app) -> None:
    """main_process_stop listener."""
    watchdog = getattr(app.ctx, "watchdog", None)
    if watchdog is not None:
        watchdog.stop()
