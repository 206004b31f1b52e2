"""Notifications: planned deliveries per (event, channel, recipient), consent quotas, the in-app inbox, and the
DingTalk approval instances that mirror workflow steps."""
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # due at next_attempt_at (a claimed one has next_attempt_at pushed out by the lease)
    SENT = "sent"
    SKIPPED = "skipped"  # not sent by rule (no consent quota, no phone): recorded, never retried
    FAILED = "failed"  # refused for good by the provider (e.g. 43101 no consent): recorded, never retried
    DEAD = "dead"  # gave up after MAX_ATTEMPTS: a dead letter, an admin may retry it


class Delivery(Model):
    """One message to one recipient on one channel, derived from one outbox event. `dedup_key` is unique: the
    dispatcher inserts with ON CONFLICT DO NOTHING, so replanning an event never adds a second delivery."""

    id = fields.BigIntField(primary_key=True)
    event_id = fields.BigIntField(db_index=True)
    kind = fields.CharField(max_length=48)  # the event kind
    channel = fields.CharField(max_length=24)  # wechat | sms | dingtalk | dingtalk_approval
    recipient = fields.CharField(max_length=96)  # user:<id> | ding:<userid,…> | step:<id>
    dedup_key = fields.CharField(max_length=200, unique=True)  # "<event>:<channel>:<recipient>"
    user_id = fields.IntField(null=True)
    message = fields.JSONField(default=dict)  # what the channel sends (template, data, text, …)
    important = fields.BooleanField(default=False)  # falls back to SMS when WeChat cannot be used
    status = fields.CharEnumField(DeliveryStatus, max_length=12, default=DeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(db_index=True)
    last_error = fields.CharField(max_length=255, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notification_deliveries"
        indexes = (("status", "next_attempt_at"),)


class SubscriptionQuota(Model):
    """A citizen's one-time subscribe-message consents for one template (wx.requestSubscribeMessage "accept"
    adds one; each WeChat send uses one)."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="subscription_quotas")
    template_id = fields.CharField(max_length=64)
    remaining = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "subscription_quotas"
        unique_together = (("user", "template_id"),)


class InboxMessage(Model):
    """The in-app inbox (消息中心): written by the dispatcher in the event's own planning transaction."""

    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="inbox")
    dedup_key = fields.CharField(max_length=200, unique=True)
    kind = fields.CharField(max_length=48)
    title = fields.CharField(max_length=64)
    body = fields.CharField(max_length=500)
    link = fields.CharField(max_length=200, null=True)  # a mini-program page
    created_at = fields.DatetimeField(auto_now_add=True)
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "inbox_messages"
        indexes = (("user", "read_at"),)


class ApprovalInstance(Model):
    """A DingTalk approval (OA审批) instance created for one workflow step; its callback decides the step."""

    id = fields.IntField(primary_key=True)
    step = fields.OneToOneField("models.ApplicationStep", related_name="dingtalk_approval")
    process_code = fields.CharField(max_length=64)
    instance_id = fields.CharField(max_length=64, unique=True)
    approvers = fields.JSONField(default=list)  # DingTalk userids
    status = fields.CharField(max_length=16, default="running")  # running | agree | refuse | stale
    decided_by = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    decided_at = fields.DatetimeField(null=True)

    class Meta:
        table = "dingtalk_approvals"


class CallbackEvent(Model):
    """Each accepted DingTalk callback, by its signature: a replay of the same signed request is refused."""

    id = fields.IntField(primary_key=True)
    signature = fields.CharField(max_length=64, unique=True)
    event_type = fields.CharField(max_length=48)
    body = fields.JSONField(default=dict)
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "dingtalk_callbacks"
