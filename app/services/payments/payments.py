"""统一公共支付: payables, WeChat Pay (JSAPI) orders, notifications applied exactly once, refunds, the ledger.

Money is integer fen. A payment is credited only by `apply_paid`, a refund only by `apply_refund`: each is a
conditional update of the order or refund row plus a ledger row whose external id (WeChat's transaction_id or
refund_id) is unique, so a duplicate, late or out-of-order notification — or a query that races it — changes
nothing the second time. The ledger is append-only; its sum per order equals the order's paid minus refunded.
"""
from __future__ import annotations

import json
import logging
import secrets
from datetime import datetime, timedelta, timezone

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.errors import Conflict, Forbidden, Invalid, NotFound, ProviderError
from app.providers import wechatpay as wxpay
from app.providers.shared_data import shared_data_for
from app.services.identity import audit
from app.services.platform import outbox, workdays
from app.services.identity.identity import LEVEL_FACE, require_level
from models import (Application, Department, LedgerEntry, OrderStatus, Payable, PayableStatus, PaymentEvent,
                    PaymentOrder, Refund, RefundStatus, User)
from models.users import Role

log = logging.getLogger("zhangban.payments")
ORDER_TTL = timedelta(minutes=30)
FINES_DEPARTMENT = "jiaojing"
FINE_ITEM_CODE = "103050101"  # 公安交通罚没收入 (illustrative fee item code)
FEE_ITEM_CODE = "103040000"  # 行政事业性收费 (illustrative)


class PayableNotFound(NotFound):
    code, message = "payable_not_found", "没有找到该待缴款项"


class OrderNotFound(NotFound):
    code, message = "payment_not_found", "没有找到该支付订单"


class AlreadyPaid(Conflict):
    code, message = "already_paid", "该款项已缴纳"


class PaymentsUnavailable(ProviderError):
    code, message = "payments_unavailable", "统一支付暂未开通，请到窗口缴费"


class UnknownOrder(Invalid):
    status, code, message = 404, "unknown_order", "通知中的订单不存在"


class AmountMismatch(Invalid):
    code, message = "amount_mismatch", "通知金额与订单金额不一致"


class RefundTooLarge(Invalid):
    code, message = "refund_too_large", "退款金额超过可退金额"


class NotRefundable(Conflict):
    code, message = "not_refundable", "该订单未支付，不能退款"


class FeeUnpaid(Conflict):
    code, message = "fee_unpaid", "该办件的费用尚未缴纳"


def _pay(ctx) -> wxpay.WeChatPay:
    client = getattr(ctx, "wechatpay", None)
    if client is None or client.http is not ctx.http:
        client = ctx.wechatpay = wxpay.from_settings(ctx.settings, ctx.http)
    if client is None:
        raise PaymentsUnavailable()
    return client


def _parse_time(value: str | None) -> datetime:
    if not value:
        return workdays.utcnow()
    return datetime.fromisoformat(value).astimezone(timezone.utc)


# ---------------------------------------------------------------- payables

async def fee_payable(app_row: Application, guides: list[dict]) -> Payable | None:
    """The fee of a case (called when it is approved, in its transaction): one payable, or None when free."""
    items = [{"item": f["item"], "code": FEE_ITEM_CODE, "amount_fen": f["amount_fen"]}
             for g in guides for f in g.get("fees", []) if f["amount_fen"] > 0]
    if not items:
        return None
    payable, _ = await Payable.get_or_create(kind="application_fee", ref=app_row.acceptance_no, defaults={
        "payer_id": app_row.applicant_id, "description": f"{app_row.subject_name}（{app_row.acceptance_no}）",
        "items": items, "amount_fen": sum(i["amount_fen"] for i in items),
        "department_id": app_row.lead_department_id, "fee_item_code": FEE_ITEM_CODE, "application": app_row})
    return payable


async def require_fee_paid(app_row: Application) -> None:
    """出证 waits at the fee step until the case's fee is paid."""
    unpaid = await Payable.filter(kind="application_fee", ref=app_row.acceptance_no,
                                  status=PayableStatus.UNPAID).exists()
    if unpaid:
        raise FeeUnpaid()


