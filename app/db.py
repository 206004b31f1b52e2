"""Tortoise configuration and aerich migrations.

aerich writes SQL for one dialect, so the migrations live in one folder per dialect
(migrations/sqlite, migrations/postgres), both generated from the same models by
`python -m scripts.makemigrations NAME`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from aerich import Command
from tortoise import Tortoise, connections
from tortoise.models import Model
from tortoise.transactions import in_transaction
from tortoise.backends.base.config_generator import expand_db_url

from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
MODEL_MODULES = ["models", "aerich.models"]


async def _keep_session(_connection) -> None:
    """asyncpg's pool resets every connection it takes back (advisory unlocks, CLOSE ALL, UNLISTEN, RESET ALL:
    a round trip each time). We keep no session state on connections, so there is nothing to reset."""


def _connection(url: str, dialect: str) -> str | dict:
    if url.startswith("postgresql://"):
        url = "postgres://" + url[len("postgresql://"):]
    if dialect != "postgres":
        return url
    connection = expand_db_url(url)
    connection["credentials"]["reset"] = _keep_session
    return connection


def tortoise_config(settings: Settings, replica: bool = False) -> dict:
    """The app's Tortoise configuration; with `replica` (serving, not migrating) and DATABASE_REPLICA_URL set on
    PostgreSQL, a second connection "replica" and the router that sends app.replica.Reads' reads there."""
    config = {
        "connections": {"default": _connection(settings.db_url, settings.dialect)},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }
    if replica and settings.database_replica_url and settings.dialect == "postgres":
        config["connections"]["replica"] = _connection(settings.database_replica_url, "postgres")
        config["routers"] = ["app.replica.ReplicaRouter"]
    return config


def migrations_dir(settings: Settings) -> Path:
    return ROOT / "migrations" / settings.dialect


def sqlite_file(settings: Settings) -> Path | None:
    """The SQLite database file, created 0600 (it holds personal data, encrypted or not), or None on PostgreSQL."""
    if settings.dialect != "sqlite":
        return None
    name = settings.db_url.split("://", 1)[1].split("?", 1)[0]
    if not name or name == ":memory:":
        return None
    from app.security import private_file

    path = Path(name)
    private_file(path)
    return path


async def migrate(settings: Settings) -> list[str]:
    """Apply every pending migration for the configured database; returns the applied names."""
    sqlite_file(settings)
    cmd = Command(tortoise_config=tortoise_config(settings), app="models", location=str(migrations_dir(settings)))
    try:
        await cmd.init()
        return await cmd.upgrade(run_in_transaction=True)
    finally:
        await Tortoise.close_connections()


async def connect(settings: Settings) -> None:
    sqlite_file(settings)
    # Handlers run in tasks other than the startup listener's: the context must be the global fallback.
    await Tortoise.init(config=tortoise_config(settings, replica=True), _enable_global_fallback=True)


async def close() -> None:
    await Tortoise.close_connections()


# ---------------------------------------------------------------- hot-path statements, SQL built once per model

_COMPUTED = object()  # a value the statement itself computes (see values_sql)
_INSERT_FIELDS: dict[type[Model], list[tuple[str, str, Any]]] = {}
_GET_SQL: dict[tuple[type[Model], str | None, str], tuple[str, list[str], type[Model] | None, list[str]]] = {}


def _insert_fields(model: type[Model]) -> list[tuple[str, str, Any]]:
    """(field name, column, field) of every column an INSERT of `model` writes (generated columns left out)."""
    fields = _INSERT_FIELDS.get(model)
    if fields is None:
        meta = model._meta
        fields = _INSERT_FIELDS[model] = [(f, col, meta.fields_map[f]) for f, col in meta.fields_db_projection.items()
                                          if not meta.fields_map[f].generated]
    return fields


def _insert_row(instance: Model, computed: dict[str, str]) -> list[Any]:
    """The database values of an INSERT of `instance`, in _insert_fields order (_COMPUTED for the fields named in
    `computed`); auto_now(_add) fields are stamped on the instance, as Tortoise's own insert does."""
    return [_COMPUTED if f in computed else field.to_db_value(getattr(instance, f), instance)
            for f, _col, field in _insert_fields(type(instance))]


def values_sql(model: type[Model], rows: list[Model], params: list[Any], computed: dict[str, str] | None = None) -> str:
    """`INSERT INTO … VALUES (…), (…) RETURNING id` for rows of one model, appending their values to `params`;
    `computed` maps fields to the SQL that gives their value instead (the parent's new id, a counter's number)."""
    computed = computed or {}
    values = []
    for row in rows:
        cells = []
        for (f, _col, _field), value in zip(_insert_fields(model), _insert_row(row, computed)):
            if value is _COMPUTED:
                cells.append(computed[f])
            else:
                params.append(value)
                cells.append(f"${len(params)}")
        values.append("(" + ", ".join(cells) + ")")
    cols = ", ".join(f'"{col}"' for _f, col, _field in _insert_fields(model))
    return (f'INSERT INTO "{model._meta.db_table}" ({cols}) VALUES {", ".join(values)} '
            f'RETURNING "{model._meta.db_pk_column}" AS "id"')


