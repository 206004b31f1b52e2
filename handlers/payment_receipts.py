"""Electronic receipts of payments: the public check by receipt number, and the payer's own copy (JSON, PDF)."""
from sanic import Blueprint, Request
from pydantic import Field
from sanic.response import raw

from app import ratelimit
from app.auth import current_user, requires
from app.providers.storage import storage_for
from app.services.payments import payment_receipts
from handlers import _views as v
from handlers._openapi import Binary, Query, doc, parse_query, send

bp = Blueprint("ereceipts")  # full paths: registered at the app root, not under /api/v1


class CheckQuery(Query):
    code: str | None = Field(default=None, max_length=32, description="票据上印的校验码")


@bp.get("/verify/receipts/<number:receipt_no>")
@doc(tag="payments", query=CheckQuery, ok=v.ReceiptCheck, errors=(429,))
async def verify(request: Request, number: str):
    """Anyone holding a receipt, by its number and ?code= (the check code printed on it): the receipt (masked
    payer only), its signature and key, and whether the signature verifies now with the current public key."""
    request.app.ctx.tracker.hit(ratelimit.client_ip(request))
    q = parse_query(request, CheckQuery)
    body = await payment_receipts.verification(request.app.ctx.settings, number, q.code)
    return send(request, body, headers={"Cache-Control": "no-cache"})


@bp.get("/api/v1/payments/<order_id:id>/receipt")
@doc(tag="payments", ok=v.EReceipt)
@requires("citizen", "admin")
async def receipt(request: Request, order_id: int):
    """The receipt of a payment, for the citizen who paid or an admin: number, payload, signature, key id."""
    r = await payment_receipts.for_order(request.app.ctx.settings, await current_user(request), order_id)
    return send(request, payment_receipts.view(r), headers={"Cache-Control": "private, no-store"})


@bp.get("/api/v1/payments/<order_id:id>/receipt.pdf")
@doc(tag="payments", ok=Binary("application/pdf"))
@requires("citizen", "admin")
async def receipt_pdf(request: Request, order_id: int):
    """The same receipt as a PDF with the signature, key id and verification address in small print."""
    r = await payment_receipts.for_order(request.app.ctx.settings, await current_user(request), order_id)
    body = await payment_receipts.stored_pdf(storage_for(request.app), r, request.app.ctx.settings.base_url)
    return raw(body, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="ereceipt-{r.number}.pdf"',
        "Cache-Control": "private, no-store"})
