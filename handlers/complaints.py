"""咨询投诉: citizens file and follow complaints; staff of the responsible department answer them."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.services.engagement import complaints
from handlers._request import Body, parse

bp = Blueprint("complaints")


class ComplaintBody(Body):
    category: str = Field(max_length=16)
    title: str = Field(min_length=2, max_length=60)
    text: str = Field(min_length=5, max_length=2000)
    attachments: list[str] = Field(default_factory=list, max_length=6)
    acceptance_no: str | None = Field(default=None, max_length=32)
    service: str | None = Field(default=None, max_length=16)


class ReplyBody(Body):
    text: str = Field(min_length=2, max_length=2000)


@bp.post("/complaints")
@requires("citizen")
async def submit(request: Request):
    """File a complaint (category attitude|efficiency|policy|system|other, title, text, attachments = upload ids,
    optional acceptance_no or service): routed to the responsible department with a due date in working days."""
    body = parse(request, ComplaintBody)
    user = await current_user(request)
    c = await complaints.submit(request.app.ctx.catalog, request.app.ctx.settings, user, category=body.category,
                                title=body.title, text=body.text, attachments=body.attachments,
                                acceptance_no=body.acceptance_no or None, service_code=body.service or None)
    return json(complaints.view(c), status=201)


@bp.get("/complaints")
@requires("citizen")
async def mine(request: Request):
    """My complaints, newest first, with status, reply and whether I can rate them."""
    user = await current_user(request)
    return json({"items": [complaints.view(c, r) for c, r in await complaints.mine(user)]})


@bp.get("/complaints/<complaint_id:int>")
@requires("citizen", "staff", "admin")
async def show(request: Request, complaint_id: int):
    c, r = await complaints.get_for(await current_user(request), complaint_id)
    return json(complaints.view(c, r))


@bp.get("/staff/complaints")
@requires("staff", "admin")
async def department_list(request: Request):
    """My department's complaints by ?status=open|closed, ?flag=yellow|red (near due, overdue), due first."""
    rows = await complaints.for_department(await current_user(request), request.args.get("status", "open"),
                                           request.args.get("flag") or None)
    return json({"items": [complaints.view(c) for c in rows]})


@bp.post("/staff/complaints/<complaint_id:int>/reply")
@requires("staff", "admin")
async def reply(request: Request, complaint_id: int):
    """Answer a complaint of my department; it closes and the citizen can rate it."""
    body = parse(request, ReplyBody)
    return json(complaints.view(await complaints.reply(await current_user(request), complaint_id, body.text)))
