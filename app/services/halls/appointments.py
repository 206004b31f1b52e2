"""Booking a slot (精准预约): the Redis gate in front, the database as the truth.

A booking first passes a Lua script on Redis that checks, in one step, the slot's capacity, the person's
suspension, one active appointment per service per day, and at most `appt_max_active` active appointments, and
takes the place. Most attempts on a full slot end there. The database transaction then decides for real:
  - `UPDATE appointment_slots SET booked = booked + 1 WHERE id = ? AND booked < capacity` (a row lock on
    PostgreSQL, the one writer on SQLite): never more bookings than capacity, whatever Redis says;
  - the person's row is locked (PostgreSQL) while the suspension and the active count are checked;
  - `appointments.active_key` ("user:service:day", NULL once no longer active) is unique.
When the database refuses, the place taken in Redis is given back. Redis counters that are missing (a flush, a
restart) are rebuilt from the database on the spot; `reconcile` (at start and every few minutes) sets every
future slot's counter to the database's count. With `appt_gate = "db"` the gate is skipped (the baseline).
"""
from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta, timezone

from redis.exceptions import RedisError
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.redis import script
from app.services.halls import halls
from app.services.identity import identity
from app.services.platform import outbox, qr
from app.services.platform.workdays import CN, utcnow
from models import Appointment, AppointmentStatus, BookingSuspension, Hall, Slot, User

log = logging.getLogger("zhangban.appointments")
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
USER_TTL = 3600  # a person's gate entry is rebuilt from the database at least this often


class SlotFull(Conflict):
    code, message = "slot_full", "该时段已约满，请选择其他时段"


class AlreadyBooked(Conflict):
    code, message = "already_booked", "您当天已预约该事项，同一事项每天只能预约一次"


class TooManyActive(Conflict):
    code = "too_many_appointments"


class BookingSuspended(Forbidden):
    code = "booking_suspended"


class SlotClosed(Conflict):
    code, message = "slot_closed", "该时段不可预约（未开放或已开始）"


class AppointmentNotFound(NotFound):
    code, message = "appointment_not_found", "没有找到该预约"


class NotCancellable(Conflict):
    code, message = "not_cancellable", "该预约已取消或已办理，无法取消"


class TooLateToCancel(Conflict):
    code = "too_late_to_cancel"


# ---------------------------------------------------------------- the Redis gate
# A full slot is answered first (most of a rush), without the person's entry; -1 / -2: the slot's counter or the
# person's entry is missing and is rebuilt from the database; -3 suspended, -4 already booked that service that
# day, -5 too many active; 1: the place is taken.

_GATE = """
local booked = redis.call('GET', KEYS[1])
if not booked then return -1 end
if tonumber(booked) >= tonumber(ARGV[1]) then return 0 end
local s = redis.call('HGET', KEYS[2], '_s')
if s and tonumber(s) > tonumber(ARGV[4]) then return -3 end
if redis.call('EXISTS', KEYS[2]) == 0 then return -2 end
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return -4 end
local active = redis.call('HLEN', KEYS[2]) - 1
if s then active = active - 1 end
if active >= tonumber(ARGV[3]) then return -5 end
redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[5])
return 1
"""

_INIT_USER = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], '_', '1')
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
"""

_RELEASE = """
local n = redis.call('GET', KEYS[1])
if n and tonumber(n) > 0 then redis.call('DECR', KEYS[1]) end
if ARGV[1] ~= '' then redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1
"""


def slot_key(slot_id: int) -> str:
    return f"zb:ap:slot:{slot_id}"


def user_key(user_id: int) -> str:
    return f"zb:ap:user:{user_id}"


def _field(service_code: str, day) -> str:
    return f"{service_code}:{day.isoformat()}"


def _slot_ttl(end: datetime, now: datetime) -> int:
    """Seconds a slot's counter lives in Redis: until an hour after the slot ends (at least a minute)."""
    return max(60, int((end - now).total_seconds()) + 3600)


