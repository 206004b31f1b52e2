"""Electronic receipts of payments: the public check by receipt number, and the payer's own copy (JSON, PDF)."""
from sanic import Blueprint, Request
from sanic.response import json, raw

from app import ratelimit
from app.auth import current_user, requires
from app.providers.storage import storage_for
from app.services.payments import payment_receipts

bp = Blueprint("ereceipts")  # full paths: registered at the app root, not under /api/v1


@bp.get("/verify/receipts/<number:str>")
async def verify(request: Request, number: str):
    """Anyone holding a receipt, by its number and ?code= (the check code printed on it): the receipt (masked
    payer only), its signature and key, and whether the signature verifies now with the current public key."""
    request.app.ctx.tracker.hit(ratelimit.client_ip(request))
    body = await payment_receipts.verification(request.app.ctx.settings, number, request.args.get("code"))
    return json(body, headers={"Cache-Control": "no-cache"})


@bp.get("/api/v1/payments/<order_id:int>/receipt")
@requires("citizen", "admin")
async def receipt(request: Request, order_id: int):
    """The receipt of a payment, for the citizen who paid or an admin: number, payload, signature, key id."""
    r = await payment_receipts.for_order(request.app.ctx.settings, await current_user(request), order_id)
    return json(payment_receipts.view(r), headers={"Cache-Control": "private, no-store"})


@bp.get("/api/v1/payments/<order_id:int>/receipt.pdf")
@requires("citizen", "admin")
async def receipt_pdf(request: Request, order_id: int):
    """The same receipt as a PDF with the signature, key id and verification address in small print."""
    r = await payment_receipts.for_order(request.app.ctx.settings, await current_user(request), order_id)
    body = await payment_receipts.stored_pdf(storage_for(request.app), r, request.app.ctx.settings.base_url)
    return raw(body, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="ereceipt-{r.number}.pdf"',
        "Cache-Control": "private, no-store"})
