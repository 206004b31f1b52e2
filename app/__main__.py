"""`python -m app [serve|migrate|seed|worker|audit|keys|dashboard-rebuild|seed-history]`.

serve (the default): the embedded mode (no DATABASE_URL, no REDIS_URL) applies migrations, seeds demo data
and serves in one process; production mode serves with WORKERS (or --workers) Sanic workers.
worker: the background job worker (production mode; the embedded app process runs its own).
keys: print a fresh set of production secrets in .env form (see docs/production.md).
With the sandbox off, serve and worker refuse to start while a secret is missing or still the sandbox's.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
from functools import partial
from pathlib import Path

from app.config import Settings, load_settings


async def _migrate(settings: Settings) -> None:
    from app import db

    applied = await db.migrate(settings)
    print(f"migrations applied: {', '.join(applied) if applied else 'none pending'}")


async def _seed(settings: Settings) -> None:
    from app import db
    from app.services.catalog import seed

    await db.connect(settings)
    try:
        print("seeded:", await seed.seed())
    finally:
        await db.close()


def _metrics_dir(settings: Settings) -> None:
    """Workers share metrics through files (prometheus_client multiprocess mode), and so does the main process
    (app.watchdog counts worker restarts there)."""
    path = Path(settings.data_dir).resolve() / "prometheus"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(path)


def serve(settings: Settings) -> None:
    from sanic import Sanic
    from sanic.worker.loader import AppLoader

    from app import create_app, server

    if settings.embedded:
        asyncio.run(_migrate(settings))
        if settings.seed_on_start_on:
            asyncio.run(_seed(settings))
    else:  # worker processes and the main process (worker restarts) share metrics through files
        _metrics_dir(settings)
    loader = AppLoader(factory=partial(create_app, settings, name="zhangban"))
    app = loader.load()
    if not settings.embedded:  # Sanic's manager does not replace a worker that dies: the watchdog does
        from app import watchdog

        app.main_process_ready(watchdog.watch)
        app.main_process_stop(watchdog.unwatch)
    single = settings.embedded or settings.workers <= 1
    app.prepare(host=settings.host, port=settings.port, workers=1 if single else settings.workers,
                single_process=settings.embedded, access_log=False, motd=True, protocol=server.Protocol)
    if settings.embedded:
        Sanic.serve_single(primary=app)
    else:
        Sanic.serve(primary=app, app_loader=loader)


async def _audit(settings: Settings, action: str, grace: float) -> int:
    """`audit seal|checkpoint|verify`: the audit chain (docs/audit.md); verify exits 1 when it finds tampering."""
    from app import db
    from app.services.identity import audit_chain

    await db.connect(settings)
    try:
        if action == "seal":
            sealed = await audit_chain.seal(settings, grace=grace)
            days = await audit_chain.checkpoint_days(settings)
            print(f"audit rows sealed: {sealed}; daily checkpoints signed: {', '.join(days) or 'none due'}")
            return 0
        if action == "checkpoint":
            cp = await audit_chain.checkpoint_now(settings)
            print(f"checkpoint {cp.label}: seq {cp.seq}, head {cp.row_hash}" if cp else "nothing sealed yet")
            return 0
        report = await audit_chain.verify(settings)
        if report.ok:
            print(f"audit chain verified: {report.rows} rows (seq 1..{report.head_seq}), {report.checkpoints} "
                  f"checkpoints, {report.unsealed} rows not sealed yet")
            return 0
        print(f"AUDIT CHAIN BROKEN: {report.problem}")
        for more in report.more[:20]:
            print(f"  also: {more}")
        return 1
    finally:
        await db.close()


async def _dashboard_rebuild(settings: Settings, days: int) -> None:
    """`dashboard-rebuild --days N`: the 效能监管 daily facts of the last N days, rebuilt from the cases."""
    from app import db
    from app.services.supervision import dashboard

    await db.connect(settings)
    try:
        done = await dashboard.refresh_recent(days)
        print(f"dashboard facts rebuilt: {len(done)} days, {sum(done.values())} rows")
    finally:
        await db.close()


def _seed_history(settings: Settings, months: int, per_day: int, seed: int) -> None:
    from scripts import seed_history

    print("history:", asyncio.run(seed_history.main(settings, months, per_day, seed)))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m app", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", default="serve",
                   choices=["serve", "migrate", "seed", "worker", "audit", "keys", "dashboard-rebuild",
                            "seed-history"])
    p.add_argument("action", nargs="?", choices=["seal", "checkpoint", "verify"],
                   help="audit: seal (chain new rows), checkpoint (sign the head now), verify (walk the chain)")
    p.add_argument("--grace", type=float, default=10.0, help="audit seal: seconds a row must be old to be sealed")
    p.add_argument("--months", type=int, default=3, help="seed-history: months of demo cases up to today")
    p.add_argument("--per-day", type=int, default=12, help="seed-history: about this many cases a working day")
    p.add_argument("--seed", type=int, default=2026, help="seed-history: the random seed (same seed, same cases)")
    p.add_argument("--days", type=int, default=3, help="dashboard-rebuild: how many days back from today")
    p.add_argument("--workers", type=int, help="Sanic workers (production mode); default WORKERS or 1")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    a = p.parse_args(argv)
    if a.command == "keys":
        from app.keys import env_block

        print(env_block(), end="")
        return
    overrides = {k: v for k, v in {"workers": a.workers, "host": a.host, "port": a.port}.items() if v}
    settings = load_settings(**overrides)
    if settings.embedded and settings.workers > 1:
        p.error(f"{settings.workers} workers need a database and a Redis they can share: set DATABASE_URL "
                "(postgres://…) and REDIS_URL (redis://…), the production mode (README, Production). Without them "
                "the embedded mode runs one process (SQLite file, in-process Redis)")
    if a.command in ("serve", "worker"):  # once, here in the main process, before any worker starts
        from app.keys import refuse_to_start

        refuse_to_start(settings)
    if a.command == "migrate":
        asyncio.run(_migrate(settings))
    elif a.command == "seed":
        asyncio.run(_seed(settings))
    elif a.command == "audit":
        if not a.action:
            p.error("audit needs an action: seal, checkpoint or verify")
        raise SystemExit(asyncio.run(_audit(settings, a.action, a.grace)))
    elif a.command == "seed-history":
        if not (1 <= a.months <= 24 and 1 <= a.per_day <= 200):
            p.error("--months: 1 to 24; --per-day: 1 to 200")
        _seed_history(settings, a.months, a.per_day, a.seed)
    elif a.command == "dashboard-rebuild":
        if not 1 <= a.days <= 4000:
            p.error("--days: 1 to 4000")
        asyncio.run(_dashboard_rebuild(settings, a.days))
    elif a.command == "worker":
        if settings.embedded:
            p.error("the embedded mode (no DATABASE_URL / REDIS_URL) runs the job worker inside the app process "
                    "(`python -m app`): a separate worker could not reach its in-process Redis")
        import logging

        from app.worker import run_worker

        logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        asyncio.run(run_worker(settings))
    else:
        serve(settings)


if __name__ == "__main__":
    main()
