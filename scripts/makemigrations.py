"""Generate the next aerich migration for both dialects from the current models.

    python -m scripts.makemigrations NAME [--pg postgres://127.0.0.1:5432/postgres]
    python -m scripts.makemigrations --check [--only sqlite|postgres]   # exit 1 if a model change lacks a migration

Each dialect's folder is brought up to date on a scratch database first (a temporary SQLite file;
a temporary PostgreSQL database), then aerich diffs the models against it.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg
from aerich import Command
from tortoise import Tortoise

from app.config import Settings
from app.db import migrations_dir, tortoise_config


def _command(settings: Settings, location: Path) -> Command:
    return Command(tortoise_config=tortoise_config(settings), app="models", location=str(location))


async def _upgrade(settings: Settings, location: Path) -> bool:
    """Bring the scratch database up to the committed migrations; False when there are none yet."""
    folder = location / "models"
    cmd = _command(settings, location)
    try:
        await cmd.init()
        if not folder.exists() or not any(folder.glob("*.py")):
            await cmd.init_db(safe=True)
            print(f"{settings.dialect}: initial migration written")
            return False
        await cmd.upgrade(run_in_transaction=True)
        return True
    finally:
        await Tortoise.close_connections()


async def _diff(settings: Settings, name: str, location: Path) -> str:
    cmd = _command(settings, location)
    try:
        await cmd.init()  # reads the last applied version, so it must run after _upgrade
        made = await cmd.migrate(name)
        print(f"{settings.dialect}: {made or 'no changes'}")
        return made
    finally:
        await Tortoise.close_connections()


def _make(settings: Settings, name: str, check: bool = False) -> bool:
    """Write the next migration (or, with check, diff against a scratch copy); True when the models changed."""
    # A fresh asyncio.run each: Tortoise keeps its context in a context variable of the running task.
    if not check:
        return bool(asyncio.run(_upgrade(settings, migrations_dir(settings))) and
                    asyncio.run(_diff(settings, name, migrations_dir(settings))))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "migrations"
        shutil.copytree(migrations_dir(settings), copy)
        return bool(asyncio.run(_upgrade(settings, copy)) and asyncio.run(_diff(settings, "check", copy)))


def main(name: str, pg: str, only: str | None, check: bool) -> int:
    # One process per dialect: Tortoise caches each model's compiled queries for the first dialect it meets.
    if only is None:
        extra = ["--check"] if check else []
        codes = [subprocess.run([sys.executable, "-m", "scripts.makemigrations", name, "--pg", pg, "--only", d, *extra]
                                ).returncode for d in ("sqlite", "postgres")]
        return max(codes)
    if only == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            changed = _make(Settings(data_dir=tmp), name, check)
        return 1 if check and changed else 0
    scratch = f"zb_mig_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(pg, f'CREATE DATABASE "{scratch}"'))
    try:
        base = pg.rsplit("/", 1)[0]
        changed = _make(Settings(database_url=f"{base}/{scratch}", redis_url="redis://unused"), name, check)
    finally:
        asyncio.run(_admin(pg, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
    return 1 if check and changed else 0


async def _admin(pg: str, sql: str) -> None:
    conn = await asyncpg.connect(pg)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", nargs="?", default="check")
    p.add_argument("--check", action="store_true", help="only report whether the models need a new migration")
    p.add_argument("--pg", default="postgres://127.0.0.1:5432/postgres")
    p.add_argument("--only", choices=["sqlite", "postgres"])
    a = p.parse_args()
    sys.exit(main(a.name, a.pg, a.only, a.check))
