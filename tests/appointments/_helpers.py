"""Slots for appointment tests: each test takes slots nobody else used in this session, the same ones on every run
(the earliest free slot of the earliest bookable day after today), so that a failure can be run again."""
from __future__ import annotations

from datetime import timedelta

from models import Appointment, Slot
from tests.factories import hall_by_code

_used: set[int] = set()


async def free_slot(client, service: str = "GA0002", hall_code: str = "nanhu", capacity: int | None = None,
                    date: str | None = None, last_day: bool = False) -> dict:
    """A future slot nobody booked yet (optionally with its capacity set): {"hall", "service", "slot", "date"}."""
    hall = await hall_by_code(client, hall_code)
    r = await client.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": service})
    assert r.status_code == 200, r.text
    dates = r.json()["dates"]
    if last_day:
        date = dates[-1]
    for day in ([date] if date else dates[1:] or dates):
        r = await client.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": service, "date": day})
        assert r.status_code == 200, r.text
        free = [s for s in r.json()["slots"] if s["id"] not in _used and s["remaining"] == s["capacity"]]
        if free:
            slot = free[0]
            _used.add(slot["id"])
            if capacity is not None:
                await Slot.filter(id=slot["id"]).update(capacity=capacity)
                slot["capacity"] = slot["remaining"] = capacity
            return {"hall": hall["id"], "service": service, "slot": slot["id"], "date": day, "info": slot}
    raise AssertionError("no free slot left")


async def book(client, who: dict, s: dict):
    return await client.post("/api/v1/appointments", headers=who["headers"],
                             json={"hall": s["hall"], "service": s["service"], "slot": s["slot"]})


async def move_start(appointment_id: int, delta: timedelta, now=None) -> None:
    """Move an appointment's slot start to now + delta (as if time had passed)."""
    from app.services.platform.workdays import utcnow

    await Appointment.filter(id=appointment_id).update(slot_start=(now or utcnow()) + delta)
