"""Prometheus metrics. With several workers, PROMETHEUS_MULTIPROC_DIR (set by `python -m app`) aggregates them."""
from __future__ import annotations

import os
import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess, values
from sanic import Request
from sanic.response import HTTPResponse, raw

REQUESTS = Counter("zb_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram("zb_http_request_seconds", "HTTP request latency", ["route"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5))


def _route(request: Request) -> str:
    return request.route.path if request.route else "unmatched"


async def start_timer(request: Request) -> None:
    request.ctx.t0 = time.perf_counter()


async def observe(request: Request, response: HTTPResponse) -> None:
    t0 = getattr(request.ctx, "t0", None)
    if t0 is None or response is None:
        return
    route = _route(request)
    REQUESTS.labels(request.method, route, str(response.status)).inc()
    LATENCY.labels(route).observe(time.perf_counter() - t0)


def exposition() -> HTTPResponse:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return raw(body, content_type=CONTENT_TYPE_LATEST)


def main_process_counter(name: str, documentation: str):
    """A counter of the main process of `python -m app` (it has no registry of its own on /metrics). prometheus_client
    chose its value class when this module was first imported, before `python -m app` set
    PROMETHEUS_MULTIPROC_DIR, so the multiprocess value is made explicitly: the workers' /metrics then reads it
    from the shared directory. Call .inc(1)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return values.MultiProcessValue()("counter", name, name + "_total", (), (), documentation)
    return Counter(name, documentation, registry=None)  # no shared directory: nobody could read it anyway
