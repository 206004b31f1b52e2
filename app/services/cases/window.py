"""一窗受理: the comprehensive window (综合窗口) takes a walk-in citizen's application on their behalf.

The citizen stands at the window with their ID card: that presence, checked by a clerk with the `window` staff role,
is what authorizes the case's shared-data reads (instead of the citizen account's real-name level or a face check),
and every read is written to the access log under the clerk's name. The case goes through the one submission
path (applications.submit, channel "window"); its intake step is then decided by the clerk through the one
decision path (applications.decide): accepted when the papers are complete, or put into 补正 with a one-time notice
(一次性告知) naming exactly what is missing. A hall queue ticket called to the window can be taken straight into the
case (the ticket is finished and linked to it).
"""
from __future__ import annotations

from dataclasses import dataclass

from app.errors import Conflict, Forbidden, Invalid
from app.security import mask_name
from app.services.cases import applications
from app.services.cases.applications import MaterialIn
from app.services.halls import hall_queue, halls
from app.services.identity import audit, identity
from app.services.platform import workdays
from app.validators import id_number_problem, name_problem
from models import Application, ApplicationMaterial, ApplicationStep, StepStatus, User
from models.users import Role


class NotWindowClerk(Forbidden):
    code, message = "not_window_clerk", "只有综合窗口工作人员可以代为受理"


class NameDiffers(Conflict):
    code, message = "identity_name_differs", "姓名与该身份证号登记的姓名不一致，请核对身份证件"


def require_clerk(user: User) -> None:
    """Staff with the window-clerk role (综合窗口); anyone else, admins included, is refused."""
    if user.role == Role.CITIZEN or "window" not in (user.staff_roles or []):
        raise NotWindowClerk()


def _authority(clerk: User) -> str:
    dep = clerk.department.name if clerk.department_id and clerk.department else ""
    return f"综合窗口{clerk.name or ''}（{dep}）现场核验身份证件"


async def find_citizen(ctx, clerk: User, id_number: str, name: str, phone: str | None, reason: str) -> User:
    """The citizen with this ID number (by its blind index; the account holding the identity at level 3 first,
    else the earliest bound), or a new citizen record (a walk-in who never used the mini-program: the clerk saw
    the ID card, and the name and number are checked with the population database). The look-up is audited
    with the clerk's reason and authority. A different name on record is a 409: the card and the record
    disagree."""
    require_clerk(clerk)
    id_number, name = (id_number or "").strip().upper(), (name or "").strip()
    for field, problem in (("id_number", id_number_problem(id_number)), ("name", name_problem(name))):
        if problem:
            raise Invalid(problem, field=field)
    if not (reason or "").strip():
        raise Invalid("请填写查询事由", field="reason")
    bidx = ctx.vault.blind_index("id_number", id_number)
    citizen = (await User.get_or_none(holder_bidx=bidx, role=Role.CITIZEN)
               or await User.filter(id_number_bidx=bidx, role=Role.CITIZEN).order_by("id").first())
    if citizen is None:
        if not phone:
            raise Invalid("首次办理请填写申请人手机号", field="phone")
        citizen = await identity.record_walk_in(ctx, clerk, name, id_number, phone,
                                                f"一窗受理登记核验：{reason.strip()}；{_authority(clerk)}")
    elif (citizen.name or "") != name:
        await audit.record_read(clerk, "window", citizen, ["id_number"],
                                f"一窗受理查询（姓名不符）：{reason.strip()}；{_authority(clerk)}"[:128])
        raise NameDiffers(field="name")
    await audit.record_read(clerk, "window", citizen, ["id_number", "name"],
                            f"一窗受理查询：{reason.strip()}；{_authority(clerk)}"[:128])
    return citizen


@dataclass
class WalkIn:
    """A walk-in application as the window takes it: who (ID card), why the look-up, and the application body."""
    id_number: str
    name: str
    phone: str | None
    reason: str
    service: str | None
    bundle: str | None
    form: dict
    answers: dict
    materials: list[MaterialIn]
    consent: bool
    enterprise: str | None = None
    ticket_id: int | None = None
    hall_id: int | None = None
    supplement_items: tuple[str, ...] = ()  # more for the 补正 notice than the missing papers (a blurred scan …)


async def accept(ctx, clerk: User, walk_in: WalkIn, idempotency_key: str | None) -> tuple[Application, bool]:
    """Submit on the citizen's behalf and decide the intake step as the clerk: accepted when every required paper
    is there, else 补正 listing exactly the missing ones (and the clerk's extra items). Returns (case, created)."""
    require_clerk(clerk)
    ticket = await hall_queue.ticket_to_serve(walk_in.ticket_id) if walk_in.ticket_id else None
    hall_id = ticket.hall_id if ticket else walk_in.hall_id
    if hall_id is not None and ticket is None:
        await halls.get_hall(hall_id)
    citizen = await find_citizen(ctx, clerk, walk_in.id_number, walk_in.name, walk_in.phone, walk_in.reason)
    case, created, parts = await applications.submit(
        ctx, citizen, service=walk_in.service, bundle=walk_in.bundle, form=walk_in.form, answers=walk_in.answers,
        materials=walk_in.materials, consent=walk_in.consent, idempotency_key=idempotency_key,
        enterprise_credit_code=walk_in.enterprise, channel="window", clerk=clerk, hall_id=hall_id)
    if not created:
        return case, False
    missing = [m.name for m in parts.materials if m.status == "missing"]
    items = list(dict.fromkeys([*missing, *walk_in.supplement_items]))
    for step in (s for s in parts.steps if s.is_intake):
        if items:
            case = await applications.decide(ctx, clerk, step.id, "supplement", "窗口一次性告知需补正的材料", items,
                                             actor_role="window")
            break
        case = await applications.decide(ctx, clerk, step.id, "approve", "窗口受理：材料齐全", None,
                                         actor_role="window")
    if ticket:
        await hall_queue.served_into_case(ctx, ticket, case.id, citizen.id)
    return case, True


async def resubmit(ctx, clerk: User, acceptance_no: str, materials: list[MaterialIn], note: str | None) -> Application:
    """The citizen brings the missing papers back to the window: the clerk's scans go in through the one 补正
    path, and the intake is accepted by the clerk when nothing is missing any more."""
    require_clerk(clerk)
    case = await applications.resubmit(ctx, clerk, acceptance_no, materials, note, at_window=True)
    if await ApplicationMaterial.exists(application_id=case.id, status="missing"):
        return case
    intake = await ApplicationStep.filter(application_id=case.id, is_intake=True, status=StepStatus.OPEN)
    for step in intake:
        case = await applications.decide(ctx, clerk, step.id, "approve", "窗口受理：补正后材料齐全", None,
                                         actor_role="window")
    return case


async def notice(clerk: User, case: Application) -> dict | None:
    """The 补正材料一次性告知书 of a case waiting for 补正: every item at once, who issued it, the promised time."""
    if not case.supplement_items:
        return None
    await case.fetch_related("applicant", "lead_department")
    return {"title": "补正材料一次性告知书", "acceptance_no": case.acceptance_no, "service_name": case.subject_name,
            "applicant": mask_name(case.applicant.name or ""), "items": list(case.supplement_items),
            "text": (f"您申请的“{case.subject_name}”（受理编号 {case.acceptance_no}）尚需补正以下材料，"
                     "请一次性补齐后到任一综合窗口或在掌上办提交："),
            "department": case.lead_department.name, "issued_by": clerk.name,
            "issued_at": workdays.display(workdays.utcnow())}
