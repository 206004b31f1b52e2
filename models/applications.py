from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class CaseStatus(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"  # 不予受理
    SUPPLEMENT = "supplement"  # 补正: waiting on the citizen
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    DENIED = "denied"
    ISSUED = "issued"
    DELIVERED = "delivered"
    COLLECTED = "collected"
    ARCHIVED = "archived"


class StepStatus(StrEnum):
    WAITING = "waiting"  # prerequisites not yet approved
    OPEN = "open"
    SUPPLEMENT = "supplement"  # this step asked the citizen for more
    APPROVED = "approved"
    DENIED = "denied"
    CANCELLED = "cancelled"  # the case ended before this step was reached


class Application(Model):
    """A case (办件): one acceptance number across every department and channel."""

    id = fields.IntField(primary_key=True)
    acceptance_no = fields.CharField(max_length=32, unique=True)
    applicant = fields.ForeignKeyField("models.User", related_name="applications")
    enterprise = fields.ForeignKeyField("models.Enterprise", null=True, related_name="applications")
    service = fields.ForeignKeyField("models.Service", null=True, related_name="applications")
    bundle = fields.ForeignKeyField("models.Bundle", null=True, related_name="applications")
    subject_code = fields.CharField(max_length=32)
    subject_name = fields.CharField(max_length=64)
    lead_department = fields.ForeignKeyField("models.Department", related_name="led_applications")
    status = fields.CharEnumField(CaseStatus, max_length=16, default=CaseStatus.SUBMITTED)
    resume_status = fields.CharField(max_length=16, null=True)  # where a 补正 returns to
    form = fields.JSONField(default=dict)
    answers = fields.JSONField(default=dict)
    consent = fields.JSONField(default=dict)  # shared-data reads the citizen agreed to
    supplement_items = fields.JSONField(default=list)
    idempotency_key = fields.CharField(max_length=64, null=True)
    channel = fields.CharField(max_length=16, default="mobile")
    hall = fields.ForeignKeyField("models.Hall", null=True, related_name="applications",
                                  on_delete=fields.SET_NULL)  # accepted at one of its windows
    track_token = fields.CharField(max_length=64, unique=True)
    track_revoked = fields.BooleanField(default=False)
    promised_days = fields.IntField()
    due_at = fields.DatetimeField(null=True)
    paused_remaining_days = fields.IntField(null=True)  # working days left when the clock paused for 补正
    submitted_at = fields.DatetimeField(auto_now_add=True)
    accepted_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)
    version = fields.IntField(default=1)

    class Meta:
        table = "applications"
        unique_together = (("applicant", "idempotency_key"),)
        # the dashboard's daily facts read a day's submissions and decisions; its overdue count the open cases
        indexes = (("submitted_at",), ("finished_at",), ("status", "due_at"))


class ApplicationMaterial(Model):
    id = fields.IntField(primary_key=True)
    application = fields.ForeignKeyField("models.Application", related_name="materials", db_index=True)
    name = fields.CharField(max_length=100)
    required = fields.BooleanField(default=True)
    source = fields.CharField(max_length=16)  # citizen | shared
    dataset = fields.CharField(max_length=32, null=True)
    upload = fields.ForeignKeyField("models.Upload", null=True, related_name="used_in")
    shared_ref = fields.CharField(max_length=128, null=True)  # the record's id at the data source
    shared_summary = fields.JSONField(null=True)  # non-sensitive description of the fetched record
    status = fields.CharField(max_length=16, default="received")  # received | fetched | missing | replaced
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "application_materials"


class ApplicationStep(Model):
    """One department step of a case's workflow (a DAG: 并联 + 串联)."""

    id = fields.IntField(primary_key=True)
    application = fields.ForeignKeyField("models.Application", related_name="steps")
    key = fields.CharField(max_length=32)
    name = fields.CharField(max_length=64)
    department = fields.ForeignKeyField("models.Department", related_name="steps", db_index=True)
    after = fields.JSONField(default=list)
    is_intake = fields.BooleanField(default=False)
    status = fields.CharEnumField(StepStatus, max_length=16, default=StepStatus.WAITING)
    opened_at = fields.DatetimeField(null=True)
    due_at = fields.DatetimeField(null=True)
    decided_at = fields.DatetimeField(null=True)
    decided_by = fields.ForeignKeyField("models.User", null=True, related_name="decisions")
    decision = fields.CharField(max_length=16, null=True)
    comment = fields.TextField(null=True)
    version = fields.IntField(default=1)
    # when staff were told this step is near its due date / past it (one notice per step and flag, ever)
    near_due_flagged_at = fields.DatetimeField(null=True)
    overdue_flagged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "application_steps"
        unique_together = (("application", "key"),)


class ApplicationEvent(Model):
    """The append-only timeline of a case: every status change and step decision."""

    id = fields.BigIntField(primary_key=True)
    application = fields.ForeignKeyField("models.Application", related_name="events", db_index=True)
    at = fields.DatetimeField(auto_now_add=True)
    actor = fields.ForeignKeyField("models.User", null=True, related_name="case_events")
    actor_role = fields.CharField(max_length=16)
    kind = fields.CharField(max_length=24)  # status | step_opened | step_decided | material | note
    from_status = fields.CharField(max_length=16, null=True)
    to_status = fields.CharField(max_length=16, null=True)
    step_key = fields.CharField(max_length=32, null=True)
    department = fields.ForeignKeyField("models.Department", null=True, related_name="case_events")
    note = fields.TextField(null=True)

    class Meta:
        table = "application_events"
        indexes = (("to_status", "at"),)  # a day's 补正 requests (dashboard facts)
