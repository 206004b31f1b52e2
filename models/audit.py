from tortoise import fields
from tortoise.models import Model


class AuditLog(Model):
    """Append-only record of every read of personal data (and every decision, payment and archive operation):
    who did what about whom, and why. Hash-chained by the sealer (docs/audit.md): the last four columns are
    NULL until it has chained the row."""

    id = fields.BigIntField(primary_key=True)
    action = fields.CharField(max_length=16, default="read")  # read | decision | payment | archive
    actor = fields.ForeignKeyField("models.User", null=True, related_name="audit_reads")
    actor_role = fields.CharField(max_length=16)
    subject = fields.ForeignKeyField("models.User", null=True, related_name="audit_subject", db_index=True)
    subject_ref = fields.CharField(max_length=64, null=True)  # e.g. an enterprise credit code or acceptance number
    fields_read = fields.JSONField()
    purpose = fields.CharField(max_length=128)
    created_at = fields.DatetimeField(auto_now_add=True)
    seq = fields.BigIntField(null=True, unique=True)  # position in the chain, given by the sealer
    content_hash = fields.CharField(max_length=64, null=True)
    prev_hash = fields.CharField(max_length=64, null=True)
    row_hash = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "audit_log"


class AuditCheckpoint(Model):
    """The audit chain's head at a point in time, signed with the audit key (Ed25519): one per Beijing day
    ("day:YYYY-MM-DD"), and any an operator signs ("manual:…")."""

    id = fields.IntField(primary_key=True)
    label = fields.CharField(max_length=48, unique=True)
    seq = fields.BigIntField()
    row_hash = fields.CharField(max_length=64)
    key_id = fields.CharField(max_length=16)
    signature = fields.CharField(max_length=128)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "audit_checkpoints"
