"""Identity: sign-in through WeChat and DingTalk, real-name binding and its levels, enterprises, personal-data reads.

Real-name levels (实名认证等级; docs/identity.md): 1 signed in with WeChat; 2 name + ID number checked against
the population database of the shared-data platform (二要素核验); 3 level 2 plus a passed face verification for
exactly that name and number, which makes the account the holder of that identity (users.holder_bidx, unique:
one level-3 account per ID number). Only level 3 reads the person's shared records.
"""
from __future__ import annotations

from datetime import datetime, timezone

from tortoise.transactions import in_transaction

from app import ratelimit
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.providers.dingtalk import DingTalk
from app.providers.shared_data import shared_data_for
from app.providers.wechat import WeChat
from app.security import Tokens, Vault, mask_id_number, mask_name, mask_phone
from app.services.identity import audit, staff_directory
from app.services.platform import outbox
from app.validators import credit_code_problem, id_number_problem, name_problem, phone_problem
from models import AuditLog, Enterprise, User, UserEnterprise
from models.users import Role

PERSONAL_FIELDS = ("name", "id_number", "phone")


class NotInDirectory(Forbidden):
    code, message = "not_in_directory", "您不在工作人员名录中，请联系管理员开通"


LEVEL_SIGNED_IN, LEVEL_CHECKED, LEVEL_FACE = 1, 2, 3
LEVEL_NEEDS = {2: "该业务需要先完成实名认证（核验姓名和身份证号）",
               3: "该业务需要实名认证并完成本人刷脸核身"}
MISMATCH_LIMIT, MISMATCH_WINDOW = 5, 3600  # failed 二要素 checks per account and per ID number, per hour
VERIFY_PURPOSE = "实名认证二要素核验"


class IdentityLevelRequired(Forbidden):
    """The route needs a higher real-name level than the caller's account has."""
    code = "identity_level_required"

    def __init__(self, required: int, current: int, message: str | None = None):
        super().__init__(message or LEVEL_NEEDS.get(required, LEVEL_NEEDS[3]))
        self.required, self.current = required, current

    def body(self) -> dict:
        out = super().body()
        out["error"].update(required_level=self.required, current_level=self.current)
        return out


class IdentityTaken(Conflict):
    """Another account holds this identity at level 3; a face pass from this one takes it over."""
    code, message = "identity_taken", "该身份已由另一微信账号完成刷脸认证，请本人刷脸核身后继续"

    def body(self) -> dict:
        out = super().body()
        out["error"].update(required_level=LEVEL_FACE, current_level=LEVEL_CHECKED)
        return out


class IdentityMismatch(Invalid):
    code, message = "identity_mismatch", "姓名与身份证号码不一致，请核对后重试"


class IdentityUnknown(Invalid):
    code, message = "identity_unknown", "人口信息库中没有该身份证号码，请核对后重试"


def level_of(user: User) -> int:
    """The account's real-name level: 3 holds its bound identity (face verified), 2 bound and checked, else 1.
    Staff sign in through the DingTalk directory: levels are a citizen's, and staff are at 1."""
    if user.role != Role.CITIZEN or not user.id_number_bidx or user.verified_at is None:
        return LEVEL_SIGNED_IN
    return LEVEL_FACE if user.holder_bidx == user.id_number_bidx else LEVEL_CHECKED


async def _held_elsewhere(user: User) -> bool:
    return bool(user.id_number_bidx) and await User.filter(holder_bidx=user.id_number_bidx).exclude(
        id=user.id).exists()


async def require_level(user: User, level: int) -> None:
    """403 identity_level_required below `level`; 409 identity_taken when level 3 is needed and another account
    holds this identity."""
    current = level_of(user)
    if current >= level:
        return
    if level >= LEVEL_FACE and current == LEVEL_CHECKED and await _held_elsewhere(user):
        raise IdentityTaken()
    raise IdentityLevelRequired(level, current)


async def identity_view(user: User) -> dict:
    """GET /me's identity block: {"level", "taken"} (taken: another account holds this identity at level 3)."""
    level = level_of(user)
    return {"level": level, "taken": level == LEVEL_CHECKED and await _held_elsewhere(user)}


async def wechat_login(wechat: WeChat, tokens: Tokens, ttl: int, code: str) -> tuple[User, str, int]:
    """Exchange a wx.login code for a citizen session, creating the user on first sign-in."""
    session = await wechat.code2session(code)
    user, _ = await User.get_or_create(openid=session["openid"], defaults={"role": Role.CITIZEN})
    token, exp = tokens.issue(user.id, user.role.value, None, ttl)
    return user, token, exp


async def dingtalk_login(dingtalk: DingTalk, tokens: Tokens, ttl: int, code: str) -> tuple[User, str, int]:
    """Exchange a dd.getAuthCode code for a staff session; department and roles come from the staff directory."""
    info = await dingtalk.user_by_code(code)
    member = await staff_directory.find(info["userid"])
    if member is None:
        raise NotInDirectory()
    role = Role.ADMIN if "admin" in member.roles else Role.STAFF
    async with in_transaction():
        user, created = await User.get_or_create(ding_userid=member.userid, defaults={
            "role": role, "department_id": member.department_id, "staff_roles": member.roles, "name": member.name})
        if not created:
            user.role, user.department_id, user.staff_roles, user.name = role, member.department_id, member.roles, member.name
            await user.save(update_fields=["role", "department_id", "staff_roles", "name", "updated_at"])
    token, exp = tokens.issue(user.id, role.value, member.department.code, ttl)
    await user.fetch_related("department")
    return user, token, exp


