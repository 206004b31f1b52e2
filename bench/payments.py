"""The payment notification storm (run by hand, never from the test suite).

    .venv/bin/python bench/payments.py [--workers 2] [--orders 7000] [--notifications 10000] [--concurrency 64]
                                       [--rounds 1] [--client httpx|raw]

Creates a scratch PostgreSQL database and flushes a dedicated Redis DB, runs `python -m app migrate` and
`python -m app seed`, starts the app in production mode (sandbox on, LOG_LEVEL=WARNING) with --workers Sanic
workers, and a bare Sanic app with the same workers that answers the same POST with 204 (bench/bare_app.py's app
plus that one route, served by this script: `bench/payments.py --serve-bare`), then:

setup (not measured)
  inserts --orders pending PaymentOrders per round (plus --warmup for the warm-up), each with its Payable (a
  traffic fine of the department `jiaojing`, amounts varied in fen, expiring in 2 hours), paid by one citizen row
  created for the run, DIRECTLY in the scratch database with asyncpg. Creating them through the API (GET
  /api/v1/payables, POST /api/v1/payments, as tests/payments/test_payments.py does) costs a sandbox JSAPI call
  per order; the storm measures the notify path, not order creation, and the rows are the ones pay() writes.

the storm (per round)
  --notifications WeChat Pay notifications for those orders: one TRANSACTION.SUCCESS per order and
  (--notifications - --orders) duplicates of randomly chosen ones (drawn with replacement: an order may be
  delivered 3 or 4 times), each a redelivery of the same notification (same id, same encrypted resource, same
  body bytes) with a fresh timestamp, nonce and signature, as WeChat retries; all shuffled. They are built as the
  sandbox builds them (app/sandbox/wechatpay.py _new_notification / _deliver): the resource (the transaction as
  the sandbox's query answers it) AES-256-GCM encrypted with the APIv3 key, the body signed with the platform key
  (Wechatpay-Timestamp/-Nonce/-Signature/-Serial over TS\\nNONCE\\nBODY\\n). Both keys are computed in this
  process by app.sandbox.wechatpay.platform_key / apiv3_key from the Settings the server reads
  (app.config.load_settings over the server's environment: the same ZB_SECRET_KEY; the caller's WECHATPAY_*
  variables are dropped so that the sandbox keys are in use). Everything is signed before the clock starts (a
  signature is good for 300 s: a storm slower than that shows as 401s), then POSTed to
  /api/v1/payments/wechatpay/notify, --concurrency in flight over keep-alive connections, by an asyncio client
  (uvloop): `--client raw` (the default: the pre-rendered HTTP/1.1 requests written on asyncio streams, each
  answer read by its Content-Length; about 50-200 µs of client CPU per request) or `--client httpx`
  (httpx.AsyncClient: simpler, but at 64 connections it spends 2-7 ms of CPU per request on this machine,
  encode/httpx#3215, and caps the bare app below 1,000/s: then it measures the client, not the server). The same
  requests then go to the bare app, with the same client, for the ratio.

checks (after each round's storm, in the scratch database)
  every answer 2xx (non-2xx and transport errors counted), no double credit (ledger rows per order <= 1),
  orders paid == --orders, payables paid, one payment_event per notification id (all applied), one e-receipt per
  order with distinct numbers, and the ledger's sum == the paid orders' amounts (for the round, and over the whole
  database). The target: >= 1,000 notifications/s (all deliveries, duplicates included, over the storm's wall
  time) with every check holding: PASS/MISS.

It prints notifications/s, p50/p99 latency, non-2xx, the ratio to the bare app, the CPU per notification of the
server, PostgreSQL, Redis and the client, and how busy the client was (client CPU over wall time: near 100% the
client is the bottleneck, and the bare app's figure is the client's ceiling rather than the server's). The figures
also go to bench/out/payments-<timestamp>.json. `--py-spy PATH` (a py-spy binary, e.g. from a throw-away venv)
records every app worker during the app's storms into bench/out/payments-pyspy-<worker pid>-<timestamp>.txt
(collapsed stacks, `--nonblocking`; a profiling run, not a measurement). Before starting (and before each round) it waits for another
benchmark (a `wrk`, or a bench/*.py that is not its own) to end. The servers are stopped and the scratch database
dropped at the end, also on error, Ctrl-C or SIGTERM.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import re
import string
import sys
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from harness import (median, median_run, raw_load, raw_request, run_async, PYTHON, ROOT, Server,  # noqa: E402
                     app_env, command_cpu_seconds, fmt, free_port, log, percentile, print_table, run_app_command, scratch_postgres, scratch_redis, temp_dir)

NOTIFY = "/api/v1/payments/wechatpay/notify"
TARGET_PER_S = 1000.0
DEPARTMENT = "jiaojing"  # app/services/payments.py FINES_DEPARTMENT
FINE_ITEM_CODE = "103050101"  # app/services/payments.py FINE_ITEM_CODE
BARE_BODY_BYTES = 64  # the bare app's GET body (unused by the storm: the POST answers 204, no body)


# ---------------------------------------------------------------- the bare app (served by this script)

def bare_factory(body_bytes: int):
    """bench/bare_app.py's app, plus the notify route answering 204 with no body (what the app answers when it
    accepts a notification). Module level, so Sanic's spawned workers can import it."""
    import bare_app
    from sanic.response import empty

    app = bare_app.create_app(body_bytes)

    @app.post(NOTIFY)
    async def notify(request):
        return empty()

    return app


