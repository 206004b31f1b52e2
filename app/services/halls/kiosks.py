"""Self-service kiosks: registration and enrolment, signed requests, appointment check-in and walk-in tickets.

An administrator registers a kiosk (`register`) and gets a one-time enrolment code with a link
(`{base}/kiosk#enrol=CODE`) to open on the kiosk itself, or issues a new code later (`issue_enrolment`, e.g. after
the kiosk's storage was wiped). The kiosk page redeems the code once (`enrol`): the kiosk gets a fresh secret,
which replaces any earlier one and is kept only in the kiosk's local storage. Nobody types a secret on the public
screen and no secret travels in a URL; a code is kept hashed in Redis for ENROL_TTL seconds.

A kiosk signs every request with its secret: HMAC-SHA256 (hex) over
    METHOD "\n" PATH[?QUERY] "\n" TIMESTAMP "\n" NONCE "\n" hex(SHA-256(body))
sent as X-Kiosk-Device, X-Kiosk-Timestamp (Unix seconds), X-Kiosk-Nonce (16–64 characters) and
X-Kiosk-Signature. A timestamp more than `kiosk_max_skew` seconds off is refused, and so is a nonce the device
used before (nonces are remembered in Redis for twice the allowed skew, so a replay is refused as long as its
timestamp could still pass).
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from datetime import timedelta

from redis.exceptions import RedisError
from tortoise.transactions import in_transaction

from app.errors import AppError, Conflict, Invalid, NotFound, Unauthorized
from app.services.halls import appointments, hall_queue, halls
from app.services.platform.workdays import CN, utcnow
from app.validators import is_decimal
from models import Appointment, AppointmentStatus, KioskDevice, QueueTicket, TicketKind

NONCE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class KioskAuthFailed(Unauthorized):
    code, message = "kiosk_signature", "自助终端签名校验失败"


class CheckinRefused(Conflict):
    code = "checkin_refused"


def sign(secret: str, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    """The signature a kiosk sends (also used by the kiosk page's JS, the tests and the benchmark)."""
    text = "\n".join([method.upper(), path, timestamp, nonce, hashlib.sha256(body).hexdigest()])
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


async def register(ctx, device_id: str, hall_id: int) -> KioskDevice:
    """Register a kiosk of a hall (it signs nothing until it is enrolled: its first secret is never shown)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{3,32}", device_id):
        raise Invalid("终端编号应为3-32位字母、数字、-或_", field="device_id")
    hall = await halls.get_hall(hall_id)
    if await KioskDevice.exists(device_id=device_id):
        raise Conflict("该终端编号已登记", code="kiosk_exists")
    return await KioskDevice.create(device_id=device_id, hall=hall,
                                    secret_enc=ctx.vault.encrypt("kiosk_secret", secrets.token_urlsafe(32)))


ENROL_TTL = 30 * 60  # seconds an enrolment code stays redeemable
ENROL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: an administrator may read it out or type it
ENROL_CODE = re.compile(r"^[A-Z2-9]{16}$")


class EnrolmentInvalid(Unauthorized):
    code, message = "kiosk_enrolment_invalid", "启用码无效、已使用或已过期，请管理员重新生成"


def _enrol_key(code: str) -> str:
    return "zb:kiosk:enrol:" + hashlib.sha256(code.encode()).hexdigest()


async def issue_enrolment(ctx, device_id: str) -> dict:
    """A one-time enrolment code for a registered, active kiosk, and the link to open on it."""
    device = await KioskDevice.get_or_none(device_id=device_id, active=True)
    if device is None:
        raise NotFound("没有该自助终端", code="kiosk_not_found")
    code = "".join(secrets.choice(ENROL_ALPHABET) for _ in range(16))
    await ctx.redis.set(_enrol_key(code), device.device_id, ex=ENROL_TTL)
    return {"device_id": device.device_id, "hall": device.hall_id, "code": code,
            "url": f"{ctx.settings.base_url}/kiosk#enrol={code}",
            "expires_at": (utcnow() + timedelta(seconds=ENROL_TTL)).isoformat()}


async def enrol(ctx, raw_code: str) -> tuple[KioskDevice, str]:
    """Redeem an enrolment code, once: the kiosk and its new secret (which replaces any earlier one)."""
    code = raw_code.strip().upper()
    if not ENROL_CODE.match(code):
        raise EnrolmentInvalid()
    device_id = await ctx.redis.getdel(_enrol_key(code))
    if device_id is None:
        raise EnrolmentInvalid()
    if isinstance(device_id, bytes):
        device_id = device_id.decode()
    device = await KioskDevice.get_or_none(device_id=device_id, active=True).select_related("hall")
    if device is None:
        raise EnrolmentInvalid()
    secret = secrets.token_urlsafe(32)
    device.secret_enc = ctx.vault.encrypt("kiosk_secret", secret)
    await device.save(update_fields=["secret_enc"])
    return device, secret


async def verify(ctx, method: str, path: str, headers, body: bytes) -> KioskDevice:
    """The registered, active device that signed this request, or 401."""
    device_id = headers.get("x-kiosk-device", "")
    ts, nonce, sig = (headers.get(h, "") for h in ("x-kiosk-timestamp", "x-kiosk-nonce", "x-kiosk-signature"))
    if not (device_id and is_decimal(ts) and len(ts) <= 12 and NONCE.match(nonce) and sig):
        raise KioskAuthFailed("缺少自助终端签名")
    skew = ctx.settings.kiosk_max_skew
    if abs(time.time() - int(ts)) > skew:
        raise KioskAuthFailed("终端时间与服务器相差过大，请校准时间", code="kiosk_stale")
    device = await KioskDevice.get_or_none(device_id=device_id, active=True).select_related("hall")
    if device is None:
        raise KioskAuthFailed("自助终端未登记")
    secret = ctx.vault.decrypt("kiosk_secret", device.secret_enc)
    if not hmac.compare_digest(sign(secret, method, path, ts, nonce, body), sig.lower()):
        raise KioskAuthFailed()
    try:
        fresh = await ctx.redis.set(f"zb:kiosk:nonce:{device_id}:{nonce}", 1, nx=True, ex=2 * skew)
    except RedisError:  # without the nonce memory a replay could pass: refuse rather than guess
        raise AppError("服务暂时不可用，请稍后再试", code="unavailable", status=503) from None
    if not fresh:
        raise KioskAuthFailed("重复的请求（nonce 已使用）", code="kiosk_replay")
    return device


def _code(raw: str) -> str:
    code = raw.strip().upper()
    if code.startswith("ZBAPPT:"):
        code = code[7:]
    if not re.fullmatch(r"[0-9A-Z]{6,12}", code):
        raise Invalid("预约码格式不正确", field="code")
    return code


async def checkin(ctx, device: KioskDevice, raw_code: str) -> QueueTicket:
    """Check an appointment in at its hall's kiosk (from `appt_checkin_minutes` before its slot until the no-show grace ends)
    and give it an A ticket."""
    code = _code(raw_code)
    appt = await Appointment.get_or_none(code=code).select_related("hall", "slot")
    if appt is None:
        raise NotFound("没有找到该预约，请核对预约码", code="appointment_not_found")
    if appt.hall_id != device.hall_id:
        raise CheckinRefused(f"该预约的办理地点是{appt.hall.name}，请前往该大厅签到")
    if appt.status != AppointmentStatus.BOOKED:
        raise CheckinRefused({"checked_in": "该预约已签到", "cancelled": "该预约已取消",
                              "no_show": "该预约已过签到时间（爽约）"}.get(appt.status.value, "该预约不能签到"))
    now = utcnow()
    early = timedelta(minutes=ctx.settings.appt_checkin_minutes)
    if now < appt.slot_start - early:
        opens = (appt.slot_start - early).astimezone(CN)
        raise CheckinRefused(f"签到尚未开始，请于{opens:%m月%d日 %H:%M}后签到")
    if now > appt.slot_start + timedelta(minutes=ctx.settings.appt_grace_minutes):
        raise CheckinRefused("已超过签到时间，请现场取号办理")
    day, number = await hall_queue.number_for(device.hall, TicketKind.APPOINTMENT)
    async with in_transaction() as conn:
        done = await Appointment.filter(id=appt.id, status=AppointmentStatus.BOOKED).using_db(conn).update(
            status=AppointmentStatus.CHECKED_IN, active_key=None, checked_in_at=now)
        if not done:
            raise CheckinRefused("该预约已签到")
        ticket = await QueueTicket.create(
            hall_id=appt.hall_id, day=day, number=number, kind=TicketKind.APPOINTMENT,
            priority=hall_queue.PRIORITY[TicketKind.APPOINTMENT], service_code=appt.service_code,
            service_name=appt.service_name, user_id=appt.user_id, appointment_id=appt.id, using_db=conn)
    await appointments.forget_user(ctx, appt.user_id)
    await hall_queue.changed(ctx, appt.hall_id)
    return ticket


async def kiosk_info(device: KioskDevice) -> dict:
    """What the kiosk page shows: its hall and the services it can take walk-in tickets for."""
    services = await halls.hall_services(device.hall)
    names = await halls.service_names(services)
    return {"device_id": device.device_id, "hall": {"id": device.hall_id, "name": device.hall.name},
            "services": [{"code": c, "name": names.get(c, c)} for c in sorted(services)]}
