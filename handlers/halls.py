"""Service halls: the list, slots with remaining places, the queue (JSON, WebSocket, display page) and the
window staff's calling."""
import json as jsonlib
from datetime import date

from pydantic import Field
from sanic import Blueprint, Request

from app.auth import current_user, requires
from app.errors import Invalid
from app.services.halls import hall_queue, halls
from handlers import _views as v
from handlers._openapi import Binary, Query, doc, parse_query, send
from handlers._responses import web_page

bp = Blueprint("halls")
live = Blueprint("halls_live")  # outside /api/v1: the display WebSocket and the web pages


class SlotsQuery(Query):
    service: str = Field(default="", max_length=16, description="事项编码（必填）")
    date: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD；省略为第一个可约日")


@bp.get("/halls")
@doc(ok=v.Halls)
async def hall_list(request: Request):
    """Every hall with its address, opening hours, windows and services."""
    return send(request, {"items": await halls.list_halls()})


@bp.get("/halls/<hall_id:id>/slots")
@doc(query=SlotsQuery, ok=v.Slots)
async def slots(request: Request, hall_id: int):
    """?service=CODE&date=YYYY-MM-DD: the day's slots with live remaining places, and the bookable dates."""
    q = parse_query(request, SlotsQuery)
    service = q.service
    if not service:
        raise Invalid("请选择事项", field="service")
    raw = q.date
    try:
        day = date.fromisoformat(raw) if raw else None
    except ValueError:
        raise Invalid("日期格式应为 YYYY-MM-DD", field="date") from None
    return send(request, await halls.slots(request.app.ctx.settings, hall_id, service, day))


@bp.get("/halls/<hall_id:id>/queue")
@doc(ok=v.HallQueue)
async def queue_view(request: Request, hall_id: int):
    """Now calling (number, window) and the waiting numbers: what the hall display shows."""
    return send(request, await hall_queue.hall_view(hall_id))


@bp.post("/staff/windows/<window_id:id>/call-next")
@doc(tag="staff", ok=v.Ticket, errors=(409,))
@requires("staff", "admin")
async def call_next(request: Request, window_id: int):
    """The next ticket for the services this window handles (appointments first); 409 when nobody waits."""
    user = await current_user(request)
    ticket = await hall_queue.call_next(request.app.ctx, user, window_id)
    return send(request, await hall_queue.ticket_view(ticket))


async def _move(request: Request, ticket_id: int, action: str):
    user = await current_user(request)
    ticket = await hall_queue.move(request.app.ctx, user, ticket_id, action)
    return send(request, await hall_queue.ticket_view(ticket))


@bp.post("/staff/tickets/<ticket_id:id>/recall")
@doc(tag="staff", ok=v.Ticket, errors=(409,))
@requires("staff", "admin")
async def recall(request: Request, ticket_id: int):
    """Call a called or skipped ticket again."""
    return await _move(request, ticket_id, "recall")


@bp.post("/staff/tickets/<ticket_id:id>/skip")
@doc(tag="staff", ok=v.Ticket, errors=(409,))
@requires("staff", "admin")
async def skip(request: Request, ticket_id: int):
    """The called person did not come (过号)."""
    return await _move(request, ticket_id, "skip")


@bp.post("/staff/tickets/<ticket_id:id>/finish")
@doc(tag="staff", ok=v.Ticket, errors=(409,))
@requires("staff", "admin")
async def finish(request: Request, ticket_id: int):
    """The visit is done."""
    return await _move(request, ticket_id, "finish")


@live.websocket("/ws/halls/<hall_id:id>/queue")
async def queue_ws(request: Request, ws, hall_id: int):
    """The hall view now, then again after every change (from any worker, through Redis pub/sub)."""
    ctx = request.app.ctx
    q = hall_queue.hub(ctx).watch(hall_id)  # before reading the view, so that no change falls in between
    try:
        try:
            body = jsonlib.dumps(await hall_queue.hall_view(hall_id), ensure_ascii=False)
        except halls.HallNotFound:
            await ws.close(code=4404, reason="not found")
            return
        await ws.send(body)
        while True:
            await ws.send(await q.get())
    finally:
        hall_queue.hub(ctx).unwatch(hall_id, q)


@live.get("/display/<hall_id:id>")
@doc(ok=Binary("text/html"))
async def display_page(request: Request, hall_id: int):
    """The hall display (大厅叫号屏)."""
    return web_page("display")


@live.get("/kiosk")
@doc(ok=Binary("text/html"))
async def kiosk_page(request: Request):
    """The kiosk page (自助签到取号机)."""
    return web_page("kiosk")
