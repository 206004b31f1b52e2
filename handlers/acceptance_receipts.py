"""The 受理回执 (acceptance receipt) of a case as a PDF."""
from sanic import Blueprint, Request
from sanic.response import raw

from app.auth import current_user, requires
from app.services.cases import acceptance_receipts, applications
from handlers._openapi import Binary, doc

bp = Blueprint("receipts")


@bp.get("/api/v1/applications/<acceptance_no:acceptance_no>/receipt.pdf")
@doc(tag="applications", ok=Binary("application/pdf"))
@requires("citizen", "staff", "admin")
async def receipt(request: Request, acceptance_no: str):
    """The receipt (A4 PDF, masked applicant, tracking QR code): for whoever may see the case, 404 for others."""
    user = await current_user(request)
    case = await applications.get_for(user, acceptance_no)
    view = await applications.detail(user, case)
    body = await acceptance_receipts.receipt_pdf(view, request.app.ctx.settings.base_url)
    return raw(body, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="receipt-{case.acceptance_no}.pdf"',
        "Cache-Control": "private, no-store"})
