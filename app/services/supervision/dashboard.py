"""效能监管: the supervision dashboard's figures, from daily facts (models.DailyFact), never from the cases.

`refresh_day` rebuilds one Beijing day's facts from that day's submissions, decisions, 补正 requests, ratings,
closed rectifications, appointments and called tickets (each read through an index on its date); the job worker
runs it for the recent days every few minutes (app/tasks/dashboard.py). `figures` and `trend` sum the facts of a
period, so their cost is O(days × keys), whatever the number of cases. Definitions: docs/dashboard.md.
"""
from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from app.errors import Forbidden, Invalid, NotFound
from app.services.halls import halls
from app.services.platform import workdays
from models import (Application, ApplicationEvent, ApplicationMaterial, Appointment, AppointmentStatus, CaseStatus,
                    DailyFact, Department, Hall, QueueTicket, Rating, Rectification, Service, User)
from models.users import Role

COUNTS = ("received", "one_id", "finished", "with_due", "on_time", "working_days", "supplemented", "ratings",
          "good_ratings", "bad_ratings", "rectified", "appointments", "no_shows", "tickets_called", "wait_seconds")
KEYS = ("received", "finished", "online_rate", "one_id_rate", "by_star", "on_time_rate", "overdue",
        "avg_working_days", "supplement_rate", "satisfaction", "rectified_rate", "no_show_rate", "avg_wait_minutes")
ONLINE = {"mobile", "online"}  # 网办: applied on the phone or on the web
GOOD, BAD = 4, 2  # a rating of 4-5 is satisfied; 2 or below is a bad review (差评), which opens a rectification
OPEN_CASES = (CaseStatus.ACCEPTED, CaseStatus.IN_REVIEW)  # running against their promised date
MAX_DAYS = 1100  # a period of about three years at most
# The targets the policy sets for the catalog (drawn as lines on the charts)
TARGETS = {"online_services": 0.85, "four_star_or_better": 0.5, "five_star": 0.3, "livelihood_one_id": 0.5}
LABELS = {"received": "受理量", "finished": "办结量", "online_rate": "网办率", "one_id_rate": "一证通办率",
          "on_time_rate": "按时办结率", "avg_working_days": "平均办理工作日", "supplement_rate": "补正率",
          "satisfaction": "好评率", "rectified_rate": "差评整改率", "no_show_rate": "预约爽约率",
          "avg_wait_minutes": "平均等候分钟"}
PERIOD_KEYS = tuple(LABELS)


class NotSupervisor(Forbidden):
    code, message = "dashboard_forbidden", "只有管理员和部门负责人可以查看效能监管数据，部门负责人仅限本部门"


class ScopeNotFound(NotFound):
    code, message = "scope_not_found", "没有找到该统计范围"


# ---------------------------------------------------------------- building the facts

def day_bounds(d: date) -> tuple[datetime, datetime]:
    """The Beijing day `d` as a UTC [start, end) range."""
    start = workdays.day_start(d)
    return start, start + timedelta(days=1)


def _chunks(ids: list[int], n: int = 500):
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


async def _case_facts(facts: dict, start: datetime, end: datetime) -> None:
    keys = ("id", "lead_department_id", "subject_code", "hall_id", "channel")
    received = await Application.filter(submitted_at__gte=start, submitted_at__lt=end).values(*keys)
    with_paper: set[int] = set()
    for ids in _chunks([a["id"] for a in received]):
        with_paper.update(await ApplicationMaterial.filter(application_id__in=ids, source="citizen").values_list(
            "application_id", flat=True))
    for a in received:
        f = facts[(a["lead_department_id"], a["subject_code"], a["hall_id"] or 0, a["channel"])]
        f["received"] += 1
        f["one_id"] += a["id"] not in with_paper
    finished = await Application.filter(finished_at__gte=start, finished_at__lt=end).values(
        *keys, "submitted_at", "due_at", "finished_at")
    for a in finished:
        f = facts[(a["lead_department_id"], a["subject_code"], a["hall_id"] or 0, a["channel"])]
        f["finished"] += 1
        f["working_days"] += workdays.working_days_left(a["submitted_at"], a["finished_at"])
        if a["due_at"] is not None:
            f["with_due"] += 1
            f["on_time"] += a["finished_at"] <= a["due_at"]
    asked = await ApplicationEvent.filter(to_status=CaseStatus.SUPPLEMENT.value, at__gte=start, at__lt=end).values(
        "application_id", "application__lead_department_id", "application__subject_code", "application__hall_id",
        "application__channel")
    ids = list({e["application_id"] for e in asked})
    earlier: set[int] = set()
    for chunk in _chunks(ids):
        earlier.update(await ApplicationEvent.filter(application_id__in=chunk, to_status=CaseStatus.SUPPLEMENT.value,
                                                     at__lt=start).values_list("application_id", flat=True))
    seen: set[int] = set()
    for e in asked:
        if e["application_id"] in earlier or e["application_id"] in seen:
            continue
        seen.add(e["application_id"])
        facts[(e["application__lead_department_id"], e["application__subject_code"], e["application__hall_id"] or 0,
               e["application__channel"])]["supplemented"] += 1