async def _rebuild_slot(ctx, slot: Slot, now: datetime) -> None:
    booked = await Slot.filter(id=slot.id).values_list("booked", flat=True)
    await ctx.redis.set(slot_key(slot.id), int(booked[0]), nx=True, ex=_slot_ttl(slot.end, now))


async def _rebuild_user(ctx, user_id: int, now: datetime) -> None:
    args: list = [USER_TTL]
    for code, day, slot_id in await Appointment.filter(user_id=user_id, status=AppointmentStatus.BOOKED).values_list(
            "service_code", "slot__day", "slot_id"):
        args += [_field(code, day), slot_id]
    until = await _suspended_until(user_id, now)
    if until:
        args += ["_s", int(until.timestamp())]
    await script(ctx, "ap_init_user", _INIT_USER)(keys=[user_key(user_id)], args=args)


async def _gate(ctx, user: User, slot: Slot, now: datetime) -> bool:
    """Take a place in Redis, or raise the rule's error. False when Redis cannot answer (the database decides)."""
    s = ctx.settings
    field = _field(slot.service_code, slot.day)
    try:
        for _ in range(4):
            res = await script(ctx, "ap_gate", _GATE)(
                keys=[slot_key(slot.id), user_key(user.id)],
                args=[slot.capacity, field, s.appt_max_active, int(now.timestamp()), slot.id])
            if res == 1:
                return True
            if res == -1:
                await _rebuild_slot(ctx, slot, now)
            elif res == -2:
                await _rebuild_user(ctx, user.id, now)
            else:
                break
    except (RedisError, OSError) as exc:
        log.warning("appointment gate unavailable, the database decides: %r", exc)
        return False
    if res == 0:
        raise SlotFull()
    if res == -3:
        raise await _suspended_error(user.id, now)
    if res == -4:
        raise AlreadyBooked()
    if res == -5:
        raise _too_many(s)
    log.warning("appointment gate kept answering %s; the database decides", res)
    return False


async def _release(ctx, user_id: int, slot_id: int, field: str = "") -> None:
    """Give back a place taken in Redis (and the person's entry); drift is fixed by `reconcile` anyway."""
    try:
        await script(ctx, "ap_release", _RELEASE)(keys=[slot_key(slot_id), user_key(user_id)], args=[field])
    except Exception:
        log.warning("could not release an appointment gate place", exc_info=True)


async def forget_user(ctx, user_id: int) -> None:
    """The person's gate entry is rebuilt from the database on their next booking."""
    try:
        await ctx.redis.delete(user_key(user_id))
    except Exception:
        log.warning("could not drop a gate entry", exc_info=True)


async def reconcile(ctx, now: datetime | None = None) -> int:
    """Set every future slot's Redis counter to the database's count (at start and by a periodic job)."""
    now = now or utcnow()
    rows = await Slot.filter(start__gt=now).values_list("id", "booked", "end")
    async with ctx.redis.pipeline(transaction=False) as pipe:
        for slot_id, booked, end in rows:
            pipe.set(slot_key(slot_id), int(booked), ex=_slot_ttl(end, now))
        await pipe.execute()
    return len(rows)


# ---------------------------------------------------------------- the rules


def _too_many(settings) -> TooManyActive:
    return TooManyActive(f"您已有{settings.appt_max_active}个未到期的预约，请办理或取消后再预约")


async def _suspended_until(user_id: int, now: datetime) -> datetime | None:
    row = await BookingSuspension.filter(user_id=user_id, until__gt=now).order_by("-until").first()
    return row.until if row else None


async def _suspended_error(user_id: int, now: datetime) -> BookingSuspended:
    until = await _suspended_until(user_id, now) or now
    return BookingSuspended(f"您多次预约未到（爽约），预约功能暂停至{until.astimezone(CN):%Y年%m月%d日}，"
                            "期间可到大厅现场取号办理")


