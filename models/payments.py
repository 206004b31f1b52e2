from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class PayableStatus(StrEnum):
    UNPAID = "unpaid"
    PAID = "paid"
    REFUNDED = "refunded"  # fully refunded
    CANCELLED = "cancelled"


class OrderStatus(StrEnum):
    PENDING = "pending"  # created at WeChat Pay, waiting for the payer
    PAID = "paid"
    CLOSED = "closed"  # expired or closed unpaid
    FAILED = "failed"


class RefundStatus(StrEnum):
    PROCESSING = "processing"
    SUCCESS = "success"
    CLOSED = "closed"
    ABNORMAL = "abnormal"


class Payable(Model):
    """Something a citizen owes (应缴款项): a service fee of a case, a traffic fine, another non-tax payable."""

    id = fields.IntField(primary_key=True)
    payer = fields.ForeignKeyField("models.User", related_name="payables", db_index=True)
    kind = fields.CharField(max_length=24)  # application_fee | traffic_fine
    ref = fields.CharField(max_length=64)  # acceptance number or decision number (决定书编号)
    description = fields.CharField(max_length=128)
    items = fields.JSONField(default=list)  # [{"item", "code", "amount_fen"}]
    amount_fen = fields.IntField()
    department = fields.ForeignKeyField("models.Department", related_name="payables")  # 执收单位
    fee_item_code = fields.CharField(max_length=32)
    application = fields.ForeignKeyField("models.Application", null=True, related_name="payables", db_index=True)
    status = fields.CharEnumField(PayableStatus, max_length=16, default=PayableStatus.UNPAID)
    created_at = fields.DatetimeField(auto_now_add=True)
    paid_at = fields.DatetimeField(null=True)

    class Meta:
        table = "payables"
        unique_together = (("kind", "ref"),)


class PaymentOrder(Model):
    """One attempt to pay a payable through WeChat Pay (JSAPI)."""

    id = fields.IntField(primary_key=True)
    out_trade_no = fields.CharField(max_length=32, unique=True)
    payable = fields.ForeignKeyField("models.Payable", related_name="orders", db_index=True)
    payer = fields.ForeignKeyField("models.User", related_name="payment_orders", db_index=True)
    amount_fen = fields.IntField()
    status = fields.CharEnumField(OrderStatus, max_length=16, default=OrderStatus.PENDING)
    prepay_id = fields.CharField(max_length=64, null=True)
    transaction_id = fields.CharField(max_length=64, null=True, unique=True)
    refunded_fen = fields.IntField(default=0)
    expires_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)
    paid_at = fields.DatetimeField(null=True)
    version = fields.IntField(default=1)

    class Meta:
        table = "payment_orders"


class Refund(Model):
    id = fields.IntField(primary_key=True)
    out_refund_no = fields.CharField(max_length=64, unique=True)
    order = fields.ForeignKeyField("models.PaymentOrder", related_name="refunds", db_index=True)
    amount_fen = fields.IntField()
    reason = fields.CharField(max_length=80)
    status = fields.CharEnumField(RefundStatus, max_length=16, default=RefundStatus.PROCESSING)
    refund_id = fields.CharField(max_length=64, null=True, unique=True)
    requested_by = fields.ForeignKeyField("models.User", null=True, related_name="refunds_requested")
    created_at = fields.DatetimeField(auto_now_add=True)
    succeeded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "refunds"


class LedgerEntry(Model):
    """Append-only record of every money movement; sums always agree with the orders."""

    id = fields.BigIntField(primary_key=True)
    order = fields.ForeignKeyField("models.PaymentOrder", related_name="ledger", db_index=True)
    kind = fields.CharField(max_length=16)  # payment | refund
    amount_fen = fields.IntField()  # positive for a payment, negative for a refund
    external_id = fields.CharField(max_length=64, unique=True)  # WeChat transaction_id or refund_id
    occurred_at = fields.DatetimeField()  # when WeChat says it happened (success_time)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ledger_entries"


class PaymentEvent(Model):
    """A verified, decrypted WeChat Pay notification, stored once by its id before it is applied."""

    id = fields.BigIntField(primary_key=True)
    event_id = fields.CharField(max_length=64, unique=True)
    event_type = fields.CharField(max_length=48)
    resource = fields.JSONField()
    received_at = fields.DatetimeField(auto_now_add=True)
    applied = fields.BooleanField(default=False)

    class Meta:
        table = "payment_events"


class Receipt(Model):
    """An electronic receipt (非税收入电子票据 style), signed over its canonical JSON."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=32, unique=True)
    order = fields.OneToOneField("models.PaymentOrder", related_name="receipt")
    payload = fields.JSONField()
    signature = fields.TextField()
    key_id = fields.CharField(max_length=32)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "receipts"


class ReconciliationReport(Model):
    id = fields.IntField(primary_key=True)
    bill_date = fields.DateField()
    summary = fields.JSONField()
    differences = fields.JSONField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "reconciliation_reports"
