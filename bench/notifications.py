"""Status notifications through the job worker to the sandbox channels, with a kill -9 (run by hand, never from
the test suite).

    .venv/bin/python bench/notifications.py [--events 50000] [--users 5000] [--job-workers 2] [--app-workers 2]
                                            [--kill-at 0.4] [--baseline 10000]

Creates a scratch PostgreSQL database and flushes a dedicated Redis DB, runs `python -m app migrate` and `seed`,
and starts the app in production mode (sandbox on: it plays WeChat, SMS and DingTalk) with --app-workers Sanic
workers. Then:

setup (not measured): --users citizens with an openid and a consent quota for the case-status template large
  enough for every event, and --events "application.status_changed" outbox events (status in_review, spread over
  the users), inserted directly with asyncpg as `outbox.emit` writes them.

baseline (same run): the bare sandbox endpoint — --baseline subscribe-message sends POSTed straight to
  /sandbox/wechat/cgi-bin/message/subscribe/send by one process with the worker's own client (httpx, same
  concurrency): the channel's ceiling on this machine.

the run: --job-workers `python -m app worker` processes plan (outbox -> inbox message + WeChat delivery per event,
  dedup key per event, channel and recipient) and send. When --kill-at of the events are sent, one worker is
  killed with SIGKILL and started again. The clock runs from the workers' start until every event is dispatched
  and every delivery settled.

checks: every event dispatched once; one inbox message and one WeChat delivery per event (the dedup key, unique
  in the database); every delivery sent; the sandbox received every message (0 lost); messages the sandbox got
  more than once are the at-least-once re-sends of the killed worker's claimed, unsettled batch (reported).
  Target: >= 2,000 notifications/s: PASS/MISS. Figures are printed and written to bench/out/notifications-*.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (PYTHON, ROOT, Server, app_env, command_cpu_seconds, fmt, free_port, log,  # noqa: E402
                           print_table, run_app_command, scratch_postgres, scratch_redis, session_cpu_seconds,
                           sigterm_as_interrupt, temp_dir, write_json)

TEMPLATE = "ZBTPL-case-status"


async def setup(db_url: str, users: int, events: int) -> dict:
    import asyncpg

    conn = await asyncpg.connect(db_url)
    try:
        tag = uuid.uuid4().hex[:6]
        ids = await conn.fetch(
            "INSERT INTO users (role, openid, staff_roles, created_at, updated_at) "
            "SELECT 'citizen', 'obench' || $1 || lpad(g::text, 6, '0'), '[]', now(), now() "
            "FROM generate_series(1, $2) g RETURNING id", tag, users)
        user_ids = [r["id"] for r in ids]
        await conn.executemany(
            "INSERT INTO subscription_quotas (user_id, template_id, remaining, updated_at) VALUES ($1, $2, $3, now())",
            [(u, TEMPLATE, events) for u in user_ids])
        rows = []
        for i in range(events):
            no = f"330402-20261125-{i:06d}"
            rows.append(("application.status_changed", f"application:{no}", json.dumps({
                "acceptance_no": no, "user_id": user_ids[i % users], "status": "in_review",
                "service_name": "住房公积金缴存证明出具", "note": f"进入部门审查 {i}"}, ensure_ascii=False)))
        now = datetime.now(timezone.utc)
        await conn.copy_records_to_table("outbox_events", records=[(k, a, p, now) for k, a, p in rows],
                                         columns=["kind", "aggregate", "payload", "created_at"])
        return {"users": user_ids}
    finally:
        await conn.close()


async def progress(db_url: str) -> dict:
    import asyncpg

    conn = await asyncpg.connect(db_url)
    try:
        r = await conn.fetchrow(
            "SELECT (SELECT count(*) FROM outbox_events WHERE dispatched_at IS NULL) AS undispatched, "
            "(SELECT count(*) FROM notification_deliveries WHERE status = 'sent') AS sent, "
            "(SELECT count(*) FROM notification_deliveries WHERE status = 'pending') AS pending, "
            "(SELECT count(*) FROM notification_deliveries) AS deliveries, "
            "(SELECT count(DISTINCT dedup_key) FROM notification_deliveries) AS dedup_keys, "
            "(SELECT count(*) FROM notification_deliveries WHERE status NOT IN ('sent', 'pending')) AS other, "
            "(SELECT count(*) FROM inbox_messages) AS inbox")
        return dict(r)
    finally:
        await conn.close()


def sandbox_received(redis_url: str) -> dict:
    import redis

    r = redis.Redis.from_url(redis_url)
    counts = [int(v) for v in r.hvals("zb:sbx:wx:subscribe:seen")]
    total = r.llen("zb:sbx:wx:subscribe:sent")
    r.close()
    return {"received": total, "distinct": len(counts), "repeated": sum(c - 1 for c in counts if c > 1)}


def reset_sandbox(redis_url: str) -> None:
    import redis

    r = redis.Redis.from_url(redis_url)
    r.delete("zb:sbx:wx:subscribe:seen", "zb:sbx:wx:subscribe:sent")
    r.close()


async def baseline(base: str, n: int, concurrency: int, appid: str, secret: str) -> dict:
    """The bare sandbox endpoint: n subscribe sends, `concurrency` in flight, with the worker's own client."""
    from app.providers.http import AiohttpTransport, make_client

    h = make_client(AiohttpTransport(limit=concurrency))
    try:
        tok = (await h.post(f"{base}/sandbox/wechat/cgi-bin/stable_token", json={
            "grant_type": "client_credential", "appid": appid, "secret": secret})).json()["access_token"]
        sem = asyncio.Semaphore(concurrency)
        bad = 0

        async def one(i: int):
            nonlocal bad
            async with sem:
                r = await h.post(f"{base}/sandbox/wechat/cgi-bin/message/subscribe/send", params={"access_token": tok},
                                 json={"touser": f"obaseline{i % 1000}", "template_id": TEMPLATE,
                                       "data": {"character_string1": {"value": f"B{i}"}, "phrase3": {"value": "审查中"}}})
                if r.status_code != 200 or r.json().get("errcode"):
                    bad += 1

        t0 = time.perf_counter()
        await asyncio.gather(*[one(i) for i in range(n)])
        elapsed = time.perf_counter() - t0
    finally:
        await h.aclose()
    return {"sends": n, "seconds": elapsed, "rate": n / elapsed, "errors": bad}


