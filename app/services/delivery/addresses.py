"""The citizen's address book (/api/v1/me/addresses) and a case's delivery choice (how the result comes).

Phones and street addresses are encrypted at rest (the Vault, the field name as associated data) and shown
masked; only the courier order (and staff printing its label) uses them in full, and that read is audited.
"""
from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from app.catalog_schema import DELIVERY_DEFAULT
from app.errors import Conflict, Invalid, NotFound
from app.security import Vault, mask_name, mask_phone
from app.services.cases import applications
from models import Address, Application, Bundle, CaseStatus, DeliveryChoice, Service, User

MAX_ADDRESSES = 20
METHODS = {"electronic": "电子证照（不寄送纸质结果）", "window": "窗口领取", "courier": "快递寄递",
           "locker": "自助柜领取"}
CHOOSABLE = {CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.SUPPLEMENT, CaseStatus.IN_REVIEW,
             CaseStatus.APPROVED}  # until 出证


class AddressNotFound(NotFound):
    code, message = "address_not_found", "没有找到该地址"


class TooManyAddresses(Conflict):
    code, message = "too_many_addresses", f"最多保存{MAX_ADDRESSES}个地址"


class MethodNotAllowed(Invalid):
    code, message = "delivery_method_not_allowed", "该事项不支持这种领取方式"


class ChoiceClosed(Conflict):
    code, message = "delivery_choice_closed", "办件已出证或已办结，不能再更改领取方式"


@dataclass(frozen=True)
class AddressIn:
    recipient: str
    phone: str
    province: str
    city: str
    district: str
    detail: str
    is_default: bool = False


def _check(a: AddressIn) -> None:
    digits = a.phone.replace("-", "").replace(" ", "")
    if not digits.isdigit() or not 7 <= len(digits) <= 13:
        raise Invalid("电话号码格式不正确", field="phone")


def mask_detail(detail: str) -> str:
    """南湖路100号3幢201室 -> 南湖路************: the street's first characters only."""
    keep = min(3, max(len(detail) // 4, 1))
    return detail[:keep] + "*" * max(len(detail) - keep, 4)


def view(a: Address, vault: Vault) -> dict:
    return {"id": a.id, "recipient": mask_name(a.recipient), "phone": mask_phone(vault.decrypt("address.phone", a.phone)),
            "province": a.province, "city": a.city, "district": a.district,
            "detail": mask_detail(vault.decrypt("address.detail", a.detail)), "is_default": a.is_default}


async def mine(user: User) -> list[Address]:
    return await Address.filter(user_id=user.id).order_by("-is_default", "id")


async def _own(user: User, address_id: int) -> Address:
    a = await Address.get_or_none(id=address_id, user_id=user.id)
    if a is None:
        raise AddressNotFound()
    return a


async def add(vault: Vault, user: User, a: AddressIn) -> Address:
    """A new address; the first one (or one marked default) becomes the default."""
    _check(a)
    async with in_transaction():
        count = await Address.filter(user_id=user.id).select_for_update().count()
        if count >= MAX_ADDRESSES:
            raise TooManyAddresses()
        default = a.is_default or count == 0
        if default:
            await Address.filter(user_id=user.id, is_default=True).update(is_default=False)
        return await Address.create(user_id=user.id, recipient=a.recipient, phone=vault.encrypt("address.phone", a.phone),
                                    province=a.province, city=a.city, district=a.district,
                                    detail=vault.encrypt("address.detail", a.detail), is_default=default)


async def change(vault: Vault, user: User, address_id: int, a: AddressIn) -> Address:
    _check(a)
    async with in_transaction():
        row = await _own(user, address_id)
        if a.is_default and not row.is_default:
            await Address.filter(user_id=user.id, is_default=True).update(is_default=False)
        await Address.filter(id=row.id).update(
            recipient=a.recipient, phone=vault.encrypt("address.phone", a.phone), province=a.province, city=a.city,
            district=a.district, detail=vault.encrypt("address.detail", a.detail), is_default=a.is_default or row.is_default)
    return await Address.get(id=row.id)


async def remove(user: User, address_id: int) -> None:
    async with in_transaction():
        row = await _own(user, address_id)
        await Address.filter(id=row.id).delete()
        if row.is_default:
            nxt = await Address.filter(user_id=user.id).order_by("id").first()
            if nxt:
                await Address.filter(id=nxt.id).update(is_default=True)


# ---------------------------------------------------------------- a case's delivery choice

async def choose(vault: Vault, user: User, acceptance_no: str, method: str, address_id: int | None) -> DeliveryChoice:
    """The applicant chooses how to receive the result, until 出证; a courier choice copies one of their
    addresses."""
    if method not in METHODS:
        raise Invalid("领取方式应为 electronic、window、courier 或 locker", field="method")
    app_row = await Application.get_or_none(acceptance_no=acceptance_no, applicant_id=user.id)
    if app_row is None:
        raise applications.CaseNotFound()
    if app_row.status not in CHOOSABLE:
        raise ChoiceClosed()
    if method not in await allowed_methods(app_row):
        raise MethodNotAllowed(field="method")
    fields: dict = {"method": method, "recipient": None, "phone": None, "province": None, "city": None,
                    "district": None, "detail": None}
    if method == "courier":
        if address_id is None:
            raise Invalid("快递寄递请选择收货地址", field="address_id")
        a = await _own(user, address_id)
        fields.update(recipient=a.recipient, phone=a.phone, province=a.province, city=a.city, district=a.district,
                      detail=a.detail)  # the ciphertexts: the same key and fields (address.*)
    async with in_transaction():
        app_row = await Application.filter(id=app_row.id).select_for_update().first()
        if app_row.status not in CHOOSABLE:
            raise ChoiceClosed()
        choice = await DeliveryChoice.get_or_none(application_id=app_row.id)
        if choice is None:
            return await DeliveryChoice.create(application_id=app_row.id, **fields)
        await DeliveryChoice.filter(id=choice.id).update(**fields)
    return await DeliveryChoice.get(id=choice.id)


async def allowed_methods(app_row: Application) -> set[str]:
    """The methods the case's guide allows (a bundle's: those every one of its services allows)."""
    if app_row.service_id:
        guides = [(await Service.get(id=app_row.service_id)).guide]
    else:
        bundle = await Bundle.get(id=app_row.bundle_id)
        guides = [s.guide for s in await Service.filter(code__in=bundle.definition["services"])]
    allowed = set(METHODS)
    for g in guides:
        allowed &= set(g.get("delivery") or DELIVERY_DEFAULT)
    return allowed or {"window"}


async def choice_of(app_row: Application) -> DeliveryChoice | None:
    return await DeliveryChoice.get_or_none(application_id=app_row.id)


def choice_view(c: DeliveryChoice | None, vault: Vault) -> dict:
    if c is None:
        return {"method": None, "method_label": "未选择（默认窗口领取）", "address": None}
    address = None
    if c.method == "courier" and c.phone:
        address = {"recipient": mask_name(c.recipient), "phone": mask_phone(vault.decrypt("address.phone", c.phone)),
                   "province": c.province, "city": c.city, "district": c.district,
                   "detail": mask_detail(vault.decrypt("address.detail", c.detail))}
    return {"method": c.method, "method_label": METHODS[c.method], "address": address}


async def choice_for(user: User, acceptance_no: str) -> DeliveryChoice | None:
    """A case's delivery choice, for whoever may see the case."""
    return await choice_of(await applications.get_for(user, acceptance_no))