async def _visit_facts(facts: dict, d: date, start: datetime, end: datetime) -> None:
    """Ratings, rectifications, appointments and tickets: by department, service and hall (channel "")."""
    svc_dept = dict(await Service.all().values_list("code", "department_id"))
    hall_ids = dict(await Hall.all().values_list("code", "id"))
    for r in await Rating.filter(created_at__gte=start, created_at__lt=end).values("department_id", "service_code",
                                                                                 "hall", "score"):
        f = facts[(r["department_id"] or 0, r["service_code"] or "", hall_ids.get(r["hall"], 0), "")]
        f["ratings"] += 1
        f["good_ratings"] += r["score"] >= GOOD
        f["bad_ratings"] += r["score"] <= BAD
    for x in await Rectification.filter(closed_at__gte=start, closed_at__lt=end).values(
            "department_id", "rating__service_code", "rating__hall"):
        facts[(x["department_id"], x["rating__service_code"] or "", hall_ids.get(x["rating__hall"], 0), "")][
            "rectified"] += 1
    for a in await Appointment.filter(slot_start__gte=start, slot_start__lt=end).exclude(
            status=AppointmentStatus.CANCELLED).values("hall_id", "service_code", "status"):
        f = facts[(svc_dept.get(a["service_code"], 0), a["service_code"], a["hall_id"], "")]
        f["appointments"] += 1
        f["no_shows"] += a["status"] == AppointmentStatus.NO_SHOW
    for t in await QueueTicket.filter(day=d, called_at__isnull=False).values("hall_id", "service_code", "created_at",
                                                                            "called_at"):
        f = facts[(svc_dept.get(t["service_code"], 0), t["service_code"], t["hall_id"], "")]
        f["tickets_called"] += 1
        f["wait_seconds"] += max(0, int((t["called_at"] - t["created_at"]).total_seconds()))


async def refresh_day(d: date) -> int:
    """Rebuild the Beijing day `d`'s facts (idempotent: the day's rows are replaced in one transaction); returns
    how many rows it has."""
    start, end = day_bounds(d)
    facts: dict[tuple, Counter] = defaultdict(Counter)
    await _case_facts(facts, start, end)
    await _visit_facts(facts, d, start, end)
    rows = [DailyFact(day=d, department_id=k[0], service_code=k[1][:32], hall_id=k[2], channel=k[3],
                      **{c: v[c] for c in COUNTS}) for k, v in facts.items() if any(v.values())]
    async with in_transaction() as conn:
        await DailyFact.filter(day=d).using_db(conn).delete()
        if rows:
            await DailyFact.bulk_create(rows, batch_size=500, using_db=conn)
    return len(rows)


async def refresh_recent(days: int, today: date | None = None) -> dict:
    """Rebuild the facts of the last `days` Beijing days (today included)."""
    today = today or workdays.local_date(workdays.utcnow())
    return {str(today - timedelta(days=i)): await refresh_day(today - timedelta(days=i)) for i in range(days)}


# ---------------------------------------------------------------- reading them

@dataclass
class Scope:
    kind: str  # all | department | service | hall
    code: str | None = None
    name: str = "全部"
    department_id: int | None = None
    hall: Hall | None = None

    def fact_filter(self) -> dict:
        return {"all": {}, "department": {"department_id": self.department_id},
                "service": {"service_code": self.code}, "hall": {"hall_id": self.hall.id if self.hall else 0}}[self.kind]

    def case_filter(self) -> dict:
        return {"all": {}, "department": {"lead_department_id": self.department_id},
                "service": {"subject_code": self.code}, "hall": {"hall_id": self.hall.id if self.hall else 0}}[self.kind]

    def view(self) -> dict:
        return {"kind": self.kind, "code": self.code, "name": self.name}


