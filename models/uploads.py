"""Files citizens upload (materials), kept by the storage adapter."""
from tortoise import fields
from tortoise.models import Model


class Upload(Model):
    """A file a citizen uploaded (pdf, jpg, png), checked by content; stored by the storage adapter."""

    id = fields.CharField(max_length=32, primary_key=True)
    owner = fields.ForeignKeyField("models.User", related_name="uploads", db_index=True)
    name = fields.CharField(max_length=128)
    content_type = fields.CharField(max_length=32)
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64, db_index=True)
    storage_key = fields.CharField(max_length=128)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "uploads"
