"""好差评: a citizen rates a finished case, a closed chat, an answered complaint or a finished window visit 1-5 with
tags and a comment.

A target is (target_type, target_id); TARGETS maps each type to the check that the citizen may rate it now and to
what it is attributed to (department, service, hall). A window visit is a queue ticket ("queue_ticket", id) of the
citizen's checked-in appointment, rateable once the window finished it; it is attributed to the department of the
ticket's service and to the ticket's hall (its code), so the dashboard has per-hall figures. A rating of 2 or below opens a rectification ticket (差评整改) to the department with a deadline in
working days; staff record the outcome and the citizen is told (event rectification.closed).
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.functions import Avg, Count
from tortoise.transactions import in_transaction

from app.catalog_schema import HALL_DEPARTMENT
from app.errors import Conflict, Invalid, NotFound
from app.services.cases import applications
from app.services.platform import outbox, workdays
from app.validators import db_id
from models import (Application, ChatSession, ChatStatus, Complaint, ComplaintStatus, Department, Hall, QueueTicket,
                    Rating, Rectification, RectificationStatus, Service, TicketStatus, User)

BAD = 2  # a score at or below this opens a rectification
TAGS = {"态度好", "效率高", "解答清楚", "流程简便", "态度差", "效率低", "解答不清", "材料反复提交", "等待时间长", "系统不好用"}


class TargetNotRateable(Conflict):
    code, message = "not_rateable", "该事项尚未办结，暂不能评价"


class TargetNotFound(NotFound):
    code, message = "rating_target_not_found", "没有找到要评价的对象"


class AlreadyRated(Conflict):
    code, message = "already_rated", "您已经评价过了"


class RectificationNotFound(NotFound):
    code, message = "rectification_not_found", "没有找到该整改单"


class RectificationClosed(Conflict):
    code, message = "rectification_closed", "该整改单已办结"


@dataclass
class Attribution:
    department_id: int | None
    service_code: str | None = None
    hall: str | None = None


async def _case(user: User, target_id: str) -> Attribution:
    a = await Application.get_or_none(acceptance_no=target_id, applicant_id=user.id) if len(target_id) <= 32 else None
    if a is None:
        raise TargetNotFound(field="target_id")
    if a.status not in applications.FINISHED:
        raise TargetNotRateable()
    return Attribution(a.lead_department_id, a.subject_code)


async def _chat(user: User, target_id: str) -> Attribution:
    s = await ChatSession.get_or_none(id=n, user_id=user.id) if (n := db_id(target_id)) else None
    if s is None:
        raise TargetNotFound(field="target_id")
    if s.status != ChatStatus.CLOSED:
        raise TargetNotRateable("会话结束后才能评价")
    department_id = s.department_id or (await Department.get(code=HALL_DEPARTMENT)).id
    return Attribution(department_id, s.service_code)


async def _complaint(user: User, target_id: str) -> Attribution:
    c = await Complaint.get_or_none(id=n, user_id=user.id) if (n := db_id(target_id)) else None
    if c is None:
        raise TargetNotFound(field="target_id")
    if c.status != ComplaintStatus.CLOSED:
        raise TargetNotRateable("投诉答复后才能评价")
    return Attribution(c.department_id, c.service_code)


async def _queue_ticket(user: User, target_id: str) -> Attribution:
    t = await QueueTicket.get_or_none(id=n, user_id=user.id) if (n := db_id(target_id)) else None
    if t is None:
        raise TargetNotFound(field="target_id")
    if t.status != TicketStatus.FINISHED:
        raise TargetNotRateable("窗口办理结束后才能评价")
    department_id = await Service.filter(code=t.service_code).values_list("department_id", flat=True)
    hall = await Hall.get(id=t.hall_id)
    return Attribution(department_id[0] if department_id else (await Department.get(code=HALL_DEPARTMENT)).id,
                       t.service_code, hall.code)


TARGETS: dict[str, Callable[[User, str], Awaitable[Attribution]]] = {
    "application": _case, "chat": _chat, "complaint": _complaint, "queue_ticket": _queue_ticket,
}


async def rateable_visit(ticket_id: int | None, status: str | None) -> bool:
    """Whether the owner may rate this window visit now: its ticket is finished and not rated yet."""
    if ticket_id is None or status != TicketStatus.FINISHED:
        return False
    return not await Rating.filter(target_type="queue_ticket", target_id=str(ticket_id)).exists()


async def rate(settings, user: User, target_type: str, target_id: str, score: int, tags: list[str],
               comment: str | None) -> Rating:
    """Rate a target once; 2 or below opens a rectification to its department (event rectification.opened)."""
    check = TARGETS.get(target_type)
    if check is None:
        raise Invalid("评价对象类型应为 " + "、".join(TARGETS), field="target_type")
    if not 1 <= score <= 5:
        raise Invalid("评分应为1到5分", field="score")
    unknown = [t for t in tags if t not in TAGS]
    if unknown:
        raise Invalid(f"未知的评价标签：{unknown[0]}", field="tags")
    who = await check(user, target_id)
    now = workdays.utcnow()
    try:
        async with in_transaction() as conn:
            r = await Rating.create(user=user, target_type=target_type, target_id=target_id, score=score,
                                    tags=sorted(set(tags)), comment=comment or None, department_id=who.department_id,
                                    service_code=who.service_code, hall=who.hall, created_at=now, using_db=conn)
            if score <= BAD and who.department_id:
                due = workdays.add_working_days(now, settings.rectification_days)
                await Rectification.create(rating=r, department_id=who.department_id, due_at=due, created_at=now,
                                           using_db=conn)
                dep = await Department.get(id=who.department_id).using_db(conn)
                await outbox.emit("rectification.opened", f"rating:{r.id}", {
                    "rating_id": r.id, "department": dep.code, "due_date": workdays.local_date(due).isoformat()},
                    using_db=conn)
    except IntegrityError:
        raise AlreadyRated() from None
    return r


async def mine(user: User) -> list[dict]:
    rows = await Rating.filter(user=user).order_by("-id").prefetch_related("department")
    rects = {x.rating_id: x for x in await Rectification.filter(rating_id__in=[r.id for r in rows])}
    return [view(r, rects.get(r.id)) for r in rows]


def view(r: Rating, rect: Rectification | None = None) -> dict:
    return {"id": r.id, "target_type": r.target_type, "target_id": r.target_id, "score": r.score, "tags": r.tags,
            "comment": r.comment, "service_code": r.service_code, "created_at": r.created_at.isoformat(),
            "department": {"code": r.department.code, "name": r.department.name} if r.department_id else None,
            "rectification": rect_brief(rect) if rect else None}


def rect_brief(x: Rectification, now: datetime | None = None) -> dict:
    return {"id": x.id, "status": x.status.value, "status_label": "已整改" if x.status == RectificationStatus.CLOSED else "整改中",
            "due_date": workdays.local_date(x.due_at).isoformat(), "outcome": x.outcome,
            "flag": workdays.flag(now or workdays.utcnow(), x.due_at) if x.status == RectificationStatus.OPEN else None,
            "closed_at": x.closed_at.isoformat() if x.closed_at else None}


async def rectifications(staff: User, status: str) -> list[dict]:
    """The staff member's department's rectification tickets with their ratings (comment and tags, no person)."""
    try:
        st = RectificationStatus(status)
    except ValueError:
        raise Invalid("状态应为 open 或 closed", field="status") from None
    rows = await Rectification.filter(department_id=staff.department_id, status=st).order_by("due_at", "id").limit(
        200).prefetch_related("rating")
    return [rect_brief(x) | {"rating": {"id": x.rating.id, "score": x.rating.score, "tags": x.rating.tags,
                                        "comment": x.rating.comment, "target_type": x.rating.target_type,
                                        "target_id": x.rating.target_id, "service_code": x.rating.service_code}}
            for x in rows]


async def close_rectification(staff: User, rect_id: int, outcome: str) -> Rectification:
    """Record the outcome (整改结果); the citizen is told (event rectification.closed) — the loop closes (闭环)."""
    x = await Rectification.get_or_none(id=rect_id, department_id=staff.department_id).prefetch_related("rating")
    if x is None:
        raise RectificationNotFound()
    now = workdays.utcnow()
    async with in_transaction() as conn:
        done = await Rectification.filter(id=x.id, status=RectificationStatus.OPEN).using_db(conn).update(
            status=RectificationStatus.CLOSED, outcome=outcome, closed_by_id=staff.id, closed_at=now, flag=None)
        if not done:
            raise RectificationClosed()
        await outbox.emit("rectification.closed", f"rating:{x.rating_id}", {
            "rating_id": x.rating_id, "user_id": x.rating.user_id, "outcome": outcome}, using_db=conn)
    return await Rectification.get(id=x.id)


async def refresh_flags(now: datetime | None = None) -> int:
    """Job: store the near-due / overdue flag of every open rectification; returns how many changed."""
    return await workdays.store_flags(Rectification.filter(status=RectificationStatus.OPEN), now or workdays.utcnow())


async def stats(by: str) -> list[dict]:
    """Dashboard aggregates per department, service or hall: count, average score, bad ratings, rectifications."""
    column = {"department": "department__code", "service": "service_code", "hall": "hall"}.get(by)
    if column is None:
        raise Invalid("by 应为 department、service 或 hall", field="by")
    rows = await Rating.exclude(**{f"{column}__isnull": True}).annotate(n=Count("id"), avg=Avg("score")).group_by(
        column).values(column, "n", "avg")
    bad = {r[column]: r["n"] for r in await Rating.filter(score__lte=BAD).exclude(**{f"{column}__isnull": True})
           .annotate(n=Count("id")).group_by(column).values(column, "n")}
    open_rects = {r[column]: r["n"] for r in await Rating.filter(rectification__status=RectificationStatus.OPEN)
                  .exclude(**{f"{column}__isnull": True}).annotate(n=Count("id")).group_by(column).values(column, "n")}
    out = [{"key": r[column], "count": r["n"], "average": round(float(r["avg"]), 2), "bad": bad.get(r[column], 0),
            "open_rectifications": open_rects.get(r[column], 0)} for r in rows]
    return sorted(out, key=lambda x: (-x["count"], x["key"]))
