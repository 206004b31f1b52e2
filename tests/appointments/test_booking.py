"""Booking: real-name binding, the per-person rules, a full slot, the rush with a Redis flush, cancellation."""
import asyncio
from datetime import timedelta

from models import Appointment, AppointmentStatus, OutboxEvent, Slot
from tests.appointments._helpers import book, free_slot, move_start
from tests.factories import citizen


async def _booked(slot_id: int) -> int:
    return await Appointment.filter(slot_id=slot_id, status=AppointmentStatus.BOOKED).count()


async def test_book_gives_code_qr_and_event_and_remaining_drops(client):
    who = await citizen(client)
    s = await free_slot(client)
    r = await book(client, who, s)
    assert r.status_code == 201, r.text
    a = r.json()
    assert a["status"] == "booked" and len(a["code"]) == 8 and a["qr"].startswith("data:image/svg+xml;base64,")
    assert a["hall"]["name"] == "南湖区行政服务中心" and a["service"]["name"] == "居民身份证换领"
    r = await client.get(f"/api/v1/halls/{s['hall']}/slots", params={"service": s["service"], "date": s["date"]})
    slot = next(x for x in r.json()["slots"] if x["id"] == s["slot"])
    assert slot["remaining"] == slot["capacity"] - 1
    ev = await OutboxEvent.filter(kind="appointment.booked", aggregate=f"appointment:{a['id']}").first()
    assert ev.payload == {"appointment_id": a["id"], "user_id": who["user"]["id"], "code": a["code"],
                          "hall_name": "南湖区行政服务中心", "service_code": "GA0002", "service_name": "居民身份证换领",
                          "slot_start": a["slot"]["start"]}
    r = await client.get("/api/v1/appointments", headers=who["headers"])
    assert [x["id"] for x in r.json()["items"]] == [a["id"]]


async def test_real_name_binding_required(client):
    who = await citizen(client, bind=False)
    r = await book(client, who, await free_slot(client))
    assert r.status_code == 403 and r.json()["error"]["code"] == "identity_level_required"
    assert "实名" in r.json()["error"]["message"]


async def test_full_slot_is_409_in_chinese(client):
    s = await free_slot(client, capacity=1)
    assert (await book(client, await citizen(client), s)).status_code == 201
    r = await book(client, await citizen(client), s)
    assert r.status_code == 409 and r.json()["error"]["code"] == "slot_full"
    assert r.json()["error"]["message"] == "该时段已约满，请选择其他时段"


async def test_full_slot_is_409_with_db_locks_only(client, app):
    settings = app.ctx.settings
    app.ctx.settings = settings.with_(appt_gate="db")
    try:
        s = await free_slot(client, capacity=1)
        assert (await book(client, await citizen(client), s)).status_code == 201
        r = await book(client, await citizen(client), s)
        assert r.status_code == 409 and r.json()["error"]["code"] == "slot_full"
    finally:
        app.ctx.settings = settings


async def test_one_active_per_service_per_day(client):
    who = await citizen(client)
    s1 = await free_slot(client)
    assert (await book(client, who, s1)).status_code == 201
    s2 = await free_slot(client, date=s1["date"])  # another slot, same service, same day
    r = await book(client, who, s2)
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_booked"
    assert "每天只能预约一次" in r.json()["error"]["message"]
    other = await free_slot(client, service="GJJ005", date=s1["date"])  # another service the same day is fine
    assert (await book(client, who, other)).status_code == 201


async def test_at_most_n_active(client, settings):
    who = await citizen(client)
    services = ["GA0001", "GA0003", "CRJ001", "CRJ002", "BDC001", "GJJ001"][:settings.appt_max_active + 1]
    answers = [await book(client, who, await free_slot(client, service=c)) for c in services]
    assert [r.status_code for r in answers] == [201] * settings.appt_max_active + [409]
    assert answers[-1].json()["error"]["code"] == "too_many_appointments"
    assert f"{settings.appt_max_active}个" in answers[-1].json()["error"]["message"]


async def test_per_person_rules_hold_without_redis(client, app):
    """The database enforces the per-person rules too: Redis flushed before each attempt."""
    who = await citizen(client)
    s1 = await free_slot(client)
    await app.ctx.redis.flushdb()
    assert (await book(client, who, s1)).status_code == 201
    await app.ctx.redis.flushdb()
    r = await book(client, who, await free_slot(client, date=s1["date"]))
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_booked"


