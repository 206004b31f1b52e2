"""精准预约: book a slot, my appointments (with the check-in QR and the queue ticket), cancel."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.services.halls import appointments
from handlers._request import Body, parse

bp = Blueprint("appointments", url_prefix="/appointments")


class BookBody(Body):
    hall: int
    service: str = Field(min_length=1, max_length=16)
    slot: int


@bp.post("")
@requires("citizen", level=2)
async def book(request: Request):
    """Book a slot: 201 with the appointment code and its check-in QR. 409 when the slot is full or a personal
    rule refuses (one per service per day, at most N active), 403 while suspended for no-shows."""
    body = parse(request, BookBody)
    user = await current_user(request)
    appt = await appointments.book(request.app.ctx, user, body.hall, body.service, body.slot)
    return json(await appointments.get_mine(user, appt.id), status=201)


@bp.get("")
@requires("citizen")
async def mine(request: Request):
    """My appointments, newest slot first, each with its queue ticket once checked in ("前面还有 N 人")."""
    user = await current_user(request)
    return json({"items": await appointments.mine(user)})


@bp.get("/<appointment_id:int>")
@requires("citizen")
async def one(request: Request, appointment_id: int):
    user = await current_user(request)
    return json(await appointments.get_mine(user, appointment_id))


@bp.delete("/<appointment_id:int>")
@requires("citizen")
async def cancel(request: Request, appointment_id: int):
    """Cancel until the configured time before the slot; the place goes back to the slot."""
    user = await current_user(request)
    appt = await appointments.cancel(request.app.ctx, user, appointment_id)
    return json(await appointments.get_mine(user, appt.id))
