"""Read-mostly queries on a PostgreSQL streaming replica (DATABASE_REPLICA_URL), with read-your-writes.

Tortoise gets a second connection, "replica", and a router whose db_for_read answers from a context variable:
`Reads.run(fn, *keys)` runs `fn` with its plain reads (querysets outside a transaction) on the replica, or on the
primary when
- no replica is configured (or the database is SQLite);
- one of `keys` was written within ZB_REPLICA_STICKY seconds (`Reads.wrote`): a citizen's own account after any
  change they made (`u<id>`), a case's tracking token after its change (`track:<token>`), the catalog after an
  edit (`catalog`), so whoever just changed something reads it back as changed, and a cache refilled after a
  change is never refilled from a replica that has not replayed it yet;
- the replica is further behind than ZB_REPLICA_MAX_LAG seconds (measured at most once a second per worker);
- the replica failed within ZB_REPLICA_RETRY seconds: a read that fails there (stopped, unreachable, a hot-standby
  conflict) is run again on the primary, and the replica is left alone for that long.
Writes never go to the replica (the router answers only reads; the replica would refuse them anyway).
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TypeVar

from tortoise import connections

from app.config import Settings

log = logging.getLogger("zhangban.replica")
T = TypeVar("T")
ALIAS = "replica"
_target: ContextVar[str | None] = ContextVar("zb_read_target", default=None)


class ReplicaRouter:
    """Tortoise router: reads go where the running `Reads.run` said (default: the model's own connection)."""

    def db_for_read(self, _model) -> str | None:
        return _target.get()

    def db_for_write(self, _model) -> str | None:
        return None


def _key(key: str) -> str:
    return f"zb:ryw:{key}"


async def _scalar(conn, sql: str):
    rows = await conn.execute_query_dict(sql)
    return next(iter(rows[0].values())) if rows else None


async def measure_lag(primary, replica) -> tuple[float, int]:
    """(seconds, bytes) the replica is behind: bytes of WAL written on the primary and not yet replayed, and the
    age of the last replayed transaction when there are such bytes (0 when it has replayed everything)."""
    current = await _scalar(primary, "SELECT pg_current_wal_lsn()::text")
    rows = await replica.execute_query_dict(
        "SELECT pg_wal_lsn_diff($1::text::pg_lsn, pg_last_wal_replay_lsn())::bigint AS behind, "
        "EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float AS age", [current])
    behind = max(0, int(rows[0]["behind"] or 0))
    return (float(rows[0]["age"] or 0.0) if behind else 0.0), behind


class Reads:
    """Per worker: where read-mostly queries go."""

    def __init__(self, settings: Settings, redis):
        self.enabled = bool(settings.database_replica_url) and settings.dialect == "postgres"
        self.redis = redis
        self.sticky_ms = int(settings.replica_sticky_s * 1000)
        self.max_lag, self.retry_s = settings.replica_max_lag_s, settings.replica_retry_s
        self.down_until = 0.0
        self.lag: float | None = None  # seconds, as last measured
        self._lag_at = 0.0
        self._lag_lock = asyncio.Lock()
        self.served = {"replica": 0, "primary": 0, "fallback": 0}  # what run() did, for tests and metrics

    async def wrote(self, *keys: str) -> None:
        """`keys` just changed: their reads stay on the primary for ZB_REPLICA_STICKY seconds."""
        if not self.enabled or not keys:
            return
        try:
            async with self.redis.pipeline(transaction=False) as p:
                for k in keys:
                    p.set(_key(k), "1", px=self.sticky_ms)
                await p.execute()
        except Exception:  # Redis down: reads may see the replica's state (at most max_lag behind)
            log.warning("could not mark %s as just written", keys, exc_info=True)

    async def _use_replica(self, keys: tuple[str, ...]) -> bool:
        if not self.enabled or time.monotonic() < self.down_until:
            return False
        if keys:
            try:
                if await self.redis.exists(*[_key(k) for k in keys]):
                    return False
            except Exception:  # without Redis we cannot know who just wrote: the primary is always right
                return False
        return await self._fresh_enough()

    async def _fresh_enough(self) -> bool:
        if time.monotonic() - self._lag_at >= 1.0:
            async with self._lag_lock:
                if time.monotonic() - self._lag_at >= 1.0:
                    try:
                        self.lag = (await measure_lag(connections.get("default"), connections.get(ALIAS)))[0]
                    except Exception:
                        self._down("measuring its lag")
                        return False
                    finally:
                        self._lag_at = time.monotonic()
        return self.lag is not None and self.lag <= self.max_lag

    def _down(self, doing: str) -> None:
        self.down_until = time.monotonic() + self.retry_s
        log.warning("replica failed while %s: reading from the primary for %.0f s", doing, self.retry_s,
                    exc_info=True)

    async def run(self, fn: Callable[[], Awaitable[T]], *keys: str) -> T:
        """fn() with its reads on the replica when that is safe (see the module's notes), else on the primary."""
        if not await self._use_replica(keys):
            self.served["primary"] += 1
            return await fn()
        token = _target.set(ALIAS)
        try:
            result = await fn()
        except Exception as exc:
            if not _replica_problem(exc):
                raise
            self._down(f"running {getattr(fn, '__qualname__', fn)}")
            self.served["fallback"] += 1
        else:
            self.served["replica"] += 1
            return result
        finally:
            _target.reset(token)
        return await fn()


def _replica_problem(exc: BaseException) -> bool:
    """Errors of the replica itself (not of the query's meaning): worth the same query on the primary."""
    import asyncpg
    from tortoise.exceptions import DBConnectionError, OperationalError

    return isinstance(exc, (DBConnectionError, OperationalError, OSError, ConnectionError, asyncio.TimeoutError,
                            asyncpg.exceptions.InterfaceError, asyncpg.exceptions.PostgresConnectionError,
                            asyncpg.exceptions.PostgresError))
