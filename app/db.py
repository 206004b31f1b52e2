"""Tortoise configuration and aerich migrations.

aerich writes SQL for one dialect, so the migrations live in one folder per dialect
(migrations/sqlite, migrations/postgres), both generated from the same models by
`python -m scripts.makemigrations NAME`.
"""
from __future__ import annotations

from pathlib import Path

from aerich import Command
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url

from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
MODEL_MODULES = ["models", "aerich.models"]


async def _keep_session(_connection) -> None:
    """asyncpg's pool resets every connection it takes back (advisory unlocks, CLOSE ALL, UNLISTEN, RESET ALL:
    a round trip each time). We keep no session state on connections, so there is nothing to reset."""


def tortoise_config(settings: Settings) -> dict:
    url = settings.db_url
    if url.startswith("postgresql://"):
        url = "postgres://" + url[len("postgresql://"):]
    connection: str | dict = url
    if settings.dialect == "postgres":
        connection = expand_db_url(url)
        connection["credentials"]["reset"] = _keep_session
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def migrations_dir(settings: Settings) -> Path:
    return ROOT / "migrations" / settings.dialect


async def migrate(settings: Settings) -> list[str]:
    """Apply every pending migration for the configured database; returns the applied names."""
    if settings.dialect == "sqlite":
        Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    cmd = Command(tortoise_config=tortoise_config(settings), app="models", location=str(migrations_dir(settings)))
    try:
        await cmd.init()
        return await cmd.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()


async def connect(settings: Settings) -> None:
    # Handlers run in tasks other than the startup listener's: the context must be the global fallback.
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close() -> None:
    await Tortoise.close_connections()
