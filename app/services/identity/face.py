"""Face verification (刷脸核身) through WeChat's 城市服务人脸核身: sessions, results and the recent-pass check.

1. start(): getVerifyId with the citizen's real name and ID number (a read of personal data, audited), stored as a
   FaceSession; the mini-program hands verify_id to wx.requestFacialVerify.
2. result(): queryVerifyInfo with cert_hash (the same cert_info, hashed); verify_ret 10000 is a pass and stamps
   user.face_verified_at. A final answer is stored, and later calls answer it without asking WeChat again.
"""
from __future__ import annotations

import uuid
from datetime import timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.errors import AppError, Conflict, Forbidden, NotFound, ProviderError
from app.providers.wechat import CERT_TYPE, FACE_NOT_FINISHED, WeChat, cert_hash
from app.security import Vault
from app.services.identity import audit, identity
from app.services.platform import workdays
from models import FaceSession, User

PURPOSE = "刷脸核身"
VERIFY_RET_PASS = 10000
PENDING, PASSED, FAILED = "pending", "passed", "failed"
VERIFY_ID_MAX = 128  # face_sessions.verify_id column (WeChat allows up to 256; SQLite cannot widen a column in place)


class FaceSessionExpired(AppError):
    status, code, message = 410, "face_session_expired", "本次刷脸核身已过期，请重新发起刷脸"


class FacePending(Conflict):
    code, message = "face_pending", "刷脸尚未完成，请完成刷脸后再查询结果"


def _new_out_seq_no() -> str:
    """Our unique serial number for WeChat (5-32 of [0-9A-Za-z_-]): 32 hex digits."""
    return uuid.uuid4().hex


async def _cert_info(vault: Vault, user: User) -> tuple[str, str]:
    """The citizen's real name and full ID number for WeChat; the read is audited before the decryption."""
    await audit.record_read(user, user.role.value if hasattr(user.role, "value") else str(user.role), user,
                            ["name", "id_number"], PURPOSE)
    return user.name, vault.decrypt("id_number", user.id_number_enc)


async def _check_citizen(user: User) -> None:
    await identity.require_level(user, identity.LEVEL_CHECKED)
    if not user.openid:
        raise Forbidden("请在微信小程序中进行刷脸核身", code="wechat_required")


async def start(wechat: WeChat, vault: Vault, user: User) -> dict:
    """Open a face verification for the signed-in citizen: {"verify_id", "expires_in"} for wx.requestFacialVerify."""
    await _check_citizen(user)
    name, id_number = await _cert_info(vault, user)
    out_seq_no = _new_out_seq_no()
    answer = await wechat.face_verify_id(out_seq_no, name, id_number, user.openid)
    if len(answer["verify_id"]) > VERIFY_ID_MAX:
        raise ProviderError("微信返回的刷脸会话标识过长，暂时无法发起刷脸")
    await FaceSession.create(verify_id=answer["verify_id"], out_seq_no=out_seq_no, user=user, status=PENDING,
                             expires_at=workdays.utcnow() + timedelta(seconds=answer["expires_in"]))
    return {"verify_id": answer["verify_id"], "expires_in": answer["expires_in"]}


def _view(session: FaceSession, user: User) -> dict:
    return {"passed": session.status == PASSED, "verify_ret": session.verify_ret,
            "face_verified_at": user.face_verified_at.isoformat() if user.face_verified_at else None}


async def result(wechat: WeChat, vault: Vault, user: User, verify_id: str) -> dict:
    """The outcome of the caller's own session: {"passed", "verify_ret", "face_verified_at"}.

    Pending: ask WeChat (410 once expired, 409 face_pending while the scan is not done). Final: the stored answer.
    """
    session = await FaceSession.get_or_none(verify_id=verify_id, user_id=user.id)
    if session is None:
        raise NotFound("未找到该刷脸记录")
    if session.status != PENDING:
        return _view(session, user)
    if session.expires_at <= workdays.utcnow():
        raise FaceSessionExpired()
    await _check_citizen(user)
    name, id_number = await _cert_info(vault, user)
    data = await wechat.face_verify_info(session.verify_id, session.out_seq_no,
                                         cert_hash(CERT_TYPE, name, id_number), user.openid)
    err = data.get("errcode") or 0
    if err == FACE_NOT_FINISHED:
        raise FacePending()
    if err:
        raise ProviderError(f"查询刷脸核身结果失败（微信错误码 {err}）")
    verify_ret = data.get("verify_ret")
    if not isinstance(verify_ret, int) or isinstance(verify_ret, bool):
        raise ProviderError("查询刷脸核身结果失败：微信未返回核身结果")
    passed, now = verify_ret == VERIFY_RET_PASS, workdays.utcnow()
    try:
        async with in_transaction():
            # Only the call that moves the session out of pending records it, and on a pass stamps the user and
            # makes the account the holder of the identity it was verified for (level 3).
            moved = await FaceSession.filter(id=session.id, status=PENDING).update(
                status=PASSED if passed else FAILED, verify_ret=verify_ret, finished_at=now)
            if moved and passed:
                await User.filter(id=user.id).update(face_verified_at=now)
                await identity.take_identity(user)
    except IntegrityError:  # another account took the same identity at the same moment (users.holder_bidx)
        raise Conflict("该身份正在另一账号认证，请稍后重试", code="identity_busy")
    await session.refresh_from_db()
    await user.refresh_from_db(fields=["face_verified_at"])
    return _view(session, user)


async def has_recent_pass(user: User, within: timedelta = timedelta(minutes=30)) -> bool:
    """Did this user pass a face verification within `within` (read fresh from the database)?"""
    fresh = await User.filter(id=user.id).only("id", "face_verified_at").first()
    at = fresh.face_verified_at if fresh else None
    return at is not None and workdays.utcnow() - at <= within