async def _sync_fines(ctx, user: User) -> None:
    """Unpaid traffic fines (交通违法罚款) from the shared-data platform become payables; the read is audited."""
    id_number = ctx.vault.decrypt("id_number", user.id_number_enc)
    purpose = "查询待缴交通违法罚款"
    await audit.record_read(None, "system", user, ["traffic_fine:*"], purpose)
    record = await shared_data_for(ctx).query("traffic_fine", {"id_number": id_number}, None, purpose)
    fines = ((record or {}).get("record") or {}).get("fines", [])
    dep = await Department.get_or_none(code=FINES_DEPARTMENT)
    if dep is None:
        return
    # The person's fines follow the person: fine payables another account of theirs held (before this one took
    # the identity over by face) move here.
    refs = [f["decision_number"] for f in fines if f.get("decision_number")]
    if refs:
        await Payable.filter(kind="traffic_fine", ref__in=refs).exclude(payer_id=user.id).update(payer_id=user.id)
    for f in fines:
        if f.get("paid"):
            continue
        try:
            await Payable.get_or_create(kind="traffic_fine", ref=f["decision_number"], defaults={
                "payer": user, "description": f"交通违法罚款：{f['description']}（{f['date']}）",
                "items": [{"item": "交通违法罚款", "code": FINE_ITEM_CODE, "amount_fen": int(f["amount_fen"])}],
                "amount_fen": int(f["amount_fen"]), "department": dep, "fee_item_code": FINE_ITEM_CODE})
        except IntegrityError:  # another request created it first
            continue


async def payables_of(ctx, user: User) -> list[Payable]:
    """My payables: case fees, and traffic fines looked up for my identity (level 3: the person's records)."""
    await require_level(user, LEVEL_FACE)
    await _sync_fines(ctx, user)
    return await Payable.filter(payer=user).order_by("status", "-id").prefetch_related("department")


def payable_view(p: Payable) -> dict:
    return {"id": p.id, "kind": p.kind, "ref": p.ref, "description": p.description, "items": p.items,
            "amount_fen": p.amount_fen, "status": p.status.value,
            "department": {"code": p.department.code, "name": p.department.name},
            "fee_item_code": p.fee_item_code, "paid_at": p.paid_at.isoformat() if p.paid_at else None}


# ---------------------------------------------------------------- paying

def _out_trade_no(now: datetime) -> str:
    return f"ZB{now:%Y%m%d%H%M%S}{secrets.token_hex(6).upper()}"  # 28 characters


async def pay(ctx, user: User, payable_id: int) -> tuple[PaymentOrder, dict]:
    """A WeChat Pay JSAPI order for a payable, and the wx.requestPayment parameters. An unexpired pending order
    for the same payable is reused (a second tap pays the same order)."""
    client = _pay(ctx)
    payable = await Payable.get_or_none(id=payable_id, payer=user)
    if payable is None:
        raise PayableNotFound(field="payable")
    if payable.kind == "traffic_fine":  # the person's own record
        await require_level(user, LEVEL_FACE)
    if payable.status != PayableStatus.UNPAID:
        raise AlreadyPaid()
    now = workdays.utcnow()
    pending = await PaymentOrder.filter(payable=payable, status=OrderStatus.PENDING, expires_at__gt=now + timedelta(
        minutes=1)).exclude(prepay_id=None).first()
    if pending:
        return pending, client.client_params(pending.prepay_id)
    order = await PaymentOrder.create(out_trade_no=_out_trade_no(now), payable=payable, payer=user,
                                      amount_fen=payable.amount_fen, expires_at=now + ORDER_TTL)
    try:
        prepay_id = await client.jsapi(order.out_trade_no, payable.description[:127], payable.amount_fen, user.openid,
                                       f"{ctx.settings.base_url}/api/v1/payments/wechatpay/notify", order.expires_at)
    except ProviderError:
        await PaymentOrder.filter(id=order.id, status=OrderStatus.PENDING).update(status=OrderStatus.FAILED)
        raise
    await PaymentOrder.filter(id=order.id).update(prepay_id=prepay_id)
    order.prepay_id = prepay_id
    return order, client.client_params(prepay_id)


