"""No-shows and suspension, reminders (each at most once), the reconciler, the daily release."""
from datetime import timedelta

from app.services.platform.workdays import utcnow
from app.tasks import appointments as jobs
from models import Appointment, BookingSuspension, NoShow, OutboxEvent, Slot
from tests.appointments._helpers import book, free_slot, move_start
from tests.factories import citizen

SERVICES = ["GA0001", "GA0003", "CRJ001", "CRJ002", "BDC001", "GJJ001"]


async def _events(kind: str, appointment_id: int) -> list[OutboxEvent]:
    return await OutboxEvent.filter(kind=kind, aggregate=f"appointment:{appointment_id}").order_by("id")


async def test_no_show_after_grace_and_suspension_after_three(client, app, settings):
    who = await citizen(client)
    ids = []
    for code in SERVICES[:settings.appt_no_show_limit]:
        a = (await book(client, who, await free_slot(client, service=code))).json()
        ids.append(a["id"])
    # the first one: its slot started 14 minutes ago (still within the grace), then 16
    await move_start(ids[0], -timedelta(minutes=settings.appt_grace_minutes - 1))
    await jobs.mark_no_shows({"app": app.ctx})
    assert (await Appointment.get(id=ids[0])).status == "booked"
    for i in ids:
        await move_start(i, -timedelta(minutes=settings.appt_grace_minutes + 1))
    counts = await jobs.mark_no_shows({"app": app.ctx})
    assert counts["no_shows"] >= settings.appt_no_show_limit and counts["suspended"] >= 1
    assert {a.status for a in await Appointment.filter(id__in=ids)} == {"no_show"}
    assert await NoShow.filter(user_id=who["user"]["id"]).count() == settings.appt_no_show_limit
    ev = (await _events("appointment.no_show", ids[0]))[0]
    assert ev.payload["appointment_id"] == ids[0] and ev.payload["user_id"] == who["user"]["id"]
    until = (await BookingSuspension.get(user_id=who["user"]["id"])).until
    assert timedelta(days=settings.appt_suspend_days - 1) < until - utcnow() <= timedelta(days=settings.appt_suspend_days)

    r = await book(client, who, await free_slot(client, service="GJJ005"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "booking_suspended"
    assert "爽约" in r.json()["error"]["message"] and f"{until.astimezone(jobs.halls.CN):%Y年%m月%d日}" in r.json()[
        "error"]["message"]
    await app.ctx.redis.flushdb()  # the database still says no
    r = await book(client, who, await free_slot(client, service="GJJ005"))
    assert r.status_code == 403 and r.json()["error"]["code"] == "booking_suspended"
    assert await jobs.mark_no_shows({"app": app.ctx}) == {"no_shows": 0, "suspended": 0}  # nothing twice


async def test_two_no_shows_do_not_suspend(client, app, settings):
    who = await citizen(client)
    for code in SERVICES[:settings.appt_no_show_limit - 1]:
        a = (await book(client, who, await free_slot(client, service=code))).json()
        await move_start(a["id"], -timedelta(minutes=settings.appt_grace_minutes + 1))
    await jobs.mark_no_shows({"app": app.ctx})
    assert not await BookingSuspension.exists(user_id=who["user"]["id"])
    assert (await book(client, who, await free_slot(client, service="GJJ005"))).status_code == 201


async def test_reminders_day_before_and_hour_before_once_each(client, app):
    who = await citizen(client)
    a = (await book(client, who, await free_slot(client, last_day=True))).json()  # booked days ahead
    await move_start(a["id"], timedelta(hours=30))
    await jobs.remind({"app": app.ctx})
    assert await _events("appointment.reminder_due", a["id"]) == []
    await move_start(a["id"], timedelta(hours=20))
    await jobs.remind({"app": app.ctx})
    await jobs.remind({"app": app.ctx})
    evs = await _events("appointment.reminder_due", a["id"])
    assert [e.payload["when"] for e in evs] == ["day_before"]
    assert evs[0].payload["code"] == a["code"] and evs[0].payload["service_code"] == "GA0002"
    await move_start(a["id"], timedelta(minutes=50))
    await jobs.remind({"app": app.ctx})
    await jobs.remind({"app": app.ctx})
    assert [e.payload["when"] for e in await _events("appointment.reminder_due", a["id"])] == ["day_before",
                                                                                               "hour_before"]


async def test_no_reminder_for_a_cancelled_appointment(client, app):
    who = await citizen(client)
    a = (await book(client, who, await free_slot(client))).json()
    assert (await client.delete(f"/api/v1/appointments/{a['id']}", headers=who["headers"])).status_code == 200
    await move_start(a["id"], timedelta(minutes=50))
    await jobs.remind({"app": app.ctx})
    assert await _events("appointment.reminder_due", a["id"]) == []


async def test_reconciler_sets_counters_from_the_database(client, app):
    from app.services.halls.appointments import slot_key

    s = await free_slot(client, capacity=2)
    assert (await book(client, await citizen(client), s)).status_code == 201
    await app.ctx.redis.set(slot_key(s["slot"]), 2)  # drifted high: would refuse the last place
    assert await jobs.reconcile({"app": app.ctx}) > 0
    assert int(await app.ctx.redis.get(slot_key(s["slot"]))) == 1
    assert (await book(client, await citizen(client), s)).status_code == 201
    assert (await Slot.get(id=s["slot"])).booked == 2


async def test_release_job_is_idempotent(app):
    await jobs.release_slots({"app": app.ctx})
    n = await Slot.all().count()
    assert await jobs.release_slots({"app": app.ctx}) == 0
    assert await Slot.all().count() == n
