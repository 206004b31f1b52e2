"""The holder's card wallet (卡包): licences issued to the signed-in citizen, and each one's signed PDF. Level 3
(real name verified by face): a licence is someone's identity documents."""
from sanic import Blueprint, Request
from sanic.response import json, raw

from app.auth import current_user, requires
from app.providers.storage import storage_for
from app.services.licences import licences

bp = Blueprint("licences", url_prefix="/me/licences")


@bp.get("/")
@requires("citizen", level=3)
async def mine(request: Request):
    """The caller's licences, newest first: type, number, issuer, validity, status (valid, expired, revoked …)."""
    user = await current_user(request)
    return json({"items": [licences.summary(lic) for lic in await licences.mine(user)]},
                headers={"Cache-Control": "private, no-store"})


@bp.get("/<licence_id:int>")
@requires("citizen", level=3)
async def one(request: Request, licence_id: int):
    """One of the caller's licences: its fields (personal values masked), status history and data signature."""
    user = await current_user(request)
    return json(licences.detail(await licences.get_for(user, licence_id)),
                headers={"Cache-Control": "private, no-store"})


@bp.get("/<licence_id:int>/pdf")
@requires("citizen", level=3)
async def pdf(request: Request, licence_id: int):
    """The licence as a signed PDF (PDF/A-2b, PAdES with the issuing department's seal certificate)."""
    ctx = request.app.ctx
    user = await current_user(request)
    lic, body = await licences.holder_pdf(ctx.settings, ctx.vault, storage_for(request.app), user, licence_id)
    return raw(body, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="licence-{lic.number}.pdf"',
        "Cache-Control": "private, no-store"})
