"""Self-service kiosks: signed check-in and walk-in tickets; registration by an admin."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import requires
from app.services.halls import hall_queue, kiosks
from handlers._request import Body, parse

bp = Blueprint("kiosk")


class CheckinBody(Body):
    code: str = Field(min_length=1, max_length=64)


class WalkInBody(Body):
    service: str = Field(min_length=1, max_length=16)


class RegisterBody(Body):
    device_id: str = Field(min_length=1, max_length=32)
    hall: int


async def _device(request: Request):
    path = request.path + (f"?{request.query_string}" if request.query_string else "")
    return await kiosks.verify(request.app.ctx, request.method, path, request.headers, request.body or b"")


@bp.get("/kiosk/me")
async def me(request: Request):
    """The signing kiosk's hall and the services it issues walk-in tickets for."""
    return json(await kiosks.kiosk_info(await _device(request)))


@bp.post("/kiosk/checkin")
async def checkin(request: Request):
    """{"code"}: the scanned QR or typed appointment code → 201 with an A ticket and "前面还有 N 人"."""
    device = await _device(request)
    body = parse(request, CheckinBody)
    ticket = await kiosks.checkin(request.app.ctx, device, body.code)
    return json(await hall_queue.ticket_view(ticket), status=201)


@bp.post("/kiosk/tickets")
async def walk_in(request: Request):
    """{"service"}: a walk-in B ticket."""
    device = await _device(request)
    body = parse(request, WalkInBody)
    ticket = await hall_queue.walk_in(request.app.ctx, device.hall, body.service)
    return json(await hall_queue.ticket_view(ticket), status=201)


@bp.post("/admin/kiosks")
@requires("admin")
async def register(request: Request):
    """Register a kiosk of a hall; the answer carries its secret, shown this once."""
    body = parse(request, RegisterBody)
    device, secret = await kiosks.register(request.app.ctx, body.device_id, body.hall)
    return json({"device_id": device.device_id, "hall": device.hall_id, "secret": secret}, status=201)
