"""好差评: ratings, the rectification tickets bad ones open, and the dashboard aggregates."""
from pydantic import ConfigDict, Field
from sanic import Blueprint, Request

from app.auth import current_user, requires
from app.services.engagement import ratings
from handlers import _views as v
from handlers._openapi import Query, doc, parse_query, send
from handlers._request import Body, parse

bp = Blueprint("ratings")


class RatingBody(Body):
    target_type: str = Field(max_length=16)
    target_id: str = Field(min_length=1, max_length=40)
    score: int = Field(ge=-(2**31), le=2**31 - 1, description="1 到 5")
    tags: list[str] = Field(default_factory=list, max_length=10)
    comment: str | None = Field(default=None, max_length=300)

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"target_type": "application", "target_id": "330402-20261202-000001", "score": 5, "tags": ["办事效率高"]}]})


class OutcomeBody(Body):
    outcome: str = Field(min_length=2, max_length=1000)


class StatusQuery(Query):
    status: str = Field(default="open", max_length=16, description="open|closed")


class StatsQuery(Query):
    by: str = Field(default="department", max_length=16, description="department|service|hall")


@bp.post("/ratings")
@doc(body=RatingBody, ok=v.Rating, status=201, errors=(404, 409))
@requires("citizen")
async def rate(request: Request):
    """Rate a finished case ("application", acceptance no), a closed chat ("chat", id), an answered complaint
    ("complaint", id) or a finished window visit ("queue_ticket", ticket id) 1-5 with tags and a comment; 2 or below opens a rectification for the department."""
    body = parse(request, RatingBody)
    user = await current_user(request)
    r = await ratings.rate(request.app.ctx.settings, user, body.target_type, body.target_id, body.score, body.tags,
                           body.comment)
    await r.fetch_related("department")
    rect = await r.rectification if body.score <= ratings.BAD else None
    return send(request, ratings.view(r, rect), 201)


@bp.get("/ratings")
@doc(ok=v.Ratings)
@requires("citizen")
async def mine(request: Request):
    """My ratings and, for bad ones, the rectification's status and outcome."""
    return send(request, {"items": await ratings.mine(await current_user(request)), "tags": sorted(ratings.TAGS)})


@bp.get("/staff/rectifications")
@doc(tag="staff", query=StatusQuery, ok=v.Rectifications)
@requires("staff", "admin")
async def rectifications(request: Request):
    """My department's rectification tickets by ?status=open|closed, due first."""
    q = parse_query(request, StatusQuery)
    return send(request, {"items": await ratings.rectifications(await current_user(request), q.status)})


@bp.post("/staff/rectifications/<rect_id:id>/close")
@doc(tag="staff", body=OutcomeBody, ok=v.RectificationBrief, errors=(409,))
@requires("staff", "admin")
async def close(request: Request, rect_id: int):
    """Record the outcome of a rectification; the citizen who rated is told."""
    body = parse(request, OutcomeBody)
    x = await ratings.close_rectification(await current_user(request), rect_id, body.outcome)
    return send(request, ratings.rect_brief(x))


@bp.get("/admin/ratings/stats")
@doc(tag="admin", query=StatsQuery, ok=v.RatingStats)
@requires("staff", "admin")
async def stats(request: Request):
    """Dashboard: rating count, average, bad ratings and open rectifications per ?by=department|service|hall."""
    q = parse_query(request, StatsQuery)
    return send(request, {"by": q.by, "items": await ratings.stats(q.by)})
