"""统一公共支付: my payables, paying with WeChat Pay, the payment notify endpoint, refunds."""
from datetime import date

from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import empty, json

from app.auth import current_user, requires
from app.errors import AppError, Invalid, NotFound
from app.providers.wechatpay import VerificationError, failure_answer
from app.services.payments import payments, reconciliation
from handlers._request import Body, parse

bp = Blueprint("payments")


class PayBody(Body):
    payable: int = Field(ge=1)


class RefundBody(Body):
    amount_fen: int = Field(ge=1)
    reason: str = Field(min_length=2, max_length=80)


@bp.get("/payables")
@requires("citizen", level=3)
async def payables(request: Request):
    """What I owe: case fees and traffic fines (looked up for my bound identity), unpaid first."""
    user = await current_user(request)
    return json({"items": [payments.payable_view(p) for p in await payments.payables_of(request.app.ctx, user)]})


@bp.post("/payments")
@requires("citizen", level=2)
async def pay(request: Request):
    """Pay a payable: a WeChat Pay JSAPI order and the parameters for wx.requestPayment."""
    body = parse(request, PayBody)
    user = await current_user(request)
    order, params = await payments.pay(request.app.ctx, user, body.payable)
    return json({"order": payments.order_view(order), "request_payment": params}, status=201)


@bp.get("/payments")
@requires("citizen")
async def mine(request: Request):
    """My payment orders, newest first."""
    user = await current_user(request)
    return json({"items": [payments.order_view(o, o.payable) for o in await payments.orders_of(user)]})


@bp.get("/payments/<order_id:int>")
@requires("citizen", "admin")
async def order(request: Request, order_id: int):
    """A payment order; a pending one is checked with WeChat Pay, so polling shows the result."""
    user = await current_user(request)
    o = await payments.order_for(request.app.ctx, user, order_id)
    await o.fetch_related("payable")
    return json(payments.order_view(o, o.payable))


@bp.post("/payments/wechatpay/notify")
async def notify(request: Request):
    """WeChat Pay's notifications: verified, decrypted, stored once, applied exactly once; 204 when done,
    4xx/5xx {"code": "FAIL"} otherwise so that WeChat retries."""
    try:
        await payments.handle_notification(request.app.ctx, request.headers, request.body or b"")
    except VerificationError as exc:
        status, answer = failure_answer(exc)
        return json(answer, status=status)
    except AppError as exc:
        return json({"code": "FAIL", "message": exc.message}, status=exc.status if exc.status < 500 else 500)
    return empty()


@bp.post("/admin/payments/<order_id:int>/refunds")
@requires("admin")
async def refund(request: Request, order_id: int):
    """Refund part or all of a paid order."""
    body = parse(request, RefundBody)
    user = await current_user(request)
    r = await payments.refund(request.app.ctx, user, order_id, body.amount_fen, body.reason)
    return json(payments.refund_view(r), status=201)


@bp.get("/admin/payments/ledger")
@requires("admin")
async def ledger(request: Request):
    """The ledger's sum against the orders' (they must always agree)."""
    return json(await payments.ledger_balance())


@bp.get("/admin/payments/reconciliation/<day:str>")
@requires("admin")
async def reconciliation_report(request: Request, day: str):
    """The latest 对账 report of a day (YYYY-MM-DD, Beijing time)."""
    try:
        bill_date = date.fromisoformat(day)
    except ValueError:
        raise Invalid("日期应为 YYYY-MM-DD", field="date") from None
    report = await reconciliation.latest(bill_date)
    if report is None:
        raise NotFound("该日尚未对账", code="report_not_found")
    return json({"id": report.id, "bill_date": report.bill_date.isoformat(), "summary": report.summary,
                 "differences": report.differences, "created_at": report.created_at.isoformat()})
