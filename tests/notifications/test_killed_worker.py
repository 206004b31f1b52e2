"""Nothing is lost and nothing is planned twice when the worker dies in the middle of a batch.

PostgreSQL + Redis: a real `python -m app worker` subprocess (its sandboxes served by a `python -m app`
subprocess on the same database and Redis) is killed with SIGKILL mid-run and started again.
Embedded (SQLite + in-process Redis, one process): the in-process pump is cancelled mid-batch and restarted.
Either way every event ends dispatched exactly once: one inbox message and one WeChat delivery per event (the
dedup key), all sent; the sandbox saw every message (re-sends of a claimed batch are the at-least-once
repeats, bounded by what was in flight)."""
import asyncio
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tortoise.transactions import in_transaction

from app.services.notifications import notifications
from app.services.platform import outbox
from models import Delivery, DeliveryStatus, InboxMessage, OutboxEvent, SubscriptionQuota, User
from tests.conftest import BACKEND, ROOT, _env

EVENTS = 600
USERS = 30


async def _setup(app) -> tuple[list[User], list[int]]:
    tid = notifications.templates(app.ctx.settings)["case_status"]
    tag = uuid.uuid4().hex[:8]
    users = [await User.create(openid=f"okill{tag}{i:03d}") for i in range(USERS)]
    for u in users:
        await SubscriptionQuota.create(user=u, template_id=tid, remaining=EVENTS)
    ids = []
    async with in_transaction():
        for i in range(EVENTS):
            u = users[i % USERS]
            ev = await outbox.emit("application.status_changed", f"application:kill-{tag}-{i}", {
                "acceptance_no": f"K{tag}-{i:05d}", "user_id": u.id, "status": "in_review",
                "service_name": "批量通知测试", "note": f"第{i}条"})
            ids.append(ev.id)
    return users, ids


async def _sent(ids: list[int]) -> int:
    return await Delivery.filter(event_id__in=ids, channel="wechat", status=DeliveryStatus.SENT).count()


async def _check(client, users: list[User], ids: list[int]) -> dict:
    assert await OutboxEvent.filter(id__in=ids, dispatched_at__isnull=True).count() == 0
    assert await InboxMessage.filter(user_id__in=[u.id for u in users]).count() == EVENTS
    ds = await Delivery.filter(event_id__in=ids, channel="wechat")
    assert len(ds) == EVENTS and len({d.dedup_key for d in ds}) == EVENTS
    assert {d.status for d in ds} == {DeliveryStatus.SENT}
    openids = {u.openid for u in users}
    seen = [m for m in (await client.get("/sandbox/wechat/subscribe/messages")).json() if m["touser"] in openids]
    distinct = {hashlib.sha1(json.dumps(m, sort_keys=True).encode()).hexdigest() for m in seen}
    assert len(distinct) == EVENTS  # 0 lost
    return {"received": len(seen), "distinct": len(distinct), "repeats": len(seen) - len(distinct)}


@pytest.mark.skipif(BACKEND != "embedded", reason="the in-process pump is the embedded mode's worker")
async def test_cancelled_pump_mid_batch_loses_nothing(client, app, notify):
    users, ids = await _setup(app)
    task = asyncio.create_task(notifications.run_pump(app.ctx))
    for _ in range(400):
        if await _sent(ids) >= 100:
            break
        await asyncio.sleep(0.01)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert await _sent(ids) < EVENTS  # it really died mid-run
    await Delivery.filter(event_id__in=ids, status=DeliveryStatus.PENDING).update(
        next_attempt_at=datetime.now(UTC))  # the dead worker's leases run out
    await notify.drain()
    stats = await _check(client, users, ids)
    assert stats["repeats"] <= notifications.SEND_BATCH


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spawn(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, stdout=log.open("ab"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


@pytest.mark.skipif(BACKEND != "postgres", reason="a separate worker process needs PostgreSQL and Redis")
async def test_sigkilled_worker_mid_batch_loses_nothing(client, app, settings, notify, tmp_path):
    users, ids = await _setup(app)
    port = _port()
    env = _env(settings) | {"ZB_SANDBOX": "1", "ZB_RUN_JOBS": "0", "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
                            "ZB_NOTIFY_LEASE": "2", "ZB_NOTIFY_POLL": "0.05", "LOG_LEVEL": "WARNING"}
    log = tmp_path / "procs.log"
    server = _spawn(["serve", "--port", str(port)], env, log)
    worker = None
    try:
        import httpx

        async with httpx.AsyncClient() as h:
            for _ in range(300):
                try:
                    if (await h.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("the sandbox server did not start: " + log.read_text()[-2000:])
        worker = _spawn(["worker"], env, log)
        deadline = time.monotonic() + 60
        while await _sent(ids) < 150:
            assert time.monotonic() < deadline and worker.poll() is None, log.read_text()[-2000:]
            await asyncio.sleep(0.02)
        _stop(worker, signal.SIGKILL)  # kill -9 in the middle of the run
        killed_at = await _sent(ids)
        assert killed_at < EVENTS, "the worker finished before it could be killed: raise EVENTS"

        worker = _spawn(["worker"], env, log)
        deadline = time.monotonic() + 90
        while await _sent(ids) < EVENTS or await OutboxEvent.filter(id__in=ids, dispatched_at__isnull=True).exists():
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            await asyncio.sleep(0.1)
        stats = await _check(client, users, ids)
        assert stats["repeats"] <= notifications.SEND_BATCH  # at most the claimed, unsettled batch is sent again
    finally:
        if worker is not None:
            _stop(worker)
        _stop(server)
