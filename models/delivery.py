from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class WaybillStatus(StrEnum):
    CREATED = "created"  # 已下单
    PICKED_UP = "picked_up"  # 已揽收
    IN_TRANSIT = "in_transit"  # 运输中
    DELIVERING = "delivering"  # 派送中
    SIGNED = "signed"  # 已签收
    RETURNED = "returned"  # 拒收退回


class Waybill(Model):
    """A parcel sent by courier (寄递): a case's result to the citizen, by one courier's waybill number."""

    id = fields.IntField(primary_key=True)
    waybill_no = fields.CharField(max_length=32, unique=True)
    order_id = fields.CharField(max_length=64, unique=True)  # ours, sent to the courier (idempotent there)
    courier = fields.CharField(max_length=16, default="sf")
    application = fields.ForeignKeyField("models.Application", null=True, related_name="waybills", db_index=True)
    status = fields.CharEnumField(WaybillStatus, max_length=16, default=WaybillStatus.CREATED)
    recipient_name = fields.CharField(max_length=64)
    recipient_phone = fields.TextField()  # Vault-encrypted
    recipient_region = fields.CharField(max_length=64)  # province city district, not personal on its own
    recipient_detail = fields.TextField()  # Vault-encrypted street address
    created_by = fields.ForeignKeyField("models.User", null=True, related_name="waybills_created")
    created_at = fields.DatetimeField(auto_now_add=True)
    last_route_at = fields.DatetimeField(null=True)  # the newest route event's time
    version = fields.IntField(default=1)

    class Meta:
        table = "waybills"


class RouteEvent(Model):
    """One courier route event (路由), stored once by the courier's own event id however often it is pushed."""

    id = fields.BigIntField(primary_key=True)
    waybill = fields.ForeignKeyField("models.Waybill", related_name="routes", db_index=True)
    event_id = fields.CharField(max_length=64, unique=True)
    op_code = fields.CharField(max_length=8)
    stage = fields.CharField(max_length=16)
    accept_time = fields.DatetimeField()
    address = fields.CharField(max_length=128)
    remark = fields.CharField(max_length=256)
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "route_events"


class Address(Model):
    """An entry of a citizen's address book (收货地址): phone and street address encrypted at rest."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="addresses", db_index=True)
    recipient = fields.CharField(max_length=32)
    phone = fields.TextField()  # Vault-encrypted
    province = fields.CharField(max_length=16)
    city = fields.CharField(max_length=16)
    district = fields.CharField(max_length=16)
    detail = fields.TextField()  # Vault-encrypted
    is_default = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "addresses"


class DeliveryChoice(Model):
    """How a case's result reaches the citizen (electronic | window | courier | locker), chosen until 出证; a
    courier choice keeps its own encrypted copy of the address, so editing the address book changes nothing."""

    id = fields.IntField(primary_key=True)
    application = fields.OneToOneField("models.Application", related_name="delivery_choice")
    method = fields.CharField(max_length=16)
    recipient = fields.CharField(max_length=32, null=True)
    phone = fields.TextField(null=True)  # Vault-encrypted
    province = fields.CharField(max_length=16, null=True)
    city = fields.CharField(max_length=16, null=True)
    district = fields.CharField(max_length=16, null=True)
    detail = fields.TextField(null=True)  # Vault-encrypted
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "delivery_choices"
