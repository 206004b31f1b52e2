from tortoise import fields
from tortoise.models import Model


class Department(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=64)
    short_name = fields.CharField(max_length=32)
    phone = fields.CharField(max_length=32, null=True)
    address = fields.CharField(max_length=128, null=True)

    class Meta:
        table = "departments"


class Service(Model):
    """A service item (事项) with its current guide; every edit is also kept in ServiceVersion."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=16, unique=True)
    name = fields.CharField(max_length=64)
    department = fields.ForeignKeyField("models.Department", related_name="services")
    kind = fields.CharField(max_length=16)
    audience = fields.CharField(max_length=16, default="citizen")
    livelihood = fields.BooleanField(default=True)
    online_level = fields.SmallIntField()
    channels = fields.JSONField(default=list)
    id_only = fields.BooleanField(default=False)  # 一证通办: nothing but the ID number in the default situation
    hot_rank = fields.SmallIntField(null=True)
    guide = fields.JSONField()
    version = fields.IntField(default=1)
    active = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "services"


class ServiceVersion(Model):
    id = fields.IntField(primary_key=True)
    service = fields.ForeignKeyField("models.Service", related_name="versions")
    version = fields.IntField()
    guide = fields.JSONField()
    edited_by = fields.ForeignKeyField("models.User", null=True, related_name="service_edits")
    note = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "service_versions"
        unique_together = (("service", "version"),)


class Bundle(Model):
    """一件事: several services with one lead department and one merged materials list."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=64)
    lead_department = fields.ForeignKeyField("models.Department", related_name="bundles")
    definition = fields.JSONField()
    version = fields.IntField(default=1)
    active = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "bundles"


class StaffMember(Model):
    """The staff directory (seeded; in production synced from DingTalk): who may sign in as staff, with which roles."""

    id = fields.IntField(primary_key=True)
    userid = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=64)
    department = fields.ForeignKeyField("models.Department", related_name="directory")
    roles = fields.JSONField(default=list)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "staff_members"
