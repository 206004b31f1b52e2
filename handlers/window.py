"""The comprehensive window (综合窗口, 一窗受理): a clerk takes a walk-in citizen's application on their behalf."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.services.cases import applications, window
from app.services.cases.applications import MaterialIn
from handlers._request import parse
from handlers._openapi import OBJECT, doc
from handlers.applications import IDEMPOTENCY_KEY, ApplyBody, ResubmitBody, idempotency_key

bp = Blueprint("window", url_prefix="/staff/window")


class WindowApplyBody(ApplyBody):
    """A citizen's application body (ApplyBody; its `channel` is ignored: always "window"), plus who the citizen
    is, from the ID card in the clerk's hand."""
    id_number: str = Field(min_length=1, max_length=18)
    name: str = Field(min_length=1, max_length=64)
    phone: str | None = Field(default=None, max_length=11)  # needed when the citizen has no record yet
    reason: str = Field(default="现场办理申请", min_length=2, max_length=60)  # why the ID number is looked up
    ticket: int | None = Field(default=None, ge=1, le=2**31 - 1)  # the queue ticket called to this window
    hall: int | None = Field(default=None, ge=1, le=2**31 - 1)  # the hall of the window, when no ticket is given
    supplement_items: list[str] = Field(default_factory=list, max_length=30)  # beyond the missing papers


def _walk_in(body: WindowApplyBody) -> window.WalkIn:
    return window.WalkIn(
        id_number=body.id_number, name=body.name, phone=body.phone, reason=body.reason, service=body.service,
        bundle=body.bundle, form=body.form, answers=body.answers,
        materials=[MaterialIn(m.name, m.upload_id) for m in body.materials], consent=body.consent,
        enterprise=body.enterprise, ticket_id=body.ticket, hall_id=body.hall,
        supplement_items=tuple(i.strip()[:100] for i in body.supplement_items if i.strip()))


async def _answer(user, case, status: int = 200):
    view = await applications.detail(user, case)
    view["notice"] = await window.notice(user, case) if case.status.value == "supplement" else None
    return json(view, status=status)


@bp.post("/applications")
@doc(body=WindowApplyBody, status=201, responses={200: OBJECT}, params=(IDEMPOTENCY_KEY,), errors=(404, 409, 502))
@requires("staff")
async def accept(request: Request):
    """一窗受理: submit a walk-in citizen's application (the citizen's ID number and the same body as their own
    application) and decide its intake as the clerk: accepted, or 补正 with a one-time notice (`notice`) naming
    every missing paper. Window clerks only; an Idempotency-Key header makes a double click one case."""
    body = parse(request, WindowApplyBody)
    user = await current_user(request)
    case, created = await window.accept(request.app.ctx, user, _walk_in(body), idempotency_key(request))
    return await _answer(user, case, 201 if created else 200)


@bp.post("/applications/<acceptance_no:acceptance_no>/resubmit")
@doc(body=ResubmitBody, errors=(409,))
@requires("staff")
async def resubmit(request: Request, acceptance_no: str):
    """The citizen brings the 补正 papers to the window: the clerk's scans; accepted when nothing is missing."""
    body = parse(request, ResubmitBody)
    user = await current_user(request)
    case = await window.resubmit(request.app.ctx, user, acceptance_no,
                                 [MaterialIn(m.name, m.upload_id) for m in body.materials], body.note)
    return await _answer(user, case)
