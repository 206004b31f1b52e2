"""咨询投诉 tickets, 好差评 ratings and the rectification tickets (差评整改) a bad rating opens."""
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ComplaintStatus(StrEnum):
    OPEN = "open"  # with the responsible department
    CLOSED = "closed"  # answered by staff


class Complaint(Model):
    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="complaints", db_index=True)
    category = fields.CharField(max_length=16)
    title = fields.CharField(max_length=60)
    text = fields.TextField()
    attachments = fields.JSONField(default=list)  # upload ids owned by the citizen
    acceptance_no = fields.CharField(max_length=32, null=True)
    service_code = fields.CharField(max_length=16, null=True)
    department = fields.ForeignKeyField("models.Department", related_name="complaints", db_index=True)
    status = fields.CharEnumField(ComplaintStatus, max_length=8, default=ComplaintStatus.OPEN)
    due_at = fields.DatetimeField()
    flag = fields.CharField(max_length=8, null=True)  # yellow (near due) | red (overdue), kept by a job
    reply = fields.TextField(null=True)
    replied_by = fields.ForeignKeyField("models.User", null=True, related_name="complaint_replies")
    replied_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "complaints"


class Rating(Model):
    """A citizen's 1-5 rating of one target: ("application", acceptance no), ("chat", session id),
    ("complaint", id); a window visit ("queue_ticket", id) can be added as one more target type."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="ratings", db_index=True)
    target_type = fields.CharField(max_length=16)
    target_id = fields.CharField(max_length=40)
    score = fields.SmallIntField()
    tags = fields.JSONField(default=list)
    comment = fields.CharField(max_length=300, null=True)
    department = fields.ForeignKeyField("models.Department", null=True, related_name="ratings")
    service_code = fields.CharField(max_length=16, null=True)
    hall = fields.CharField(max_length=32, null=True)  # the service hall of a window visit (later)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ratings"
        unique_together = (("target_type", "target_id"),)
        indexes = (("created_at",),)  # a day's ratings (dashboard facts)


class RectificationStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Rectification(Model):
    """差评整改: opened by a rating of 2 or below, assigned to the department with a deadline."""

    id = fields.IntField(primary_key=True)
    rating = fields.OneToOneField("models.Rating", related_name="rectification")
    department = fields.ForeignKeyField("models.Department", related_name="rectifications")
    status = fields.CharEnumField(RectificationStatus, max_length=8, default=RectificationStatus.OPEN)
    due_at = fields.DatetimeField()
    flag = fields.CharField(max_length=8, null=True)
    outcome = fields.TextField(null=True)
    closed_by = fields.ForeignKeyField("models.User", null=True, related_name="rectifications_closed")
    closed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "rectifications"
        indexes = (("closed_at",),)  # a day's closed rectifications (dashboard facts)