async def scope_of(text: str | None) -> Scope:
    """`all`, `department:{code}`, `service:{code}` or `hall:{id}`."""
    text = (text or "all").strip()
    if text == "all":
        return Scope("all")
    kind, _, code = text.partition(":")
    if kind not in ("department", "service", "hall") or not code or len(code) > 32:
        raise Invalid("统计范围应为 all、department:部门代码、service:事项代码 或 hall:大厅编号", field="scope")
    if kind == "department":
        dep = await Department.get_or_none(code=code)
        if dep is None:
            raise ScopeNotFound(field="scope")
        return Scope(kind, code, dep.name, department_id=dep.id)
    if kind == "service":
        svc = await Service.get_or_none(code=code).prefetch_related("department")
        if svc is None:
            raise ScopeNotFound(field="scope")
        return Scope(kind, code, svc.name, department_id=svc.department_id)
    if not code.isdigit():
        raise Invalid("大厅编号应为整数", field="scope")
    hall = await Hall.get_or_none(id=int(code))
    if hall is None:
        raise ScopeNotFound(field="scope")
    return Scope(kind, code, hall.name, hall=hall)


def authorize(user: User, scope: Scope) -> None:
    """Administrators see any scope; a department head (staff role `supervisor`) their own department only."""
    if user.role == Role.ADMIN:
        return
    if user.role == Role.STAFF and "supervisor" in (user.staff_roles or []) and scope.kind == "department" \
            and scope.department_id == user.department_id:
        return
    raise NotSupervisor()


def period(start: str | None, end: str | None) -> tuple[date, date]:
    """[from, to] as Beijing dates (default: the 30 days to today), at most MAX_DAYS long."""
    today = workdays.local_date(workdays.utcnow())
    try:
        to = date.fromisoformat(end) if end else today
    except ValueError:
        raise Invalid("结束日期格式应为 YYYY-MM-DD", field="to") from None
    try:
        frm = date.fromisoformat(start) if start else to - timedelta(days=29)
    except ValueError:
        raise Invalid("开始日期格式应为 YYYY-MM-DD", field="from") from None
    if frm > to:
        raise Invalid("开始日期不能晚于结束日期", field="from")
    if (to - frm).days >= MAX_DAYS or frm.year < 2000 or to.year > 2100:
        raise Invalid(f"统计区间最长{MAX_DAYS}天", field="from")
    return frm, to


async def _daily(scope: Scope, frm: date, to: date) -> list[dict]:
    """The scope's facts summed per (day, channel): O(days × channels) rows."""
    return await DailyFact.filter(day__gte=frm, day__lte=to, **scope.fact_filter()).group_by("day", "channel") \
        .annotate(**{f"s_{c}": Sum(c) for c in COUNTS}).values("day", "channel", *(f"s_{c}" for c in COUNTS))


def _ratio(num: float, den: float, digits: int = 4) -> float | None:
    return round(num / den, digits) if den else None


def _period_figures(rows: list[dict]) -> tuple[dict, dict]:
    """The period figures (PERIOD_KEYS) and the counts they are made of, from _daily rows."""
    c = Counter()
    online = 0
    for r in rows:
        for k in COUNTS:
            c[k] += int(r[f"s_{k}"] or 0)
        if r["channel"] in ONLINE:
            online += int(r["s_received"] or 0)
    counts = dict(c) | {"received_online": online}
    counts = {k: counts.get(k, 0) for k in (*COUNTS, "received_online")}
    return {
        "received": c["received"], "finished": c["finished"],
        "online_rate": _ratio(online, c["received"]), "one_id_rate": _ratio(c["one_id"], c["received"]),
        "on_time_rate": _ratio(c["on_time"], c["with_due"]),
        "avg_working_days": _ratio(c["working_days"], c["finished"], 2),
        "supplement_rate": _ratio(c["supplemented"], c["received"]),
        "satisfaction": _ratio(c["good_ratings"], c["ratings"]),
        "rectified_rate": _ratio(c["rectified"], c["bad_ratings"]),
        "no_show_rate": _ratio(c["no_shows"], c["appointments"]),
        "avg_wait_minutes": _ratio(c["wait_seconds"], c["tickets_called"] * 60, 1),
    }, counts


async def _overdue(scope: Scope) -> dict:
    """Open cases (accepted or in review) now past their promised date (red) or within one working day of it
    (yellow): the open cases due within the next week are read (index on status, due_at), not the history."""
    now = workdays.utcnow()
    dues = await Application.filter(status__in=list(OPEN_CASES), due_at__lt=now + timedelta(days=8),
                                    **scope.case_filter()).values_list("due_at", flat=True)
    flags = Counter(workdays.flag(now, d) for d in dues)
    return {"red": flags["red"], "yellow": flags["yellow"], "total": flags["red"] + flags["yellow"]}


