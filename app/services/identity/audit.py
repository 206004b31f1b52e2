"""The personal-data access log: every read of someone's personal data is written here first."""
from __future__ import annotations

from app.db import insert_many
from models import AuditLog, User


async def record_read(actor: User | None, actor_role: str, subject: User | None, fields: list[str], purpose: str,
                      subject_ref: str | None = None) -> None:
    await AuditLog.create(actor=actor, actor_role=actor_role, subject=subject, fields_read=sorted(fields),
                          purpose=purpose, subject_ref=subject_ref)


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
    return await AuditLog.filter(subject=subject).order_by("-id").limit(limit).prefetch_related("actor")
