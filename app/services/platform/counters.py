"""Atomic named counters (the daily acceptance-number sequence, queue tickets): one upsert statement, one round trip."""
from __future__ import annotations

from typing import Sequence

from tortoise import connections
from tortoise.models import Model
from tortoise.transactions import in_transaction

from app.db import mark_saved, values_sql

_SQL = ('INSERT INTO "counters" ("key", "value") VALUES ({p}, 1) ON CONFLICT ("key") '
        'DO UPDATE SET "value" = "counters"."value" + 1 RETURNING "value"')


async def next_value(key: str) -> int:
    """Increment counter `key` (created at 1) and return its new value, atomically on SQLite and PostgreSQL."""
    conn = connections.get("default")
    placeholder = "$1" if conn.capabilities.dialect == "postgres" else "?"
    rows = await conn.execute_query_dict(_SQL.format(p=placeholder), [key])
    return int(rows[0]["value"])


def number(prefix: str, value: int, width: int) -> str:
    """`prefix` + `value` zero-padded to `width` digits (more digits when it needs them)."""
    return f"{prefix}{value:0{width}d}"


async def next_number(key: str, prefix: str, width: int, rows: Sequence[Model] = (),
                      fields: Sequence[str] = ()) -> str:
    """The next number of counter `key` as number() formats it, and `rows` (of one model) inserted with each of
    their `fields` set to that number, atomically: records that must exist, naming the number, before the number
    is used (the audit of the reads made for an acceptance number). On PostgreSQL one statement (the counter's
    upsert, then the rows in a data-modifying CTE that formats the number as number() does); elsewhere one
    transaction."""
    conn = connections.get("default")
    if not rows:
        return number(prefix, await next_value(key), width)
    if conn.capabilities.dialect != "postgres":
        async with in_transaction() as tx:
            got = await tx.execute_query_dict(_SQL.format(p="?"), [key])
            no = number(prefix, int(got[0]["value"]), width)
            for row in rows:
                for f in fields:
                    setattr(row, f, no)
                await row.save(using_db=tx)
        return no
    params: list = [key, prefix, width]
    counter = _SQL.format(p="$1").replace(
        'RETURNING "value"', "RETURNING $2::text || lpad(\"value\"::text, greatest($3::int, length(\"value\"::text)), '0') AS no")
    insert = values_sql(type(rows[0]), list(rows), params, {f: "(SELECT no FROM n)" for f in fields})
    got = (await conn.execute_query_dict(
        f'WITH n AS ({counter}), r AS ({insert}) SELECT (SELECT no FROM n) AS no, ARRAY(SELECT "id" FROM r ORDER BY "id") AS ids',
        params))[0]
    for row, pk in zip(rows, got["ids"]):  # a multi-row VALUES takes its ids in row order
        mark_saved(row, pk)
        for f in fields:
            setattr(row, f, got["no"])
    return got["no"]
