"""Appointment jobs: no-shows, reminders, the daily slot release and the Redis gate reconciler."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from tortoise.transactions import in_transaction

from app.services.halls import appointments, halls
from app.services.platform import outbox
from app.services.platform.workdays import utcnow
from app.tasks import job
from models import Appointment, AppointmentStatus, BookingSuspension, NoShow

log = logging.getLogger("zhangban.tasks.appointments")
BATCH = 500


@job("appointments.mark_no_shows")
async def mark_no_shows(ctx: dict, now: datetime | None = None) -> dict:
    """Every minute: a booking not checked in `appt_grace_minutes` after its slot start is a no-show; enough
    of them within `appt_no_show_days` suspend booking for `appt_suspend_days`."""
    app = ctx["app"]
    s = app.settings
    now = now or utcnow()
    due = await Appointment.filter(status=AppointmentStatus.BOOKED,
                                   slot_start__lte=now - timedelta(minutes=s.appt_grace_minutes)).order_by(
        "slot_start").limit(BATCH).select_related("hall")
    counts = {"no_shows": 0, "suspended": 0}
    for appt in due:
        async with in_transaction() as conn:
            done = await Appointment.filter(id=appt.id, status=AppointmentStatus.BOOKED).using_db(conn).update(
                status=AppointmentStatus.NO_SHOW, active_key=None)
            if not done:  # checked in (or cancelled) meanwhile
                continue
            await NoShow.create(user_id=appt.user_id, appointment_id=appt.id, at=appt.slot_start, using_db=conn)
            await outbox.emit("appointment.no_show", f"appointment:{appt.id}",
                              appointments.payload(appt, appt.hall.name), using_db=conn)
            recent = await NoShow.filter(user_id=appt.user_id,
                                         at__gte=now - timedelta(days=s.appt_no_show_days)).using_db(conn).count()
            suspended = await BookingSuspension.filter(user_id=appt.user_id, until__gt=now).using_db(conn).exists()
            if recent >= s.appt_no_show_limit and not suspended:
                await BookingSuspension.create(user_id=appt.user_id, until=now + timedelta(days=s.appt_suspend_days),
                                               using_db=conn)
                counts["suspended"] += 1
        counts["no_shows"] += 1
        await appointments.forget_user(app, appt.user_id)  # rebuilt from the database, suspension included
    return counts


@job("appointments.remind")
async def remind(ctx: dict, now: datetime | None = None) -> dict:
    """Every 5 minutes: "appointment.reminder_due" the day before (within 24 hours) and an hour before, each at
    most once per appointment (a conditional update of its flag in the event's transaction)."""
    now = now or utcnow()
    counts = {}
    for when, flag, ahead in (("day_before", "reminded_day_before", timedelta(days=1)),
                              ("hour_before", "reminded_hour_before", timedelta(hours=1))):
        due = await Appointment.filter(status=AppointmentStatus.BOOKED, slot_start__gt=now,
                                       slot_start__lte=now + ahead, **{flag: False}).limit(BATCH).select_related("hall")
        sent = 0
        for appt in due:
            async with in_transaction() as conn:
                if not await Appointment.filter(id=appt.id, **{flag: False}).using_db(conn).update(**{flag: True}):
                    continue
                await outbox.emit("appointment.reminder_due", f"appointment:{appt.id}",
                                  {**appointments.payload(appt, appt.hall.name), "when": when}, using_db=conn)
            sent += 1
        counts[when] = sent
    return counts


@job("appointments.release_slots")
async def release_slots(ctx: dict) -> int:
    """Daily at the release hour (and every hour, idempotently): the slots of every bookable day."""
    return await halls.release(ctx["app"].settings)


@job("appointments.reconcile")
async def reconcile(ctx: dict) -> int:
    """Every 5 minutes: the Redis gate's slot counters set to the database's counts."""
    app = ctx["app"]
    if app.settings.appt_gate != "redis":
        return 0
    return await appointments.reconcile(app)
