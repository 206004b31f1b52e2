"""Identity: sign-in through WeChat and DingTalk, real-name binding, enterprises, and personal-data reads."""
from __future__ import annotations

from datetime import datetime, timezone

from tortoise.transactions import in_transaction

from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.providers.dingtalk import DingTalk
from app.providers.wechat import WeChat
from app.security import Tokens, Vault, mask_id_number, mask_name, mask_phone
from app.services.identity import audit, staff_directory
from app.validators import credit_code_problem, id_number_problem, name_problem, phone_problem
from models import Enterprise, User, UserEnterprise
from models.users import Role

PERSONAL_FIELDS = ("name", "id_number", "phone")


class NotInDirectory(Forbidden):
    code, message = "not_in_directory", "您不在工作人员名录中，请联系管理员开通"


class IdentityNotBound(Forbidden):
    code, message = "identity_required", "请先完成实名认证"


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


async def bind_identity(vault: Vault, user: User, name: str, id_number: str, phone: str) -> User:
    """Real-name binding: validate (GB 11643 ID number, mobile number), then store encrypted with blind indexes."""
    name, id_number, phone = name.strip(), id_number.strip().upper(), phone.strip()
    _check({"name": name_problem(name), "id_number": id_number_problem(id_number), "phone": phone_problem(phone)})
    bidx = vault.blind_index("id_number", id_number)
    if user.id_number_bidx and user.id_number_bidx != bidx:
        raise Conflict("该账号已绑定其他身份，如需更换请到窗口办理", code="identity_bound", field="id_number")
    user.name = name
    user.id_number_enc = vault.encrypt("id_number", id_number)
    user.id_number_bidx = bidx
    user.id_number_masked = mask_id_number(id_number)
    user.phone_enc = vault.encrypt("phone", phone)
    user.phone_bidx = vault.blind_index("phone", phone)
    user.phone_masked = mask_phone(phone)
    user.verified_at = user.verified_at or datetime.now(timezone.utc)
    await user.save()
    return user


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
    }


async def profile(actor: User, subject: User, purpose: str) -> dict:
    """A profile read (masked), audited when it carries personal data."""
    view = public_view(subject)
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
    require_bound(subject)
    out = {}
    for f in fields:
        out[f] = subject.name if f == "name" else vault.decrypt(f, getattr(subject, f"{f}_enc"))
    await audit.record_read(actor, actor.role.value, subject, fields, purpose)
    return out


def require_bound(user: User) -> None:
    if user.verified_at is None:
        raise IdentityNotBound()


async def add_enterprise(user: User, name: str, credit_code: str) -> Enterprise:
    """Register the caller as an agent (经办人) of an enterprise found by its 统一社会信用代码 (GB 32100)."""
    require_bound(user)
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

