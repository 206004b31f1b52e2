from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Role(StrEnum):
    CITIZEN = "citizen"
    STAFF = "staff"
    ADMIN = "admin"


class User(Model):
    """A person who signs in: a citizen (WeChat openid) or staff (DingTalk userid).

    ID and phone numbers are stored encrypted (AES-GCM) with a keyed blind index for lookup, plus the
    masked form that responses show, so that showing a profile never decrypts anything.
    """

    id = fields.IntField(primary_key=True)
    role = fields.CharEnumField(Role, max_length=16, default=Role.CITIZEN)
    openid = fields.CharField(max_length=64, null=True, unique=True)
    ding_userid = fields.CharField(max_length=64, null=True, unique=True)
    department = fields.ForeignKeyField("models.Department", null=True, related_name="staff_users")
    staff_roles = fields.JSONField(default=list)
    name = fields.CharField(max_length=64, null=True)
    id_number_enc = fields.TextField(null=True)
    id_number_bidx = fields.CharField(max_length=64, null=True, db_index=True)
    id_number_masked = fields.CharField(max_length=24, null=True)
    phone_enc = fields.TextField(null=True)
    phone_bidx = fields.CharField(max_length=64, null=True, db_index=True)
    phone_masked = fields.CharField(max_length=16, null=True)
    verified_at = fields.DatetimeField(null=True)
    face_verified_at = fields.DatetimeField(null=True)
    # The blind index of the identity this account holds at real-name level 3 (face verified): unique, so one
    # ID number has at most one level-3 account.
    holder_bidx = fields.CharField(max_length=64, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "users"


class Enterprise(Model):
    """A legal person found by its 统一社会信用代码 (GB 32100)."""

    id = fields.IntField(primary_key=True)
    credit_code = fields.CharField(max_length=18, unique=True)
    name = fields.CharField(max_length=128)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "enterprises"


class UserEnterprise(Model):
    """A citizen acting as an enterprise's agent (经办人)."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="enterprise_links")
    enterprise = fields.ForeignKeyField("models.Enterprise", related_name="agent_links")
    role = fields.CharField(max_length=16, default="agent")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "user_enterprises"
        unique_together = (("user", "enterprise"),)


class FaceSession(Model):
    """A WeChat face verification (刷脸) hand-off: our out_seq_no mapped to WeChat's verify_id."""

    id = fields.IntField(primary_key=True)
    verify_id = fields.CharField(max_length=128, unique=True)
    out_seq_no = fields.CharField(max_length=64, unique=True)
    user = fields.ForeignKeyField("models.User", related_name="face_sessions", db_index=True)
    status = fields.CharField(max_length=16, default="pending")  # pending | passed | failed
    verify_ret = fields.IntField(null=True)
    expires_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "face_sessions"
