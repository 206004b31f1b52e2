from tortoise import fields
from tortoise.models import Model


class AuditLog(Model):
    """Append-only record of every read of personal data: who read whose which fields, and why."""

    id = fields.BigIntField(primary_key=True)
    actor = fields.ForeignKeyField("models.User", null=True, related_name="audit_reads")
    actor_role = fields.CharField(max_length=16)
    subject = fields.ForeignKeyField("models.User", null=True, related_name="audit_subject", db_index=True)
    subject_ref = fields.CharField(max_length=64, null=True)  # e.g. an enterprise credit code or acceptance number
    fields_read = fields.JSONField()
    purpose = fields.CharField(max_length=128)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "audit_log"