def spawn_worker(env: dict, log_dir: Path, n: int) -> subprocess.Popen:
    out = open(log_dir / f"worker-{n}.log", "wb")
    return subprocess.Popen([PYTHON, "-m", "app", "worker"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)


def stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
            proc.wait(20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--events", type=int, default=50000)
    p.add_argument("--users", type=int, default=5000)
    p.add_argument("--job-workers", type=int, default=2)
    p.add_argument("--app-workers", type=int, default=2)
    p.add_argument("--kill-at", type=float, default=0.4, help="fraction sent when one worker gets SIGKILL (0: none)")
    p.add_argument("--baseline", type=int, default=10000)
    p.add_argument("--concurrency", type=int, default=64, help="the sender's sends in flight (SEND_CONCURRENCY)")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--redis-db", type=int, default=13, help="the Redis DB number to flush and use")
    a = p.parse_args()
    sigterm_as_interrupt()
    report: dict = {"args": vars(a)}
    with scratch_postgres("zb_bench_notify") as db_url, scratch_redis(a.redis_db) as redis_url, temp_dir() as tmp:
        port = free_port()
        env = app_env(db_url, redis_url, str(tmp), PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", ZB_RUN_JOBS="0",
                      ZB_NOTIFY_LEASE="10", ZB_NOTIFY_POLL="0.05")
        run_app_command(["migrate"], env)
        run_app_command(["seed"], env)
        with Server("app", [PYTHON, "-m", "app", "--workers", str(a.app_workers), "--port", str(port)], port, env,
                    log_dir=tmp) as server:
            from app.config import load_settings

            s = load_settings(env)
            log(f"baseline: {a.baseline} sends straight to the sandbox endpoint")
            base = asyncio.run(baseline(server.base_url, a.baseline, a.concurrency, s.wechat_appid, s.wechat_secret))
            reset_sandbox(redis_url)
            log(f"setup: {a.users} users, {a.events} outbox events")
            asyncio.run(setup(db_url, a.users, a.events))

            workers = [spawn_worker(env, tmp, i) for i in range(a.job_workers)]
            cpu0 = {"app": server.cpu_seconds(), "pg_redis": command_cpu_seconds("postgres", "redis-server")}
            t0 = time.perf_counter()
            killed = None
            restarts = a.job_workers
            try:
                while True:
                    st = asyncio.run(progress(db_url))
                    if killed is None and a.kill_at and st["sent"] >= a.kill_at * a.events:
                        stop(workers[0], signal.SIGKILL)
                        killed = {"at_sent": st["sent"], "at_seconds": time.perf_counter() - t0}
                        log(f"kill -9 worker pid {workers[0].pid} at {st['sent']} sent")
                        workers[0] = spawn_worker(env, tmp, restarts)
                        restarts += 1
                    if st["undispatched"] == 0 and st["pending"] == 0 and st["deliveries"] >= a.events:
                        break
                    if time.perf_counter() - t0 > a.timeout:
                        log(f"timed out: {st}")
                        break
                    time.sleep(0.1)
                elapsed = time.perf_counter() - t0
                worker_cpu = sum(session_cpu_seconds(w.pid) for w in workers)
            finally:
                for w in workers:
                    stop(w)
            cpu = {"app_sandbox": server.cpu_seconds() - cpu0["app"],
                   "pg_redis": command_cpu_seconds("postgres", "redis-server") - cpu0["pg_redis"],
                   "workers_alive_at_end": worker_cpu}
            final = asyncio.run(progress(db_url))
            got = sandbox_received(redis_url)
    rate = a.events / elapsed
    ok = (final["undispatched"] == 0 and final["deliveries"] == a.events == final["dedup_keys"]
          and final["sent"] == a.events and final["inbox"] == a.events and got["distinct"] == a.events)
    report.update(baseline=base, elapsed=elapsed, rate=rate, killed=killed, final=final, sandbox=got, cpu=cpu,
                  ratio=rate / base["rate"], checks_hold=ok, target_met=ok and rate >= 2000)
    print_table(["scenario", "messages", "seconds", "per s", "× baseline"], [
        ["worker: outbox -> inbox + WeChat (sandbox)", a.events, fmt(elapsed), fmt(rate, 0), fmt(rate / base["rate"])],
        ["baseline: bare sandbox endpoint (same client)", base["sends"], fmt(base["seconds"]), fmt(base["rate"], 0), "1.00"],
    ], title="status notifications")
    print_table(["check", "value"], [
        ["events dispatched (undispatched left)", final["undispatched"]],
        ["deliveries / distinct dedup keys", f"{final['deliveries']} / {final['dedup_keys']}"],
        ["sent / other", f"{final['sent']} / {final['other']}"],
        ["inbox messages", final["inbox"]],
        ["sandbox received / distinct / re-sent", f"{got['received']} / {got['distinct']} / {got['repeated']}"],
        ["killed at", json.dumps(killed)],
        ["CPU s: app+sandbox / PG+Redis", f"{fmt(cpu['app_sandbox'])} / {fmt(cpu['pg_redis'])}"],
        ["verdict", ("PASS" if report["target_met"] else "MISS") + (" (checks hold)" if ok else " (CHECKS FAILED)")],
    ])
    path = write_json("notifications", report)
    log(f"wrote {path}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
