"""亮证: the holder shows a licence as a QR code that is a short-lived signed token, and anyone verifies it.

A token is `base64url(licence id, expiry, nonce) . base64url(HMAC-SHA256)[:22]`, made with a key derived from the
session secret (ZB_SECRET_KEY) for this one purpose; it names one licence and lives PRESENTATION_TTL seconds
(the page refreshes it while it is open). Verifying (`GET /verify/licences/{token}`, public) tells apart a forged
or damaged token (400 presentation_invalid), an expired one (410 presentation_expired) and a licence that is
revoked, cancelled or past its validity (200, with that status), shows only a masked summary, checks the stored
data signature again, and writes the verification to the holder's access log (who: the channel; when).
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import secrets
import struct
import time
from datetime import datetime, timezone
from functools import lru_cache

from app.errors import AppError, Invalid
from app.security import Vault, load_key, mask_name
from app.services.documents import datasig, seals
from app.services.identity import audit
from app.services.licences import licences
from app.services.platform import qr, workdays
from models import Licence, User

PRESENTATION_TTL = 300  # seconds a 亮证 QR code stays valid
VERIFY_PATH = "/verify/licences/{token}"
CHANNELS = {"web": "扫码核验", "kiosk": "自助终端核验", "window": "窗口核验", "app": "第三方应用核验"}
_MAC_LEN = 16


class PresentationInvalid(AppError):
    status, code, message = 400, "presentation_invalid", "亮证二维码无效或已被篡改"


class PresentationExpired(AppError):
    status, code, message = 410, "presentation_expired", "亮证二维码已过期，请持证人刷新后重新出示"


@lru_cache(maxsize=8)
def _key(settings) -> bytes:
    return hmac.new(load_key(settings, settings.secret_key, "secret.key"), b"zhangban licence presentation v1",
                    hashlib.sha256).digest()


def _b64(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def _unb64(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def make_token(settings, licence_id: int, now: float | None = None) -> tuple[str, int]:
    """(token, expiry as a Unix time) for licence `licence_id`."""
    expires = int(now if now is not None else time.time()) + PRESENTATION_TTL
    body = struct.pack(">QQ", licence_id, expires) + secrets.token_bytes(8)
    mac = hmac.new(_key(settings), body, hashlib.sha256).digest()[:_MAC_LEN]
    return f"{_b64(body)}.{_b64(mac)}", expires


def read_token(settings, token: str, now: float | None = None) -> int:
    """The licence id a genuine, unexpired token names; PresentationInvalid / PresentationExpired otherwise."""
    try:
        body_s, mac_s = token.split(".")
        body, mac = _unb64(body_s), _unb64(mac_s)
    except (ValueError, binascii.Error):
        raise PresentationInvalid() from None
    if len(body) != 24 or len(token) > 80:
        raise PresentationInvalid()
    if not hmac.compare_digest(mac, hmac.new(_key(settings), body, hashlib.sha256).digest()[:_MAC_LEN]):
        raise PresentationInvalid()
    licence_id, expires = struct.unpack(">QQ", body[:16])
    if (now if now is not None else time.time()) > expires:
        raise PresentationExpired()
    return licence_id


async def present(settings, user: User, licence_id: int) -> dict:
    """A fresh 亮证 token for the caller's own licence: {"token", "url", "expires_at", "ttl", "qr"} (the QR code
    of `url` as a PNG data URI, for the page to show as it is)."""
    lic = await licences.get_for(user, licence_id)
    token, expires = make_token(settings, lic.id)
    url = settings.base_url + VERIFY_PATH.format(token=token)
    png = await asyncio.to_thread(qr.render, url, "png")
    return {"token": token, "url": url, "expires_at": datetime.fromtimestamp(expires, timezone.utc).isoformat(),
            "ttl": PRESENTATION_TTL, "qr": "data:image/png;base64," + base64.b64encode(png).decode()}


async def verify(settings, vault: Vault, token: str, channel: str) -> dict:
    """What a verifier sees for a 亮证 token (masked), written to the holder's access log."""
    if channel not in CHANNELS:
        raise Invalid("核验渠道无效", field="channel")
    licence_id = read_token(settings, token)
    lic = await Licence.get_or_none(id=licence_id).select_related("licence_type", "department", "holder_user",
                                                                  "holder_enterprise")
    if lic is None:  # a genuine token for a licence that no longer exists
        raise PresentationInvalid()
    t, dept = lic.licence_type, lic.department
    status = licences.current_status(lic)
    holder = (mask_name(lic.holder_user.name or "") if lic.holder_user else
              lic.holder_enterprise.name if lic.holder_enterprise else "")
    if lic.holder_user:
        await audit.record_read(None, "verifier", lic.holder_user, ["licence"],
                                f"亮证核验：{t.name} {lic.number}（{CHANNELS[channel]}）", subject_ref=lic.number)
    return {"licence": {"number": lic.number, "type": {"code": t.code, "name": t.name}, "holder": holder,
                        "masked_fields": {k: v for k, v in lic.masked.items()}},
            "issuer": seals.seal_name(dept.name), "issued_at": lic.issued_at.isoformat(),
            "valid_from": lic.valid_from.isoformat(),
            "valid_until": lic.valid_until.isoformat() if lic.valid_until else None,
            "status": status, "status_label": licences.STATUS_LABELS[status],
            "genuine": await _signature_holds(settings, vault, lic),
            "verified_at": workdays.utcnow().isoformat()}


async def _signature_holds(settings, vault: Vault, lic: Licence) -> bool:
    """The stored data signature still verifies over the stored data (a changed row does not)."""
    plain = licences.plain_values(vault, lic, lic.licence_type)
    body = licences.payload(lic, lic.licence_type, lic.department, plain)
    key = await asyncio.to_thread(datasig.department_key, seals.store(settings),
                                  _alg_setting(lic.data_signature.get("alg")), lic.department.code,
                                  lic.department.name)
    return await asyncio.to_thread(datasig.verify, lic.data_signature, body, key.public)


def _alg_setting(alg: str | None) -> str:
    return next((k for k, v in datasig.ALGORITHMS.items() if v == alg), "sm2")
