"""The hall queue (取号叫号): tickets from kiosk check-ins and walk-ins, windows calling them, the live display.

Ticket numbers are per hall per day: `A001…` for checked-in appointments, `B001…` for walk-ins.
Calling order (the documented rule): a window calls the waiting tickets of the services it handles,
appointment tickets (A) first in check-in order, then walk-ins (B) in order of arrival. Appointments are
bounded by slot capacity (the windows' own throughput), so walk-ins are served in the gaps between them.
Two windows calling at once never get the same ticket (a conditional update WAITING → CALLED).

Every change publishes the hall id on QUEUE_CHANNEL; each worker's listener pushes the new hall view to the
display WebSockets it holds (the same pattern as tracking).
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from app.errors import Conflict, Forbidden, NotFound
from app.redis import subscribe_forever
from app.services.halls import halls
from app.services.platform import counters, outbox
from app.services.platform.workdays import local_date, utcnow
from models import Hall, HallWindow, QueueTicket, TicketKind, TicketStatus, User

log = logging.getLogger("zhangban.queue")
QUEUE_CHANNEL = "zb:queue:changed"
PREFIX = {TicketKind.APPOINTMENT: "A", TicketKind.WALK_IN: "B"}
PRIORITY = {TicketKind.APPOINTMENT: 0, TicketKind.WALK_IN: 1}


class WindowNotFound(NotFound):
    code, message = "window_not_found", "没有找到该窗口"


class TicketNotFound(NotFound):
    code, message = "ticket_not_found", "没有找到该号码"


class NoneWaiting(Conflict):
    code, message = "queue_empty", "当前没有等候的号码"


class TicketState(Conflict):
    code, message = "ticket_state", "该号码当前状态不能进行此操作"


class NotWindowStaff(Forbidden):
    code, message = "not_window_staff", "只有窗口工作人员可以叫号"


def require_window_staff(user: User) -> None:
    if user.role != "admin" and "window" not in (user.staff_roles or []):
        raise NotWindowStaff()


async def number_for(hall: Hall, kind: TicketKind) -> tuple:
    """Today's (Beijing) date and the next ticket number of `kind` at the hall, from an atomic counter. Taken
    before the caller's transaction: a rolled-back ticket leaves a gap in the numbers, never a duplicate."""
    day = local_date(utcnow())
    prefix = PREFIX[kind]
    seq = await counters.next_value(f"ticket:{hall.id}:{day.isoformat()}:{prefix}")
    return day, counters.number(prefix, seq, 3)


async def ahead_of(ticket: QueueTicket) -> int:
    """Waiting tickets of the same service at the same hall that will be called before this one."""
    if ticket.status != TicketStatus.WAITING:
        return 0
    return await QueueTicket.filter(
        Q(priority__lt=ticket.priority) | Q(priority=ticket.priority, id__lt=ticket.id),
        hall_id=ticket.hall_id, day=ticket.day, service_code=ticket.service_code,
        status=TicketStatus.WAITING).count()


async def ticket_view(ticket: QueueTicket) -> dict:
    window = await HallWindow.get_or_none(id=ticket.window_id) if ticket.window_id else None
    ahead = await ahead_of(ticket)
    return {"id": ticket.id, "number": ticket.number, "kind": ticket.kind.value, "status": ticket.status.value,
            "service": {"code": ticket.service_code, "name": ticket.service_name},
            "hall_id": ticket.hall_id, "day": ticket.day.isoformat(), "ahead": ahead,
            "ahead_text": f"前面还有 {ahead} 人" if ticket.status == TicketStatus.WAITING else None,
            "window": window.name if window else None,
            "created_at": ticket.created_at.isoformat() if ticket.created_at else None}


async def ticket_of(appointment_id: int) -> dict | None:
    ticket = await QueueTicket.get_or_none(appointment_id=appointment_id)
    return await ticket_view(ticket) if ticket else None


async def walk_in(ctx, hall: Hall, service_code: str) -> QueueTicket:
    """A walk-in ticket for a service the hall handles."""
    if service_code not in await halls.hall_services(hall):
        raise halls.ServiceNotOffered(field="service")
    name = (await halls.service_names([service_code])).get(service_code, service_code)
    day, number = await number_for(hall, TicketKind.WALK_IN)
    ticket = await QueueTicket.create(hall_id=hall.id, day=day, number=number, kind=TicketKind.WALK_IN,
                                      priority=PRIORITY[TicketKind.WALK_IN], service_code=service_code,
                                      service_name=name)
    await changed(ctx, hall.id)
    return ticket


def _called_payload(ticket: QueueTicket, hall_name: str, window_name: str) -> dict:
    return {"ticket_id": ticket.id, "ticket_no": ticket.number, "user_id": ticket.user_id, "hall_name": hall_name,
            "window_name": window_name}


async def _window(window_id: int) -> HallWindow:
    window = await HallWindow.get_or_none(id=window_id, active=True).select_related("hall")
    if window is None:
        raise WindowNotFound()
    return window


async def call_next(ctx, user: User, window_id: int) -> QueueTicket:
    """The window calls its next ticket (see the module's rule); 409 when nobody waits."""
    require_window_staff(user)
    window = await _window(window_id)
    day = local_date(utcnow())
    for _ in range(5):  # another window may take a candidate first: take the next
        candidate = await QueueTicket.filter(hall_id=window.hall_id, day=day, status=TicketStatus.WAITING,
                                             service_code__in=window.services).order_by("priority", "id").first()
        if candidate is None:
            raise NoneWaiting()
        async with in_transaction() as conn:
            taken = await QueueTicket.filter(id=candidate.id, status=TicketStatus.WAITING).using_db(conn).update(
                status=TicketStatus.CALLED, window_id=window.id, called_at=utcnow(), calls=1)
            if not taken:
                continue
            await outbox.emit("queue.called", f"ticket:{candidate.id}",
                              _called_payload(candidate, window.hall.name, window.name), using_db=conn)
        await changed(ctx, window.hall_id)
        return await QueueTicket.get(id=candidate.id)
    raise Conflict("叫号繁忙，请重试")