async def apply_refund(out_refund_no: str, refund_id: str | None, status: str, success_time: str | None) -> bool:
    """Apply a refund's final state exactly once; True when this call changed it."""
    async with in_transaction():
        refund = await Refund.filter(out_refund_no=out_refund_no).select_for_update().first()
        if refund is None:
            raise UnknownOrder("通知中的退款单不存在", code="unknown_refund")
        if status == "SUCCESS":
            done = await Refund.filter(id=refund.id, status=RefundStatus.PROCESSING).update(
                status=RefundStatus.SUCCESS, refund_id=refund_id, succeeded_at=_parse_time(success_time))
            if not done:
                return False
            order = await PaymentOrder.get(id=refund.order_id)
            await LedgerEntry.create(order=order, kind="refund", amount_fen=-refund.amount_fen,
                                     external_id=refund_id or f"refund:{out_refund_no}",
                                     occurred_at=_parse_time(success_time))
            if order.refunded_fen >= order.amount_fen:
                await Payable.filter(id=order.payable_id).update(status=PayableStatus.REFUNDED)
            await _emit_payment("payment.refunded", order, refund.amount_fen)
            return True
        if status in ("CLOSED", "ABNORMAL"):
            done = await Refund.filter(id=refund.id, status=RefundStatus.PROCESSING).update(
                status=RefundStatus(status.lower()), refund_id=refund_id)
            if done:  # the reserved amount is refundable again
                order = await PaymentOrder.filter(id=refund.order_id).select_for_update().first()
                await PaymentOrder.filter(id=order.id).update(refunded_fen=order.refunded_fen - refund.amount_fen)
            return bool(done)
    return False


# ---------------------------------------------------------------- crediting a payment (one definition)
#
# What crediting a payment WeChat reports paid writes, defined once here and used both by the row-by-row credit
# (apply_paid: a query's answer; every notification on SQLite) and by the one-statement credit of a notification on
# PostgreSQL (_CREDIT_STATEMENT, rendered from the same definitions): the order becomes paid from any CREDITABLE
# status, one ledger entry, the payable paid, and a "payment.paid" event carrying PAYLOAD.

CREDITABLE = (OrderStatus.PENDING, OrderStatus.CLOSED, OrderStatus.FAILED)  # money moved even if we had closed
# the order meanwhile: record it (a refund can follow)
# What a "payment.*" event carries: key -> (row, column), "o" the order, "p" its payable.
PAYLOAD = {"payable_id": ("o", "payable_id"), "user_id": ("o", "payer_id"), "description": ("p", "description"),
           "amount_fen": ("o", "amount_fen"), "out_trade_no": ("o", "out_trade_no")}


def _aggregate(out_trade_no: str) -> str:
    return f"payment:{out_trade_no}"


def _check_notified(order: PaymentOrder | None, out_trade_no: str, total_fen: int) -> PaymentOrder:
    """The order a payment is reported for, with the amount reported: an unknown order or a wrong amount is an
    error (and credits nothing)."""
    if order is None:
        raise UnknownOrder()
    if total_fen != order.amount_fen:
        log.error("payment %s: WeChat reports %s fen, the order is %s fen", out_trade_no, total_fen, order.amount_fen)
        raise AmountMismatch()
    return order


def _payable_already_paid(out_trade_no: str) -> None:
    log.error("payment %s paid a payable that was already paid: refund it", out_trade_no)


async def apply_paid(out_trade_no: str, transaction_id: str, total_fen: int, success_time: str | None) -> bool:
    """Credit a payment WeChat reports as SUCCESS, exactly once; True when this call credited it."""
    async with in_transaction():
        order = _check_notified(await PaymentOrder.filter(out_trade_no=out_trade_no).select_for_update().first(),
                                out_trade_no, total_fen)
        paid_at = _parse_time(success_time)
        credited = await PaymentOrder.filter(id=order.id, status__in=CREDITABLE).update(
            status=OrderStatus.PAID, transaction_id=transaction_id, paid_at=paid_at, version=order.version + 1)
        if not credited:
            return False
        await LedgerEntry.create(order=order, kind="payment", amount_fen=order.amount_fen, external_id=transaction_id,
                                 occurred_at=paid_at)
        await _emit_payment("payment.paid", order)
        if not await Payable.filter(id=order.payable_id, status=PayableStatus.UNPAID).update(
                status=PayableStatus.PAID, paid_at=paid_at):
            _payable_already_paid(out_trade_no)
    return True


