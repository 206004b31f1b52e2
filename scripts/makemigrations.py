"""Generate the next aerich migration for both dialects from the current models.

    python -m scripts.makemigrations NAME [--pg postgres://127.0.0.1:5432/postgres]

Each dialect's folder is brought up to date on a scratch database first (a temporary SQLite file;
a temporary PostgreSQL database), then aerich diffs the models against it.
"""
from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import uuid

import asyncpg
from aerich import Command
from tortoise import Tortoise

from app.config import Settings
from app.db import migrations_dir, tortoise_config


def _command(settings: Settings) -> Command:
    return Command(tortoise_config=tortoise_config(settings), app="models", location=str(migrations_dir(settings)))


async def _upgrade(settings: Settings) -> bool:
    """Bring the scratch database up to the committed migrations; False when there are none yet."""
    folder = migrations_dir(settings) / "models"
    cmd = _command(settings)
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


async def _diff(settings: Settings, name: str) -> None:
    cmd = _command(settings)
    try:
        await cmd.init()  # reads the last applied version, so it must run after _upgrade
        made = await cmd.migrate(name)
        print(f"{settings.dialect}: {made or 'no changes'}")
    finally:
        await Tortoise.close_connections()


def _make(settings: Settings, name: str) -> None:
    # A fresh asyncio.run each: Tortoise keeps its context in a context variable of the running task.
    if asyncio.run(_upgrade(settings)):
        asyncio.run(_diff(settings, name))


def main(name: str, pg: str, only: str | None) -> None:
    # One process per dialect: Tortoise caches each model's compiled queries for the first dialect it meets.
    if only is None:
        for dialect in ("sqlite", "postgres"):
            subprocess.run([sys.executable, "-m", "scripts.makemigrations", name, "--pg", pg, "--only", dialect],
                           check=True)
        return
    if only == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            _make(Settings(data_dir=tmp), name)
        return
    scratch = f"zb_mig_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(pg, f'CREATE DATABASE "{scratch}"'))
    try:
        base = pg.rsplit("/", 1)[0]
        _make(Settings(database_url=f"{base}/{scratch}", redis_url="redis://unused"), name)
    finally:
        asyncio.run(_admin(pg, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))


async def _admin(pg: str, sql: str) -> None:
    conn = await asyncpg.connect(pg)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name")
    p.add_argument("--pg", default="postgres://127.0.0.1:5432/postgres")
    p.add_argument("--only", choices=["sqlite", "postgres"])
    a = p.parse_args()
    main(a.name, a.pg, a.only)
