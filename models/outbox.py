from tortoise import fields
from tortoise.models import Model


class OutboxEvent(Model):
    """A domain event written in the same database transaction as the change it describes (transactional
    outbox). The notifications worker reads undispatched rows in id order and delivers them; `dispatched_at` is
    set once every delivery derived from the event has been planned (each delivery keeps its own dedup key)."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=48)  # "<area>.<event>": application.status_changed, appointment.booked, …
    aggregate = fields.CharField(max_length=64)  # what changed: "application:330402-20261124-000123"
    payload = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    dispatched_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        table = "outbox_events"
