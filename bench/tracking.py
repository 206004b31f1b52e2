"""The tracking and submission benchmark (run by hand, never from the test suite).

    .venv/bin/python bench/tracking.py [--workers 2] [--duration 10] [--connections 64] [--rounds 2]
                                       [--cases 200] [--submissions 400] [--concurrency 32]

Creates a scratch PostgreSQL database and flushes a dedicated Redis DB, runs `python -m app migrate` and
`python -m app seed`, starts the app in production mode (sandbox on, so the shared-data sandbox answers inside
the app, LOG_LEVEL=WARNING) and a bare Sanic app (bench/bare_app.py) with the same number of workers, then:

setup (not measured)
  signs in --citizens citizens through the WeChat sandbox (POST /sandbox/wechat/codes, POST /api/v1/auth/wechat),
  binds each to a resident of its own from the sandbox population database with a housing-fund account
  (GET /sandbox/shared/population, PUT /api/v1/me/identity: 二要素, level 2) and passes a face verification
  (POST /api/v1/face/sessions, the sandbox's scan, …/result: level 3, which shared reads need), signs in a window clerk
  and a staff member of the service's department through the DingTalk sandbox; submits --cases applications
  for GJJ005 (住房公积金缴存证明出具, two shared-data materials, no uploads) through POST /api/v1/applications;
  leaves a third of them submitted, has the window clerk accept a third (then in review) and accept and the
  department approve the last third (approved), so the timelines differ; reads each track token once.

track   wrk GET /api/v1/track/{token} cycling over the --cases tokens (2 threads, --connections)
bare    the bare app, same paths, a constant body of the average tracking view's size
submit  --submissions applications for GJJ005 with {"service": "GJJ005", "consent": true}, --concurrency at a
        time from harness.raw_load (pre-rendered HTTP/1.1 over keep-alive connections: the lightest client, as
        it shares the cores with the server) with the citizens already signed in: each makes the server take an
        acceptance number with the audit of its two shared-data reads, fetch both materials from the sandbox
        (one signed HTTP round trip to itself, verified both ways, its nonce kept in Redis) and write the case.
        Every acceptance number must be distinct (checked, printed).

It prints req/s, p50/p99, non-2xx (and the statuses behind them) and the tracking view's req/s as a share of
the bare app's against its targets (>= 0.6 x bare with p99 <= 25 ms), submissions/s against >= 200/s, plus the
CPU per request of the server and (for submissions) of PostgreSQL, Redis and the client. The figures also go to
bench/out/tracking-<timestamp>.json. The servers are stopped and the scratch database dropped at the end, also on
error, Ctrl-C or SIGTERM.

The tracking rate limit. GET /api/v1/track/{token} counts views per client address in each worker
(app.ctx.tracker: 120 per 60 s per worker by default) and wrk's traffic all comes from 127.0.0.1, so with the
production default almost every measured view would be a 429. The benchmark raises the limit through
ZB_TRACK_RATE_LIMIT (--track-rate-limit, default 1000000000; 0 leaves the app's default) and checks that the app
honours it: before the run it reads the tokens over one keep-alive connection (one worker) and reports any 429,
and wrk counts the responses per status. An app tree that ignores ZB_TRACK_RATE_LIMIT is reported, and its 429s
are shown in the non-2xx column and under "statuses", never hidden. Sign-in is rate-limited per client address
too (ZB_AUTH_RATE_LIMIT, 30 per 60 s): the setup raises it (--auth-rate-limit) since it signs in every citizen
from 127.0.0.1; sign-in is not measured.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from harness import (median, median_run, raw_load, raw_request, run_async, wrk_scenario, PYTHON, ROOT,  # noqa: E402
                     Server, app_env, command_cpu_seconds, fmt, free_port, log, percentile, print_table, run_app_command, scratch_postgres, scratch_redis, temp_dir,
                     wrk_paths_script)

API = "/api/v1"
SERVICE = "GJJ005"  # 住房公积金缴存证明出具: two shared-data materials (居民身份证 licence, housing_fund)
TARGETS = {"track_ratio": 0.6, "track_p99_ms": 25.0, "submissions_per_s": 200.0}
APP_TRACK_DEFAULT = 120  # app/services/tracking.py Tracker(rate_limit=120), per client address per worker


def phone() -> str:
    return f"13{random.randrange(0, 10)}{random.randrange(0, 10**8):08d}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def check(r, status: int, what: str):
    if r.status_code != status:
        raise RuntimeError(f"{what}: HTTP {r.status_code} (expected {status}): {r.text[:500]}")
    return r.json()


# ---------------------------------------------------------------- setup through the HTTP API and the sandboxes

async def sign_in_citizen(client, person: dict) -> dict:
    """A citizen at real-name level 3 for `person`: signed in, 二要素 bound, face verified."""
    code = check(await client.post("/sandbox/wechat/codes", json={}), 200, "POST /sandbox/wechat/codes")["code"]
    session = check(await client.post(f"{API}/auth/wechat", json={"code": code}), 200, "POST /auth/wechat")
    headers = bearer(session["token"])
    user = check(await client.put(f"{API}/me/identity", headers=headers,
                                  json={"name": person["name"], "id_number": person["id_number"], "phone": phone()}),
                 200, "PUT /me/identity")
    verify_id = check(await client.post(f"{API}/face/sessions", headers=headers), 201,
                      "POST /face/sessions")["verify_id"]
    check(await client.post(f"/sandbox/wechat/face/{verify_id}/complete", json={"verify_ret": 10000}), 200,
          "POST /sandbox/wechat/face/…/complete")
    check(await client.post(f"{API}/face/sessions/{verify_id}/result", headers=headers), 200,
          "POST /face/sessions/…/result")
    user = check(await client.get(f"{API}/me", headers=headers), 200, "GET /me")
    if (user.get("identity") or {}).get("level") != 3:
        raise RuntimeError(f"binding and face verification did not make the citizen level 3: {user}")
    return {"headers": headers, "user_id": user["id"]}


async def sign_in_staff(client, userid: str) -> dict:
    code = check(await client.post("/sandbox/dingtalk/codes", json={"userid": userid}), 200,
                 "POST /sandbox/dingtalk/codes")["code"]
    session = check(await client.post(f"{API}/auth/dingtalk", json={"code": code}), 200, "POST /auth/dingtalk")
    return {"headers": bearer(session["token"]), "user": session["user"]}


async def gather_limited(n: int, coros) -> list:
    sem = asyncio.Semaphore(n)

    async def one(c):
        async with sem:
            return await c
    return await asyncio.gather(*(one(c) for c in coros))


def apply_body() -> dict:
    return {"service": SERVICE, "consent": True}


async def setup(base: str, a: argparse.Namespace) -> dict:
    """Citizens and staff signed in, --cases applications in three different states, their tokens."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        residents = check(await client.get("/sandbox/shared/population", params={"limit": 1000}), 200,
                          "GET /sandbox/shared/population")
        people = [p for p in residents if "housing_fund" in p["datasets"]][:a.citizens]
        if len(people) < a.citizens:
            raise RuntimeError(f"the population database has {len(people)} residents with a housing fund, "
                               f"fewer than --citizens {a.citizens}")
        person = people[0]
        log(f"signing in {a.citizens} citizens, each bound to a resident of its own (level 3)")
        citizens = await gather_limited(8, [sign_in_citizen(client, p) for p in people])

        guide = check(await client.get(f"{API}/services/{SERVICE}"), 200, f"GET /services/{SERVICE}")
        directory = check(await client.get("/sandbox/dingtalk/users"), 200, "GET /sandbox/dingtalk/users")
        clerk_id = next(m["userid"] for m in directory if "window" in m["roles"])
        clerk = await sign_in_staff(client, clerk_id)

        log(f"submitting {a.cases} {SERVICE} cases ({guide['name']})")
        t0 = time.perf_counter()
        cases = await gather_limited(16, [
            client.post(f"{API}/applications", headers=citizens[i % len(citizens)]["headers"], json=apply_body())
            for i in range(a.cases)])
        cases = [check(r, 201, "POST /applications (setup)") for r in cases]
        log(f"{len(cases)} cases in {time.perf_counter() - t0:.1f}s")
        dept = cases[0]["lead_department"]["code"]
        reviewer_id = next(m["userid"] for m in directory if m["department"] == dept and "staff" in m["roles"]
                           and "admin" not in m["roles"])
        reviewer = await sign_in_staff(client, reviewer_id)

        async def advance(case: dict, approve: bool) -> dict:
            intake = next(s for s in case["steps"] if not s["after"])
            case = check(await client.post(f"{API}/staff/tasks/{intake['id']}/decision", headers=clerk["headers"],
                                           json={"decision": "approve"}), 200, "accept (window clerk)")
            if approve:
                for step in [s for s in case["steps"] if s["status"] == "open"]:
                    case = check(await client.post(f"{API}/staff/tasks/{step['id']}/decision",
                                                   headers=reviewer["headers"], json={"decision": "approve"}),
                                 200, f"approve {step['key']} ({dept})")
            return case

        # i % 3 == 0: submitted; 1: accepted (in review); 2: accepted and approved.
        moved = await gather_limited(8, [advance(c, approve=i % 3 == 2) for i, c in enumerate(cases) if i % 3])
        final = {c["acceptance_no"]: c for c in cases} | {c["acceptance_no"]: c for c in moved}
        states = Counter(c["status"] for c in final.values())
        log(f"case states: {dict(states)}")
        return {"citizens": citizens, "person": {"name": person["name"], "residents": len(people)},
                "service": {"code": SERVICE, "name": guide["name"], "lead_department": dept},
                "cases": [{"acceptance_no": no, "track_token": c["track_token"], "status": c["status"],
                           "timeline": len(c["timeline"])} for no, c in final.items()],
                "case_states": dict(states), "clerk": clerk_id, "reviewer": reviewer_id}


