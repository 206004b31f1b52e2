"""寄递: a case's result sent by courier. Staff create the waybill; the courier's route pushes move it.

Route events are stored once each (the courier's event id is unique), whatever order and however often they
arrive, and applied in order: a waybill's status is the furthest stage among its events (签收 or 退回 end it),
so an event that arrives late never moves a parcel back. 签收 moves the case to `delivered`; 拒收退回 leaves it
issued, for pickup at the hall, and says so on its timeline (the citizen is told by the case-status push of
the next move, and sees the timeline entry at once).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.errors import Conflict, Invalid, NotFound
from app.providers.courier import STAGE_NAMES, STAGES, Contact, Courier, Route
from app.security import Vault, mask_name, mask_phone
from app.services.cases import applications, tracking
from app.services.identity import audit
from app.services.platform import outbox, workdays
from models import (Application, ApplicationEvent, CaseStatus, DeliveryChoice, RouteEvent, User, Waybill,
                    WaybillStatus)
from models.users import Role

log = logging.getLogger("zhangban.delivery")
SENDER = Contact(name="示例市政务服务中心", phone="0573-82120000", province="浙江省", city="嘉兴市", county="南湖区",
                 address="示例市政务服务中心一楼寄递窗口")
RANK = {s: i for i, s in enumerate(STAGES)}
RANK["returned"] = RANK["signed"]  # both end a parcel's journey


class WaybillNotFound(NotFound):
    code, message = "waybill_not_found", "没有找到该运单"


class NotIssued(Conflict):
    code, message = "case_not_issued", "办件尚未出证，不能寄递"


class AlreadyShipped(Conflict):
    code, message = "waybill_exists", "该办件已有在途运单"


class NoAddress(Invalid):
    code, message = "no_delivery_address", "申请人未选择快递寄递，请填写收件人信息"


@dataclass(frozen=True)
class Recipient:
    name: str
    phone: str
    province: str
    city: str
    district: str
    detail: str

    def contact(self) -> Contact:
        return Contact(self.name, self.phone, self.province, self.city, self.district, self.detail)


def _may_ship(user: User, app_row: Application) -> bool:
    return user.role == Role.ADMIN or (user.role == Role.STAFF and user.department_id == app_row.lead_department_id)


async def _chosen_recipient(vault: Vault, user: User, app_row: Application) -> Recipient:
    """The address the applicant chose for 快递寄递, read in full for the label (an audited read)."""
    choice = await DeliveryChoice.get_or_none(application_id=app_row.id)
    if choice is None or choice.method != "courier" or not choice.phone:
        raise NoAddress()
    await audit.record_read(user, user.role.value, await User.get(id=app_row.applicant_id),
                            ["address.phone", "address.detail"], "快递寄递面单", subject_ref=app_row.acceptance_no)
    return Recipient(choice.recipient, vault.decrypt("address.phone", choice.phone), choice.province, choice.city,
                     choice.district, vault.decrypt("address.detail", choice.detail))


async def ship(courier: Courier, vault: Vault, user: User, acceptance_no: str, to: Recipient | None) -> Waybill:
    """Send an issued case's result: an order with the courier, its waybill stored and on the case's timeline.
    To `to`, or (None) to the address the applicant chose. By staff of the lead department (or an admin); one
    live waybill per case."""
    app_row = await Application.get_or_none(acceptance_no=acceptance_no)
    if app_row is None or not _may_ship(user, app_row):
        raise NotFound("没有找到该办件", code="application_not_found")
    if app_row.status != CaseStatus.ISSUED:
        raise NotIssued()
    if to is None:
        to = await _chosen_recipient(vault, user, app_row)
    previous = await Waybill.filter(application_id=app_row.id).order_by("-id")
    if any(w.status != WaybillStatus.RETURNED for w in previous):
        raise AlreadyShipped()
    order_id = f"{acceptance_no}-{len(previous) + 1}"
    waybill_no = await courier.create_order(order_id, SENDER, to.contact(), "政务服务办理结果（证照）")
    async with in_transaction():
        try:
            waybill = await Waybill.create(
                waybill_no=waybill_no, order_id=order_id, application=app_row, recipient_name=to.name,
                recipient_phone=vault.encrypt("waybill.phone", to.phone),
                recipient_region=f"{to.province}{to.city}{to.district}"[:64],
                recipient_detail=vault.encrypt("waybill.detail", to.detail), created_by=user)
        except IntegrityError:  # two clerks at once: the courier gave both the same waybill for the order id
            raise AlreadyShipped() from None
        await ApplicationEvent.create(application=app_row, actor=user, actor_role="staff", kind="delivery",
                                      note=f"已交寄顺丰速运，运单号 {waybill_no}")
    return waybill


async def record_routes(routes: list[Route]) -> tuple[int, list[str]]:
    """Store each route event once and apply them in order. Returns (how many were new, the acceptance numbers
    of the cases whose waybill changed). Events of a waybill we do not know are ignored (logged)."""
    new, changed = 0, []
    by_waybill: dict[str, list[Route]] = {}
    for r in routes:
        by_waybill.setdefault(r.waybill_no, []).append(r)
    for no, items in by_waybill.items():
        waybill = await Waybill.get_or_none(waybill_no=no)
        if waybill is None:
            log.warning("route events for unknown waybill %s ignored", no)
            continue
        added = 0
        for r in items:
            try:
                async with in_transaction():  # the event and its timeline entry, once
                    e = await RouteEvent.create(waybill=waybill, event_id=r.event_id, op_code=r.op_code,
                                                stage=r.stage, accept_time=r.accept_time, address=r.address,
                                                remark=r.remark)
                    if waybill.application_id:
                        await ApplicationEvent.create(application_id=waybill.application_id, actor=None,
                                                      actor_role="courier", kind="route", note=route_note(e))
                        if e.stage in PUSHED:
                            await _emit_route(waybill, e)
                added += 1
            except IntegrityError:  # already stored: a duplicate or replayed push
                continue
        new += added
        if added and (acceptance_no := await _apply(waybill.id)):
            changed.append(acceptance_no)
    return new, changed


PUSHED = {"picked_up", "delivering", "returned"}  # 签收 is told by the case's move to delivered


async def _emit_route(waybill: Waybill, e: RouteEvent) -> None:
    app_row = await Application.get(id=waybill.application_id)
    await outbox.emit("delivery.route", f"waybill:{waybill.waybill_no}", {
        "acceptance_no": app_row.acceptance_no, "user_id": app_row.applicant_id, "service_name": app_row.subject_name,
        "waybill_no": waybill.waybill_no, "stage": e.stage, "stage_label": STAGE_NAMES.get(e.stage, "运输中"),
        "at": e.accept_time.isoformat()})


async def _apply(waybill_id: int) -> str | None:
    """Bring a waybill (and its case) up to its furthest stored event, under the waybill's row lock; new events
    Returns the case's acceptance number."""
    async with in_transaction():
        waybill = await Waybill.filter(id=waybill_id).select_for_update().first()
        events = await RouteEvent.filter(waybill_id=waybill_id).order_by("accept_time", "id")
        app_row = await Application.filter(id=waybill.application_id).select_for_update().first()
        furthest = max(events, key=lambda e: (RANK.get(e.stage, RANK["in_transit"]), e.accept_time))
        status = WaybillStatus(furthest.stage) if RANK.get(furthest.stage, 0) > RANK[waybill.status] else None
        if status is not None:
            updated = await Waybill.filter(id=waybill.id, version=waybill.version).update(
                status=status, version=waybill.version + 1, last_route_at=events[-1].accept_time)
            if not updated:
                raise Conflict("运单已被更新，请重试")
        if app_row is None:
            return None
        if status == WaybillStatus.SIGNED and app_row.status == CaseStatus.ISSUED:
            await applications.courier_move(app_row, CaseStatus.DELIVERED, f"快件已签收（运单号 {waybill.waybill_no}）")
        elif status == WaybillStatus.RETURNED:
            await ApplicationEvent.create(application=app_row, actor=None, actor_role="courier", kind="note",
                                          note="快件被拒收退回，办理结果将留在政务服务中心，请凭取件码到窗口领取")
        return app_row.acceptance_no


