"""The holder's card wallet (卡包): licences issued to the signed-in citizen, and each one's signed PDF. Level 3
(real name verified by face): a licence is someone's identity documents."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json, raw

from app import ratelimit
from app.auth import current_user, requires
from app.providers.storage import storage_for
from app.services.licences import licences, presentations
from handlers._openapi import Binary, doc
from handlers._request import Body, parse

bp = Blueprint("licences", url_prefix="/me/licences")
staff_bp = Blueprint("licences_staff", url_prefix="/staff/licences")
verify_bp = Blueprint("licences_verify")  # public, at the app root


class EndBody(Body):
    kind: str = Field(min_length=1, max_length=16)  # revoked (吊销) | cancelled (注销)
    reason: str = Field(min_length=1, max_length=200)


@bp.get("/")
@requires("citizen", level=3)
async def mine(request: Request):
    """The caller's licences, newest first: type, number, issuer, validity, status (valid, expired, revoked …)."""
    user = await current_user(request)
    return json({"items": [licences.summary(lic) for lic in await licences.mine(user)]},
                headers={"Cache-Control": "private, no-store"})


@bp.get("/<licence_id:id>")
@requires("citizen", level=3)
async def one(request: Request, licence_id: int):
    """One of the caller's licences: its fields (personal values masked), status history and data signature."""
    user = await current_user(request)
    return json(licences.detail(await licences.get_for(user, licence_id)),
                headers={"Cache-Control": "private, no-store"})


@bp.get("/<licence_id:id>/pdf")
@doc(ok=Binary("application/pdf"), errors=(502,))
@requires("citizen", level=3)
async def pdf(request: Request, licence_id: int):
    """The licence as a signed PDF (PDF/A-2b, PAdES with the issuing department's seal certificate)."""
    ctx = request.app.ctx
    user = await current_user(request)
    lic, body = await licences.holder_pdf(ctx.settings, ctx.vault, storage_for(request.app), user, licence_id)
    return raw(body, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="licence-{lic.number}.pdf"',
        "Cache-Control": "private, no-store"})


@bp.post("/<licence_id:id>/presentations")
@doc(status=201)
@requires("citizen", level=3)
async def present(request: Request, licence_id: int):
    """亮证: a short-lived signed token for one of the caller's licences, and the verification address the QR code
    carries (valid for a few minutes; the page asks again while it is open)."""
    user = await current_user(request)
    return json(await presentations.present(request.app.ctx.settings, user, licence_id), status=201,
                headers={"Cache-Control": "no-store"})


@verify_bp.get("/verify/licences/<token:str>")
@doc(tag="licences", errors=(400, 404, 410, 429))
async def verify(request: Request, token: str):
    """Public: what a 亮证 QR code shows a verifier (masked summary, issuer, validity, status, whether the data
    signature holds); ?channel=web|kiosk|window|app. Forged: 400; expired: 410; revoked or expired licence: its
    status. Written to the holder's access log."""
    request.app.ctx.tracker.hit(ratelimit.client_ip(request))
    ctx = request.app.ctx
    body = await presentations.verify(ctx.settings, ctx.vault, token, request.args.get("channel", "web"))
    return json(body, headers={"Cache-Control": "no-store"})


@staff_bp.post("/<licence_id:id>/end")
@doc(tag="staff", body=EndBody, errors=(409,))
@requires("staff", "admin")
async def end(request: Request, licence_id: int):
    """吊销 or 注销 a licence (staff of the issuing department, or an admin): {"kind": revoked|cancelled, "reason"}."""
    body = parse(request, EndBody)
    lic = await licences.end(await current_user(request), licence_id, body.kind, body.reason)
    return json(licences.summary(lic))