async def probe_tracking(base: str, tokens: list[str], views: int) -> dict:
    """Read every token once, then keep cycling up to `views` reads, over ONE keep-alive connection (so one
    worker answers them all, from one client address): body sizes, and whether and when a 429 comes."""
    import httpx

    sizes, statuses, first_429 = [], Counter(), None
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=httpx.Limits(max_connections=1)) as client:
        for i in range(max(views, len(tokens))):
            r = await client.get(f"{API}/track/{tokens[i % len(tokens)]}")
            statuses[r.status_code] += 1
            if r.status_code == 200:
                if i < len(tokens):
                    sizes.append(len(r.content))
            elif r.status_code == 429:
                if first_429 is None:
                    first_429 = {"after_views": i, "retry_after": r.headers.get("retry-after"), "body": r.text[:200]}
            else:
                raise RuntimeError(f"GET /track/{tokens[i % len(tokens)]}: HTTP {r.status_code}: {r.text[:300]}")
    return {"views": sum(statuses.values()), "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "first_429": first_429, "avg_bytes": round(sum(sizes) / len(sizes)) if sizes else None,
            "min_bytes": min(sizes, default=None), "max_bytes": max(sizes, default=None)}


# ---------------------------------------------------------------- submissions

def submit_requests(citizens: list[dict], n: int) -> list[bytes]:
    """`n` GJJ005 submissions rendered as HTTP/1.1 bytes, each by the next signed-in citizen."""
    body = json.dumps(apply_body()).encode()
    return [raw_request("POST", f"{API}/applications", {**citizens[i % len(citizens)]["headers"],
                                                         "Content-Type": "application/json"}, body)
            for i in range(n)]


