"""Boots the app once per test session on one backend, chosen by ZB_TEST_BACKEND:

- embedded (default): a SQLite file in a temporary folder and the in-process Redis;
- postgres: a fresh PostgreSQL database on ZB_TEST_PG (default 127.0.0.1:5432) and a real Redis (ZB_TEST_REDIS).

Migrations and demo data go in through the real CLI (`python -m app migrate`, `python -m app seed`); requests go
through HTTP (httpx over ASGI) into the app, and the app's provider adapters reach the sandboxes the same way.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg
import httpx
import pytest
import redis as sync_redis
from asgi_lifespan import LifespanManager

from app import create_app
from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
BACKEND = os.environ.get("ZB_TEST_BACKEND", "embedded")
PG = os.environ.get("ZB_TEST_PG", "postgres://127.0.0.1:5432")
REDIS = os.environ.get("ZB_TEST_REDIS", "redis://127.0.0.1:6379/15")


def _env(settings: Settings) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "ZB_DATA_DIR"}}
    env.update({"ZB_DATA_DIR": settings.data_dir, "PYTHONPATH": str(ROOT)})
    if settings.database_url:
        env.update({"DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url,
                    "ZB_DATA_KEY": settings.data_key, "ZB_SECRET_KEY": settings.secret_key})
    return env


def _cli(settings: Settings, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=_env(settings), check=True,
                   stdout=subprocess.DEVNULL)


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{PG}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def pytest_report_header(config):
    return f"zhangban backend: {BACKEND}"


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    data_dir = str(tmp_path_factory.mktemp("zb"))
    common = dict(data_dir=data_dir, auth_rate_limit=100000, real_ip_header="x-real-ip",
                  public_base_url="http://testserver")
    if BACKEND == "embedded":
        s = Settings(**common)
    elif BACKEND == "postgres":
        name = f"zb_test_{uuid.uuid4().hex[:10]}"
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
        sync_redis.Redis.from_url(REDIS).flushdb()
        import base64
        import secrets
        s = Settings(**common, database_url=f"{PG}/{name}", redis_url=REDIS, sandbox=True,
                     data_key=base64.b64encode(secrets.token_bytes(32)).decode(),
                     secret_key=base64.b64encode(secrets.token_bytes(32)).decode())
    else:
        raise RuntimeError(f"unknown ZB_TEST_BACKEND {BACKEND!r}")
    _cli(s, "migrate")
    _cli(s, "seed")
    yield s
    if BACKEND == "postgres":
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{s.database_url.rsplit("/", 1)[1]}" WITH (FORCE)'))


@pytest.fixture(scope="session")
async def app(settings):
    application = create_app(settings, name=f"zbtest{uuid.uuid4().hex[:6]}")
    application.ctx.provider_transport = httpx.ASGITransport(app=application)
    async with LifespanManager(application, startup_timeout=60, shutdown_timeout=30):
        yield application


@pytest.fixture(scope="session")
async def client(app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver",
                                 timeout=30) as c:
        yield c