def serve_bare(workers: int, port: int, host: str = "127.0.0.1") -> None:
    from functools import partial

    from sanic import Sanic
    from sanic.worker.loader import AppLoader

    loader = AppLoader(factory=partial(bare_factory, BARE_BODY_BYTES))
    app = loader.load()
    app.prepare(host=host, port=port, workers=workers, access_log=False, motd=False)
    Sanic.serve(primary=app, app_loader=loader)


# ---------------------------------------------------------------- other benchmarks

def _ppid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _descends_from(pid: int, ancestor: int) -> bool:
    seen = 0
    while pid > 1 and seen < 64:
        if pid == ancestor:
            return True
        pid, seen = _ppid(pid), seen + 1
    return False


def other_benchmarks() -> list[str]:
    """Running `wrk`s and bench/*.py scripts that are not this run (nor its servers)."""
    me, found = os.getpid(), []
    for proc in Path("/proc").glob("[0-9]*"):
        pid = int(proc.name)
        if pid == me:
            continue
        try:
            args = [c.decode("utf-8", "replace") for c in (proc / "cmdline").read_bytes().split(b"\0") if c]
        except OSError:
            continue
        if not args:
            continue
        wrk = Path(args[0]).name == "wrk"
        bench = any(re.search(r"(^|/)bench/[\w-]+\.py$", x) for x in args[:3])
        if (wrk or bench) and not _descends_from(pid, me):
            found.append(f"{pid} {' '.join(args)[:150]}")
    return found


def wait_for_other_benchmarks(max_wait: float) -> None:
    deadline, said = time.monotonic() + max_wait, False
    while others := other_benchmarks():
        if not said:
            log(f"another benchmark runs ({others[0]}{f' and {len(others) - 1} more' if len(others) > 1 else ''}):"
                " waiting for it to end")
            said = True
        if time.monotonic() > deadline:
            log("still running after the wait: measuring anyway (expect lower figures)")
            return
        time.sleep(5)


# ---------------------------------------------------------------- setup: orders straight into the database

async def create_orders(db_url: str, groups: list[tuple[str, int]], seed: int) -> dict:
    """For each (group, n): n unpaid traffic-fine Payables and their pending PaymentOrders, as pay() writes them
    (after its JSAPI call), all paid by one citizen created here. -> {"payer_id", "department_id",
    "groups": {group: [{"id", "out_trade_no", "amount_fen", "transaction_id"}]}}"""
    import asyncpg

    rng = random.Random(seed)
    tag = f"{int(time.time()) & 0xFFFFFFFF:08X}"
    conn = await asyncpg.connect(db_url, timeout=10)
    try:
        dep = await conn.fetchval("SELECT id FROM departments WHERE code = $1", DEPARTMENT)
        if dep is None:
            raise RuntimeError(f"no department {DEPARTMENT!r} in the scratch database: did `python -m app seed` "
                               "seed the departments?")
        now = datetime.now(timezone.utc)
        payer = await conn.fetchval(
            "INSERT INTO users (role, openid, staff_roles, name, id_number_masked, phone_masked, verified_at, "
            "created_at, updated_at) VALUES ('citizen', $1, '[]'::jsonb, $2, $3, $4, $5, $5, $5) RETURNING id",
            f"o-bench-payer-{tag}", "压测缴款人", "110***********0019", "138****0000", now)
        out: dict[str, list[dict]] = {}
        for g, (group, n) in enumerate(groups):
            refs, descs, items, amounts = [], [], [], []
            for i in range(n):
                fen = rng.randrange(2_00, 2000_00)
                fen -= fen % 100 == 99  # the sandbox's magic failing amount: avoided, for realism
                refs.append(f"BENCH{tag}{g:02d}{i:06d}")
                descs.append(f"交通违法罚款：压测订单{g:02d}-{i:06d}")
                items.append(f'[{{"item": "交通违法罚款", "code": "{FINE_ITEM_CODE}", "amount_fen": {fen}}}]')
                amounts.append(fen)
            rows = await conn.fetch(
                "INSERT INTO payables (kind, ref, description, items, amount_fen, fee_item_code, status, created_at, "
                "department_id, payer_id) SELECT 'traffic_fine', r, d, i::jsonb, a, $5, 'unpaid', $6, $7, $8 "
                "FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS t(r, d, i, a) RETURNING id, ref",
                refs, descs, items, amounts, FINE_ITEM_CODE, now, dep, payer)
            payable_of = {r["ref"]: r["id"] for r in rows}
            nos = [f"BN{tag}G{g:02d}{i:06d}" for i in range(n)]  # 19 characters (<= 32, OUT_NO_RE)
            prepays = [f"wxbench{tag.lower()}{g:02d}{i:06d}" for i in range(n)]
            rows = await conn.fetch(
                "INSERT INTO payment_orders (out_trade_no, amount_fen, status, prepay_id, refunded_fen, expires_at, "
                "created_at, version, payable_id, payer_id) SELECT o, a, 'pending', p, 0, $5, $6, 1, pid, $7 "
                "FROM unnest($1::text[], $2::int[], $3::text[], $4::int[]) AS t(o, a, p, pid) "
                "RETURNING id, out_trade_no",
                nos, amounts, prepays, [payable_of[r] for r in refs], now + timedelta(hours=2), now, payer)
            id_of = {r["out_trade_no"]: r["id"] for r in rows}
            day = now.strftime("%Y%m%d")
            out[group] = [{"id": id_of[no], "out_trade_no": no, "amount_fen": fen,
                           "transaction_id": f"42000{day}{g:03d}{i:012d}"}  # 28 characters, like the sandbox's
                          for i, (no, fen) in enumerate(zip(nos, amounts))]
        return {"payer_id": payer, "payer_openid": f"o-bench-payer-{tag}", "department_id": dep, "groups": out}
    finally:
        await conn.close()


