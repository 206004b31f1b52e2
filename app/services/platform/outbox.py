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


async def prune(retention_days: int, batch: int = 1000, now=None) -> dict:
    """Delete what the outbox no longer needs, `batch` rows per statement: deliveries that reached a final state
    (sent, skipped, failed) created more than `retention_days` ago, then events dispatched that long ago with no
    delivery left. Pending deliveries and dead letters (an admin may retry them) stay, and so do their events;
    an undispatched event always stays. Nothing else reads old events (due flags live on the steps)."""
    from datetime import timedelta

    from app.services.platform import workdays
    from models.notifications import Delivery, DeliveryStatus

    cutoff = (now or workdays.utcnow()) - timedelta(days=retention_days)
    done = {"deliveries": 0, "events": 0}
    final = [DeliveryStatus.SENT, DeliveryStatus.SKIPPED, DeliveryStatus.FAILED]
    while ids := await Delivery.filter(status__in=final, created_at__lt=cutoff).order_by("id").limit(
            batch).values_list("id", flat=True):
        done["deliveries"] += await Delivery.filter(id__in=ids).delete()
    after = 0
    while ids := await OutboxEvent.filter(dispatched_at__lt=cutoff, id__gt=after).order_by("id").limit(
            batch).values_list("id", flat=True):
        after = ids[-1]
        kept = set(await Delivery.filter(event_id__in=ids).values_list("event_id", flat=True))
        gone = [i for i in ids if i not in kept]
        if gone:
            done["events"] += await OutboxEvent.filter(id__in=gone).delete()
    return done