async def get_by_pk(model: type[Model], pk: Any, *, related: str | None = None) -> Model | None:
    """`model.get_or_none(pk=pk)` with its `related` foreign key loaded (as select_related would), in one prepared
    statement whose SQL is built once: what a request runs on every call (the caller's user) should not pay the
    query builder each time."""
    conn = connections.get("default")
    dialect = conn.capabilities.dialect
    key = (model, related, dialect)
    if key not in _GET_SQL:
        meta = model._meta
        cols = list(meta.fields_db_projection.values())
        select, join, rel_model, rel_cols = [f't."{c}" AS "{c}"' for c in cols], "", None, []
        if related:
            rel_model = meta.fields_map[related].related_model
            rel_meta = rel_model._meta
            rel_cols = list(rel_meta.fields_db_projection.values())
            select += [f'r."{c}" AS "r__{c}"' for c in rel_cols]
            join = (f' LEFT JOIN "{rel_meta.db_table}" r ON r."{rel_meta.db_pk_column}" = '
                    f't."{meta.fields_db_projection[related + "_id"]}"')
        placeholder = "$1" if dialect == "postgres" else "?"
        _GET_SQL[key] = (f'SELECT {", ".join(select)} FROM "{meta.db_table}" t{join} '
                         f'WHERE t."{meta.db_pk_column}" = {placeholder}', cols, rel_model, rel_cols)
    sql, cols, rel_model, rel_cols = _GET_SQL[key]
    rows = await conn.execute_query_dict(sql, [pk])
    if not rows:
        return None
    row = rows[0]
    instance = model._init_from_db(**{c: row[c] for c in cols})
    if rel_model is not None:
        rel_pk = row[f"r__{rel_model._meta.db_pk_column}"]
        setattr(instance, related,
                None if rel_pk is None else rel_model._init_from_db(**{c: row[f"r__{c}"] for c in rel_cols}))
    return instance


def mark_saved(row: Model, pk: Any) -> None:
    row.pk = pk
    row._saved_in_db = True


async def insert_many(rows: list[Model]) -> None:
    """Insert rows of one model in one statement and set their ids (Tortoise's bulk_create runs executemany on
    asyncpg, which costs more than the one multi-row INSERT this sends on PostgreSQL)."""
    if not rows:
        return
    conn = connections.get("default")
    if conn.capabilities.dialect != "postgres":
        async with in_transaction() as tx:
            for row in rows:
                await row.save(using_db=tx)
        return
    params: list[Any] = []
    sql = values_sql(type(rows[0]), rows, params)
    ids = sorted(got["id"] for got in await conn.execute_query_dict(sql, params))
    for row, pk in zip(rows, ids):  # a multi-row VALUES draws its ids from the sequence in row order
        mark_saved(row, pk)


async def insert_graph(parent: Model, children: list[tuple[Model, str | None]]) -> None:
    """Insert `parent` and its `children` atomically and set every id. Each child comes with the attribute that
    refers to the parent ("application_id"), or None for a row that does not (an outbox event).

    On PostgreSQL this is one statement (data-modifying CTEs, children's link = the parent's RETURNING id): one round
    trip, no BEGIN/COMMIT. Elsewhere: one transaction, row by row. A unique violation is an IntegrityError either way."""
    conn = connections.get("default")
    if conn.capabilities.dialect != "postgres":
        async with in_transaction() as tx:
            await parent.save(using_db=tx)
            for child, link in children:
                if link:
                    setattr(child, link, parent.pk)
                await child.save(using_db=tx)
        return
    params: list[Any] = []
    groups: dict[tuple[type[Model], str | None], list[Model]] = {}
    for child, link in children:
        groups.setdefault((type(child), link), []).append(child)
    ctes = [f"p AS ({values_sql(type(parent), [parent], params)})"]
    parent_id = '(SELECT "id" FROM p)'
    ctes += [f"c{i} AS ({values_sql(model, rows, params, {link: parent_id} if link else None)})"
             for i, ((model, link), rows) in enumerate(groups.items())]
    select = ", ".join(['(SELECT "id" FROM p) AS p'] +
                       [f'ARRAY(SELECT "id" FROM c{i} ORDER BY "id") AS c{i}' for i in range(len(groups))])
    row = (await conn.execute_query_dict(f"WITH {', '.join(ctes)} SELECT {select}", params))[0]
    mark_saved(parent, row["p"])
    for i, ((_model, link), rows) in enumerate(groups.items()):
        for child, pk in zip(rows, row[f"c{i}"]):  # a multi-row VALUES takes its ids in row order
            mark_saved(child, pk)
            if link:
                setattr(child, link, parent.pk)