def payload(appt: Appointment, hall_name: str) -> dict:
    """The payload of every appointment.* event."""
    return {"appointment_id": appt.id, "user_id": appt.user_id, "code": appt.code, "hall_name": hall_name,
            "service_code": appt.service_code, "service_name": appt.service_name,
            "slot_start": appt.slot_start.astimezone(timezone.utc).isoformat()}


async def book(ctx, user: User, hall_id: int, service: str, slot_id: int) -> Appointment:
    """Book a place in a slot (real-name binding required). 409 when full or against a per-person rule, 403
    while suspended for no-shows."""
    await identity.require_level(user, identity.LEVEL_CHECKED)
    s = ctx.settings
    now = utcnow()
    slot = await Slot.get_or_none(id=slot_id).select_related("hall")
    if slot is None or slot.hall_id != hall_id or slot.service_code != service:
        raise Invalid("预约时段不存在或与大厅、事项不符", field="slot")
    if not halls.is_open(s, slot, now):
        raise SlotClosed()
    gated = s.appt_gate == "redis" and await _gate(ctx, user, slot, now)
    try:
        appt = await _insert(ctx, user, slot, now)
    except BaseException:
        if gated:
            await _release(ctx, user.id, slot.id, _field(slot.service_code, slot.day))
        raise
    return appt


async def _insert(ctx, user: User, slot: Slot, now: datetime) -> Appointment:
    s = ctx.settings
    names = await halls.service_names([slot.service_code])
    try:
        async with in_transaction() as conn:
            # One booking of this person at a time (a row lock; SQLite's one writer at a time does it there).
            await User.filter(id=user.id).select_for_update().only("id").using_db(conn)
            if await BookingSuspension.filter(user_id=user.id, until__gt=now).using_db(conn).exists():
                raise await _suspended_error(user.id, now)
            active = await Appointment.filter(user_id=user.id, status=AppointmentStatus.BOOKED).using_db(conn).count()
            if active >= s.appt_max_active:
                raise _too_many(s)
            appt = await Appointment.create(
                code="".join(secrets.choice(CODE_ALPHABET) for _ in range(8)), user_id=user.id, slot_id=slot.id,
                hall_id=slot.hall_id, service_code=slot.service_code,
                service_name=names.get(slot.service_code, slot.service_code), slot_start=slot.start,
                active_key=f"{user.id}:{slot.service_code}:{slot.day.isoformat()}",
                reminded_day_before=slot.start - now < timedelta(days=1),  # too close: no day-before reminder
                reminded_hour_before=slot.start - now < timedelta(hours=1), using_db=conn)
            taken = await Slot.filter(id=slot.id, booked__lt=F("capacity")).using_db(conn).update(
                booked=F("booked") + 1)
            if not taken:
                raise SlotFull()
            await outbox.emit("appointment.booked", f"appointment:{appt.id}", payload(appt, slot.hall.name),
                              using_db=conn)
    except IntegrityError:
        raise AlreadyBooked() from None
    return appt


async def cancel(ctx, user: User, appointment_id: int) -> Appointment:
    """Cancel one's own booking until `appt_cancel_minutes` before the slot; the place goes back."""
    appt = await Appointment.get_or_none(id=appointment_id, user_id=user.id).select_related("hall", "slot")
    if appt is None:
        raise AppointmentNotFound()
    if appt.status != AppointmentStatus.BOOKED:
        raise NotCancellable()
    now = utcnow()
    limit = timedelta(minutes=ctx.settings.appt_cancel_minutes)
    if now > appt.slot_start - limit:
        raise TooLateToCancel(f"距预约时段开始已不足{ctx.settings.appt_cancel_minutes}分钟，无法取消")
    async with in_transaction() as conn:
        done = await Appointment.filter(id=appt.id, status=AppointmentStatus.BOOKED).using_db(conn).update(
            status=AppointmentStatus.CANCELLED, active_key=None, cancelled_at=now)
        if not done:
            raise NotCancellable()
        await Slot.filter(id=appt.slot_id, booked__gt=0).using_db(conn).update(booked=F("booked") - 1)
        await outbox.emit("appointment.cancelled", f"appointment:{appt.id}", payload(appt, appt.hall.name),
                          using_db=conn)
    if ctx.settings.appt_gate == "redis":
        await _release(ctx, user.id, appt.slot_id, _field(appt.service_code, appt.slot.day))
    appt.status, appt.cancelled_at, appt.active_key = AppointmentStatus.CANCELLED, now, None
    return appt