async def _by_star(ctx, scope: Scope) -> dict:
    """The share of the scope's services at each 网办深度 star level (from the catalog, not the cases)."""
    entries = list((await ctx.catalog.snapshot()).services.values())
    if scope.kind == "department":
        entries = [e for e in entries if e.department["code"] == scope.code]
    elif scope.kind == "service":
        entries = [e for e in entries if e.guide["code"] == scope.code]
    elif scope.kind == "hall":
        offered = await halls.hall_services(scope.hall)
        entries = [e for e in entries if e.guide["code"] in offered]
    n = len(entries)
    stars = Counter(e.guide["online_level"] for e in entries)
    return {"services": n,
            "levels": {str(k): {"count": stars.get(k, 0), "share": _ratio(stars.get(k, 0), n)} for k in range(1, 6)},
            "four_star_or_better": _ratio(stars.get(4, 0) + stars.get(5, 0), n), "five_star": _ratio(stars.get(5, 0), n)}


async def figures(ctx, user: User, scope_text: str | None, start: str | None, end: str | None) -> dict:
    """The dashboard's figures under their stable keys (KEYS) for a scope and period, with the counts behind
    them and the targets."""
    scope = await scope_of(scope_text)
    authorize(user, scope)
    frm, to = period(start, end)
    figs, counts = _period_figures(await _daily(scope, frm, to))
    return {"scope": scope.view(), "from": frm.isoformat(), "to": to.isoformat(),
            **figs, "by_star": await _by_star(ctx, scope), "overdue": await _overdue(scope),
            "counts": counts, "targets": TARGETS}


def _bucket(d: date, by: str) -> date:
    return d - timedelta(days=d.weekday()) if by == "week" else d.replace(day=1)


def _label(start: date, by: str) -> str:
    if by == "week":
        y, w, _ = start.isocalendar()
        return f"{y}年第{w}周"
    if by == "month":
        return f"{start.year}年{start.month}月"
    return start.isoformat()


def _buckets(frm: date, to: date, by: str) -> list[date]:
    out, d = [], frm
    while d <= to:
        b = d if by == "day" else _bucket(d, by)
        if not out or out[-1] != b:
            out.append(b)
        d += timedelta(days=1)
    return out


async def trend(ctx, user: User, scope_text: str | None, start: str | None, end: str | None, by: str) -> dict:
    """The period figures per week (from Monday) or month (or day), every bucket of the period present."""
    if by not in ("day", "week", "month"):
        raise Invalid("分组应为 day、week 或 month", field="by")
    scope = await scope_of(scope_text)
    authorize(user, scope)
    frm, to = period(start, end)
    if by == "day" and (to - frm).days > 366:
        raise Invalid("按日分组最长366天", field="by")
    grouped: dict[date, list[dict]] = defaultdict(list)
    for r in await _daily(scope, frm, to):
        day = r["day"] if isinstance(r["day"], date) else date.fromisoformat(str(r["day"])[:10])
        grouped[day if by == "day" else _bucket(day, by)].append(r)
    points = []
    for b in _buckets(frm, to, by):
        figs, _ = _period_figures(grouped.get(b, []))
        points.append({"period": b.isoformat(), "label": _label(b, by), **figs})
    return {"scope": scope.view(), "from": frm.isoformat(), "to": to.isoformat(), "by": by, "points": points,
            "targets": TARGETS}


def _table(data: dict) -> tuple[list[str], list[list]]:
    head = ["统计周期", *(LABELS[k] for k in PERIOD_KEYS)]
    return head, [[p["label"], *(p[k] for k in PERIOD_KEYS)] for p in data["points"]]


async def export(ctx, user: User, scope_text: str | None, start: str | None, end: str | None, by: str,
                 fmt: str) -> tuple[bytes, str, str]:
    """The trend table as CSV (UTF-8 with BOM, for Excel) or XLSX: (body, content type, file name)."""
    if fmt not in ("csv", "xlsx"):
        raise Invalid("导出格式应为 csv 或 xlsx", field="format")
    data = await trend(ctx, user, scope_text, start, end, by)
    head, rows = _table(data)
    name = f"dashboard-{data['scope']['kind']}-{data['from']}-{data['to']}-{by}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(head)
        w.writerows([["" if v is None else v for v in r] for r in rows])
        return "\ufeff".encode() + out.getvalue().encode("utf-8"), "text/csv; charset=utf-8", name
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "效能监管"
    ws.append([f"{data['scope']['name']}  {data['from']} 至 {data['to']}"])
    ws.append(head)
    for r in rows:
        ws.append(r)
    body = io.BytesIO()
    wb.save(body)
    return (body.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)


async def refresh(user: User, days: int) -> dict:
    """An administrator rebuilds the last `days` days' facts now (the job does it every few minutes)."""
    if user.role != Role.ADMIN:
        raise NotSupervisor("只有管理员可以刷新统计数据")
    if not 1 <= days <= 31:
        raise Invalid("刷新天数应在1到31之间", field="days")
    return {"refreshed": await refresh_recent(days)}
