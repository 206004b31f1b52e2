"""效能监管: the supervision dashboard's figures, trends and exports (administrators; department heads for their own
department). Definitions of every figure: docs/dashboard.md."""
from urllib.parse import quote

from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json, raw

from app.auth import current_user, requires
from app.services.supervision import dashboard
from handlers._openapi import Binary, Query, doc, parse_query

bp = Blueprint("dashboard", url_prefix="/dashboard")


class PeriodQuery(Query):
    scope: str | None = Field(default=None, max_length=64, description="all | department:{code} | service:{code} | "
                                                                         "hall:{id}")
    from_: str | None = Field(default=None, alias="from", max_length=10, description="YYYY-MM-DD（北京时间）")
    to: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD（北京时间）")


class TrendQuery(PeriodQuery):
    by: str = Field(default="week", max_length=8, description="day | week | month")


class ExportQuery(PeriodQuery):
    by: str = Field(default="month", max_length=8, description="day | week | month")
    format: str = Field(default="csv", max_length=8, description="csv | xlsx")


class RefreshQuery(Query):
    days: int = Field(default=1, ge=1, le=31, description="最近几天（1 到 31）")


def _query(request: Request) -> tuple:
    q = parse_query(request, PeriodQuery)
    return q.scope, q.from_, q.to


@bp.get("/")
@doc(tag="admin", query=PeriodQuery)
@requires("staff", "admin")
async def figures(request: Request):
    """?scope=all|department:{code}|service:{code}|hall:{id}&from=YYYY-MM-DD&to=YYYY-MM-DD (Beijing dates; default
    the last 30 days): received, finished, online_rate, one_id_rate, by_star, on_time_rate, overdue,
    avg_working_days, supplement_rate, satisfaction, rectified_rate, no_show_rate, avg_wait_minutes; with the
    counts behind them and the policy targets. A rate with nothing to divide by is null."""
    user = await current_user(request)
    return json(await dashboard.figures(request.app.ctx, user, *_query(request)))


@bp.get("/trend")
@doc(tag="admin", query=TrendQuery)
@requires("staff", "admin")
async def trend(request: Request):
    """The period figures per ?by=week (weeks from Monday) or month (or day), every bucket present."""
    user = await current_user(request)
    by = parse_query(request, TrendQuery).by
    return json(await dashboard.trend(request.app.ctx, user, *_query(request), by))


@bp.get("/export")
@doc(tag="admin", query=ExportQuery,
     ok=Binary("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
@requires("staff", "admin")
async def export(request: Request):
    """The trend table as ?format=csv (UTF-8 with BOM) or xlsx, one row per ?by=day|week|month."""
    user = await current_user(request)
    q = parse_query(request, ExportQuery)
    body, kind, name = await dashboard.export(request.app.ctx, user, *_query(request), q.by, q.format)
    return raw(body, content_type=kind, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
                                                 "Cache-Control": "private, no-store"})


@bp.post("/refresh")
@doc(tag="admin", query=RefreshQuery)
@requires("admin")
async def refresh(request: Request):
    """Rebuild the daily facts of the last ?days= days (1-31, default 1) now; the job worker does it every 5
    minutes for the last 3."""
    user = await current_user(request)
    return json(await dashboard.refresh(user, parse_query(request, RefreshQuery).days))
