"""Atomic named counters (acceptance numbers, receipt and ticket numbers)."""
from tortoise import fields
from tortoise.models import Model


class Counter(Model):
    """Atomic counters (the daily acceptance-number sequence)."""

    key = fields.CharField(max_length=64, primary_key=True)
    value = fields.BigIntField(default=0)

    class Meta:
        table = "counters"
