"""The catalog read benchmark (run by hand, never from the test suite).

    .venv/bin/python bench/catalog.py [--workers 2] [--duration 10] [--connections 64]

Creates a scratch PostgreSQL database and flushes a dedicated Redis DB, runs `python -m app migrate` and
`python -m app seed` against them, starts the app in production mode (sandbox on, LOG_LEVEL=WARNING) and a bare
Sanic app (bench/bare_app.py) with the same number of workers answering a constant JSON body the size of an
average guide, then drives each with wrk (2 threads):

  guide   GET /api/v1/services/{code}   cycling over real service codes
  search  GET /api/v1/services?q=…      cycling over everyday Chinese queries
  bare    the bare app, same paths as `guide`

and prints req/s, p50/p99 latency, non-2xx count and each scenario's req/s as a share of the bare app's against
its target (guide >= 0.5, search >= 0.2), plus the servers' CPU time per request. The figures also go to
bench/out/catalog-<timestamp>.json. The servers are stopped and the scratch database dropped at the end, also on
error, Ctrl-C or SIGTERM.

On a machine shared with other work, req/s swings from run to run: `--rounds 3` interleaves the scenarios and
reports medians, and the CPU µs/req columns stay steadier than req/s.

The catalog seeded is app/seed/data/, or the folder given by --seed-dir / ZB_SEED_DIR. `--app-root DIR` serves
another source tree (e.g. `git archive HEAD | tar -x -C DIR`) with this repo's .venv.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness  # noqa: E402
from harness import (median, median_run, wrk_scenario, PYTHON, ROOT, Server, app_env, fmt, free_port, get_json, http_get, log,  # noqa: E402
                     print_table, run_app_command, scratch_postgres, scratch_redis, temp_dir,
                     wrk_paths_script)

API = "/api/v1"
QUERIES = [
    "身份证过期了怎么办", "生孩子要办什么", "开公司", "公积金提取", "护照", "驾驶证换证", "结婚登记", "退休",
    "社保卡丢了", "户口迁移", "营业执照", "新生儿落户", "医保报销", "居住证", "不动产登记", "港澳通行证",
]
TARGETS = {"guide": 0.5, "search": 0.2}
MAX_CODES = 16


def seed_dir(arg: str | None, app_root: Path) -> Path:
    path = Path(arg or os.environ.get("ZB_SEED_DIR") or app_root / "app" / "seed" / "data").resolve()
    if not list((path / "services").glob("*.json")):
        sys.exit(f"{path / 'services'} holds no guides (*.json): the catalog to seed is missing. "
                 "Pass --seed-dir DIR (or ZB_SEED_DIR=DIR) with departments.json, services/*.json, bundles.json, "
                 "home.json, staff.json and synonyms.json.")
    return path


def service_codes(base: str) -> list[str]:
    """Every active service code, hot first (the order of the unfiltered list)."""
    codes, page = [], 1
    while True:
        data = get_json(f"{base}{API}/services?page={page}&page_size=50")
        codes += [item["code"] for item in data["items"]]
        if page * 50 >= data["total"]:
            return codes
        page += 1


def pick_codes(codes: list[str], n: int) -> list[str]:
    """`n` codes spread over the whole list (hot ones come first in it)."""
    if len(codes) <= n:
        return list(codes)
    step = len(codes) / n
    return [codes[int(i * step)] for i in range(n)]


def probe(base: str, paths: list[str]) -> dict:
    """GET each path once: sizes, statuses (all must be 200) and, for searches, how many services matched."""
    sizes, totals = [], {}
    for p in paths:
        status, body = http_get(base + p)
        if status != 200:
            raise RuntimeError(f"GET {p}: HTTP {status}: {body[:300]!r}")
        sizes.append(len(body))
        data = json.loads(body)
        if "total" in data:
            totals[urllib.parse.unquote(p.split("q=", 1)[-1])] = data["total"]
    return {"avg_bytes": round(sum(sizes) / len(sizes)), "min_bytes": min(sizes), "max_bytes": max(sizes),
            **({"hits": totals} if totals else {})}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workers", type=int, default=2, help="Sanic workers of both servers (default 2)")
    p.add_argument("--duration", type=float, default=10, help="seconds per measured run (default 10)")
    p.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--warmup", type=float, default=3, help="seconds of warm-up before each run (default 3; 0: none)")
    p.add_argument("--rounds", type=int, default=1,
                   help="measure each scenario this many times, interleaved, and report the median (default 1)")
    p.add_argument("--redis-db", type=int, default=harness.DEFAULT_REDIS_DB,
                   help=f"the dedicated Redis DB number, flushed (default {harness.DEFAULT_REDIS_DB})")
    p.add_argument("--seed-dir", help="the catalog to seed (default ZB_SEED_DIR or app/seed/data)")
    p.add_argument("--app-root", default=str(ROOT),
                   help="the source tree to serve `python -m app` from, with this repo's .venv (default: this "
                        "repo; e.g. an export of a commit: git archive HEAD | tar -x -C DIR)")
    p.add_argument("--keep-logs", action="store_true", help="print where the server logs are and keep them")
    a = p.parse_args()

    harness.require_wrk()
    harness.sigterm_as_interrupt()
    app_root = Path(a.app_root).resolve()
    seed = seed_dir(a.seed_dir, app_root)
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    rounds: dict[str, list[dict]] = {}
    try:
        with temp_dir() as tmp, scratch_postgres() as db_url, scratch_redis(a.redis_db) as redis_url:
            env = app_env(db_url, redis_url, str(tmp / "data"), ZB_SEED_DIR=str(seed))
            log("python -m app migrate: " + run_app_command(["migrate"], env, app_root=app_root).splitlines()[-1])
            log("python -m app seed: " + run_app_command(["seed"], env, app_root=app_root).splitlines()[-1])
            logs = Path(tmp if not a.keep_logs else harness.OUT)
            logs.mkdir(parents=True, exist_ok=True)
            app_port = free_port()
            app_cmd = [PYTHON, "-m", "app", "--workers", str(a.workers), "--port", str(app_port)]
            with Server("app", app_cmd, app_port, env=env, cwd=app_root, log_dir=logs) as app:
                codes = pick_codes(service_codes(app.base_url), MAX_CODES)
                guide_paths = [f"{API}/services/{urllib.parse.quote(c)}" for c in codes]
                search_paths = [f"{API}/services?q={urllib.parse.quote(q)}" for q in QUERIES]
                guide_probe = probe(app.base_url, guide_paths)
                search_probe = probe(app.base_url, search_paths)
                log(f"{len(codes)} service codes, guide bodies avg {guide_probe['avg_bytes']} B "
                    f"({guide_probe['min_bytes']}-{guide_probe['max_bytes']}); search bodies avg "
                    f"{search_probe['avg_bytes']} B")
                empty = [q for q, n in search_probe["hits"].items() if not n]
                if empty:
                    log(f"note: no service matches {', '.join(empty)}")

                bare_port = free_port()
                bare_cmd = [PYTHON, str(ROOT / "bench" / "bare_app.py"), "--workers", str(a.workers),
                            "--port", str(bare_port), "--body-bytes", str(guide_probe["avg_bytes"])]
                with Server("bare", bare_cmd, bare_port, env=env, log_dir=logs) as bare:
                    guide_lua = wrk_paths_script(guide_paths, tmp / "guide.lua")
                    search_lua = wrk_paths_script(search_paths, tmp / "search.lua")
                    plan = [("guide", app, guide_lua), ("search", app, search_lua), ("bare", bare, guide_lua)]
                    for rnd in range(1, a.rounds + 1):  # interleaved, so a noisy moment hits every scenario
                        for name, server, lua in plan:
                            label = name if a.rounds == 1 else f"{name} (round {rnd}/{a.rounds})"
                            rounds.setdefault(name, []).append(wrk_scenario(label, server, lua, a))
                if a.keep_logs:
                    log(f"server logs: {app.log_path}, {bare.log_path}")
    except KeyboardInterrupt:
        log("interrupted: servers stopped, scratch database dropped")
        return 130

    results = {name: median_run(runs, "rps") for name, runs in rounds.items()}
    rows, summary = [], {}
    labels = {"guide": "guide  GET /services/{code}", "search": "search GET /services?q=…",
              "bare": "bare   Sanic, constant JSON"}
    for name in ("guide", "search", "bare"):
        r = results[name]
        # Each round's ratio pairs runs made next to each other; the median of those resists a noisy moment
        # better than a ratio of two medians.
        ratio = median([x["rps"] / b["rps"] for x, b in zip(rounds[name], rounds["bare"]) if b["rps"]] or [0.0])
        cpu_ratio = median([b["server_cpu_us_per_req"] / x["server_cpu_us_per_req"]
                            for x, b in zip(rounds[name], rounds["bare"]) if x["server_cpu_us_per_req"]] or [0.0])
        target = TARGETS.get(name)
        verdict = None if target is None else ("PASS" if ratio >= target else "MISS")
        summary[name] = {"rps": r["rps"], "p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"],
                         "non_2xx": r["non_2xx_3xx"], "ratio_to_bare": round(ratio, 4), "target": target,
                         "verdict": verdict, "server_cpu_us_per_req": r["server_cpu_us_per_req"],
                         "cpu_ratio_to_bare": round(cpu_ratio, 4)}
        rows.append([labels[name], f"{r['rps']:.0f}", fmt(r["p50_ms"]), fmt(r["p99_ms"]), r["non_2xx_3xx"],
                     f"{ratio:.2f}", "-" if target is None else f"≥ {target:.2f}", verdict or "-",
                     f"{r['server_cpu_us_per_req']:.0f}", f"{cpu_ratio:.2f}"])
    print()
    rounds_note = f", median of {a.rounds} interleaved rounds" if a.rounds > 1 else ""
    table = print_table(["scenario", "req/s", "p50 ms", "p99 ms", "non-2xx", "× bare", "target", "result",
                         "CPU µs/req", "CPU × bare"], rows,
                        title=f"catalog benchmark: {a.workers} workers, wrk -t{a.threads} -c{a.connections} "
                              f"-d{a.duration:g}s (warm-up {a.warmup:g}s){rounds_note}, {len(codes)} services / "
                              f"{len(QUERIES)} queries, seed {seed}")
    print("× bare: req/s over the bare app's; the targets apply to it (with --rounds: the median of the rounds'\n"
          "ratios). CPU µs/req: the server's user+system CPU per request. CPU × bare: the bare app's CPU/req over\n"
          "the scenario's, a cross-check that other load on the machine disturbs less than req/s.\n"
          "non-2xx: wrk's count of responses that are neither 2xx nor 3xx.")
    errors = {n: r["socket_errors"] for n, r in results.items() if any(r["socket_errors"].values())}
    if errors:
        print(f"socket errors: {errors}")
    out = harness.write_json("catalog", {
        "benchmark": "catalog", "started": started, "git": harness.git_revision(), "machine": harness.machine_info(),
        "config": {"workers": a.workers, "duration_s": a.duration, "connections": a.connections,
                   "threads": a.threads, "warmup_s": a.warmup, "rounds": a.rounds, "seed_dir": str(seed),
                   "app_root": str(app_root)},
        "codes": codes, "queries": QUERIES, "guide_body": guide_probe, "search_body": search_probe,
        "bare_body_bytes": guide_probe["avg_bytes"], "targets": TARGETS, "summary": summary,
        "results": results, "rounds": rounds, "table": table,
    })
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