async def _emit_payment(kind: str, order: PaymentOrder, amount_fen: int | None = None) -> None:
    """The audit record and the outbox event (PAYLOAD) of a payment change, in the caller's transaction."""
    rows = {"o": order, "p": await Payable.get(id=order.payable_id)}
    payload = {key: getattr(rows[row], column) for key, (row, column) in PAYLOAD.items()}
    if amount_fen is not None:  # a refund: the amount refunded
        payload["amount_fen"] = amount_fen
    await _audit_payment(kind, payload)
    await outbox.emit(kind, _aggregate(order.out_trade_no), payload)


async def _audit_payment(kind: str, payload: dict) -> None:
    """The audit log's record of a payment change, from its event's payload (in the caller's transaction)."""
    await audit.record_action(None, "system", payload["user_id"], "payment", f"{kind}：{payload['description']}",
                              subject_ref=payload["out_trade_no"], details=[f"amount_fen:{payload['amount_fen']}"])


def _credit_statement() -> str:
    """PostgreSQL: a payment notification stored and credited in one statement (and one commit), from
    CREDITABLE and PAYLOAD. The order's conditional UPDATE takes its row lock, so a concurrent redelivery waits,
    re-reads the status and updates nothing; the ledger's unique external_id stays as the backstop. `applied`
    records whether the order exists with that amount (a notification for an unknown order or a wrong amount stays
    unapplied). Parameters: event id, event type, resource, out_trade_no, amount, transaction id, paid at."""
    creditable = ", ".join(f"'{status.value}'" for status in CREDITABLE)
    payload = ", ".join(f"'{key}', {row}.\"{column}\"" for key, (row, column) in PAYLOAD.items())
    return f"""
WITH ev AS (
  INSERT INTO "payment_events" ("event_id", "event_type", "resource", "received_at", "applied")
  SELECT $1, $2, $3::jsonb, now(),
         EXISTS (SELECT 1 FROM "payment_orders" WHERE "out_trade_no" = $4 AND "amount_fen" = $5)
  ON CONFLICT ("event_id") DO NOTHING
  RETURNING 1
), o AS (
  UPDATE "payment_orders" SET "status" = '{OrderStatus.PAID.value}', "transaction_id" = $6, "paid_at" = $7,
         "version" = "version" + 1
  WHERE "out_trade_no" = $4 AND "amount_fen" = $5 AND "status" IN ({creditable})
  RETURNING "id", "payable_id", "amount_fen", "payer_id", "out_trade_no"
), l AS (
  INSERT INTO "ledger_entries" ("order_id", "kind", "amount_fen", "external_id", "occurred_at", "created_at")
  SELECT "id", 'payment', "amount_fen", $6, $7, now() FROM o
  RETURNING 1
), paid AS (
  UPDATE "payables" SET "status" = '{PayableStatus.PAID.value}', "paid_at" = $7
  WHERE "id" IN (SELECT "payable_id" FROM o) AND "status" = '{PayableStatus.UNPAID.value}'
  RETURNING 1
), n AS (
  INSERT INTO "outbox_events" ("kind", "aggregate", "payload", "created_at")
  SELECT 'payment.paid', '{_aggregate("")}' || o."out_trade_no", jsonb_build_object({payload}), now()
  FROM o JOIN "payables" p ON p."id" = o."payable_id"
  RETURNING "payload"
)
SELECT (SELECT count(*) FROM o) AS credited, (SELECT count(*) FROM paid) AS payables_paid,
       (SELECT "payload" FROM n) AS payload
"""


_CREDIT_STATEMENT = _credit_statement()