def _check(problems: dict[str, str | None]) -> None:
    for field, problem in problems.items():
        if problem:
            raise Invalid(problem, field=field)


async def bind_identity(ctx, user: User, name: str, id_number: str, phone: str) -> User:
    """Real-name binding (level 2): validate (GB 11643 ID number, mobile number), check the name against the number
    in the population database (二要素核验 through the shared-data platform), then store encrypted with blind
    indexes. A mismatch is 422 on "name" (on "id_number" when the database has no such living person), audited,
    and counted against the account's and the number's budgets: past either, 429 before anything is checked."""
    vault = ctx.vault
    name, id_number, phone = name.strip(), id_number.strip().upper(), phone.strip()
    _check({"name": name_problem(name), "id_number": id_number_problem(id_number), "phone": phone_problem(phone)})
    bidx = vault.blind_index("id_number", id_number)
    if user.id_number_bidx and user.id_number_bidx != bidx:
        raise Conflict("该账号已绑定其他身份，如需更换请到窗口办理", code="identity_bound", field="id_number")
    budgets = (("identity_mismatch_account", str(user.id)), ("identity_mismatch_number", bidx))
    for bucket, who in budgets:
        await ratelimit.refuse_if_spent(ctx, bucket, MISMATCH_LIMIT, who)
    masked = mask_id_number(id_number)
    await audit.record_read(user, user.role.value, user, ["id_number", "name"], VERIFY_PURPOSE, subject_ref=masked)
    result = await shared_data_for(ctx).verify_identity(name, id_number, VERIFY_PURPOSE)
    if result != "match":
        for bucket, who in budgets:
            await ratelimit.count(ctx, bucket, who, MISMATCH_WINDOW)
        await _audit_mismatch(user, bidx, masked, result)
        if result == "mismatch":
            raise IdentityMismatch(field="name")
        raise IdentityUnknown("该身份证号码已注销，不能用于实名认证" if result == "cancelled" else None,
                              field="id_number")
    _store_identity(vault, user, name, id_number, phone)
    await user.save()
    return user


def _store_identity(vault: Vault, user: User, name: str, id_number: str, phone: str) -> None:
    """Set the bound identity on `user` (unsaved): encrypted, with blind indexes and the masked forms."""
    user.name = name
    user.id_number_enc = vault.encrypt("id_number", id_number)
    user.id_number_bidx = vault.blind_index("id_number", id_number)
    user.id_number_masked = mask_id_number(id_number)
    user.phone_enc = vault.encrypt("phone", phone)
    user.phone_bidx = vault.blind_index("phone", phone)
    user.phone_masked = mask_phone(phone)
    user.verified_at = user.verified_at or datetime.now(timezone.utc)


async def record_walk_in(ctx, clerk: User, name: str, id_number: str, phone: str, purpose: str) -> User:
    """A citizen record for a walk-in with no account (一窗受理): the clerk holds the ID card, and the name and
    number are still checked against the population database (二要素, catching a typing slip), audited as the
    clerk's read. The record has no sign-in of its own (no openid); the person's later WeChat binding is a
    separate account, as for any second account."""
    name, id_number, phone = name.strip(), id_number.strip().upper(), phone.strip()
    _check({"name": name_problem(name), "id_number": id_number_problem(id_number), "phone": phone_problem(phone)})
    await audit.record_read(clerk, "window", None, ["id_number", "name"], purpose[:128],
                            subject_ref=mask_id_number(id_number))
    result = await shared_data_for(ctx).verify_identity(name, id_number, VERIFY_PURPOSE)
    if result == "mismatch":
        raise IdentityMismatch(field="name")
    if result != "match":
        raise IdentityUnknown("该身份证号码已注销" if result == "cancelled" else None, field="id_number")
    user = User(role=Role.CITIZEN)
    _store_identity(ctx.vault, user, name, id_number, phone)
    await user.save()
    return user


MISMATCH_TEXT = {"mismatch": "姓名与身份证号码不一致", "unknown": "人口信息库中无此身份证号码",
                 "cancelled": "身份证号码已注销"}


async def _audit_mismatch(user: User, bidx: str, masked: str, result: str) -> None:
    """A failed check, in the access log of the account that tried and of every account bound to that number."""
    why = MISMATCH_TEXT.get(result, result)
    rows = [AuditLog(actor=user, actor_role=user.role.value, subject=user, fields_read=["id_number", "name"],
                     purpose=f"实名核验未通过：{why}", subject_ref=masked)]
    for owner in await User.filter(id_number_bidx=bidx).exclude(id=user.id).only("id"):
        rows.append(AuditLog(actor=user, actor_role=user.role.value, subject_id=owner.id,
                             fields_read=["id_number", "name"], purpose=f"他人使用您的身份证号码实名认证未通过：{why}",
                             subject_ref=masked))
    await audit.record(rows)


