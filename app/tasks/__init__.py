"""Background jobs, run by the job worker (app/worker.py). A job takes saq's context dict; ctx["app"] is the
ctx the services expect (settings, http, vault, redis, wechatpay): the app's own ctx in the embedded mode."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

Job = Callable[[dict], Awaitable[Any]]


def job(name: str) -> Callable[[Job], Job]:
    """Name a job function "area.event": saq registers (and enqueues) a function by its __qualname__."""
    def mark(fn: Job) -> Job:
        fn.__qualname__ = name
        return fn
    return mark