def route_note(e: RouteEvent) -> str:
    return f"【{STAGE_NAMES.get(e.stage, '运输中')}】{workdays.display(e.accept_time)} {e.address} {e.remark}".strip()


async def waybills_of_case(app_row: Application) -> list[Waybill]:
    return await Waybill.filter(application_id=app_row.id).order_by("id").prefetch_related("routes")


def waybill_view(w: Waybill, vault: Vault | None = None, full: bool = False) -> dict:
    """A waybill for its case's viewers: the recipient masked, unless `full` (staff printing the label)."""
    phone = vault.decrypt("waybill.phone", w.recipient_phone) if vault else ""
    fetched = w.routes._fetched  # a new waybill's routes were never loaded: it has none
    routes = sorted(w.routes.related_objects if fetched else [], key=lambda e: (e.accept_time, e.id))
    return {"waybill_no": w.waybill_no, "courier": w.courier, "status": w.status.value,
            "status_label": STAGE_NAMES.get(w.status.value, w.status.value),
            "recipient": {"name": w.recipient_name if full else mask_name(w.recipient_name),
                          "phone": phone if full else mask_phone(phone), "region": w.recipient_region},
            "routes": [{"stage": e.stage, "stage_label": STAGE_NAMES.get(e.stage, "运输中"),
                        "at": e.accept_time.isoformat(), "address": e.address, "remark": e.remark} for e in routes]}


def recipient_from(body) -> Recipient:
    r = Recipient(body.name, body.phone, body.province, body.city, body.district, body.detail)
    if not r.phone.replace("-", "").isdigit():
        raise Invalid("收件人电话格式不正确", field="phone")
    return r


async def sync(courier: Courier, user: User, waybill_no: str) -> tuple[int, Waybill]:
    """Pull a waybill's route events with a route query (a push went missing) and apply the new ones."""
    waybill = await Waybill.get_or_none(waybill_no=waybill_no).prefetch_related("application")
    if waybill is None or (waybill.application and not _may_ship(user, waybill.application)) or (
            waybill.application is None and user.role != Role.ADMIN):
        raise WaybillNotFound()
    new, _ = await record_routes(await courier.routes(waybill_no))
    return new, await Waybill.get(id=waybill.id).prefetch_related("routes")


async def for_case(user: User, acceptance_no: str) -> list[Waybill]:
    """A case's waybills, for whoever may see the case."""
    return await waybills_of_case(await applications.get_for(user, acceptance_no))


async def case_changed(ctx, acceptance_no: str) -> None:
    """Tell the tracking views a case's parcel moved."""
    app_row = await Application.get_or_none(acceptance_no=acceptance_no)
    if app_row is not None:
        await tracking.changed(ctx, app_row.track_token)
