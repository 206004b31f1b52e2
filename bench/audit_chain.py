"""What the audit chain costs the hot submission path, and how fast the sealer chains (docs/audit.md).

A submission writes its audit rows in the acceptance number's statement (counters.next_number: the counter's
upsert, then the rows in a data-modifying CTE). This runs that statement, with three audit rows, against the
real `audit_log` (four chain columns, NULL at insert, and the unique index on `seq`) and against a bare twin
table without them, interleaved in blocks on one connection, and prints the per-statement medians and their
ratio. Then it inserts --rows unsealed rows and times the sealer chaining them.

    .venv/bin/python bench/audit_chain.py [--statements 3000] [--rows 20000]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import app_env, log, random_key, run_app_command, scratch_postgres  # noqa: E402

COLS = '"action", "actor_id", "actor_role", "subject_id", "subject_ref", "fields_read", "purpose", "created_at"'
CHAIN = ', "seq", "content_hash", "prev_hash", "row_hash"'


def statement(table: str, chained: bool) -> str:
    counter = ('INSERT INTO "counters" ("key", "value") VALUES ($1, 1) ON CONFLICT ("key") DO UPDATE SET "value" = '
               '"counters"."value" + 1 RETURNING $2::text || lpad("value"::text, 6, \'0\') AS no')
    cells = ", ".join(f"('read', NULL, 'system', NULL, (SELECT no FROM n), $3::jsonb, '共享数据查询', now()"
                      + (", NULL, NULL, NULL, NULL" if chained else "") + ")" for _ in range(3))
    insert = f'INSERT INTO "{table}" ({COLS}{CHAIN if chained else ""}) VALUES {cells} RETURNING "id"'
    return f"WITH n AS ({counter}), r AS ({insert}) SELECT (SELECT no FROM n) AS no"


async def compare(url: str, statements: int) -> dict:
    conn = await asyncpg.connect(url)
    await conn.execute('CREATE TABLE "audit_bare" (LIKE "audit_log" INCLUDING DEFAULTS); '
                       'ALTER TABLE "audit_bare" DROP COLUMN "seq", DROP COLUMN "content_hash", '
                       'DROP COLUMN "prev_hash", DROP COLUMN "row_hash"; '
                       'CREATE SEQUENCE "audit_bare_id"; '
                       'ALTER TABLE "audit_bare" ALTER COLUMN "id" SET DEFAULT nextval(\'audit_bare_id\'), '
                       'ADD PRIMARY KEY ("id")')
    sql = {"chained": statement("audit_log", True), "bare": statement("audit_bare", False)}
    times: dict[str, list[float]] = {"chained": [], "bare": []}
    fields = json.dumps(["population"])
    block = 100
    for i in range(0, statements, block):
        for name in (("chained", "bare") if (i // block) % 2 == 0 else ("bare", "chained")):
            for _ in range(block):
                t = time.perf_counter()
                await conn.fetchval(sql[name], f"bench-{name}", "330402-20261202-", fields)
                times[name].append(time.perf_counter() - t)
    await conn.close()
    med = {k: statistics.median(v) * 1e6 for k, v in times.items()}
    return {"chained_us": round(med["chained"], 1), "bare_us": round(med["bare"], 1),
            "ratio": round(med["chained"] / med["bare"], 3)}


async def seal_speed(url: str, data_dir: str, rows: int) -> dict:
    from app import db
    from app.config import Settings
    from app.services.identity import audit_chain

    settings = Settings(database_url=url, redis_url="redis://127.0.0.1:6379/0", data_dir=data_dir,
                        audit_key=random_key())
    conn = await asyncpg.connect(url)
    await conn.execute("DELETE FROM audit_log")
    await conn.execute(
        "INSERT INTO audit_log (action, actor_role, fields_read, purpose, created_at) "
        "SELECT 'read', 'system', '[\"phone\"]'::jsonb, '短信通知发送', now() - interval '1 minute' "
        "FROM generate_series(1, $1)", rows)
    await conn.close()
    await db.connect(settings)
    try:
        t = time.perf_counter()
        sealed = await audit_chain.seal(settings, grace=0, now=datetime.now(timezone.utc))
        seal_s = time.perf_counter() - t
        t = time.perf_counter()
        report = await audit_chain.verify(settings)
        verify_s = time.perf_counter() - t
    finally:
        await db.close()
    assert sealed == rows and report.ok, (sealed, report.problem)
    return {"rows": rows, "seal_rows_per_s": round(rows / seal_s), "verify_rows_per_s": round(rows / verify_s)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--statements", type=int, default=3000)
    p.add_argument("--rows", type=int, default=20000)
    a = p.parse_args()
    with scratch_postgres("zb_bench_audit") as url, tempfile.TemporaryDirectory() as data_dir:
        env = app_env(url, "redis://127.0.0.1:6379/0", data_dir)
        run_app_command(["migrate"], env)
        cmp_ = asyncio.run(compare(url, a.statements))
        log(f"submission statement with 3 audit rows: chained table {cmp_['chained_us']} µs, bare twin "
            f"{cmp_['bare_us']} µs (median of {a.statements} each): ratio {cmp_['ratio']}")
        seal = asyncio.run(seal_speed(url, data_dir, a.rows))
        log(f"sealer: {seal['seal_rows_per_s']} rows/s; verify: {seal['verify_rows_per_s']} rows/s ({a.rows} rows)")


if __name__ == "__main__":
    main()
