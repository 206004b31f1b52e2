"""The transactional outbox: services call `emit` inside the transaction that makes the change, so the event is
stored exactly when the change is (a rolled-back change leaves no event; a committed one always has its event).
Delivery is the notifications worker's business, never the emitter's."""
from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from models.outbox import OutboxEvent


def event(kind: str, aggregate: str, payload: dict[str, Any] | None = None) -> OutboxEvent:
    """An unsaved event, for a caller that writes it together with its change in one statement (db.insert_graph)."""
    if "." not in kind:
        raise ValueError(f"event kind must be '<area>.<event>', got {kind!r}")
    return OutboxEvent(kind=kind, aggregate=aggregate, payload=payload or {})


async def emit(kind: str, aggregate: str, payload: dict[str, Any] | None = None, *,
               using_db: BaseDBAsyncClient | None = None) -> OutboxEvent:
    """Record one event. Pass `using_db` (the transaction's connection) whenever the change is in a transaction."""
    row = event(kind, aggregate, payload)
    await row.save(using_db=using_db)
    return row
