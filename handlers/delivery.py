"""寄递: staff send a case's result by courier; the courier's route pushes; a case's parcels."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.providers import courier as courier_provider
from app.services.delivery import waybills
from handlers._request import Body, parse

bp = Blueprint("delivery")


class RecipientBody(Body):
    name: str = Field(min_length=1, max_length=32)
    phone: str = Field(min_length=7, max_length=20)
    province: str = Field(min_length=2, max_length=16)
    city: str = Field(min_length=2, max_length=16)
    district: str = Field(min_length=2, max_length=16)
    detail: str = Field(min_length=2, max_length=120)


def _courier(request: Request) -> courier_provider.SFExpress:
    ctx = request.app.ctx
    return courier_provider.from_settings(ctx.settings, ctx.http)


@bp.post("/staff/applications/<acceptance_no:str>/waybills")
@requires("staff", "admin")
async def ship(request: Request, acceptance_no: str):
    """寄递: order a courier pickup for an issued case's result; answers the waybill (recipient in full, for the
    label). Staff of the lead department; one live waybill per case."""
    body = parse(request, RecipientBody)
    user = await current_user(request)
    waybill = await waybills.ship(_courier(request), request.app.ctx.vault, user, acceptance_no,
                                  waybills.recipient_from(body))
    return json(waybills.waybill_view(waybill, request.app.ctx.vault, full=True), status=201)


@bp.post("/staff/waybills/<waybill_no:str>/sync")
@requires("staff", "admin")
async def sync(request: Request, waybill_no: str):
    """Query the courier for a waybill's route events (when a push went missing) and apply the new ones."""
    user = await current_user(request)
    new, waybill = await waybills.sync(_courier(request), user, waybill_no)
    return json({"new": new, "waybill": waybills.waybill_view(waybill, request.app.ctx.vault)})


@bp.get("/applications/<acceptance_no:str>/waybills")
@requires("citizen", "staff", "admin")
async def of_case(request: Request, acceptance_no: str):
    """A case's parcels with their route events, the recipient masked."""
    user = await current_user(request)
    items = await waybills.for_case(user, acceptance_no)
    return json({"items": [waybills.waybill_view(w, request.app.ctx.vault) for w in items]})


@bp.post("/callbacks/courier")
async def route_push(request: Request):
    """SF Express route push (路由推送): signed form (msgDigest), fresh timestamp; each route event is stored once,
    so a duplicate or replayed push changes nothing. Answers SF's {"return_code", "return_msg"}; a refused push
    is a 401 that also carries our error shape."""
    partner, check_word = courier_provider.credentials(request.app.ctx.settings)
    try:
        routes = courier_provider.parse_push(courier_provider.form_of(request.body), partner, check_word)
    except courier_provider.PushRejected as exc:
        answer = courier_provider.push_answer(False, str(exc))
        return json({**answer, "error": {"code": "courier_push_refused", "message": str(exc), "field": None}},
                    status=401)
    new, changed = await waybills.record_routes(routes)
    for acceptance_no in changed:
        await waybills.case_changed(request.app.ctx, acceptance_no)
    return json(courier_provider.push_answer(True))
