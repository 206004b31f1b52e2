from tortoise import fields
from tortoise.models import Model


class DailyFact(Model):
    """效能监管's daily facts: one row per (Beijing day, department, service, hall, channel) with the counts the
    dashboard's figures are made of. Rebuilt day by day from the cases, ratings, appointments and tickets by the
    job worker (app/services/supervision/dashboard.py, docs/dashboard.md); a dashboard query sums these rows,
    never the cases. `hall_id` 0: no hall (a case applied on the phone); `channel` "": not a case's count."""

    id = fields.BigIntField(primary_key=True)
    day = fields.DateField()
    department_id = fields.IntField()
    service_code = fields.CharField(max_length=32)  # a service's code, or a bundle's (一件事)
    hall_id = fields.IntField(default=0)
    channel = fields.CharField(max_length=16, default="")
    received = fields.IntField(default=0)  # cases submitted that day
    one_id = fields.IntField(default=0)  # of them, with no material from the citizen (一证通办)
    finished = fields.IntField(default=0)  # cases decided that day (approved, denied or not accepted)
    with_due = fields.IntField(default=0)  # of them, with a promised date (accepted cases)
    on_time = fields.IntField(default=0)  # of those, decided by the promised date
    working_days = fields.IntField(default=0)  # their working days from submission to the decision, summed
    supplemented = fields.IntField(default=0)  # cases asked for 补正 that day (the first request of a case)
    ratings = fields.IntField(default=0)
    good_ratings = fields.IntField(default=0)  # 4 or 5
    bad_ratings = fields.IntField(default=0)  # 2 or below (each opens a rectification)
    rectified = fields.IntField(default=0)  # rectifications closed that day
    appointments = fields.IntField(default=0)  # appointments of slots that day, not cancelled
    no_shows = fields.IntField(default=0)
    tickets_called = fields.IntField(default=0)
    wait_seconds = fields.BigIntField(default=0)  # from taking the ticket to being called, summed

    class Meta:
        table = "daily_facts"
        unique_together = (("day", "department_id", "service_code", "hall_id", "channel"),)
        indexes = (("department_id", "day"), ("service_code", "day"), ("hall_id", "day"))