async def credit_notification(event_id: str, event_type: str, resource: dict) -> bool:
    """Store a TRANSACTION.SUCCESS notification and credit its payment, exactly once; True when credited now. On
    PostgreSQL one statement (and the audit record, in its transaction); elsewhere the notification is stored, then
    apply_paid."""
    out_trade_no, total = resource["out_trade_no"], int(resource.get("amount", {}).get("total", -1))
    conn = connections.get("default")
    if conn.capabilities.dialect != "postgres":
        await _store_event(event_id, event_type, resource)
        credited = await apply_paid(out_trade_no, resource["transaction_id"], total, resource.get("success_time"))
        await PaymentEvent.filter(event_id=event_id).update(applied=True)
        return credited
    async with in_transaction() as tx:  # the statement and the payment's audit record, together
        rows = await tx.execute_query_dict(_CREDIT_STATEMENT, [
            event_id, event_type, json.dumps(resource, ensure_ascii=False), out_trade_no, total,
            resource["transaction_id"], _parse_time(resource.get("success_time"))])
        if rows[0]["credited"]:
            payload = rows[0]["payload"]
            await _audit_payment("payment.paid", json.loads(payload) if isinstance(payload, str) else payload)
    if rows[0]["credited"]:
        if not rows[0]["payables_paid"]:
            _payable_already_paid(out_trade_no)
        return True
    _check_notified(await PaymentOrder.get_or_none(out_trade_no=out_trade_no), out_trade_no, total)
    return False  # a duplicate


async def _store_event(event_id: str, event_type: str, resource: dict) -> None:
    try:
        await PaymentEvent.create(event_id=event_id, event_type=event_type, resource=resource)
    except IntegrityError:
        pass  # a redelivery: applying it again changes nothing


async def handle_notification(ctx, headers, body: bytes) -> None:
    """A WeChat Pay notification: verified and decrypted (VerificationError otherwise), stored once by its id,
    applied idempotently. The e-receipt follows from the job worker (receipts.issue_missing) or when the payer
    asks for it: WeChat waits for this answer."""
    envelope = _pay(ctx).open_notification(headers, body)
    resource, event_type = envelope["resource"], str(envelope.get("event_type", ""))[:48]
    event_id = str(envelope.get("id"))[:64]
    if event_type == "TRANSACTION.SUCCESS" and resource.get("trade_state") == "SUCCESS":
        await credit_notification(event_id, event_type, resource)
        return
    await _store_event(event_id, event_type, resource)
    if event_type.startswith("REFUND."):
        await apply_refund(resource["out_refund_no"], resource.get("refund_id"),
                           resource.get("refund_status") or resource.get("status") or event_type.split(".")[1],
                           resource.get("success_time"))
    await PaymentEvent.filter(event_id=event_id).update(applied=True)


async def sync(ctx, order: PaymentOrder) -> PaymentOrder:
    """Ask WeChat Pay about a pending order (a late notification): credit it or close it."""
    if order.status != OrderStatus.PENDING:
        return order
    t = await _pay(ctx).query(order.out_trade_no)
    state = t.get("trade_state")
    if state in ("SUCCESS", "REFUND") and t.get("transaction_id"):
        await apply_paid(order.out_trade_no, t["transaction_id"], int(t["amount"]["total"]), t.get("success_time"))
    elif state in ("CLOSED", "REVOKED", "PAYERROR"):
        await PaymentOrder.filter(id=order.id, status=OrderStatus.PENDING).update(
            status=OrderStatus.CLOSED if state != "PAYERROR" else OrderStatus.FAILED)
    return await PaymentOrder.get(id=order.id)


async def close_expired(ctx, now: datetime | None = None) -> int:
    """Close unpaid orders past their expiry at WeChat Pay (after a last query, so a late payment is credited)."""
    now = now or workdays.utcnow()
    closed = 0
    for order in await PaymentOrder.filter(status=OrderStatus.PENDING, expires_at__lt=now):
        order = await sync(ctx, order)
        if order.status == OrderStatus.PENDING:
            await _pay(ctx).close(order.out_trade_no)
            async with in_transaction():
                done = await PaymentOrder.filter(id=order.id, status=OrderStatus.PENDING).update(
                    status=OrderStatus.CLOSED)
                if done:
                    await _emit_payment("payment.order_closed", order)
            closed += done
    return closed


