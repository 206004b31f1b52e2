"""Self-service kiosks: signed check-in and walk-in tickets; registration and one-time enrolment codes by an admin,
redeemed by the kiosk page."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app import ratelimit
from app.auth import requires
from app.services.halls import hall_queue, kiosks
from handlers import _views as v
from handlers._openapi import KIOSK, Id, doc, send
from handlers._request import Body, parse

bp = Blueprint("kiosk")


class CheckinBody(Body):
    code: str = Field(min_length=1, max_length=64)


class WalkInBody(Body):
    service: str = Field(min_length=1, max_length=16)


class RegisterBody(Body):
    device_id: str = Field(min_length=1, max_length=32)
    hall: Id


class EnrolBody(Body):
    code: str = Field(min_length=1, max_length=32)


async def _device(request: Request):
    path = request.path + (f"?{request.query_string}" if request.query_string else "")
    return await kiosks.verify(request.app.ctx, request.method, path, request.headers, request.body or b"")


@bp.get("/kiosk/me")
@doc(security=KIOSK, ok=v.KioskInfo, errors=(401, 503))
async def me(request: Request):
    """The signing kiosk's hall and the services it issues walk-in tickets for."""
    return send(request, await kiosks.kiosk_info(await _device(request)))


@bp.post("/kiosk/checkin")
@doc(security=KIOSK, body=CheckinBody, ok=v.Ticket, status=201, errors=(401, 404, 409, 503))
async def checkin(request: Request):
    """{"code"}: the scanned QR or typed appointment code → 201 with an A ticket and "前面还有 N 人"."""
    device = await _device(request)
    body = parse(request, CheckinBody)
    ticket = await kiosks.checkin(request.app.ctx, device, body.code)
    return send(request, await hall_queue.ticket_view(ticket), 201)


@bp.post("/kiosk/tickets")
@doc(security=KIOSK, body=WalkInBody, ok=v.Ticket, status=201, errors=(401, 404, 409, 503))
async def walk_in(request: Request):
    """{"service"}: a walk-in B ticket."""
    device = await _device(request)
    body = parse(request, WalkInBody)
    ticket = await hall_queue.walk_in(request.app.ctx, device.hall, body.service)
    return send(request, await hall_queue.ticket_view(ticket), 201)


@bp.post("/kiosk/enrol")
@doc(body=EnrolBody, errors=(401, 429))
async def enrol(request: Request):
    """{"code"}: the kiosk page redeems the one-time enrolment code an admin issued → the kiosk's device id, hall
    and new secret (kept in the kiosk's local storage; any earlier secret stops working). 401 for a code that is
    unknown, used or expired; rate-limited per client address like every sign-in."""
    s = request.app.ctx.settings
    await ratelimit.hit(request, "auth", s.auth_rate_limit, s.auth_rate_window)
    body = parse(request, EnrolBody)
    device, secret = await kiosks.enrol(request.app.ctx, body.code)
    return json({"device_id": device.device_id, "hall": {"id": device.hall_id, "name": device.hall.name},
                 "secret": secret})


@bp.post("/admin/kiosks")
@doc(tag="admin", body=RegisterBody, ok=v.KioskRegistered, status=201, errors=(404, 409))
@requires("admin")
async def register(request: Request):
    """Register a kiosk of a hall → 201 with its one-time enrolment code and the link to open on the kiosk
    ({base}/kiosk#enrol=CODE, valid 30 minutes). No secret is shown: the kiosk receives its own when it enrols."""
    body = parse(request, RegisterBody)
    device = await kiosks.register(request.app.ctx, body.device_id, body.hall)
    enrolment = await kiosks.issue_enrolment(request.app.ctx, device.device_id)
    return json({"device_id": device.device_id, "hall": device.hall_id, "enrolment": enrolment}, status=201)


@bp.post("/admin/kiosks/<device_id:str>/enrolment")
@doc(tag="admin", status=201, errors=(404,))
@requires("admin")
async def new_enrolment(request: Request, device_id: str):
    """A new one-time enrolment code for a registered kiosk (its storage was wiped, or it is replaced): redeeming
    it gives the kiosk a new secret and the old one stops working."""
    return json(await kiosks.issue_enrolment(request.app.ctx, device_id[:32]), status=201)
