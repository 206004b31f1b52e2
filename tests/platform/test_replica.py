"""A PostgreSQL primary and its streaming replica (scripts/cluster.sh): read-mostly queries served by the replica,
read-your-writes for whoever just changed something, the lag measured and bounded, and the primary when the
replica is gone. Needs the cluster: `scripts/cluster.sh up`, or ZB_TEST_REPLICA=1 to bring it up."""
from __future__ import annotations

import asyncio
import base64
import os
import secrets
import subprocess
import time
import uuid

import asyncpg
import httpx
import pytest
import redis as sync_redis
from asgi_lifespan import LifespanManager
from tortoise import connections

from app import create_app
from app.config import Settings
from app.replica import measure_lag
from tests.conftest import BACKEND, REDIS, ROOT, Flow, _cli
from tests.factories import citizen

CLUSTER = ROOT / "scripts" / "cluster.sh"
ENV_FILE = os.path.join(os.environ.get("ZB_CLUSTER_DIR", "/tmp/zb-cluster"), "env")
pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="the replica is PostgreSQL's: runs with the "
                                                               "PostgreSQL backend (ZB_TEST_BACKEND=postgres)")


def _cluster_env() -> tuple[dict[str, str], bool]:
    """The cluster's URLs, and whether this run started it (and so stops it)."""
    started = False
    if not os.path.exists(ENV_FILE):
        # Not brought up by CI for now: in the full run this module's second app (the replica-routed one) does not
        # finish its ASGI start after the session's app has run (KeyError '_run_response_middleware' in Sanic's
        # ASGI path); run alone it passes. Until it runs in a server process of its own, it runs on request.
        if os.environ.get("ZB_TEST_REPLICA") != "1":
            pytest.skip("no local PostgreSQL replica: run this file alone with ZB_TEST_REPLICA=1 "
                        "(it brings one up with scripts/cluster.sh)")
        subprocess.run([str(CLUSTER), "up"], check=True, stdout=subprocess.DEVNULL)
        started = True
    return dict(line.split("=", 1) for line in open(ENV_FILE).read().split()), started


def _cluster(command: str) -> None:
    subprocess.run([str(CLUSTER), command], check=True)


@pytest.fixture(scope="module")
def replica_settings(tmp_path_factory):
    env, started = _cluster_env()
    name = f"zb_replica_{uuid.uuid4().hex[:8]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(f"{env['ZB_CLUSTER_PG_PRIMARY']}/postgres")
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    key = lambda: base64.b64encode(secrets.token_bytes(32)).decode()  # noqa: E731
    s = Settings(database_url=f"{env['ZB_CLUSTER_PG_PRIMARY']}/{name}", redis_url=REDIS, sandbox=True,
                 database_replica_url=f"{env['ZB_CLUSTER_PG_REPLICA']}/{name}", replica_max_lag_s=60,
                 replica_retry_s=1, data_key=key(), secret_key=key(), receipt_key=key(), audit_key=key(),
                 auth_rate_limit=100000, run_jobs=False, public_base_url="http://testserver",
                 data_dir=str(tmp_path_factory.mktemp("replica")))
    _cli(s, "migrate")
    _cli(s, "seed")
    yield s
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    if started:
        _cluster("down")


@pytest.fixture(scope="module")
async def rapp(replica_settings):
    app = create_app(replica_settings, name=f"zbreplica{uuid.uuid4().hex[:6]}")
    app.ctx.provider_transport = httpx.ASGITransport(app=app)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=30):
        yield app


@pytest.fixture(scope="module")
async def rclient(rapp):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=rapp), base_url="http://testserver",
                                 timeout=30) as c:
        yield c


async def _caught_up(timeout: float = 10.0) -> float:
    """Waits until the replica has replayed everything the primary wrote; returns how long that took (s)."""
    t0 = time.perf_counter()
    while True:
        seconds, behind = await measure_lag(connections.get("default"), connections.get("replica"))
        if behind == 0:
            return time.perf_counter() - t0
        assert time.perf_counter() - t0 < timeout, f"the replica is {behind} bytes, {seconds:.1f} s behind"
        await asyncio.sleep(0.01)