RELEASED = dict(holder_bidx=None, name=None, id_number_enc=None, id_number_bidx=None, id_number_masked=None,
                verified_at=None, face_verified_at=None)


async def take_identity(user: User) -> User | None:
    """After a face pass for the bound identity (call it in that pass's transaction): the account becomes the
    holder of the identity (level 3). An account that held it loses its binding (level 1) and is told through its
    inbox (outbox "identity.reclaimed"); both events go to the audit log and to the person's access log.
    Returns the former holder, if there was one."""
    bidx = user.id_number_bidx
    if not bidx or user.verified_at is None or user.holder_bidx == bidx:
        return None
    former = await User.filter(holder_bidx=bidx).exclude(id=user.id).select_for_update().first()
    fields, masked = ["id_number", "name"], user.id_number_masked
    rows = []
    if former is not None:
        await User.filter(id=former.id).update(**RELEASED)
        await outbox.emit("identity.reclaimed", f"user:{former.id}", {"user_id": former.id, "id_number": masked})
        rows += [AuditLog(actor=user, actor_role=user.role.value, subject_id=former.id, fields_read=fields,
                          purpose="本人已在另一微信账号刷脸认证，本账号实名绑定解除", subject_ref=masked),
                 AuditLog(actor=user, actor_role=user.role.value, subject=user, fields_read=fields,
                          purpose=f"原账号（{former.id}）实名绑定已解除并已通知", subject_ref=f"user:{former.id}")]
    await User.filter(id=user.id).update(holder_bidx=bidx)
    user.holder_bidx = bidx
    rows.append(AuditLog(actor=user, actor_role=user.role.value, subject=user, fields_read=fields,
                         purpose="刷脸核身通过，身份认证转入本账号（实名等级3）" if former else "刷脸核身通过（实名等级3）",
                         subject_ref=masked))
    await audit.record(rows)
    return former


def public_view(user: User) -> dict:
    """The caller's own profile as every response shows it: masked personal data, never the full values."""
    dep = user.department if user.department_id else None
    return {
        "id": user.id,
        "role": user.role.value if hasattr(user.role, "value") else user.role,
        "verified": user.verified_at is not None,
        "name": mask_name(user.name) if user.name and user.role == Role.CITIZEN else user.name,
        "id_number": user.id_number_masked,
        "phone": user.phone_masked,
        "department": {"code": dep.code, "name": dep.name} if dep else None,
        "staff_roles": user.staff_roles or [],
        "face_verified_at": user.face_verified_at.isoformat() if user.face_verified_at else None,
        "identity": {"level": level_of(user)},
    }


async def profile(actor: User, subject: User, purpose: str) -> dict:
    """A profile read (masked), audited when it carries personal data; with the real-name level."""
    view = public_view(subject)
    view["identity"] = await identity_view(subject)
    shown = [f for f in PERSONAL_FIELDS if view.get(f)]
    if shown:
        await audit.record_read(actor, actor.role.value, subject, shown, purpose)
    return view


async def reveal(vault: Vault, actor: User, subject: User, fields: list[str], purpose: str) -> dict:
    """Full personal values for a caller that needs them (the owner, or an admin), audited field by field."""
    unknown = set(fields) - set(PERSONAL_FIELDS)
    if unknown or not fields:
        raise Invalid("可查看的字段为 name、id_number、phone", field="fields")
    if actor.id != subject.id and actor.role != Role.ADMIN:
        raise Forbidden()
    if level_of(subject) < LEVEL_CHECKED:
        raise IdentityLevelRequired(LEVEL_CHECKED, level_of(subject), "该账号尚未实名认证")
    out = {}
    for f in fields:
        out[f] = subject.name if f == "name" else vault.decrypt(f, getattr(subject, f"{f}_enc"))
    await audit.record_read(actor, actor.role.value, subject, fields, purpose)
    return out


async def add_enterprise(user: User, name: str, credit_code: str) -> Enterprise:
    """Register the caller as an agent (经办人) of an enterprise found by its 统一社会信用代码 (GB 32100)."""
    await require_level(user, LEVEL_CHECKED)
    credit_code = credit_code.strip().upper()
    _check({"credit_code": credit_code_problem(credit_code)})
    if not (2 <= len(name.strip()) <= 100):
        raise Invalid("请输入企业名称", field="name")
    async with in_transaction():
        ent, _ = await Enterprise.get_or_create(credit_code=credit_code, defaults={"name": name.strip()})
        await UserEnterprise.get_or_create(user=user, enterprise=ent)
    return ent


async def enterprises_of(user: User) -> list[Enterprise]:
    return [link.enterprise for link in await UserEnterprise.filter(user=user).prefetch_related("enterprise")]


async def remove_enterprise(user: User, credit_code: str) -> None:
    deleted = await UserEnterprise.filter(user=user, enterprise__credit_code=credit_code.strip().upper()).delete()
    if not deleted:
        raise NotFound("未找到该企业")

