"""Department staff: their task list, decisions on workflow steps, and the moves after approval."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.services.cases import applications
from handlers._request import Body, paging, parse

bp = Blueprint("staff", url_prefix="/staff")


class DecisionBody(Body):
    decision: str = Field(max_length=16)
    comment: str | None = Field(default=None, max_length=1000)
    items: list[str] = Field(default_factory=list, max_length=30)


class MoveBody(Body):
    to: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=500)


@bp.get("/tasks")
@requires("staff", "admin")
async def tasks(request: Request):
    """My department's workflow steps by ?status= (default open); the comprehensive window also sees intake."""
    user = await current_user(request)
    return json(await applications.tasks(user, request.args.get("status", "open"),
                                         *paging(request, most=100)))


@bp.post("/tasks/<step_id:int>/decision")
@requires("staff", "admin")
async def decision(request: Request, step_id: int):
    """Approve, deny (with a reason) or ask for 补正 (with items). A task already decided is a 409."""
    body = parse(request, DecisionBody)
    user = await current_user(request)
    case = await applications.decide(request.app.ctx, user, step_id, body.decision, body.comment, body.items)
    return json(await applications.detail(user, case))


@bp.post("/applications/<acceptance_no:str>/transition")
@requires("staff", "admin")
async def transition(request: Request, acceptance_no: str):
    """出证 (issued), 寄递 (delivered) or 领取 (collected), 归档 (archived), by the lead department."""
    body = parse(request, MoveBody)
    user = await current_user(request)
    case = await applications.staff_move(request.app.ctx, user, acceptance_no, body.to, body.note)
    return json(await applications.detail(user, case))
