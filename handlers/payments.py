"""统一公共支付: my payables, paying with WeChat Pay, the payment notify endpoint, refunds."""
from datetime import date

from pydantic import ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import empty, json

from app.auth import current_user, requires
from app.errors import AppError, Invalid, NotFound
from app.providers.wechatpay import VerificationError, failure_answer
from app.services.payments import payments, reconciliation
from handlers import _views as v
from app.validators import MAX_INT
from handlers._openapi import WECHATPAY_NOTIFY, Id, doc, send
from handlers._request import Body, parse

bp = Blueprint("payments")


class PayBody(Body):
    payable: Id = Field(description="待缴款项编号（GET /api/v1/payables 的 id）")

    model_config = ConfigDict(json_schema_extra={"examples": [{"payable": 7}]})


class RefundBody(Body):
    amount_fen: int = Field(ge=1, le=MAX_INT)
    reason: str = Field(min_length=2, max_length=80)


@bp.get("/payables")
@doc(ok=v.Payables, errors=(502,))
@requires("citizen", level=3)
async def payables(request: Request):
    """What I owe: case fees and traffic fines (looked up for my bound identity), unpaid first."""
    user = await current_user(request)
    return send(request, {"items": [payments.payable_view(p) for p in await payments.payables_of(request.app.ctx, user)]})


@bp.post("/payments")
@doc(body=PayBody, ok=v.OrderCreated, status=201, errors=(404, 409, 502, 503))
@requires("citizen", level=2)
async def pay(request: Request):
    """Pay a payable: a WeChat Pay JSAPI order and the parameters for wx.requestPayment."""
    body = parse(request, PayBody)
    user = await current_user(request)
    order, params = await payments.pay(request.app.ctx, user, body.payable)
    return send(request, {"order": payments.order_view(order), "request_payment": params}, 201)


@bp.get("/payments")
@doc(ok=v.Orders)
@requires("citizen")
async def mine(request: Request):
    """My payment orders, newest first."""
    user = await current_user(request)
    return send(request, {"items": [payments.order_view(o, o.payable) for o in await payments.orders_of(user)]})


@bp.get("/payments/<order_id:id>")
@doc(ok=v.Order, errors=(502,))
@requires("citizen", "admin")
async def order(request: Request, order_id: int):
    """A payment order; a pending one is checked with WeChat Pay, so polling shows the result."""
    user = await current_user(request)
    o = await payments.order_for(request.app.ctx, user, order_id)
    await o.fetch_related("payable")
    return send(request, payments.order_view(o, o.payable))


@bp.post("/payments/wechatpay/notify")
@doc(tag="callbacks", ok=None, status=204, security=WECHATPAY_NOTIFY, body={"application/json": {"type": "object"}},
     responses={400: {"type": "object"}, 401: {"type": "object"}, 500: {"type": "object"}},
     description="WeChat Pay's notifications (APIv3): verified, decrypted, stored once, applied exactly once; 204 "
                 "when done; otherwise 4xx/5xx {\"code\": \"FAIL\", \"message\"} (WeChat Pay's own shape) so "
                 "that WeChat retries.")
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


@bp.post("/admin/payments/<order_id:id>/refunds")
@doc(tag="admin", body=RefundBody, ok=v.Refund, status=201, errors=(409, 502, 503))
@requires("admin")
async def refund(request: Request, order_id: int):
    """Refund part or all of a paid order."""
    body = parse(request, RefundBody)
    user = await current_user(request)
    r = await payments.refund(request.app.ctx, user, order_id, body.amount_fen, body.reason)
    return send(request, payments.refund_view(r), 201)


@bp.get("/admin/payments/ledger")
@doc(tag="admin", ok=v.Ledger)
@requires("admin")
async def ledger(request: Request):
    """The ledger's sum against the orders' (they must always agree)."""
    return send(request, await payments.ledger_balance())


@bp.get("/admin/payments/reconciliation/<day:day>")
@doc(tag="admin", ok=v.Reconciliation, errors=(422,))
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
    return send(request, {"id": report.id, "bill_date": report.bill_date.isoformat(), "summary": report.summary,
                 "differences": report.differences, "created_at": report.created_at.isoformat()})