async def order_for(ctx, user: User, order_id: int, refresh: bool = True) -> PaymentOrder:
    """A payment order of its payer (or any, for an admin); a pending one is checked with WeChat Pay, so a
    polling client sees the result even when the notification is late."""
    order = await PaymentOrder.get_or_none(id=order_id)
    if order is None or (order.payer_id != user.id and user.role != Role.ADMIN):
        raise OrderNotFound()
    if refresh and order.status == OrderStatus.PENDING and order.created_at < workdays.utcnow() - timedelta(seconds=3):
        order = await sync(ctx, order)
    return order


async def orders_of(user: User) -> list[PaymentOrder]:
    return await PaymentOrder.filter(payer=user).order_by("-id").prefetch_related("payable")


def order_view(o: PaymentOrder, payable: Payable | None = None) -> dict:
    view = {"id": o.id, "out_trade_no": o.out_trade_no, "amount_fen": o.amount_fen, "status": o.status.value,
            "transaction_id": o.transaction_id, "refunded_fen": o.refunded_fen,
            "created_at": o.created_at.isoformat(), "paid_at": o.paid_at.isoformat() if o.paid_at else None,
            "expires_at": o.expires_at.isoformat()}
    if payable is not None:
        view["payable"] = {"id": payable.id, "kind": payable.kind, "ref": payable.ref,
                           "description": payable.description, "amount_fen": payable.amount_fen}
    return view


# ---------------------------------------------------------------- refunds

async def refund(ctx, actor: User, order_id: int, amount_fen: int, reason: str) -> Refund:
    """Refund part or all of a paid order (admin). The amount is reserved first, so concurrent refunds can never
    exceed what was paid; WeChat's answer (or its later notification) settles it."""
    if actor.role != Role.ADMIN:
        raise Forbidden()
    if amount_fen <= 0:
        raise Invalid("退款金额应大于0", field="amount_fen")
    client = _pay(ctx)
    async with in_transaction():
        order = await PaymentOrder.filter(id=order_id).select_for_update().first()
        if order is None:
            raise OrderNotFound()
        if order.status != OrderStatus.PAID:
            raise NotRefundable()
        if amount_fen > order.amount_fen - order.refunded_fen:
            raise RefundTooLarge(f"最多可退 {order.amount_fen - order.refunded_fen} 分", field="amount_fen")
        reserved = await PaymentOrder.filter(id=order.id, refunded_fen=order.refunded_fen).update(
            refunded_fen=order.refunded_fen + amount_fen)
        if not reserved:
            raise Conflict("订单正在退款，请稍后重试")
        r = await Refund.create(out_refund_no=f"RF{order.out_trade_no[2:]}{secrets.token_hex(3).upper()}",
                                order=order, amount_fen=amount_fen, reason=reason[:80], requested_by=actor)
    try:
        answer = await client.refund(r.out_refund_no, order.out_trade_no, amount_fen, order.amount_fen, reason[:80],
                                     f"{ctx.settings.base_url}/api/v1/payments/wechatpay/notify")
    except ProviderError:
        await apply_refund(r.out_refund_no, None, "CLOSED", None)
        raise
    if answer.get("status") in ("SUCCESS", "CLOSED", "ABNORMAL"):
        await apply_refund(r.out_refund_no, answer.get("refund_id"), answer["status"], answer.get("success_time"))
    elif answer.get("refund_id"):
        await Refund.filter(id=r.id).update(refund_id=answer["refund_id"])
    return await Refund.get(id=r.id)


def refund_view(r: Refund) -> dict:
    return {"id": r.id, "out_refund_no": r.out_refund_no, "amount_fen": r.amount_fen, "reason": r.reason,
            "status": r.status.value, "refund_id": r.refund_id, "created_at": r.created_at.isoformat(),
            "succeeded_at": r.succeeded_at.isoformat() if r.succeeded_at else None}


async def ledger_balance() -> dict:
    """The ledger against the orders: both sums, for checks and the storm benchmark."""
    entries = await LedgerEntry.all().values_list("amount_fen", flat=True)
    paid = await PaymentOrder.filter(status=OrderStatus.PAID).values_list("amount_fen", "refunded_fen")
    settled_refunds = await Refund.filter(status=RefundStatus.SUCCESS).values_list("amount_fen", flat=True)
    return {"ledger_fen": sum(entries), "orders_fen": sum(a for a, _ in paid) - sum(settled_refunds),
            "entries": len(entries)}