# ---------------------------------------------------------------- notifications, as the sandbox sends them

class Signer:
    """The sandbox's platform key and APIv3 key for the server's Settings (same ZB_SECRET_KEY)."""

    def __init__(self, env: dict[str, str], app_root: Path):
        if str(app_root) not in sys.path:
            sys.path.insert(0, str(app_root))
        from app.config import load_settings
        from app.providers import wechatpay as wp
        from app.sandbox import wechatpay as sandbox

        self.wp = wp
        settings = load_settings(env)
        t0 = time.perf_counter()
        self.key, self.serial = sandbox.platform_key(settings)  # derived from secret_key (app/sandbox/wechatpay.py _seed)
        self.apiv3 = sandbox.apiv3_key(settings)
        self.mchid = settings.wechatpay_mchid or wp.SANDBOX_MCHID  # as wp.config() with the sandbox on
        self.appid = settings.wechatpay_appid or settings.wechat_appid
        self.derive_s = time.perf_counter() - t0

    def body(self, order: dict, openid: str, success_time: str) -> tuple[str, bytes]:
        """(notification id, body: the envelope with the encrypted transaction), as _new_notification builds it."""
        wp = self.wp
        resource = {  # app/sandbox/wechatpay.py _transaction() of a paid order
            "appid": self.appid, "mchid": self.mchid, "out_trade_no": order["out_trade_no"], "trade_type": "JSAPI",
            "trade_state": "SUCCESS", "trade_state_desc": "支付成功", "attach": "", "payer": {"openid": openid},
            "amount": {"total": order["amount_fen"], "currency": "CNY", "payer_currency": "CNY",
                       "payer_total": order["amount_fen"]},
            "transaction_id": order["transaction_id"], "bank_type": "OTHERS", "success_time": success_time}
        nonce = "".join(random.choices(string.ascii_letters + string.digits, k=12))
        ciphertext = wp.aead_encrypt(self.apiv3, nonce, "transaction", wp.dumps(resource))
        nid = str(uuid.uuid4())
        envelope = {"id": nid, "create_time": success_time, "resource_type": "encrypt-resource",
                    "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功",
                    "resource": {"original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                                 "ciphertext": ciphertext, "associated_data": "transaction", "nonce": nonce}}
        return nid, wp.dumps(envelope)

    def headers(self, body: bytes) -> dict[str, str]:
        """A delivery's headers: a fresh timestamp, nonce and signature (as _deliver signs every attempt)."""
        return {"Content-Type": "application/json", "User-Agent": "Mozilla/4.0",
                **self.wp.signed_answer_headers(self.key, self.serial, body)}


def build_storm(signer: Signer, orders: list[dict], total: int, rng: random.Random, openid: str) -> dict:
    """One notification per order plus (total - len(orders)) redeliveries of random ones, shuffled, signed."""
    t0 = time.perf_counter()
    success_time = signer.wp.rfc3339(datetime.now(signer.wp.CST).replace(microsecond=0))
    ids, bodies = zip(*(signer.body(o, openid, success_time) for o in orders))
    picks = list(range(len(orders))) + rng.choices(range(len(orders)), k=max(0, total - len(orders)))
    rng.shuffle(picks)
    requests = [(bodies[i], signer.headers(bodies[i])) for i in picks]
    deliveries = Counter(picks)
    return {"requests": requests, "build_s": round(time.perf_counter() - t0, 2),
            "event_ids": list(ids), "distinct_orders": len(orders),
            "duplicates": len(picks) - len(orders),
            "deliveries_per_order": {str(k): v for k, v in sorted(Counter(deliveries.values()).items())},
            "signed_at": time.time()}


def render_raw(requests: list[tuple[bytes, dict]]) -> list[bytes]:
    """The same requests as HTTP/1.1 bytes for the raw client."""
    return [raw_request("POST", NOTIFY, headers, body) for body, headers in requests]


# ---------------------------------------------------------------- clients

def _result(n: int, statuses: Counter, errors: Counter, latencies: list[float], elapsed: float, cpu: float,
            samples: list[str]) -> dict:
    ms = lambda v: None if v is None else round(v * 1000, 2)  # noqa: E731
    ok = sum(v for k, v in statuses.items() if 200 <= k < 300)
    return {"sent": n, "ok_2xx": ok, "non_2xx": sum(statuses.values()) - ok, "errors": sum(errors.values()),
            "statuses": {str(k): v for k, v in sorted(statuses.items())}, "error_kinds": dict(errors),
            "elapsed_s": round(elapsed, 3), "per_s": round(n / elapsed, 1) if elapsed else 0.0,
            "p50_ms": ms(percentile(latencies, 50)), "p90_ms": ms(percentile(latencies, 90)),
            "p99_ms": ms(percentile(latencies, 99)), "max_ms": ms(max(latencies, default=None)),
            "client_cpu_s": round(cpu, 3), "client_cpu_us_per_req": round(cpu / n * 1e6, 1) if n else None,
            "client_busy": round(cpu / elapsed, 3) if elapsed else None, "non_2xx_samples": samples}


async def storm_httpx(base: str, requests: list[tuple[bytes, dict]], concurrency: int) -> dict:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    statuses, errors, latencies, samples = Counter(), Counter(), [], []
    counter, n = itertools.count(), len(requests)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def worker() -> None:
            while (i := next(counter)) < n:
                body, headers = requests[i]
                t0 = time.perf_counter()
                try:
                    r = await client.post(NOTIFY, content=body, headers=headers)
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                statuses[r.status_code] += 1
                if not 200 <= r.status_code < 300 and len(samples) < 5:
                    samples.append(f"{r.status_code} {r.text[:200]}")

        cpu0, t0 = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return _result(n, statuses, errors, latencies, elapsed, cpu, samples)


async def storm_raw(host: str, port: int, raw: list[bytes], concurrency: int) -> dict:
    r = await raw_load(host, port, raw, concurrency)
    samples = [f"{status} {body[:200].decode('utf-8', 'replace')}" for status, body in r["answers"]
               if not 200 <= status < 300][:5]
    return _result(len(raw), r["statuses"], r["errors"], r["latencies"], r["elapsed"], r["cpu"], samples)


def storm(label: str, server: Server, batch: dict, a: argparse.Namespace, profile: bool = False,
          settle=None) -> dict:
    """Send a built batch to a server: the figures, with the CPU of the server, PostgreSQL and Redis."""
    log(f"{label}: {len(batch['requests'])} notifications, {a.concurrency} in flight, client {a.client}")
    load = os.getloadavg()[0]
    spies = start_py_spy(a.py_spy, server) if a.py_spy and profile else []
    workers = server_workers(server)
    cpu, pg, rd = server.cpu_seconds(), command_cpu_seconds("postgres"), command_cpu_seconds("redis-server")
    if a.client == "raw":
        r = run_async(storm_raw("127.0.0.1", server.port, batch["raw"], a.concurrency))
    else:
        r = run_async(storm_httpx(server.base_url, batch["requests"], a.concurrency))
    n = max(1, r["sent"])
    r["server_cpu_us_per_req"] = round((server.cpu_seconds() - cpu) / n * 1e6, 1)
    r["postgres_cpu_us_per_req"] = round((command_cpu_seconds("postgres") - pg) / n * 1e6, 1)
    r["redis_cpu_us_per_req"] = round((command_cpu_seconds("redis-server") - rd) / n * 1e6, 1)
    if settle is not None:  # work the app does after answering (receipts): until it is done, CPU included
        r["after"] = settle()
        r["server_cpu_us_per_req_with_after"] = round((server.cpu_seconds() - cpu) / n * 1e6, 1)
        r["postgres_cpu_us_per_req_with_after"] = round((command_cpu_seconds("postgres") - pg) / n * 1e6, 1)
    stop_py_spy(spies)
    if server_workers(server) != workers:  # a worker died (and Sanic restarted it): its CPU left the sum
        r["workers_changed"] = {"before": workers, "after": server_workers(server)}
        log(f"{label}: WARNING: the server's worker processes changed during the storm "
            f"({r['workers_changed']}): a worker died; CPU figures are not comparable, see the server log")
    r["loadavg_1m_before"] = load
    r["signature_age_at_end_s"] = round(time.time() - batch["signed_at"], 1)
    log(f"{label}: {r['per_s']:.0f}/s in {r['elapsed_s']:.1f}s, p50 {fmt(r['p50_ms'])} ms, p99 {fmt(r['p99_ms'])} ms, "
        f"statuses {r['statuses']}, errors {r['errors']} {r['error_kinds'] or ''}; CPU µs/notification: server "
        f"{r['server_cpu_us_per_req']:.0f}, postgres {r['postgres_cpu_us_per_req']:.0f}, redis "
        f"{r['redis_cpu_us_per_req']:.0f}, client {r['client_cpu_us_per_req']:.0f} (client busy "
        f"{r['client_busy']:.0%})")
    for s in r["non_2xx_samples"]:
        log(f"{label}: non-2xx answer: {s}")
    return r


# ---------------------------------------------------------------- py-spy (profiling runs)

def server_workers(server: Server) -> list[int]:
    """The pids of a Sanic server's worker processes (spawned children in its session)."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (proc / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if server.proc and int(fields[3]) == server.proc.pid and b"spawn_main" in cmd:
            pids.append(int(proc.name))
    return sorted(pids)


def start_py_spy(py_spy: str, server: Server) -> list:
    import subprocess

    spies = []
    for pid in server_workers(server):
        harness.OUT.mkdir(parents=True, exist_ok=True)
        path = harness.OUT / f"payments-pyspy-{pid}-{time.strftime('%Y%m%d-%H%M%S')}.txt"
        spies.append((subprocess.Popen([py_spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "200",
                                        "--nonblocking", "--output", str(path)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), path))
    time.sleep(1.0)  # py-spy attaches
    log(f"py-spy recording workers {', '.join(str(s[0].args[3]) for s in spies)}")
    return spies


def stop_py_spy(spies: list) -> None:
    import signal

    for proc, path in spies:
        proc.send_signal(signal.SIGINT)
    for proc, path in spies:
        try:
            _, err = proc.communicate(timeout=30)
        except Exception:  # noqa: BLE001
            proc.kill()
            err = b""
        log(f"py-spy: {path.relative_to(ROOT) if path.exists() else 'no output'} "
            f"{(err or b'').decode(errors='replace').strip()[-200:]}")


# ---------------------------------------------------------------- checks in the database

async def check_orders(db_url: str, orders: list[dict], event_ids: list[str]) -> dict:
    """Whether this batch of orders was credited exactly once, and the ledger agrees with them."""
    import asyncpg

    ids = [o["id"] for o in orders]
    conn = await asyncpg.connect(db_url, timeout=10)
    try:
        o = await conn.fetchrow(
            "SELECT count(*) FILTER (WHERE status = 'paid') AS paid, "
            "coalesce(sum(amount_fen) FILTER (WHERE status = 'paid'), 0) AS paid_fen, "
            "coalesce(sum(amount_fen), 0) AS all_fen FROM payment_orders WHERE id = ANY($1::int[])", ids)
        led = await conn.fetchrow(
            "SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen, count(DISTINCT order_id) AS orders "
            "FROM ledger_entries WHERE order_id = ANY($1::int[])", ids)
        per = await conn.fetchrow(
            "SELECT count(*) FILTER (WHERE n > 1) AS double, coalesce(max(n), 0) AS most FROM "
            "(SELECT order_id, count(*) AS n FROM ledger_entries WHERE order_id = ANY($1::int[]) GROUP BY order_id) x",
            ids)
        wrong_tx = await conn.fetchval(
            "SELECT count(*) FROM ledger_entries l JOIN payment_orders o ON o.id = l.order_id "
            "WHERE o.id = ANY($1::int[]) AND (l.external_id <> o.transaction_id OR l.amount_fen <> o.amount_fen)", ids)
        payables = await conn.fetchval(
            "SELECT count(*) FROM payables p JOIN payment_orders o ON o.payable_id = p.id "
            "WHERE o.id = ANY($1::int[]) AND p.status = 'paid'", ids)
        ev = await conn.fetchrow(
            "SELECT count(*) AS n, count(*) FILTER (WHERE applied) AS applied FROM payment_events "
            "WHERE event_id = ANY($1::text[])", event_ids)
        rc = await conn.fetchrow(
            "SELECT count(*) AS n, count(DISTINCT number) AS distinct_numbers FROM receipts "
            "WHERE order_id = ANY($1::int[])", ids)
        no_receipt = await conn.fetch(
            "SELECT o.out_trade_no FROM payment_orders o LEFT JOIN receipts r ON r.order_id = o.id "
            "WHERE o.id = ANY($1::int[]) AND o.status = 'paid' AND r.id IS NULL ORDER BY o.id LIMIT 10", ids)
    finally:
        await conn.close()
    res = {"orders": len(ids), "orders_paid": o["paid"], "paid_fen": o["paid_fen"], "orders_fen": o["all_fen"],
           "ledger_entries": led["n"], "ledger_fen": led["fen"], "ledger_orders": led["orders"],
           "double_credits": per["double"], "max_ledger_rows_per_order": per["most"],
           "ledger_rows_not_matching_order": wrong_tx, "payables_paid": payables,
           "events_stored": ev["n"], "events_applied": ev["applied"], "distinct_notification_ids": len(event_ids),
           "receipts": rc["n"], "receipt_numbers_distinct": rc["distinct_numbers"],
           "paid_without_receipt_sample": [r["out_trade_no"] for r in no_receipt]}
    res["ok"] = (res["double_credits"] == 0 and res["orders_paid"] == len(ids) and res["ledger_entries"] == len(ids)
                 and res["ledger_fen"] == res["paid_fen"] == res["orders_fen"] and not wrong_tx
                 and payables == len(ids) and ev["n"] == ev["applied"] == len(event_ids))
    return res


async def settle_receipts(db_url: str, orders: list[dict], quiet_s: float = 5, max_s: float = 180) -> dict:
    """Wait until every paid order of the batch has its e-receipt (issued off the notify path, after the answer),
    or until the count stops growing for `quiet_s` seconds: how long the receipts trailed the last answer."""
    import asyncpg

    ids = [o["id"] for o in orders]
    conn = await asyncpg.connect(db_url, timeout=10)
    t0 = last_change = time.perf_counter()
    last = -1
    try:
        while True:
            paid, receipts = await conn.fetchrow(
                "SELECT count(*) FILTER (WHERE o.status = 'paid'), count(r.id) FROM payment_orders o "
                "LEFT JOIN receipts r ON r.order_id = o.id WHERE o.id = ANY($1::int[])", ids)
            now = time.perf_counter()
            if receipts != last:
                last, last_change = receipts, now
            if receipts >= paid or now - last_change >= quiet_s or now - t0 >= max_s:
                break
            await asyncio.sleep(0.1)
    finally:
        await conn.close()
    done = receipts >= paid
    return {"receipts": receipts, "paid": paid, "complete": done,
            "trailing_s": round((now if done else last_change) - t0, 2)}


async def check_database(db_url: str) -> dict:
    """The whole scratch database: the ledger's sum against the paid orders' (minus settled refunds: none here)."""
    import asyncpg

    conn = await asyncpg.connect(db_url, timeout=10)
    try:
        ledger = await conn.fetchrow("SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM ledger_entries")
        paid = await conn.fetchrow("SELECT count(*) AS n, coalesce(sum(amount_fen - refunded_fen), 0) AS fen "
                                   "FROM payment_orders WHERE status = 'paid'")
        refunds = await conn.fetchval("SELECT coalesce(sum(amount_fen), 0) FROM refunds WHERE status = 'success'")
        double = await conn.fetchval("SELECT count(*) FROM (SELECT order_id FROM ledger_entries WHERE kind = 'payment' "
                                     "GROUP BY order_id HAVING count(*) > 1) x")
        pending = await conn.fetchval("SELECT count(*) FROM payment_orders WHERE status = 'pending'")
    finally:
        await conn.close()
    return {"ledger_entries": ledger["n"], "ledger_fen": ledger["fen"], "orders_paid": paid["n"],
            "orders_paid_fen": paid["fen"], "settled_refunds_fen": refunds, "double_credits": double,
            "orders_pending": pending, "ok": ledger["fen"] == paid["fen"] and not double}


# ---------------------------------------------------------------- the report


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workers", type=int, default=2, help="Sanic workers of both servers (default 2)")
    p.add_argument("--orders", type=int, default=7000, help="pending orders paid per round (default 7000)")
    p.add_argument("--notifications", type=int, default=10000,
                   help="deliveries per round: one per order plus redeliveries of random ones (default 10000)")
    p.add_argument("--concurrency", type=int, default=64, help="requests in flight (default 64)")
    p.add_argument("--rounds", type=int, default=1,
                   help="storms per server, interleaved app/bare, each on fresh orders; the median is reported")
    p.add_argument("--client", choices=["raw", "httpx"], default="raw",
                   help="pre-rendered HTTP/1.1 on asyncio streams (default, little client CPU) or httpx.AsyncClient")
    p.add_argument("--warmup", type=int, default=256,
                   help="unmeasured notifications for separate warm-up orders, sent first to both servers (256)")
    p.add_argument("--seed", type=int, default=20261125, help="random seed (amounts, duplicates, order)")
    p.add_argument("--redis-db", type=int, default=harness.DEFAULT_REDIS_DB,
                   help=f"the dedicated Redis DB number, flushed (default {harness.DEFAULT_REDIS_DB})")
    p.add_argument("--app-root", default=str(ROOT),
                   help="the source tree to serve `python -m app` from, with this repo's .venv (default: this repo)")
    p.add_argument("--database-url-query", default="",
                   help="appended to the scratch DATABASE_URL as ?QUERY, e.g. maxsize=20 (Tortoise's pool: 5 per "
                        "worker by default); for experiments, the default is the production setting")
    p.add_argument("--wait-other", type=float, default=1800,
                   help="seconds to wait for another benchmark (wrk, bench/*.py) to end (default 1800)")
    p.add_argument("--py-spy", metavar="PATH", help="record the app workers with this py-spy during the storms")
    p.add_argument("--keep-logs", action="store_true", help="keep the server logs (in bench/out/)")
    p.add_argument("--serve-bare", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.serve_bare:
        serve_bare(a.workers, a.port)
        return 0
    if a.notifications < a.orders or a.orders < 1:
        p.error("--notifications must be at least --orders (one delivery per order, then the duplicates)")

    harness.sigterm_as_interrupt()
    app_root = Path(a.app_root).resolve()
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    rng = random.Random(a.seed)
    wait_for_other_benchmarks(a.wait_other)
    runs: dict[str, list[dict]] = {"app": [], "bare": []}
    checks: list[dict] = []
    batches_info: list[dict] = []
    try:
        with temp_dir() as tmp, scratch_postgres("zb_bench_pay") as db_url, scratch_redis(a.redis_db) as redis_url:
            env = app_env(db_url + (f"?{a.database_url_query}" if a.database_url_query else ""), redis_url,
                          str(tmp / "data"))
            for var in [v for v in env if v.startswith("WECHATPAY_")]:
                env.pop(var)  # the sandbox's keys, which this process derives too
            log("python -m app migrate: " + run_app_command(["migrate"], env, app_root=app_root).splitlines()[-1])
            log("python -m app seed: " + run_app_command(["seed"], env, app_root=app_root).splitlines()[-1])

            t0 = time.perf_counter()
            groups = [("warmup", a.warmup)] if a.warmup else []
            groups += [(f"round{r}", a.orders) for r in range(1, a.rounds + 1)]
            setup = run_async(create_orders(db_url, groups, a.seed))
            setup_s = time.perf_counter() - t0
            log(f"setup: {sum(n for _, n in groups)} payables and pending orders inserted with asyncpg in "
                f"{setup_s:.1f}s (payer user {setup['payer_id']}, department {DEPARTMENT} "
                f"#{setup['department_id']})")
            signer = Signer(env, app_root)
            log(f"sandbox keys derived from ZB_SECRET_KEY in {signer.derive_s:.1f}s (platform key {signer.serial})")

            logs = Path(harness.OUT if a.keep_logs else tmp)
            logs.mkdir(parents=True, exist_ok=True)
            app_port, bare_port = free_port(), free_port()
            app_cmd = [PYTHON, "-m", "app", "--workers", str(a.workers), "--port", str(app_port)]
            bare_cmd = [PYTHON, str(Path(__file__).resolve()), "--serve-bare", "--workers", str(a.workers),
                        "--port", str(bare_port)]
            with Server("app", app_cmd, app_port, env=env, cwd=app_root, log_dir=logs) as app, \
                    Server("bare", bare_cmd, bare_port, env=env, log_dir=logs) as bare:
                def prepare(orders: list[dict], total: int, label: str) -> dict:
                    batch = build_storm(signer, orders, total, rng, setup["payer_openid"])
                    if a.client == "raw":
                        batch["raw"] = render_raw(batch["requests"])
                    log(f"{label}: {len(batch['requests'])} notifications for {len(orders)} orders "
                        f"({batch['duplicates']} redeliveries; deliveries per order: "
                        f"{batch['deliveries_per_order']}) built and signed in {batch['build_s']:.1f}s")
                    return batch

                if a.warmup:
                    warm = prepare(setup["groups"]["warmup"], a.warmup, "warm-up")
                    w = storm("warm-up app", app, warm, a)
                    if w["ok_2xx"] != w["sent"]:
                        raise RuntimeError(f"the app refused warm-up notifications ({w['statuses']}, errors "
                                           f"{w['error_kinds']}): {w['non_2xx_samples'][:2]}; check the key "
                                           "derivation against the server's settings")
                    storm("warm-up bare", bare, warm, a)
                for rnd in range(1, a.rounds + 1):
                    suffix = "" if a.rounds == 1 else f" (round {rnd}/{a.rounds})"
                    wait_for_other_benchmarks(a.wait_other)
                    orders = setup["groups"][f"round{rnd}"]
                    batch = prepare(orders, a.notifications, "storm" + suffix)
                    runs["app"].append(storm("app" + suffix, app, batch, a, profile=True,
                                             settle=lambda: run_async(settle_receipts(db_url, orders))))
                    after = runs["app"][-1]["after"]
                    log(f"receipts{suffix}: {after['receipts']}/{after['paid']} "
                        f"{'complete' if after['complete'] else 'INCOMPLETE'} {after['trailing_s']:.1f}s after the "
                        f"last answer; server CPU µs/notification with them "
                        f"{runs['app'][-1]['server_cpu_us_per_req_with_after']:.0f}")
                    c = run_async(check_orders(db_url, orders, batch["event_ids"]))
                    checks.append(c)
                    log(f"checks{suffix}: {c['orders_paid']}/{c['orders']} orders paid, {c['ledger_entries']} ledger "
                        f"rows, double credits {c['double_credits']}, ledger {c['ledger_fen']} fen vs paid orders "
                        f"{c['paid_fen']} fen, events {c['events_stored']}/{c['distinct_notification_ids']} stored "
                        f"({c['events_applied']} applied): {'ok' if c['ok'] else 'FAILED'}")
                    runs["bare"].append(storm("bare" + suffix, bare, batch, a))
                    batches_info.append({k: batch[k] for k in ("build_s", "distinct_orders", "duplicates",
                                                               "deliveries_per_order")})
                whole = run_async(check_database(db_url))
                server_errors = [ln for ln in app.log_tail(100_000).splitlines()
                                 if "Traceback" in ln or "ERROR" in ln or "Error" in ln]
                if a.keep_logs:
                    log(f"server logs: {app.log_path}, {bare.log_path}")
    except KeyboardInterrupt:
        log("interrupted: servers stopped, scratch database dropped")
        return 130

    # ---- the report
    res = {name: median_run(r, "per_s") for name, r in runs.items()}
    ratio = median([x["per_s"] / b["per_s"] for x, b in zip(runs["app"], runs["bare"]) if b["per_s"]] or [0.0])
    appr, barer = res["app"], res["bare"]
    non2xx = sum(r["non_2xx"] for r in runs["app"])
    errors = sum(r["errors"] for r in runs["app"])
    double = sum(c["double_credits"] for c in checks) + whole["double_credits"]
    checks_ok = all(c["ok"] for c in checks) and whole["ok"]
    passed = appr["per_s"] >= TARGET_PER_S and not non2xx and not errors and checks_ok
    dup_share = (a.notifications - a.orders) / a.notifications
    rows = [
        ["notify POST /payments/wechatpay/notify", f"{appr['per_s']:.0f}", fmt(appr["p50_ms"]), fmt(appr["p99_ms"]),
         appr["non_2xx"], appr["errors"], f"{ratio:.2f}", f"≥ {TARGET_PER_S:.0f}/s, all 2xx, checks",
         "PASS" if passed else "MISS", f"{appr['server_cpu_us_per_req']:.0f}",
         f"{appr['postgres_cpu_us_per_req']:.0f}", f"{appr['client_cpu_us_per_req']:.0f} ({appr['client_busy']:.0%})"],
        ["bare   Sanic, 204", f"{barer['per_s']:.0f}", fmt(barer["p50_ms"]), fmt(barer["p99_ms"]), barer["non_2xx"],
         barer["errors"], "1.00", "-", "-", f"{barer['server_cpu_us_per_req']:.0f}",
         f"{barer['postgres_cpu_us_per_req']:.0f}",
         f"{barer['client_cpu_us_per_req']:.0f} ({barer['client_busy']:.0%})"],
    ]
    print()
    rounds_note = f", median of {a.rounds} interleaved rounds" if a.rounds > 1 else ""
    table = print_table(
        ["scenario", "notif/s", "p50 ms", "p99 ms", "non-2xx", "errors", "× bare", "target", "result",
         "server CPU µs", "postgres CPU µs", "client CPU µs (busy)"], rows,
        title=f"payments benchmark: {a.workers} workers, {a.orders} orders, {a.notifications} notifications "
              f"({a.notifications - a.orders} redeliveries, {dup_share:.0%}), {a.concurrency} in flight, client "
              f"{a.client}{rounds_note}")
    print("notif/s: all deliveries (redeliveries included) over the storm's wall time; p50/p99: per request, as the\n"
          "client saw it. CPU µs: per notification (server: all its processes; postgres: every postgres process on\n"
          "the machine; client: this process, and how busy it was: near 100% the client limits the figure).")
    last = checks[-1] if checks else {}
    print(f"checks: non-2xx {non2xx}, errors {errors}; orders paid {', '.join(str(c['orders_paid']) for c in checks)}"
          f" of {a.orders}; double credits {double} (max ledger rows per order "
          f"{max((c['max_ledger_rows_per_order'] for c in checks), default=0)}); ledger {last.get('ledger_fen')} fen "
          f"== paid orders {last.get('paid_fen')} fen: {last.get('ledger_fen') == last.get('paid_fen')}; payables "
          f"paid {last.get('payables_paid')}; events stored {last.get('events_stored')} / applied "
          f"{last.get('events_applied')} / distinct ids {last.get('distinct_notification_ids')}")
    trail = runs["app"][-1].get("after") if runs["app"] else None
    if trail:
        print(f"e-receipts (issued after the answer): {trail['receipts']} of {trail['paid']} paid orders"
              f"{'' if trail['complete'] else ' (INCOMPLETE: no progress for 5 s)'}, the last "
              f"{trail['trailing_s']:.1f}s after the storm's last answer; server CPU per notification with them "
              f"{runs['app'][-1]['server_cpu_us_per_req_with_after']:.0f} µs (postgres "
              f"{runs['app'][-1]['postgres_cpu_us_per_req_with_after']:.0f} µs)")
    print(f"whole database: {whole['orders_paid']} orders paid, {whole['ledger_entries']} ledger rows, ledger "
          f"{whole['ledger_fen']} fen == paid orders {whole['orders_paid_fen']} fen: {whole['ok']}; "
          f"{whole['orders_pending']} pending orders left")
    print(f"verdict: {'PASS' if passed else 'MISS'} ({appr['per_s']:.0f}/s vs ≥ {TARGET_PER_S:.0f}/s; "
          f"checks {'hold' if checks_ok and not non2xx and not errors else 'FAIL'})")
    if server_errors:
        print(f"server log: {len(server_errors)} error lines, e.g. {server_errors[0][:200]}")
    out = harness.write_json("payments", {
        "benchmark": "payments", "started": started, "git": harness.git_revision(), "machine": harness.machine_info(),
        "config": {k: getattr(a, k) for k in ("workers", "orders", "notifications", "concurrency", "rounds", "client",
                                               "warmup", "seed", "database_url_query", "py_spy")} | {"app_root": str(app_root)},
        "setup": {"method": "asyncpg INSERTs into the scratch database (not through the API)", "seconds":
                  round(setup_s, 2), "payer_id": setup["payer_id"], "department": DEPARTMENT,
                  "key_derivation_s": round(signer.derive_s, 2), "platform_key_id": signer.serial},
        "target": {"notifications_per_s": TARGET_PER_S},
        "summary": {"app": {k: appr[k] for k in ("per_s", "p50_ms", "p90_ms", "p99_ms", "max_ms", "non_2xx", "errors",
                                                 "statuses", "server_cpu_us_per_req", "postgres_cpu_us_per_req",
                                                 "redis_cpu_us_per_req", "client_cpu_us_per_req", "client_busy")},
                    "bare": {k: barer[k] for k in ("per_s", "p50_ms", "p99_ms", "non_2xx", "errors",
                                                   "server_cpu_us_per_req", "client_cpu_us_per_req", "client_busy")},
                    "ratio_to_bare": round(ratio, 4), "double_credits": double, "checks_ok": checks_ok,
                    "receipts_after_storm": [r.get("after") for r in runs["app"]],
                    "verdict": "PASS" if passed else "MISS"},
        "checks": checks, "database": whole, "batches": batches_info, "rounds": runs,
        "server_error_lines": server_errors[:20], "table": table,
    })
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