# ---------------------------------------------------------------- views


async def next_available(settings, service: str, limit: int = 3) -> list[dict]:
    """The earliest bookable slots of `service` with places left, across the halls that offer it (what the
    assistant shows as slot cards): [{"hall": {"id", "name"}, "date", "time", "remaining", "slot"}]. The released
    days' slot rows are made if missing, as the slot listing does."""
    now = utcnow()
    days = halls.bookable_days(settings, now)
    offering = [h for h in await Hall.filter(active=True).order_by("id") if service in await halls.hall_services(h)]
    if not days or not offering:
        return []
    for hall in offering:
        for day in days:
            await halls.ensure_slots(settings, hall, day)
    rows = await Slot.filter(hall_id__in=[h.id for h in offering], service_code=service, day__in=days, start__gt=now,
                             booked__lt=F("capacity")).order_by("start", "hall_id").limit(limit).select_related("hall")
    return [{"hall": {"id": s.hall_id, "name": s.hall.name}, "date": s.day.isoformat(), "time": halls.slot_view(s)["label"],
             "remaining": s.capacity - s.booked, "slot": s.id} for s in rows]


def check_in_qr(code: str) -> str:
    """The check-in QR (what the kiosk scans): the appointment code itself, as an SVG data URI."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(qr.render(code, "svg")).decode()


async def view(appt: Appointment, with_qr: bool = False) -> dict:
    """One appointment for its owner, with its queue ticket (and "前面还有 N 人") once checked in, and whether the
    finished window visit can be rated now ("rateable", with the rating's "rating_target")."""
    from app.services.engagement import ratings
    from app.services.halls import hall_queue

    start = appt.slot_start.astimezone(CN)
    out = {"id": appt.id, "code": appt.code, "status": appt.status.value if hasattr(appt.status, "value") else appt.status,
           "hall": {"id": appt.hall_id, "name": appt.hall.name, "address": appt.hall.address},
           "service": {"code": appt.service_code, "name": appt.service_name},
           "slot": halls.slot_view(appt.slot),
           "when": f"{start:%Y-%m-%d} {appt.slot.start.astimezone(CN):%H:%M}-{appt.slot.end.astimezone(CN):%H:%M}",
           "created_at": appt.created_at.isoformat() if appt.created_at else None,
           "ticket": await hall_queue.ticket_of(appt.id)}
    ticket = out["ticket"] or {}
    # 好差评 of the window visit: the mini-program shows the rating component when true (target "queue_ticket")
    out["rateable"] = await ratings.rateable_visit(ticket.get("id"), ticket.get("status"))
    out["rating_target"] = {"target_type": "queue_ticket", "target_id": str(ticket["id"])} if ticket else None
    if with_qr and out["status"] == AppointmentStatus.BOOKED:
        out["qr"] = check_in_qr(appt.code)
    return out


async def mine(user: User) -> list[dict]:
    rows = await Appointment.filter(user_id=user.id).order_by("-slot_start").limit(50).select_related("hall", "slot")
    return [await view(a, with_qr=True) for a in rows]


async def get_mine(user: User, appointment_id: int) -> dict:
    appt = await Appointment.get_or_none(id=appointment_id, user_id=user.id).select_related("hall", "slot")
    if appt is None:
        raise AppointmentNotFound()
    return await view(appt, with_qr=True)
