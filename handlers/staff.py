"""Department staff: their task list, decisions on workflow steps, and the moves after approval."""
from pydantic import Field
from sanic import Blueprint, Request

from app.auth import current_user, requires
from app.services.cases import applications
from handlers import _views as v
from handlers._openapi import Query, doc, merge_queries, paging_query, parse_query, send
from handlers._request import Body, paging, parse

bp = Blueprint("staff", url_prefix="/staff")


class DecisionBody(Body):
    decision: str = Field(max_length=16, description="approve|deny|supplement")
    comment: str | None = Field(default=None, max_length=1000)
    items: list[str] = Field(default_factory=list, max_length=30)


class MoveBody(Body):
    to: str = Field(max_length=16, description="issued|delivered|collected|archived")
    note: str | None = Field(default=None, max_length=500)


class TaskFilter(Query):
    status: str = Field(default="open", max_length=16, description="open|waiting|supplement|approved|denied|cancelled")


TasksQuery = merge_queries("TasksQuery", TaskFilter, paging_query(100))


@bp.get("/tasks")
@doc(query=TasksQuery, ok=v.Tasks)
@requires("staff", "admin")
async def tasks(request: Request):
    """My department's workflow steps by ?status= (default open); the comprehensive window also sees intake."""
    user = await current_user(request)
    q = parse_query(request, TaskFilter)
    return send(request, await applications.tasks(user, q.status, *paging(request, most=100)))


@bp.post("/tasks/<step_id:id>/decision")
@doc(body=DecisionBody, ok=v.Case, errors=(409,))
@requires("staff", "admin")
async def decision(request: Request, step_id: int):
    """Approve, deny (with a reason) or ask for 补正 (with items). A task already decided is a 409."""
    body = parse(request, DecisionBody)
    user = await current_user(request)
    case = await applications.decide(request.app.ctx, user, step_id, body.decision, body.comment, body.items)
    return send(request, await applications.detail(user, case))


@bp.post("/applications/<acceptance_no:acceptance_no>/transition")
@doc(body=MoveBody, ok=v.Case, errors=(409,))
@requires("staff", "admin")
async def transition(request: Request, acceptance_no: str):
    """出证 (issued), 寄递 (delivered) or 领取 (collected), 归档 (archived), by the lead department."""
    body = parse(request, MoveBody)
    user = await current_user(request)
    case = await applications.staff_move(request.app.ctx, user, acceptance_no, body.to, body.note)
    return send(request, await applications.detail(user, case))