async def _mine(client, who) -> list[str]:
    r = await client.get("/api/v1/applications/", headers=who["headers"])
    assert r.status_code == 200, r.text
    return [c["acceptance_no"] for c in r.json()["items"]]


async def test_reads_go_to_the_replica_and_a_citizen_reads_their_own_writes(rapp, rclient):
    reads, flow = rapp.ctx.reads, Flow(rclient)
    replica = connections.get("replica")
    assert (await replica.execute_query_dict("SELECT pg_is_in_recovery() AS r"))[0]["r"] is True
    who = await citizen(rclient)
    first = (await flow.apply(who, "GJJ005")).json()["acceptance_no"]
    # just written: the citizen's own list comes from the primary, with the new case
    before = dict(reads.served)
    assert await _mine(rclient, who) == [first]
    assert reads.served["primary"] == before["primary"] + 1 and reads.served["replica"] == before["replica"]
    print(f"\nreplica caught up {1000 * await _caught_up():.1f} ms after the submission")

    # The replica stops replaying: what it serves is what it had. After the sticky window (its key dropped here
    # instead of waited for), the citizen's list comes from the replica: the case submitted meanwhile is not there.
    await replica.execute_query("SELECT pg_wal_replay_pause()")
    try:
        second = (await flow.apply(who, "GJJ005")).json()["acceptance_no"]
        assert await _mine(rclient, who) == [second, first]  # read-your-writes: the primary
        sync_redis.Redis.from_url(REDIS).delete(f"zb:ryw:u{who['user']['id']}")
        reads._lag_at = 0  # measure now
        before = dict(reads.served)
        assert await _mine(rclient, who) == [first]  # the replica, behind
        assert reads.served["replica"] == before["replica"] + 1
        # lag bounded: once it is further behind than ZB_REPLICA_MAX_LAG, reads go to the primary
        await asyncio.sleep(0.3)
        reads.max_lag, reads._lag_at = 0.1, 0
        assert await _mine(rclient, who) == [second, first]
        assert reads.lag is not None and reads.lag > 0.1
    finally:
        reads.max_lag = 60
        await replica.execute_query("SELECT pg_wal_replay_resume()")
    await _caught_up()
    reads._lag_at = 0
    before = dict(reads.served)
    assert await _mine(rclient, who) == [second, first]
    assert reads.served["replica"] == before["replica"] + 1


async def test_a_stopped_replica_falls_back_to_the_primary(rapp, rclient):
    reads, flow = rapp.ctx.reads, Flow(rclient)
    who = await citizen(rclient)
    no = (await flow.apply(who, "GJJ005")).json()["acceptance_no"]
    await _caught_up()
    sync_redis.Redis.from_url(REDIS).delete(f"zb:ryw:u{who['user']['id']}")
    await asyncio.to_thread(_cluster, "stop-replica")
    try:
        before = dict(reads.served)
        t0 = time.perf_counter()
        assert await _mine(rclient, who) == [no]  # served, from the primary
        fallback_ms = 1000 * (time.perf_counter() - t0)
        assert reads.served["fallback"] + reads.served["primary"] > before["fallback"] + before["primary"]
        assert (await rclient.get("/api/v1/services/GJJ005")).status_code == 200
        print(f"\nfirst read with the replica stopped: {fallback_ms:.1f} ms (to the primary)")
    finally:
        await asyncio.to_thread(_cluster, "start-replica")
    # back: after ZB_REPLICA_RETRY, reads return to the replica by themselves
    await asyncio.sleep(1.1)
    deadline = time.monotonic() + 10
    while True:
        reads._lag_at = 0
        before = dict(reads.served)
        assert await _mine(rclient, who) == [no]
        if reads.served["replica"] > before["replica"]:
            break
        assert time.monotonic() < deadline, "reads did not return to the replica"
        await asyncio.sleep(0.5)
