"""Working days (工作日): weekends, public holidays and adjusted working days (调休) from calendar.json.

Time limits count working days after the start day; a due date is the end of its last working day in
Asia/Shanghai, stored in UTC.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from app.services.catalog.catalog import SEED_DIR

CN = ZoneInfo("Asia/Shanghai")
END_OF_DAY = time(23, 59, 59)


@lru_cache(maxsize=1)
def _calendar() -> tuple[frozenset[date], frozenset[date]]:
    data = json.loads((SEED_DIR / "calendar.json").read_text("utf-8"))
    return (frozenset(date.fromisoformat(d) for d in data["holidays"]),
            frozenset(date.fromisoformat(d) for d in data["workdays"]))


def is_workday(d: date) -> bool:
    holidays, workdays = _calendar()
    if d in workdays:
        return True
    return d not in holidays and d.weekday() < 5


def local_date(at: datetime) -> date:
    return at.astimezone(CN).date()


def day_start(d: date) -> datetime:
    """00:00 of the Beijing day `d`, as UTC."""
    return datetime.combine(d, time(0), tzinfo=CN).astimezone(timezone.utc)


def add_working_days(start: datetime, days: int) -> datetime:
    """The end (23:59:59 Beijing time, as UTC) of the `days`-th working day after `start`'s day; 0 = that day."""
    d = local_date(start)
    counted = 0
    while counted < days:
        d += timedelta(days=1)
        if is_workday(d):
            counted += 1
    return datetime.combine(d, END_OF_DAY, tzinfo=CN).astimezone(timezone.utc)


def working_days_left(now: datetime, due: datetime) -> int:
    """Working days after today up to and including the due day (0 when due today or past)."""
    d, end, n = local_date(now), local_date(due), 0
    while d < end:
        d += timedelta(days=1)
        if is_workday(d):
            n += 1
    return n


def flag(now: datetime, due: datetime | None, warn_days: int = 1) -> str | None:
    """None, "yellow" (due within `warn_days` working days) or "red" (past due)."""
    if due is None:
        return None
    if now > due:
        return "red"
    if working_days_left(now, due) <= warn_days:
        return "yellow"
    return None


async def store_flags(queryset, now: datetime) -> int:
    """Store `flag(now, due_at)` on each row of `queryset` (open complaints, open rectifications: rows with `id`,
    `due_at` and `flag`) whose stored flag differs; returns how many changed."""
    changed = 0
    for row in await queryset.only("id", "due_at", "flag"):
        f = flag(now, row.due_at)
        if f != row.flag:
            changed += await type(row).filter(id=row.id).update(flag=f)
    return changed


_clock: Callable[[], datetime] | None = None  # set only by simulate() (the demo history's generator)


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (how every time is stored). The one clock of the case rules: the demo history
    (scripts/seed_history.py) runs the services at past moments through `simulate`."""
    return _clock() if _clock is not None else datetime.now(timezone.utc)


@contextmanager
def simulate(clock: Callable[[], datetime]):
    """Run the services at the moments `clock` gives (for generating a demo history; never in serving)."""
    global _clock
    previous, _clock = _clock, clock
    try:
        yield
    finally:
        _clock = previous


def display(at: datetime | None) -> str | None:
    """A moment as Beijing time for people: 2026-11-25 14:03."""
    return at.astimezone(CN).strftime("%Y-%m-%d %H:%M") if at else None