_MOVES = {  # action: (from states, to state, event)
    "recall": ((TicketStatus.CALLED, TicketStatus.SKIPPED), TicketStatus.CALLED, "queue.called"),
    "skip": ((TicketStatus.CALLED,), TicketStatus.SKIPPED, None),
    "finish": ((TicketStatus.CALLED,), TicketStatus.FINISHED, "queue.finished"),
}


async def move(ctx, user: User, ticket_id: int, action: str) -> QueueTicket:
    """Recall (call again, also a skipped one), skip (did not come) or finish a ticket called by a window."""
    require_window_staff(user)
    ticket = await QueueTicket.get_or_none(id=ticket_id).select_related("hall")
    if ticket is None:
        raise TicketNotFound()
    sources, target, event = _MOVES[action]
    if ticket.status not in sources or ticket.window_id is None:
        raise TicketState()
    window = await _window(ticket.window_id)
    now = utcnow()
    values: dict = {"status": target}
    if action == "recall":
        values.update(called_at=now, calls=ticket.calls + 1)
    if action == "finish":
        values["finished_at"] = now
    async with in_transaction() as conn:
        done = await QueueTicket.filter(id=ticket.id, status=ticket.status).using_db(conn).update(**values)
        if not done:
            raise TicketState()
        if event:
            await outbox.emit(event, f"ticket:{ticket.id}", _called_payload(ticket, ticket.hall.name, window.name),
                              using_db=conn)
    await changed(ctx, ticket.hall_id)
    return await QueueTicket.get(id=ticket.id)


async def ticket_to_serve(ticket_id: int) -> QueueTicket:
    """A ticket called to a window and not yet taken into a case (一窗受理 takes its holder straight into one)."""
    ticket = await QueueTicket.get_or_none(id=ticket_id)
    if ticket is None:
        raise TicketNotFound(field="ticket")
    if ticket.status != TicketStatus.CALLED or ticket.application_id is not None:
        raise TicketState("该号码未被叫到窗口或已办理", field="ticket")
    return ticket


async def served_into_case(ctx, ticket: QueueTicket, application_id: int, user_id: int) -> bool:
    """Finish a called ticket by linking it to the case its holder was taken into (once: False if another window
    linked or moved it first)."""
    done = await QueueTicket.filter(id=ticket.id, status=TicketStatus.CALLED, application_id=None).update(
        status=TicketStatus.FINISHED, finished_at=utcnow(), application_id=application_id,
        user_id=ticket.user_id or user_id)
    if done:
        await changed(ctx, ticket.hall_id)
    return bool(done)


async def hall_view(hall_id: int) -> dict:
    """The public hall display: who is being called at which window, and the waiting numbers (no names)."""
    hall = await halls.get_hall(hall_id)
    day = local_date(utcnow())
    rows = await QueueTicket.filter(hall_id=hall.id, day=day,
                                    status__in=[TicketStatus.WAITING, TicketStatus.CALLED]).order_by("priority", "id")
    windows = dict(await HallWindow.filter(hall_id=hall.id).values_list("id", "name"))
    calling = sorted((t for t in rows if t.status == TicketStatus.CALLED), key=lambda t: t.called_at, reverse=True)
    waiting = [t for t in rows if t.status == TicketStatus.WAITING]
    return {"hall": {"id": hall.id, "name": hall.name}, "day": day.isoformat(),
            "calling": [{"id": t.id, "number": t.number, "window": windows.get(t.window_id), "service": t.service_name,
                         "called_at": t.called_at.isoformat()} for t in calling],
            "waiting": [{"number": t.number, "service": t.service_name, "kind": t.kind.value} for t in waiting],
            "waiting_count": len(waiting)}


# ---------------------------------------------------------------- live display (per worker, via Redis pub/sub)


class Hub:
    """Per-worker WebSocket watchers of each hall's display."""

    def __init__(self):
        self.watchers: dict[int, set[asyncio.Queue]] = defaultdict(set)

    def watch(self, hall_id: int) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue(maxsize=100)
        self.watchers[hall_id].add(q)
        return q

    def unwatch(self, hall_id: int, q: asyncio.Queue) -> None:
        queues = self.watchers.get(hall_id)
        if queues is not None:
            queues.discard(q)
            if not queues:
                self.watchers.pop(hall_id, None)


def hub(ctx) -> Hub:
    if getattr(ctx, "queue_hub", None) is None:
        ctx.queue_hub = Hub()
    return ctx.queue_hub


async def changed(ctx, hall_id: int) -> None:
    """After a committed change: every worker pushes the hall's new view to its displays."""
    try:
        await ctx.redis.publish(QUEUE_CHANNEL, str(hall_id))
    except Exception:  # the change is committed; displays catch up at the next change or reconnect
        log.warning("could not publish a queue change", exc_info=True)


async def _push(ctx, hall_id: int) -> None:
    queues = hub(ctx).watchers.get(hall_id)
    if not queues:
        return
    body = json.dumps(await hall_view(hall_id), ensure_ascii=False)
    for q in list(queues):
        try:
            q.put_nowait(body)
        except asyncio.QueueFull:
            pass


async def listen(ctx) -> None:
    """Background task per worker."""

    async def on_message(data: str) -> None:
        if data.isdigit():
            await _push(ctx, int(data))

    await subscribe_forever(ctx.redis, QUEUE_CHANNEL, on_message, lambda: None, log)
