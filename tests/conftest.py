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
from tests.factories import citizen, demo_citizen, staff_of, upload, window_clerk

ROOT = Path(__file__).resolve().parent.parent
BACKEND = os.environ.get("ZB_TEST_BACKEND", "embedded")
PG = os.environ.get("ZB_TEST_PG", "postgres://127.0.0.1:5432")
REDIS = os.environ.get("ZB_TEST_REDIS", "redis://127.0.0.1:6379/15")


def _env(settings: Settings) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "ZB_DATA_DIR"}}
    env.update({"ZB_DATA_DIR": settings.data_dir, "PYTHONPATH": str(ROOT)})
    if settings.database_url:
        env.update({"DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url,
                    "ZB_DATA_KEY": settings.data_key, "ZB_SECRET_KEY": settings.secret_key,
                    "ZB_RECEIPT_KEY": settings.receipt_key, "ZB_AUDIT_KEY": settings.audit_key})
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
    common = dict(data_dir=data_dir, auth_rate_limit=100000, run_jobs=False, real_ip_header="x-real-ip",
                  public_base_url="http://testserver")
    if BACKEND == "embedded":
        s = Settings(**common)
    elif BACKEND == "postgres":
        name = f"zb_test_{uuid.uuid4().hex[:10]}"
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
        sync_redis.Redis.from_url(REDIS).flushdb()
        import base64
        import secrets
        import json

        from scripts import seals as seal_material
        # Production loads its seals (电子印章) from PKCS#12 files and SM2 keys, made here as an operator would.
        departments = [(d["code"], d["name"]) for d in json.loads(seal_material.DEPARTMENTS.read_text("utf-8"))]
        seal_env = seal_material.make(Path(data_dir) / "seal-material", "test-seal-pw", departments)
        s = Settings(**common, database_url=f"{PG}/{name}", redis_url=REDIS, sandbox=True,
                     data_key=base64.b64encode(secrets.token_bytes(32)).decode(),
                     secret_key=base64.b64encode(secrets.token_bytes(32)).decode(),
                     receipt_key=base64.b64encode(secrets.token_bytes(32)).decode(),
                     audit_key=base64.b64encode(secrets.token_bytes(32)).decode(),
                     seal_ca_cert=seal_env["ZB_SEAL_CA_CERT"], seal_p12=seal_env["ZB_SEAL_P12"],
                     seal_p12_password=seal_env["ZB_SEAL_P12_PASSWORD"], sm2_keys=seal_env["ZB_SM2_KEYS"])
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


# ---------------------------------------------------------------- case flows (applications, payments)


class Flow:
    """Drives cases through HTTP the way the mini-program and staff screens do."""

    def __init__(self, client):
        self.client = client

    async def guide(self, code: str) -> dict:
        return (await self.client.get(f"/api/v1/services/{code}")).json()

    async def apply(self, who: dict, code: str, upload_all: bool = True, key: str | None = None, **extra):
        """Submit `code`; with upload_all every material is uploaded by the citizen (no shared-data lookup)."""
        g = await self.guide(code)
        mats = []
        for m in g["materials"]:
            if upload_all or (m["source"] == "citizen" and m["required"]):
                mats.append({"name": m["name"], "upload_id": await upload(self.client, who)})
        body = {"service": code, "form": {}, "materials": mats, "consent": True, **extra}
        headers = dict(who["headers"], **({"Idempotency-Key": key} if key else {}))
        return await self.client.post("/api/v1/applications", headers=headers, json=body)

    async def case(self, who: dict, no: str) -> dict:
        r = await self.client.get(f"/api/v1/applications/{no}", headers=who["headers"])
        assert r.status_code == 200, r.text
        return r.json()

    async def open_step(self, who: dict, no: str, key: str) -> dict:
        c = await self.case(who, no)
        return next(s for s in c["steps"] if s["key"] == key)

    async def decide(self, staff: dict, step_id: int, decision: str = "approve", **extra):
        return await self.client.post(f"/api/v1/staff/tasks/{step_id}/decision", headers=staff["headers"],
                                      json={"decision": decision, **extra})

    async def accept(self, owner: dict, no: str) -> dict:
        clerk = await window_clerk(self.client)
        intake = next(s for s in (await self.case(owner, no))["steps"] if not s["after"])
        r = await self.decide(clerk, intake["id"])
        assert r.status_code == 200, r.text
        return r.json()

    async def approve_all(self, owner: dict, no: str) -> dict:
        """Approve every step as it opens, by staff of its department."""
        while True:
            c = await self.case(owner, no)
            open_steps = [s for s in c["steps"] if s["status"] == "open"]
            if not open_steps:
                return c
            for s in open_steps:
                who = await window_clerk(self.client) if not s["after"] else await staff_of(self.client, s["department"]["code"])
                r = await self.decide(who, s["id"])
                assert r.status_code == 200, r.text


@pytest.fixture
def flow(client):
    return Flow(client)


@pytest.fixture
async def person(client):
    return await demo_citizen(client)


@pytest.fixture
async def stranger(client):
    return await citizen(client)
