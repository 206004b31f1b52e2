"""Atomic named counters (the daily acceptance-number sequence): one upsert statement, one round trip."""
from __future__ import annotations

from tortoise import connections

_SQL = ('INSERT INTO "counters" ("key", "value") VALUES ({p}, 1) ON CONFLICT ("key") '
        'DO UPDATE SET "value" = "counters"."value" + 1 RETURNING "value"')


async def next_value(key: str) -> int:
    """Increment counter `key` (created at 1) and return its new value, atomically on SQLite and PostgreSQL."""
    conn = connections.get("default")
    placeholder = "$1" if conn.capabilities.dialect == "postgres" else "?"
    rows = await conn.execute_query_dict(_SQL.format(p=placeholder), [key])
    return int(rows[0]["value"])
