"""电子证照: the kinds of licence services produce, and the licences issued."""
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class LicenceStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"  # 吊销
    CANCELLED = "cancelled"  # 注销


class LicenceType(Model):
    """证照类型, from the seed data (app/seed/data/licence_types.json, validated by catalog_schema.LicenceType)."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=16, unique=True)
    name = fields.CharField(max_length=64)
    kind = fields.CharField(max_length=16)  # certificate | letter
    department = fields.ForeignKeyField("models.Department", related_name="licence_types")
    holder = fields.CharField(max_length=16)  # person | enterprise
    validity = fields.JSONField()
    services = fields.JSONField(default=list)
    fields_spec = fields.JSONField(default=list)  # [{key, label, type, personal, source}]

    class Meta:
        table = "licence_types"


class Licence(Model):
    """One issued licence: numbered per type, held by a person or an enterprise, signed by its department."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=40, unique=True)
    licence_type = fields.ForeignKeyField("models.LicenceType", related_name="licences")
    application = fields.ForeignKeyField("models.Application", null=True, related_name="licences")
    acceptance_no = fields.CharField(max_length=32, null=True)
    holder_user = fields.ForeignKeyField("models.User", null=True, related_name="licences")
    holder_enterprise = fields.ForeignKeyField("models.Enterprise", null=True, related_name="licences")
    department = fields.ForeignKeyField("models.Department", related_name="issued_licences")
    # Field values by key; personal ones as Vault ciphertext (field name "licence.<key>"), with their masked form
    # in `masked`.
    values = fields.JSONField(default=dict)
    masked = fields.JSONField(default=dict)
    issued_at = fields.DatetimeField()
    valid_from = fields.DateField()
    valid_until = fields.DateField(null=True)  # null: permanent
    status = fields.CharEnumField(LicenceStatus, max_length=16, default=LicenceStatus.VALID)
    status_history = fields.JSONField(default=list)  # [{status, at, by, reason}], oldest first
    data_signature = fields.JSONField(default=dict)  # {alg, key_id, value} over the canonical payload
    pdf_key = fields.CharField(max_length=96, null=True)  # storage key of the signed PDF, once rendered
    pdf_sha256 = fields.CharField(max_length=64, null=True)
    version = fields.IntField(default=1)

    class Meta:
        table = "licences"
        unique_together = (("application", "licence_type"),)