def submit_many(port: int, citizens: list[dict], n: int, concurrency: int) -> dict:
    """`n` submissions, `concurrency` in flight, from harness.raw_load: pre-rendered requests over keep-alive
    connections, since the load client shares the 2 cores with the server (its CPU is measured and printed)."""
    r = run_async(raw_load("127.0.0.1", port, submit_requests(citizens, n), concurrency))
    errors = Counter(r["errors"])
    ok = [body for status, body in r["answers"] if status == 201]
    for status, body in r["answers"]:
        if status != 201:
            try:
                code = (json.loads(body).get("error") or {}).get("code")
            except (ValueError, AttributeError):
                code = None
            errors[f"{status} {code or ''}".strip()] += 1
    numbers = [json.loads(body)["acceptance_no"] for body in ok]
    latencies = [dt for (status, _), dt in zip(r["answers"], r["latencies"]) if status == 201]
    elapsed = r["elapsed"]
    ms = lambda v: None if v is None else round(v * 1000, 2)  # noqa: E731
    return {"submitted": n, "ok": len(ok), "errors": dict(errors), "error_count": sum(errors.values()),
            "elapsed_s": round(elapsed, 3), "per_s": round(len(ok) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": ms(percentile(latencies, 50)), "p90_ms": ms(percentile(latencies, 90)),
            "p99_ms": ms(percentile(latencies, 99)), "max_ms": ms(max(latencies, default=None)),
            "p99_all_ms": ms(percentile(r["latencies"], 99)),
            "client_cpu_us_per_submission": round(r["cpu"] / n * 1e6, 1) if n else None,
            "acceptance_numbers": numbers}


def submit_scenario(label: str, server: Server, citizens: list[dict], a: argparse.Namespace) -> dict:
    warm_numbers = []
    if a.submission_warmup > 0:
        warm = submit_many(server.port, citizens, a.submission_warmup, a.concurrency)
        warm_numbers = warm["acceptance_numbers"]
        if warm["error_count"]:
            log(f"{label}: warm-up errors {warm['errors']}")
    log(f"{label}: {a.submissions} submissions, {a.concurrency} at a time")
    load = os.getloadavg()[0]
    cpu, pg, rd = server.cpu_seconds(), command_cpu_seconds("postgres"), command_cpu_seconds("redis-server")
    r = submit_many(server.port, citizens, a.submissions, a.concurrency)
    n = max(1, r["submitted"])
    r["server_cpu_us_per_req"] = round((server.cpu_seconds() - cpu) / n * 1e6, 1)
    r["postgres_cpu_us_per_req"] = round((command_cpu_seconds("postgres") - pg) / n * 1e6, 1)
    r["redis_cpu_us_per_req"] = round((command_cpu_seconds("redis-server") - rd) / n * 1e6, 1)
    r["loadavg_1m_before"] = load
    r["warmup_acceptance_numbers"] = warm_numbers
    log(f"{label}: {r['per_s']:.0f}/s, p50 {fmt(r['p50_ms'])} ms, p99 {fmt(r['p99_ms'])} ms, errors "
        f"{r['error_count']} {r['errors'] or ''}, CPU µs/submission: server {r['server_cpu_us_per_req']:.0f}, "
        f"postgres {r['postgres_cpu_us_per_req']:.0f}, redis {r['redis_cpu_us_per_req']:.0f}, "
        f"client {r['client_cpu_us_per_submission']:.0f}")
    return r


# ---------------------------------------------------------------- wrk scenarios (as bench/catalog.py)




def wait_for_other_benchmarks(max_wait: float) -> None:
    """Another benchmark's wrk shares the 2 cores: wait (up to max_wait s) until none runs."""
    import subprocess

    deadline = time.monotonic() + max_wait
    said = False
    while True:
        out = subprocess.run(["pgrep", "-a", "wrk"], capture_output=True, text=True).stdout.strip()
        if not out:
            return
        if not said:
            log(f"another wrk runs ({out.splitlines()[0]}): waiting for it to end")
            said = True
        if time.monotonic() > deadline:
            log("still running after the wait: measuring anyway (expect lower req/s)")
            return
        time.sleep(5)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workers", type=int, default=2, help="Sanic workers of both servers (default 2)")
    p.add_argument("--duration", type=float, default=10, help="seconds per measured wrk run (default 10)")
    p.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--warmup", type=float, default=3, help="seconds of wrk warm-up before each run (default 3)")
    p.add_argument("--rounds", type=int, default=2,
                   help="measure each scenario this many times, interleaved, and report the median (default 2)")
    p.add_argument("--cases", type=int, default=200, help="cases whose tracking views are read (default 200)")
    p.add_argument("--citizens", type=int, default=64,
                   help="signed-in citizens, each bound to a resident of its own, taking turns to submit (default 64)")
    p.add_argument("--submissions", type=int, default=400, help="measured submissions per round (default 400)")
    p.add_argument("--concurrency", type=int, default=32, help="submissions in flight (default 32)")
    p.add_argument("--submission-warmup", type=int, default=32,
                   help="unmeasured submissions before each measured batch (default 32; 0: none)")
    p.add_argument("--track-rate-limit", type=int, default=1_000_000_000,
                   help="ZB_TRACK_RATE_LIMIT for the run (default 1000000000: wrk's views all come from "
                        "127.0.0.1; 0: leave the app's default, 120 per minute per worker)")
    p.add_argument("--auth-rate-limit", type=int, default=100_000,
                   help="ZB_AUTH_RATE_LIMIT for the run (setup signs every citizen in from 127.0.0.1)")
    p.add_argument("--redis-db", type=int, default=harness.DEFAULT_REDIS_DB,
                   help=f"the dedicated Redis DB number, flushed (default {harness.DEFAULT_REDIS_DB})")
    p.add_argument("--app-root", default=str(ROOT),
                   help="the source tree to serve `python -m app` from, with this repo's .venv (default: this repo)")
    p.add_argument("--wait-other", type=float, default=1800,
                   help="seconds to wait for another benchmark's wrk to end before starting (default 1800)")
    p.add_argument("--keep-logs", action="store_true", help="print where the server logs are and keep them")
    a = p.parse_args()

    harness.require_wrk()
    harness.sigterm_as_interrupt()
    app_root = Path(a.app_root).resolve()
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    wait_for_other_benchmarks(a.wait_other)
    track_runs: dict[str, list[dict]] = {}
    submit_runs: list[dict] = []
    try:
        with temp_dir() as tmp, scratch_postgres() as db_url, scratch_redis(a.redis_db) as redis_url:
            extra = {"ZB_AUTH_RATE_LIMIT": str(a.auth_rate_limit)}
            if a.track_rate_limit:
                extra["ZB_TRACK_RATE_LIMIT"] = str(a.track_rate_limit)
            env = app_env(db_url, redis_url, str(tmp / "data"), **extra)
            log("python -m app migrate: " + run_app_command(["migrate"], env, app_root=app_root).splitlines()[-1])
            log("python -m app seed: " + run_app_command(["seed"], env, app_root=app_root).splitlines()[-1])
            logs = Path(tmp if not a.keep_logs else harness.OUT)
            logs.mkdir(parents=True, exist_ok=True)
            app_port = free_port()
            app_cmd = [PYTHON, "-m", "app", "--workers", str(a.workers), "--port", str(app_port)]
            with Server("app", app_cmd, app_port, env=env, cwd=app_root, log_dir=logs) as app:
                t0 = time.perf_counter()
                state = asyncio.run(setup(app.base_url, a))
                log(f"setup done in {time.perf_counter() - t0:.1f}s")
                tokens = [c["track_token"] for c in state["cases"]]
                # Over one connection, more views than the app's default per-worker allowance: a 429 here means
                # the app does not take ZB_TRACK_RATE_LIMIT from the environment.
                probe = asyncio.run(probe_tracking(app.base_url, tokens, APP_TRACK_DEFAULT + 30))
                log(f"tracking probe: {probe['views']} views on one connection: {probe['statuses']}; bodies avg "
                    f"{probe['avg_bytes']} B ({probe['min_bytes']}-{probe['max_bytes']})")
                if probe["first_429"]:
                    log(f"WARNING: 429 after {probe['first_429']['after_views']} views from one client address: "
                        f"the per-worker tracking rate limit is in force ("
                        + ("ZB_TRACK_RATE_LIMIT=" + str(a.track_rate_limit) + " is not honoured by this app tree"
                           if a.track_rate_limit else "the app's default, --track-rate-limit 0")
                        + "); wrk's views will be mostly 429s, counted under non-2xx")
                track_paths = [f"{API}/track/{t}" for t in tokens]
                bare_port = free_port()
                bare_cmd = [PYTHON, str(ROOT / "bench" / "bare_app.py"), "--workers", str(a.workers),
                            "--port", str(bare_port), "--body-bytes", str(probe["avg_bytes"] or 1000)]
                with Server("bare", bare_cmd, bare_port, env=env, log_dir=logs) as bare:
                    lua = wrk_paths_script(track_paths, tmp / "track.lua", count_statuses=True)
                    for rnd in range(1, a.rounds + 1):  # interleaved, so a noisy moment hits every scenario
                        suffix = "" if a.rounds == 1 else f" (round {rnd}/{a.rounds})"
                        wait_for_other_benchmarks(a.wait_other)
                        track_runs.setdefault("track", []).append(wrk_scenario("track" + suffix, app, lua, a))
                        track_runs.setdefault("bare", []).append(wrk_scenario("bare" + suffix, bare, lua, a))
                        submit_runs.append(submit_scenario("submit" + suffix, app, state["citizens"], a))
                # Every acceptance number handed out: the setup's cases and every submission, warm-ups included.
                db_check = asyncio.run(count_cases(db_url))
                if a.keep_logs:
                    log(f"server logs: {app.log_path}, {bare.log_path}")
                server_errors = [ln for ln in app.log_tail(400).splitlines() if "Traceback" in ln or "ERROR" in ln]
    except KeyboardInterrupt:
        log("interrupted: servers stopped, scratch database dropped")
        return 130

    # ---- the report
    track = {name: median_run(runs, "rps") for name, runs in track_runs.items()}
    ratio = median([x["rps"] / b["rps"] for x, b in zip(track_runs["track"], track_runs["bare"]) if b["rps"]] or [0.0])
    cpu_ratio = median([b["server_cpu_us_per_req"] / x["server_cpu_us_per_req"]
                        for x, b in zip(track_runs["track"], track_runs["bare"]) if x["server_cpu_us_per_req"]]
                       or [0.0])
    t = track["track"]
    track_ok = ratio >= TARGETS["track_ratio"] and (t["p99_ms"] or 1e9) <= TARGETS["track_p99_ms"]
    limited = sum(r["statuses"].get("429", 0) for r in track_runs["track"])  # rate-limited views: not a measurement
    track_verdict = "PASS" if track_ok and not t["non_2xx_3xx"] else "MISS" + (" (429s)" if limited else "")
    sub = median_run(submit_runs, "per_s")
    sub_ok = sub["per_s"] >= TARGETS["submissions_per_s"] and not sub["error_count"]
    state_numbers = [c["acceptance_no"] for c in state["cases"]]
    numbers = state_numbers + [n for r in submit_runs for n in r["warmup_acceptance_numbers"] + r["acceptance_numbers"]]
    duplicates = sorted(n for n, k in Counter(numbers).items() if k > 1)

    rows = [
        ["track  GET /track/{token}", f"{t['rps']:.0f}", fmt(t["p50_ms"]), fmt(t["p99_ms"]), t["non_2xx_3xx"],
         f"{ratio:.2f}", f"≥ {TARGETS['track_ratio']:.2f}, p99 ≤ {TARGETS['track_p99_ms']:.0f} ms",
         track_verdict, f"{t['server_cpu_us_per_req']:.0f}", f"{cpu_ratio:.2f}"],
        ["bare   Sanic, constant JSON", f"{track['bare']['rps']:.0f}", fmt(track["bare"]["p50_ms"]),
         fmt(track["bare"]["p99_ms"]), track["bare"]["non_2xx_3xx"], "1.00", "-", "-",
         f"{track['bare']['server_cpu_us_per_req']:.0f}", "1.00"],
        [f"submit POST /applications ×{a.concurrency}", f"{sub['per_s']:.0f}", fmt(sub["p50_ms"]), fmt(sub["p99_ms"]),
         sub["error_count"], "-", f"≥ {TARGETS['submissions_per_s']:.0f}/s, 0 errors", "PASS" if sub_ok else "MISS",
         f"{sub['server_cpu_us_per_req']:.0f}", "-"],
    ]
    print()
    rounds_note = f", median of {a.rounds} interleaved rounds" if a.rounds > 1 else ""
    table = print_table(["scenario", "req/s", "p50 ms", "p99 ms", "non-2xx", "× bare", "target", "result",
                         "CPU µs/req", "CPU × bare"], rows,
                        title=f"tracking benchmark: {a.workers} workers, wrk -t{a.threads} -c{a.connections} "
                              f"-d{a.duration:g}s (warm-up {a.warmup:g}s){rounds_note}, {len(tokens)} track tokens "
                              f"({', '.join(f'{k} {v}' for k, v in state['case_states'].items())}); "
                              f"{a.submissions} submissions of {SERVICE}, {a.concurrency} at a time")
    print("× bare: req/s over the bare app's (with --rounds: the median of the rounds' ratios). CPU µs/req: the\n"
          "server's user+system CPU per request (for submit: per submission, the shared-data sandbox included, as it\n"
          "runs in the app). non-2xx: responses neither 2xx nor 3xx (for submit: any answer but 201, or no answer).")
    print(f"statuses: track {t['statuses']}, bare {track['bare']['statuses']}; "
          f"tracking rate limit: {'ZB_TRACK_RATE_LIMIT=' + str(a.track_rate_limit) if a.track_rate_limit else 'app default'}"
          f", probe {probe['statuses']}"
          + (f", first 429 after {probe['first_429']['after_views']} views on one connection" if probe["first_429"]
             else ", no 429"))
    print(f"submit: p90 {fmt(sub['p90_ms'])} ms, max {fmt(sub['max_ms'])} ms, rounds {sub['rounds_per_s']}/s, "
          f"errors {sub['errors'] or 'none'}; CPU µs per submission: server {sub['server_cpu_us_per_req']:.0f}, "
          f"postgres {sub['postgres_cpu_us_per_req']:.0f}, redis {sub['redis_cpu_us_per_req']:.0f}, "
          f"client (raw) {sub['client_cpu_us_per_submission']:.0f}")
    print(f"acceptance numbers: {len(numbers)} handed out in responses (setup {len(state_numbers)}, submissions "
          f"with warm-ups {len(numbers) - len(state_numbers)}), {len(set(numbers))} distinct, duplicates: "
          f"{', '.join(duplicates) if duplicates else 'none'}; database: {db_check['applications']} applications, "
          f"{db_check['distinct_acceptance_no']} distinct acceptance numbers "
          f"({db_check['first']} … {db_check['last']})")
    if limited:
        print(f"WARNING: {limited} tracking views answered 429 (the per-worker rate limit per client address): the\n"
              f"track row measures the rate limiter, not the view. Run with ZB_TRACK_RATE_LIMIT honoured "
              f"(--track-rate-limit N, an app tree whose Settings has track_rate_limit).")
    errors = {n: r["socket_errors"] for n, r in track.items() if any(r["socket_errors"].values())}
    if errors:
        print(f"socket errors: {errors}")
    if server_errors:
        print(f"server log: {len(server_errors)} error lines in its last 400, e.g. {server_errors[0][:200]}")
    for r in submit_runs:
        r["acceptance_numbers_count"] = len(r.pop("acceptance_numbers"))
        r["warmup_acceptance_numbers_count"] = len(r.pop("warmup_acceptance_numbers"))
    sub.pop("acceptance_numbers", None)
    sub.pop("warmup_acceptance_numbers", None)
    out = harness.write_json("tracking", {
        "benchmark": "tracking", "started": started, "git": harness.git_revision(), "machine": harness.machine_info(),
        "config": {k: getattr(a, k) for k in ("workers", "duration", "connections", "threads", "warmup", "rounds",
                                               "cases", "citizens", "submissions", "concurrency", "submission_warmup",
                                               "track_rate_limit", "auth_rate_limit")} | {"app_root": str(app_root)},
        "service": state["service"], "case_states": state["case_states"], "probe": probe,
        "bare_body_bytes": probe["avg_bytes"], "targets": TARGETS,
        "summary": {
            "track": {"rps": t["rps"], "p50_ms": t["p50_ms"], "p99_ms": t["p99_ms"], "non_2xx": t["non_2xx_3xx"],
                      "statuses": t["statuses"], "ratio_to_bare": round(ratio, 4), "cpu_ratio_to_bare": round(cpu_ratio, 4),
                      "server_cpu_us_per_req": t["server_cpu_us_per_req"], "verdict": track_verdict,
                      "rate_limited_429": limited},
            "bare": {"rps": track["bare"]["rps"], "p50_ms": track["bare"]["p50_ms"], "p99_ms": track["bare"]["p99_ms"],
                     "server_cpu_us_per_req": track["bare"]["server_cpu_us_per_req"]},
            "submit": {k: sub[k] for k in ("per_s", "p50_ms", "p90_ms", "p99_ms", "max_ms", "error_count", "errors",
                                           "server_cpu_us_per_req", "postgres_cpu_us_per_req", "redis_cpu_us_per_req",
                                           "client_cpu_us_per_submission")} | {"verdict": "PASS" if sub_ok else "MISS"},
            "acceptance_numbers": {"handed_out": len(numbers), "distinct": len(set(numbers)),
                                   "duplicates": duplicates, "database": db_check},
        },
        "results": {"track": track, "submit": sub}, "rounds": {**track_runs, "submit": submit_runs}, "table": table,
    })
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


async def count_cases(db_url: str) -> dict:
    import asyncpg

    conn = await asyncpg.connect(db_url, timeout=5)
    try:
        row = await conn.fetchrow("SELECT count(*) AS n, count(DISTINCT acceptance_no) AS d, min(acceptance_no) AS lo, "
                                  "max(acceptance_no) AS hi FROM applications")
    finally:
        await conn.close()
    return {"applications": row["n"], "distinct_acceptance_no": row["d"], "first": row["lo"], "last": row["hi"]}


if __name__ == "__main__":
    sys.exit(main())
