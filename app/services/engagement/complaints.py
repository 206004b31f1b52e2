"""咨询投诉: a citizen's ticket (category, text, attachments, optional case) routed to the responsible department,
answered within `complaint_days` working days; near-due (yellow) and overdue (red) flags; the citizen sees the
status and the reply, then rates it (a ("complaint", id) rating)."""
from __future__ import annotations

from datetime import datetime

from tortoise.transactions import in_transaction

from app.catalog_schema import HALL_DEPARTMENT
from app.errors import Conflict, Invalid, NotFound
from app.services.cases import applications, uploads
from app.services.platform import outbox, workdays
from app.services.catalog.catalog import Catalog
from models import Complaint, ComplaintStatus, Department, Rating, User
from models.users import Role

CATEGORIES = {"attitude": "服务态度", "efficiency": "办事效率", "policy": "政策咨询", "system": "系统问题",
              "other": "其他"}
MAX_ATTACHMENTS = 6


class ComplaintNotFound(NotFound):
    code, message = "complaint_not_found", "没有找到该投诉"


class ComplaintClosed(Conflict):
    code, message = "complaint_closed", "该投诉已答复"


async def _route(catalog: Catalog, user: User, acceptance_no: str | None, service_code: str | None) -> tuple[Department, str | None]:
    """The responsible department: the case's lead department, else the service's, else the service hall."""
    if acceptance_no:
        case = await applications.get_for(user, acceptance_no)
        return await Department.get(id=case.lead_department_id), case.subject_code
    if service_code:
        entry = (await catalog.snapshot()).services.get(service_code)
        if entry is None:
            raise Invalid("没有找到该事项", field="service")
        return await Department.get(code=entry.department["code"]), service_code
    return await Department.get(code=HALL_DEPARTMENT), None


async def submit(catalog: Catalog, settings, user: User, *, category: str, title: str, text: str,
                 attachments: list[str], acceptance_no: str | None, service_code: str | None) -> Complaint:
    """File a complaint; it is assigned to its department with a due date (event complaint.assigned)."""
    if category not in CATEGORIES:
        raise Invalid("投诉类别应为 " + "、".join(CATEGORIES), field="category")
    if len(attachments) > MAX_ATTACHMENTS or len(set(attachments)) != len(attachments):
        raise Invalid(f"附件最多{MAX_ATTACHMENTS}个且不能重复", field="attachments")
    for upload_id in attachments:
        await uploads.get_owned(user, upload_id)
    department, service_code = await _route(catalog, user, acceptance_no, service_code)
    now = workdays.utcnow()
    due = workdays.add_working_days(now, settings.complaint_days)
    async with in_transaction() as conn:
        c = await Complaint.create(user=user, category=category, title=title, text=text, attachments=attachments,
                                   acceptance_no=acceptance_no, service_code=service_code, department=department,
                                   due_at=due, using_db=conn)
        await outbox.emit("complaint.assigned", f"complaint:{c.id}", {
            "complaint_id": c.id, "department": department.code, "title": title,
            "due_date": workdays.local_date(due).isoformat()}, using_db=conn)
    c.department = department
    return c


def view(c: Complaint, rating: Rating | None = None, now: datetime | None = None) -> dict:
    now = now or workdays.utcnow()
    return {"id": c.id, "category": c.category, "category_label": CATEGORIES.get(c.category, c.category),
            "title": c.title, "text": c.text, "attachments": c.attachments, "acceptance_no": c.acceptance_no,
            "service_code": c.service_code,
            "department": {"code": c.department.code, "name": c.department.name},
            "status": c.status.value, "status_label": "已答复" if c.status == ComplaintStatus.CLOSED else "处理中",
            "due_at": c.due_at.isoformat(), "due_date": workdays.local_date(c.due_at).isoformat(),
            "flag": workdays.flag(now, c.due_at) if c.status == ComplaintStatus.OPEN else None,
            "reply": c.reply, "replied_at": c.replied_at.isoformat() if c.replied_at else None,
            "created_at": c.created_at.isoformat(),
            "can_rate": c.status == ComplaintStatus.CLOSED and rating is None,
            "rating": {"score": rating.score} if rating else None}


async def mine(user: User) -> list[tuple[Complaint, Rating | None]]:
    rows = await Complaint.filter(user=user).order_by("-id").prefetch_related("department")
    ratings = {r.target_id: r for r in await Rating.filter(target_type="complaint",
                                                           target_id__in=[str(c.id) for c in rows])}
    return [(c, ratings.get(str(c.id))) for c in rows]


async def get_for(user: User, complaint_id: int) -> tuple[Complaint, Rating | None]:
    """The complaint for its citizen, staff of its department, or an admin; others: 404."""
    c = await Complaint.get_or_none(id=complaint_id).prefetch_related("department")
    if c is None:
        raise ComplaintNotFound()
    if not (c.user_id == user.id or user.role == Role.ADMIN
            or (user.role == Role.STAFF and user.department_id == c.department_id)):
        raise ComplaintNotFound()
    return c, await Rating.get_or_none(target_type="complaint", target_id=str(c.id))


async def for_department(staff: User, status: str, flag: str | None) -> list[Complaint]:
    """The staff member's department's complaints (oldest due first); flag yellow|red filters near-due/overdue."""
    try:
        st = ComplaintStatus(status)
    except ValueError:
        raise Invalid("状态应为 open 或 closed", field="status") from None
    if flag not in (None, "yellow", "red"):
        raise Invalid("flag 应为 yellow 或 red", field="flag")
    rows = await Complaint.filter(department_id=staff.department_id, status=st).order_by("due_at", "id").limit(
        200).prefetch_related("department")
    now = workdays.utcnow()
    return [c for c in rows if flag is None or (st == ComplaintStatus.OPEN and workdays.flag(now, c.due_at) == flag)]


async def reply(staff: User, complaint_id: int, text: str) -> Complaint:
    """Staff of the department answer; the complaint closes (event complaint.replied) and can be rated."""
    c = await Complaint.get_or_none(id=complaint_id, department_id=staff.department_id)
    if c is None:
        raise ComplaintNotFound()
    now = workdays.utcnow()
    async with in_transaction() as conn:
        done = await Complaint.filter(id=c.id, status=ComplaintStatus.OPEN).using_db(conn).update(
            status=ComplaintStatus.CLOSED, reply=text, replied_by_id=staff.id, replied_at=now, flag=None)
        if not done:
            raise ComplaintClosed()
        await outbox.emit("complaint.replied", f"complaint:{c.id}",
                          {"complaint_id": c.id, "user_id": c.user_id, "title": c.title}, using_db=conn)
    return await Complaint.get(id=c.id).prefetch_related("department")


async def refresh_flags(now: datetime | None = None) -> int:
    """Job: store the near-due / overdue flag of every open complaint (for lists and alerts); returns changes."""
    return await workdays.store_flags(Complaint.filter(status=ComplaintStatus.OPEN), now or workdays.utcnow())
