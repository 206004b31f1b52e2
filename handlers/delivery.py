"""寄递: the address book, a case's delivery choice, staff sending the result by courier, the courier's route
pushes, a case's parcels."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.providers import courier as courier_provider
from app.services.delivery import addresses, waybills
from app.services.delivery.addresses import AddressIn
from handlers._openapi import COURIER_PUSH, OBJECT, Id, doc
from handlers._request import Body, parse

bp = Blueprint("delivery")


class RecipientBody(Body):
    name: str = Field(min_length=1, max_length=32)
    phone: str = Field(min_length=7, max_length=20)
    province: str = Field(min_length=2, max_length=16)
    city: str = Field(min_length=2, max_length=16)
    district: str = Field(min_length=2, max_length=16)
    detail: str = Field(min_length=2, max_length=120)


class AddressBody(Body):
    recipient: str = Field(min_length=1, max_length=32)
    phone: str = Field(min_length=7, max_length=20)
    province: str = Field(min_length=2, max_length=16)
    city: str = Field(min_length=2, max_length=16)
    district: str = Field(min_length=2, max_length=16)
    detail: str = Field(min_length=2, max_length=120)
    is_default: bool = False


class ChoiceBody(Body):
    method: str = Field(max_length=16)
    address_id: Id | None = None


def _address(body: AddressBody) -> AddressIn:
    return AddressIn(body.recipient, body.phone, body.province, body.city, body.district, body.detail,
                     body.is_default)


@bp.get("/me/addresses")
@doc(tag="delivery")
@requires("citizen")
async def my_addresses(request: Request):
    """My address book, phone and street masked, the default first."""
    user = await current_user(request)
    return json({"items": [addresses.view(a, request.app.ctx.vault) for a in await addresses.mine(user)]})


@bp.post("/me/addresses")
@doc(tag="delivery", body=AddressBody, status=201, errors=(409,))
@requires("citizen")
async def add_address(request: Request):
    """Add an address (at most 20); the first, or one marked is_default, becomes the default."""
    body = parse(request, AddressBody)
    user = await current_user(request)
    a = await addresses.add(request.app.ctx.vault, user, _address(body))
    return json(addresses.view(a, request.app.ctx.vault), status=201)


@bp.put("/me/addresses/<address_id:id>")
@doc(tag="delivery", body=AddressBody)
@requires("citizen")
async def change_address(request: Request, address_id: int):
    """Replace one of my addresses (a case that already chose it keeps its own copy)."""
    body = parse(request, AddressBody)
    user = await current_user(request)
    a = await addresses.change(request.app.ctx.vault, user, address_id, _address(body))
    return json(addresses.view(a, request.app.ctx.vault))


@bp.delete("/me/addresses/<address_id:id>")
@doc(tag="delivery")
@requires("citizen")
async def remove_address(request: Request, address_id: int):
    """Delete one of my addresses."""
    user = await current_user(request)
    await addresses.remove(user, address_id)
    return json({"deleted": address_id})


@bp.put("/applications/<acceptance_no:acceptance_no>/delivery")
@doc(tag="delivery", body=ChoiceBody, errors=(409,))
@requires("citizen")
async def choose(request: Request, acceptance_no: str):
    """How I receive the result (until 出证): electronic (电子证照), window (窗口领取), courier (快递寄递, with
    one of my addresses) or locker (自助柜)."""
    body = parse(request, ChoiceBody)
    user = await current_user(request)
    c = await addresses.choose(request.app.ctx.vault, user, acceptance_no, body.method, body.address_id)
    return json(addresses.choice_view(c, request.app.ctx.vault))


@bp.get("/applications/<acceptance_no:acceptance_no>/delivery")
@doc(tag="delivery")
@requires("citizen", "staff", "admin")
async def choice(request: Request, acceptance_no: str):
    """A case's delivery choice, the address masked."""
    user = await current_user(request)
    c = await addresses.choice_for(user, acceptance_no)
    return json(addresses.choice_view(c, request.app.ctx.vault))


def _courier(request: Request) -> courier_provider.SFExpress:
    ctx = request.app.ctx
    return courier_provider.from_settings(ctx.settings, ctx.http)


@bp.post("/staff/applications/<acceptance_no:acceptance_no>/waybills")
@doc(tag="staff", body=RecipientBody, ok=OBJECT, status=201, errors=(409, 502))
@requires("staff", "admin")
async def ship(request: Request, acceptance_no: str):
    """寄递: order a courier pickup for an issued case's result, to the recipient in the body or (no body) to
    the address the applicant chose; answers the waybill (recipient in full, for the label). Staff of the lead
    department; one live waybill per case."""
    to = waybills.recipient_from(parse(request, RecipientBody)) if request.body else None
    user = await current_user(request)
    waybill = await waybills.ship(_courier(request), request.app.ctx.vault, user, acceptance_no, to)
    return json(waybills.waybill_view(waybill, request.app.ctx.vault, full=True), status=201)


@bp.post("/staff/waybills/<waybill_no:waybill_no>/sync")
@doc(tag="staff", errors=(502,))
@requires("staff", "admin")
async def sync(request: Request, waybill_no: str):
    """Query the courier for a waybill's route events (when a push went missing) and apply the new ones."""
    user = await current_user(request)
    new, waybill = await waybills.sync(_courier(request), user, waybill_no)
    return json({"new": new, "waybill": waybills.waybill_view(waybill, request.app.ctx.vault)})


@bp.get("/applications/<acceptance_no:acceptance_no>/waybills")
@doc(tag="applications")
@requires("citizen", "staff", "admin")
async def of_case(request: Request, acceptance_no: str):
    """A case's parcels with their route events, the recipient masked."""
    user = await current_user(request)
    items = await waybills.for_case(user, acceptance_no)
    return json({"items": [waybills.waybill_view(w, request.app.ctx.vault) for w in items]})


@bp.post("/callbacks/courier")
@doc(tag="callbacks", security=COURIER_PUSH, body={"application/x-www-form-urlencoded": {"type": "object"}},
     responses={401: OBJECT}, errors=(400,))
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
