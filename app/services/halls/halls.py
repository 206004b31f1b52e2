"""Service halls, their windows and the bookable slots (精准预约 time slots).

Slots are made from a hall's opening hours on working days (the holiday calendar, with 调休), one row per
service and start time; a slot's capacity is the number of active windows handling the service times
`appt_per_window`. Booking opens on a rolling window: `appt_days` days ahead, the next day released at
`appt_release_hour` (Beijing time) each day. Slot rows are made when a day is first asked for (and by the daily
release job), idempotently.
"""
from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone

from tortoise.transactions import in_transaction

from app.config import Settings
from app.errors import Invalid, NotFound
from app.services.platform import workdays
from app.services.catalog.catalog import SEED_DIR
from app.services.platform.workdays import CN
from models import Hall, HallWindow, Service, Slot


class HallNotFound(NotFound):
    code, message = "hall_not_found", "没有找到该服务大厅"


class ServiceNotOffered(Invalid):
    code, message = "service_not_offered", "该大厅不办理此事项"


def bookable_days(settings: Settings, now: datetime) -> list[date]:
    """The working days open for booking now: today up to appt_days ahead (one fewer before the daily release)."""
    local = now.astimezone(CN)
    ahead = settings.appt_days if local.hour >= settings.appt_release_hour else settings.appt_days - 1
    return [d for d in (local.date() + timedelta(days=i) for i in range(ahead + 1)) if workdays.is_workday(d)]


def is_open(settings: Settings, slot: Slot, now: datetime) -> bool:
    """A slot can be booked when its day is released and it has not started."""
    return slot.start > now and slot.day in bookable_days(settings, now)


async def get_hall(hall_id: int) -> Hall:
    hall = await Hall.get_or_none(id=hall_id, active=True)
    if hall is None:
        raise HallNotFound()
    return hall


async def hall_services(hall: Hall) -> dict[str, int]:
    """Service code → number of active windows handling it."""
    counts: dict[str, int] = {}
    for services in await HallWindow.filter(hall_id=hall.id, active=True).values_list("services", flat=True):
        for code in services:
            counts[code] = counts.get(code, 0) + 1
    return counts


async def service_names(codes) -> dict[str, str]:
    return dict(await Service.filter(code__in=list(codes)).values_list("code", "name"))


async def list_halls() -> list[dict]:
    """Every active hall with its hours, windows and the services it handles."""
    halls = await Hall.filter(active=True).order_by("id")
    windows = await HallWindow.filter(hall_id__in=[h.id for h in halls], active=True).order_by("id")
    names = await service_names({c for w in windows for c in w.services})
    out = []
    for h in halls:
        own = [w for w in windows if w.hall_id == h.id]
        codes = sorted({c for w in own for c in w.services})
        out.append({"id": h.id, "code": h.code, "name": h.name, "address": h.address, "phone": h.phone,
                    "hours": h.hours, "slot_minutes": h.slot_minutes,
                    "windows": [{"id": w.id, "name": w.name, "services": w.services} for w in own],
                    "services": [{"code": c, "name": names.get(c, c)} for c in codes]})
    return out


def _periods(hall: Hall, day: date) -> list[tuple[datetime, datetime]]:
    step = timedelta(minutes=hall.slot_minutes)
    out = []
    for opens, closes in hall.hours:
        start = datetime.combine(day, time.fromisoformat(opens), tzinfo=CN)
        end = datetime.combine(day, time.fromisoformat(closes), tzinfo=CN)
        while start + step <= end:
            out.append((start.astimezone(timezone.utc), (start + step).astimezone(timezone.utc)))
            start += step
    return out


async def ensure_slots(settings: Settings, hall: Hall, day: date) -> int:
    """Make the slot rows of `day` at `hall` if missing (none on a non-working day); returns how many were made."""
    if not workdays.is_workday(day) or await Slot.filter(hall_id=hall.id, day=day).exists():
        return 0
    rows = [Slot(hall_id=hall.id, service_code=code, day=day, start=start, end=end,
                 capacity=windows * settings.appt_per_window)
            for code, windows in (await hall_services(hall)).items() for start, end in _periods(hall, day)]
    await Slot.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


async def release(settings: Settings, now: datetime | None = None) -> int:
    """Make the slots of every bookable day of every hall (the daily release job; idempotent)."""
    made = 0
    for hall in await Hall.filter(active=True):
        for day in bookable_days(settings, now or workdays.utcnow()):
            made += await ensure_slots(settings, hall, day)
    return made


def slot_view(slot: Slot) -> dict:
    return {"id": slot.id, "start": slot.start.astimezone(timezone.utc).isoformat(),
            "end": slot.end.astimezone(timezone.utc).isoformat(),
            "label": f"{slot.start.astimezone(CN):%H:%M}-{slot.end.astimezone(CN):%H:%M}",
            "capacity": slot.capacity, "remaining": max(0, slot.capacity - slot.booked)}


async def slots(settings: Settings, hall_id: int, service: str, day: date | None) -> dict:
    """The slots of `service` at a hall on `day` (default: the first bookable day) with their remaining places,
    read from the database (the truth, updated by every booking and cancellation as it commits)."""
    hall = await get_hall(hall_id)
    offered = await hall_services(hall)
    if service not in offered:
        raise ServiceNotOffered(field="service")
    now = workdays.utcnow()
    days = bookable_days(settings, now)
    day = day or (days[0] if days else None)
    rows: list[Slot] = []
    if day in days:
        await ensure_slots(settings, hall, day)
        rows = await Slot.filter(hall_id=hall.id, service_code=service, day=day, start__gt=now).order_by("start")
    names = await service_names([service])
    return {"hall": {"id": hall.id, "name": hall.name}, "service": {"code": service, "name": names.get(service, service)},
            "date": day.isoformat() if day else None, "dates": [d.isoformat() for d in days],
            "slots": [slot_view(s) for s in rows]}


async def seed_halls() -> int:
    """Add the demo halls (app/seed/data/halls.json) that are missing, with their windows."""
    path = SEED_DIR / "halls.json"
    if not path.exists():
        return 0
    added = 0
    for h in json.loads(path.read_text("utf-8")):
        if await Hall.exists(code=h["code"]):
            continue
        async with in_transaction() as conn:
            hall = await Hall.create(code=h["code"], name=h["name"], address=h["address"], phone=h.get("phone"),
                                     hours=h["hours"], slot_minutes=h.get("slot_minutes", 30), using_db=conn)
            for w in h["windows"]:
                await HallWindow.create(hall=hall, name=w["name"], services=w["services"], using_db=conn)
        added += 1
    return added
