"""效能监管: the supervision dashboard's figures, trends and exports (administrators; department heads for their own
department). Definitions of every figure: docs/dashboard.md."""
from urllib.parse import quote

from sanic import Blueprint, Request
from sanic.response import json, raw

from app.auth import current_user, requires
from app.services.supervision import dashboard
from handlers._request import int_arg

bp = Blueprint("dashboard", url_prefix="/dashboard")


def _query(request: Request) -> tuple:
    args = request.args
    return args.get("scope"), args.get("from"), args.get("to")


@bp.get("/")
@requires("staff", "admin")
async def figures(request: Request):
    """?scope=all|department:{code}|service:{code}|hall:{id}&from=YYYY-MM-DD&to=YYYY-MM-DD (Beijing dates; default
    the last 30 days): received, finished, online_rate, one_id_rate, by_star, on_time_rate, overdue,
    avg_working_days, supplement_rate, satisfaction, rectified_rate, no_show_rate, avg_wait_minutes; with the
    counts behind them and the policy targets. A rate with nothing to divide by is null."""
    user = await current_user(request)
    return json(await dashboard.figures(request.app.ctx, user, *_query(request)))


@bp.get("/trend")
@requires("staff", "admin")
async def trend(request: Request):
    """The period figures per ?by=week (weeks from Monday) or month (or day), every bucket present."""
    user = await current_user(request)
    return json(await dashboard.trend(request.app.ctx, user, *_query(request), request.args.get("by", "week")))


@bp.get("/export")
@requires("staff", "admin")
async def export(request: Request):
    """The trend table as ?format=csv (UTF-8 with BOM) or xlsx, one row per ?by=day|week|month."""
    user = await current_user(request)
    body, kind, name = await dashboard.export(request.app.ctx, user, *_query(request),
                                              request.args.get("by", "month"), request.args.get("format", "csv"))
    return raw(body, content_type=kind, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
                                                 "Cache-Control": "private, no-store"})


@bp.post("/refresh")
@requires("admin")
async def refresh(request: Request):
    """Rebuild the daily facts of the last ?days= days (1-31, default 1) now; the job worker does it every 5
    minutes for the last 3."""
    user = await current_user(request)
    return json(await dashboard.refresh(user, int_arg(request, "days", 1)))
