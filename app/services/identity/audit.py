"""The audit log: every read of someone's personal data is written here first, and so is every decision on a
case, payment and archive operation. The sealer hash-chains the rows afterwards (audit_chain, docs/audit.md)."""
from __future__ import annotations

from app.db import insert_many
from models import AuditLog, User


async def record_read(actor: User | None, actor_role: str, subject: User | None, fields: list[str], purpose: str,
                      subject_ref: str | None = None) -> None:
    await AuditLog.create(actor=actor, actor_role=actor_role, subject=subject, fields_read=sorted(fields),
                          purpose=purpose, subject_ref=subject_ref)


ACTIONS = ("read", "decision", "payment", "archive")


async def record_action(actor_id: int | None, actor_role: str, subject_id: int | None, action: str, purpose: str,
                        subject_ref: str | None = None, details: list[str] | None = None) -> None:
    """A decision, payment or archive operation about `subject_id` (in the caller's transaction, if any)."""
    if action not in ACTIONS[1:]:
        raise ValueError(f"unknown audit action {action!r}")
    await AuditLog.create(action=action, actor_id=actor_id, actor_role=actor_role, subject_id=subject_id,
                          fields_read=sorted(details or []), purpose=purpose[:128], subject_ref=subject_ref)


def read_rows(actor: User | None, actor_role: str, subject: User | None, fields_each: list[list[str]],
              purpose: str = "", subject_ref: str | None = None) -> list[AuditLog]:
    """Several reads about one subject, one row each (unsaved: see record, or counters.next_number, which writes
    them with the number they are read for)."""
    return [AuditLog(actor=actor, actor_role=actor_role, subject=subject, fields_read=sorted(f), purpose=purpose,
                     subject_ref=subject_ref) for f in fields_each]


async def record(rows: list[AuditLog]) -> None:
    """Write read_rows' rows in one statement."""
    await insert_many(rows)


async def reads_of(subject: User, limit: int = 50) -> list[AuditLog]:
    return await AuditLog.filter(subject=subject, action="read").order_by("-id").limit(limit).prefetch_related("actor")
