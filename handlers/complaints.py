"""咨询投诉: citizens file and follow complaints; staff of the responsible department answer them."""
from pydantic import ConfigDict, Field
from sanic import Blueprint, Request

from app.auth import current_user, requires
from app.services.engagement import complaints
from handlers import _views as v
from handlers._openapi import Query, doc, parse_query, send
from handlers._request import Body, parse

bp = Blueprint("complaints")


class ComplaintBody(Body):
    category: str = Field(max_length=16)
    title: str = Field(min_length=2, max_length=60)
    text: str = Field(min_length=5, max_length=2000)
    attachments: list[str] = Field(default_factory=list, max_length=6)
    acceptance_no: str | None = Field(default=None, max_length=32)
    service: str | None = Field(default=None, max_length=16)

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "category": "efficiency", "title": "办件超期未办结", "text": "户口迁入办件已超过承诺时限三天，仍显示审查中。",
        "acceptance_no": "330402-20261202-000001"}]})


class ReplyBody(Body):
    text: str = Field(min_length=2, max_length=2000)


class DepartmentListQuery(Query):
    status: str = Field(default="open", max_length=16, description="open|closed")
    flag: str | None = Field(default=None, max_length=16, description="yellow（临近期限）|red（超期）")


@bp.post("/complaints")
@doc(body=ComplaintBody, ok=v.Complaint, status=201, errors=(404,))
@requires("citizen")
async def submit(request: Request):
    """File a complaint (category attitude|efficiency|policy|system|other, title, text, attachments = upload ids,
    optional acceptance_no or service): routed to the responsible department with a due date in working days."""
    body = parse(request, ComplaintBody)
    user = await current_user(request)
    c = await complaints.submit(request.app.ctx.catalog, request.app.ctx.settings, user, category=body.category,
                                title=body.title, text=body.text, attachments=body.attachments,
                                acceptance_no=body.acceptance_no or None, service_code=body.service or None)
    return send(request, complaints.view(c), 201)


@bp.get("/complaints")
@doc(ok=v.Complaints)
@requires("citizen")
async def mine(request: Request):
    """My complaints, newest first, with status, reply and whether I can rate them."""
    user = await current_user(request)
    return send(request, {"items": [complaints.view(c, r) for c, r in await complaints.mine(user)]})


@bp.get("/complaints/<complaint_id:id>")
@doc("A complaint: its citizen's own, or one of the staff member's department", ok=v.Complaint)
@requires("citizen", "staff", "admin")
async def show(request: Request, complaint_id: int):
    c, r = await complaints.get_for(await current_user(request), complaint_id)
    return send(request, complaints.view(c, r))


@bp.get("/staff/complaints")
@doc(tag="staff", query=DepartmentListQuery, ok=v.Complaints)
@requires("staff", "admin")
async def department_list(request: Request):
    """My department's complaints by ?status=open|closed, ?flag=yellow|red (near due, overdue), due first."""
    q = parse_query(request, DepartmentListQuery)
    rows = await complaints.for_department(await current_user(request), q.status, q.flag or None)
    return send(request, {"items": [complaints.view(c) for c in rows]})


@bp.post("/staff/complaints/<complaint_id:id>/reply")
@doc(tag="staff", body=ReplyBody, ok=v.Complaint, errors=(409,))
@requires("staff", "admin")
async def reply(request: Request, complaint_id: int):
    """Answer a complaint of my department; it closes and the citizen can rate it."""
    body = parse(request, ReplyBody)
    return send(request, complaints.view(await complaints.reply(await current_user(request), complaint_id, body.text)))
