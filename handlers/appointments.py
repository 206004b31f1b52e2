"""精准预约: book a slot, my appointments (with the check-in QR and the queue ticket), cancel."""
from pydantic import ConfigDict, Field
from sanic import Blueprint, Request

from app.auth import current_user, requires
from app.services.halls import appointments
from handlers import _views as v
from handlers._openapi import Id, doc, send
from handlers._request import Body, parse

bp = Blueprint("appointments", url_prefix="/appointments")


class BookBody(Body):
    hall: Id
    service: str = Field(min_length=1, max_length=16)
    slot: Id

    model_config = ConfigDict(json_schema_extra={"examples": [{"hall": 1, "service": "GA0002", "slot": 42}]})


@bp.post("")
@doc(body=BookBody, ok=v.Appointment, status=201, errors=(403, 404, 409))
@requires("citizen", level=2)
async def book(request: Request):
    """Book a slot: 201 with the appointment code and its check-in QR. 409 when the slot is full or a personal
    rule refuses (one per service per day, at most N active), 403 while suspended for no-shows."""
    body = parse(request, BookBody)
    user = await current_user(request)
    appt = await appointments.book(request.app.ctx, user, body.hall, body.service, body.slot)
    return send(request, await appointments.get_mine(user, appt.id), 201)


@bp.get("")
@doc(ok=v.Appointments)
@requires("citizen")
async def mine(request: Request):
    """My appointments, newest slot first, each with its queue ticket once checked in ("前面还有 N 人")."""
    user = await current_user(request)
    return send(request, {"items": await appointments.mine(user)})


@bp.get("/<appointment_id:id>")
@doc("One of my appointments, with its check-in QR while booked", ok=v.Appointment)
@requires("citizen")
async def one(request: Request, appointment_id: int):
    user = await current_user(request)
    return send(request, await appointments.get_mine(user, appointment_id))


@bp.delete("/<appointment_id:id>")
@doc(ok=v.Appointment, errors=(409,))
@requires("citizen")
async def cancel(request: Request, appointment_id: int):
    """Cancel until the configured time before the slot; the place goes back to the slot."""
    user = await current_user(request)
    appt = await appointments.cancel(request.app.ctx, user, appointment_id)
    return send(request, await appointments.get_mine(user, appt.id))