async def test_rush_with_a_redis_flush_never_exceeds_capacity(client, app):
    """40 citizens at once on 5 places, Redis flushed twice in the middle: exactly 5 bookings, no 5xx."""
    capacity = 5
    s = await free_slot(client, service="GA0001", capacity=capacity)
    people = [await citizen(client) for _ in range(40)]

    flushed = []

    async def flusher():  # flush once the first booking is in, and again at the third
        for at_least in (1, 3):
            while (await Slot.get(id=s["slot"])).booked < at_least:
                await asyncio.sleep(0.002)
            await app.ctx.redis.flushdb()
            flushed.append(at_least)

    answers, _ = await asyncio.gather(asyncio.gather(*(book(client, p, s) for p in people)), flusher())
    assert flushed == [1, 3]
    codes = [r.status_code for r in answers]
    assert sorted(codes) == [201] * capacity + [409] * (len(people) - capacity), codes
    assert await _booked(s["slot"]) == capacity
    assert (await Slot.get(id=s["slot"])).booked == capacity
    full = [r for r in answers if r.status_code == 409]
    assert {r.json()["error"]["code"] for r in full} == {"slot_full"}


async def test_cancel_returns_the_place(client):
    s = await free_slot(client, capacity=1)
    who = await citizen(client)
    a = (await book(client, who, s)).json()
    r = await client.delete(f"/api/v1/appointments/{a['id']}", headers=who["headers"])
    assert r.status_code == 200 and r.json()["status"] == "cancelled" and "qr" not in r.json()
    assert (await Slot.get(id=s["slot"])).booked == 0
    assert await OutboxEvent.exists(kind="appointment.cancelled", aggregate=f"appointment:{a['id']}")
    assert (await book(client, await citizen(client), s)).status_code == 201  # the place is back
    assert (await book(client, who, s)).status_code == 409  # full again
    r = await client.delete(f"/api/v1/appointments/{a['id']}", headers=who["headers"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_cancellable"


async def test_cancel_race_gives_back_one_place(client):
    s = await free_slot(client, capacity=2)
    who, other = await citizen(client), await citizen(client)
    a = (await book(client, who, s)).json()
    assert (await book(client, other, s)).status_code == 201
    answers = await asyncio.gather(*(client.delete(f"/api/v1/appointments/{a['id']}", headers=who["headers"])
                                     for _ in range(6)))
    assert sorted(r.status_code for r in answers) == [200] + [409] * 5
    assert (await Slot.get(id=s["slot"])).booked == 1
    assert await OutboxEvent.filter(kind="appointment.cancelled", aggregate=f"appointment:{a['id']}").count() == 1
    # the freed place is booked by one of two racing citizens, never both
    racers = await asyncio.gather(*(book(client, p, s) for p in [await citizen(client), await citizen(client)]))
    assert sorted(r.status_code for r in racers) == [201, 409]
    assert await _booked(s["slot"]) == 2


async def test_cancel_closes_before_the_slot(client, settings):
    who = await citizen(client)
    a = (await book(client, who, await free_slot(client))).json()
    await move_start(a["id"], timedelta(minutes=settings.appt_cancel_minutes - 5))
    r = await client.delete(f"/api/v1/appointments/{a['id']}", headers=who["headers"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "too_late_to_cancel"
    assert f"{settings.appt_cancel_minutes}分钟" in r.json()["error"]["message"]


async def test_someone_elses_appointment_is_404(client):
    who = await citizen(client)
    a = (await book(client, who, await free_slot(client))).json()
    other = await citizen(client)
    assert (await client.delete(f"/api/v1/appointments/{a['id']}", headers=other["headers"])).status_code == 404
    assert (await client.get(f"/api/v1/appointments/{a['id']}", headers=other["headers"])).status_code == 404


async def test_booking_errors(client):
    who = await citizen(client)
    s = await free_slot(client)
    r = await client.post("/api/v1/appointments", headers=who["headers"], json={"hall": s["hall"], "service": "GJJ005",
                                                                                "slot": s["slot"]})
    assert r.status_code == 422 and r.json()["error"]["field"] == "slot"
    r = await client.post("/api/v1/appointments", headers=who["headers"], json={"hall": s["hall"]})
    assert r.status_code == 422
    assert (await client.post("/api/v1/appointments", json={})).status_code == 401
    past = await Slot.filter(hall_id=s["hall"], service_code="GA0002").order_by("start").first()
    await Slot.filter(id=past.id).update(start=past.start - timedelta(days=30))
    r = await book(client, who, {**s, "slot": past.id})
    assert r.status_code == 409 and r.json()["error"]["code"] == "slot_closed"
