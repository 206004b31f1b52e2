"""The booking rush (run by hand, never from the test suite).

    .venv/bin/python bench/appointments.py [--workers 2] [--attempts 5000] [--slots 20] [--capacity 10]
                                           [--concurrency 1000] [--redis-db 12]

Production mode: a scratch PostgreSQL database, a dedicated flushed Redis DB, `python -m app migrate` and `seed`,
then two rushes in the same run, each on its own server (--workers Sanic workers) and its own slots:
  1. the Redis gate (ZB_APPT_GATE=redis, the default): the Lua script decides first, the database confirms;
  2. the baseline (ZB_APPT_GATE=db): database row locks only (the conditional update of the slot row).
Each rush: --attempts distinct, real-name-bound citizens (inserted directly with asyncpg, signed in with tokens
made from the server's ZB_SECRET_KEY: sign-in is not what is measured) each POST /api/v1/appointments once for a
random one of --slots slots (two services of the 南湖 hall on one bookable day) of --capacity places each, all
pre-rendered (harness.raw_request) and sent by the harness's raw asyncio HTTP/1.1 client (harness.raw_load, through
bench/payments.py's storm_raw) over --concurrency keep-alive connections. Checks after each rush, in the database: confirmed == slots × capacity, no slot over capacity
(appointments counted per slot, and the slots' own `booked`), 0 5xx, every other answer a 409 slot_full.
Prints attempts/s, p50/p99 and the gate/baseline ratio; figures also go to bench/out/appointments-<time>.json.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (PYTHON, Server, app_env, fmt, free_port, get_json, log, print_table,  # noqa: E402
                           raw_request, run_app_command, run_async, scratch_postgres, scratch_redis,
                           sigterm_as_interrupt, temp_dir, write_json)
from bench.payments import storm_raw  # noqa: E402

SERVICES = ("GA0002", "GA0003")


async def make_citizens(db_url: str, n: int, tag: str) -> list[int]:
    import asyncpg

    conn = await asyncpg.connect(db_url)
    try:
        rows = await conn.fetch(
            """INSERT INTO users (role, openid, staff_roles, name, verified_at, created_at, updated_at)
               SELECT 'citizen', $1 || g, '[]', '压测用户', now(), now(), now() FROM generate_series(1, $2) g
               RETURNING id""", f"bench-{tag}-", n)
        return [r["id"] for r in rows]
    finally:
        await conn.close()


async def set_capacity(db_url: str, slot_ids: list[int], capacity: int) -> None:
    import asyncpg

    conn = await asyncpg.connect(db_url)
    try:
        await conn.execute("UPDATE appointment_slots SET capacity = $1, booked = 0 WHERE id = ANY($2::int[])",
                           capacity, slot_ids)
    finally:
        await conn.close()


async def check(db_url: str, slot_ids: list[int]) -> dict:
    import asyncpg

    conn = await asyncpg.connect(db_url)
    try:
        rows = await conn.fetch(
            """SELECT s.id, s.capacity, s.booked,
                      (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status = 'booked') AS n
               FROM appointment_slots s WHERE s.id = ANY($1::int[])""", slot_ids)
    finally:
        await conn.close()
    return {"confirmed_in_db": sum(r["n"] for r in rows),
            "slots_over_capacity": sum(1 for r in rows if r["n"] > r["capacity"] or r["booked"] > r["capacity"]),
            "booked_column_mismatch": sum(1 for r in rows if r["n"] != r["booked"]),
            "capacity": sum(r["capacity"] for r in rows)}


def pick_slots(base: str, hall_id: int, day: str, n: int) -> list[tuple[str, int]]:
    out = []
    for code in SERVICES:
        for s in get_json(f"{base}/api/v1/halls/{hall_id}/slots?service={code}&date={day}")["slots"]:
            out.append((code, s["id"]))
    if len(out) < n:
        raise SystemExit(f"only {len(out)} slots on {day}; ask for fewer --slots")
    return out[:n]


def requests_for(env: dict, users: list[int], hall_id: int, slots: list[tuple[str, int]], seed: int) -> list[bytes]:
    from app.config import load_settings
    from app.security import Tokens, load_key

    settings = load_settings(env)
    tokens = Tokens(load_key(settings, settings.secret_key, "secret.key"))
    rng = random.Random(seed)
    raw = []
    for uid in users:
        code, slot_id = rng.choice(slots)
        body = json.dumps({"hall": hall_id, "service": code, "slot": slot_id}).encode()
        token = tokens.issue(uid, "citizen", None, 3600)[0]
        raw.append(raw_request("POST", "/api/v1/appointments", {"Authorization": f"Bearer {token}",
                                                                "Content-Type": "application/json"}, body))
    return raw


def rush(label: str, gate: str, env: dict, db_url: str, day: str, a, logs: Path) -> dict:
    port = free_port()
    server_env = {**env, "ZB_APPT_GATE": gate, "ZB_RUN_JOBS": "0"}
    cmd = [PYTHON, "-m", "app", "--workers", str(a.workers), "--port", str(port)]
    with Server(f"app-{gate}", cmd, port, env=server_env, log_dir=logs) as server:
        hall = next(h for h in get_json(f"{server.base_url}/api/v1/halls")["items"] if h["code"] == "nanhu")
        slots = pick_slots(server.base_url, hall["id"], day, a.slots)
        ids = [s for _, s in slots]
        run_async(set_capacity(db_url, ids, a.capacity))
        users = run_async(make_citizens(db_url, a.attempts, gate))
        raw = requests_for(server_env, users, hall["id"], slots, a.seed)
        log(f"{label}: {len(raw)} attempts on {len(ids)} slots x {a.capacity} places, {a.concurrency} connections")
        result = run_async(storm_raw("127.0.0.1", port, raw, a.concurrency))
    checks = run_async(check(db_url, ids))
    statuses = Counter({int(k): v for k, v in result["statuses"].items()})
    result.update(checks, label=label, gate=gate, created_201=statuses.get(201, 0),
                  full_409=statuses.get(409, 0), server_5xx=sum(v for k, v in statuses.items() if k >= 500))
    result["ok"] = (result["created_201"] == checks["capacity"] == checks["confirmed_in_db"]
                    and checks["slots_over_capacity"] == 0 and checks["booked_column_mismatch"] == 0
                    and result["server_5xx"] == 0 and result["errors"] == 0
                    and result["created_201"] + result["full_409"] == result["sent"])
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--attempts", type=int, default=5000)
    p.add_argument("--slots", type=int, default=20)
    p.add_argument("--capacity", type=int, default=10)
    p.add_argument("--concurrency", type=int, default=1000)
    p.add_argument("--redis-db", type=int, default=12)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    sigterm_as_interrupt()
    with scratch_postgres("zb_bench_appt") as db_url, scratch_redis(a.redis_db) as redis_url, \
            temp_dir() as data_dir:
        env = app_env(db_url, redis_url, str(data_dir))
        run_app_command(["migrate"], env)
        run_app_command(["seed"], env)
        port = free_port()
        with Server("app-probe", [PYTHON, "-m", "app", "--port", str(port)], port, env={**env, "ZB_RUN_JOBS": "0"},
                    log_dir=data_dir) as probe:
            hall = next(h for h in get_json(f"{probe.base_url}/api/v1/halls")["items"] if h["code"] == "nanhu")
            dates = get_json(f"{probe.base_url}/api/v1/halls/{hall['id']}/slots?service=GA0002")["dates"]
        if len(dates) < 2:
            raise SystemExit("fewer than two bookable days: nothing to rush on")
        gate = rush("Redis gate + database", "redis", env, db_url, dates[-1], a, data_dir)
        base = rush("database row locks only", "db", env, db_url, dates[-2], a, data_dir)
    rows = [[r["label"], r["sent"], r["created_201"], r["full_409"], r["server_5xx"], r["confirmed_in_db"],
             r["slots_over_capacity"], fmt(r["per_s"], 0), fmt(r["p50_ms"]), fmt(r["p99_ms"]),
             "PASS" if r["ok"] else "FAIL"] for r in (gate, base)]
    print_table(["rush", "attempts", "201", "409", "5xx", "in DB", "over cap", "attempts/s", "p50 ms", "p99 ms",
                 "checks"], rows, title=f"booking rush, {a.workers} workers, {a.concurrency} connections")
    ratio = gate["per_s"] / base["per_s"] if base["per_s"] else None
    print(f"gate / baseline attempts/s: {fmt(ratio)}x")
    path = write_json("appointments", {"args": vars(a), "gate": gate, "baseline": base, "ratio": ratio})
    log(f"figures in {path}")
    return 0 if gate["ok"] and base["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
