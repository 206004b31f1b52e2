"""Appointments (精准预约), service halls and their windows, bookable slots, kiosks and the hall queue (取号叫号)."""
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class AppointmentStatus(StrEnum):
    BOOKED = "booked"  # active: holds a place in its slot
    CANCELLED = "cancelled"
    CHECKED_IN = "checked_in"  # took a queue ticket at a kiosk
    NO_SHOW = "no_show"  # not checked in within the grace period after the slot start


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SKIPPED = "skipped"  # called and did not come; may be recalled by the window
    FINISHED = "finished"


class TicketKind(StrEnum):
    APPOINTMENT = "appointment"
    WALK_IN = "walk_in"


class Hall(Model):
    """A service hall (行政服务中心, a township centre) with its opening hours."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=64)
    address = fields.CharField(max_length=128)
    phone = fields.CharField(max_length=32, null=True)
    hours = fields.JSONField()  # [["09:00", "12:00"], ["13:30", "17:00"]] on working days, Beijing time
    slot_minutes = fields.SmallIntField(default=30)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "halls"


class HallWindow(Model):
    """A window (窗口) of a hall and the catalog services (codes) it handles."""

    id = fields.IntField(primary_key=True)
    hall = fields.ForeignKeyField("models.Hall", related_name="windows")
    name = fields.CharField(max_length=32)
    services = fields.JSONField(default=list)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "hall_windows"
        unique_together = (("hall", "name"),)


class Slot(Model):
    """A bookable time slot of one service at one hall. `booked` is the truth: it only moves by conditional
    updates (`booked < capacity` to book, `booked > 0` to give a place back)."""

    id = fields.IntField(primary_key=True)
    hall = fields.ForeignKeyField("models.Hall", related_name="slots")
    service_code = fields.CharField(max_length=16)
    day = fields.DateField()  # Beijing date
    start = fields.DatetimeField()
    end = fields.DatetimeField()
    capacity = fields.SmallIntField()
    booked = fields.SmallIntField(default=0)

    class Meta:
        table = "appointment_slots"
        unique_together = (("hall", "service_code", "start"),)
        indexes = (("hall", "service_code", "day"),)


class Appointment(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=12, unique=True)  # printed under the check-in QR, typed at the kiosk
    user = fields.ForeignKeyField("models.User", related_name="appointments")
    slot = fields.ForeignKeyField("models.Slot", related_name="appointments", db_index=True)
    hall = fields.ForeignKeyField("models.Hall", related_name="appointments")
    service_code = fields.CharField(max_length=16)
    service_name = fields.CharField(max_length=64)
    slot_start = fields.DatetimeField(db_index=True)
    status = fields.CharEnumField(AppointmentStatus, max_length=16, default=AppointmentStatus.BOOKED)
    # "<user>:<service>:<day>" while booked, NULL otherwise: the database's own one-per-service-per-day rule
    active_key = fields.CharField(max_length=64, null=True, unique=True)
    reminded_day_before = fields.BooleanField(default=False)
    reminded_hour_before = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    cancelled_at = fields.DatetimeField(null=True)
    checked_in_at = fields.DatetimeField(null=True)

    class Meta:
        table = "appointments"
        indexes = (("status", "slot_start"), ("user", "status"))


class NoShow(Model):
    """One missed appointment (爽约); enough of them in a period suspend booking."""

    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="no_shows")
    appointment = fields.OneToOneField("models.Appointment", related_name="no_show")
    at = fields.DatetimeField()

    class Meta:
        table = "appointment_no_shows"
        indexes = (("user", "at"),)


class BookingSuspension(Model):
    id = fields.IntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="booking_suspensions")
    until = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "booking_suspensions"
        indexes = (("user", "until"),)


class KioskDevice(Model):
    """A registered self-service kiosk of a hall; it signs its requests with its secret (stored encrypted)."""

    id = fields.IntField(primary_key=True)
    device_id = fields.CharField(max_length=32, unique=True)
    hall = fields.ForeignKeyField("models.Hall", related_name="kiosks")
    secret_enc = fields.TextField()
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kiosk_devices"


class QueueTicket(Model):
    """A queue ticket (A012): per hall per day, A = checked-in appointment, B = walk-in."""

    id = fields.IntField(primary_key=True)
    hall = fields.ForeignKeyField("models.Hall", related_name="tickets")
    day = fields.DateField()
    number = fields.CharField(max_length=8)
    kind = fields.CharEnumField(TicketKind, max_length=16)
    priority = fields.SmallIntField()  # 0 appointment, 1 walk-in: lower is called first
    service_code = fields.CharField(max_length=16)
    service_name = fields.CharField(max_length=64)
    appointment = fields.OneToOneField("models.Appointment", null=True, related_name="ticket")
    user = fields.ForeignKeyField("models.User", null=True, related_name="tickets", db_index=True)
    status = fields.CharEnumField(TicketStatus, max_length=16, default=TicketStatus.WAITING)
    window = fields.ForeignKeyField("models.HallWindow", null=True, related_name="tickets")
    # the case its holder was taken straight into at the comprehensive window (一窗受理)
    application = fields.OneToOneField("models.Application", null=True, related_name="ticket",
                                       on_delete=fields.SET_NULL)
    calls = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    called_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "queue_tickets"
        unique_together = (("hall", "day", "number"),)
        indexes = (("hall", "day", "status"), ("day",))  # ("day",): a day's tickets of every hall (dashboard facts)
