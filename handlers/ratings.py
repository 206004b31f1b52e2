"""好差评: ratings, the rectification tickets bad ones open, and the dashboard aggregates."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app.auth import current_user, requires
from app.services.engagement import ratings
from handlers._request import Body, parse

bp = Blueprint("ratings")


class RatingBody(Body):
    target_type: str = Field(max_length=16)
    target_id: str = Field(min_length=1, max_length=40)
    score: int
    tags: list[str] = Field(default_factory=list, max_length=10)
    comment: str | None = Field(default=None, max_length=300)


class OutcomeBody(Body):
    outcome: str = Field(min_length=2, max_length=1000)


@bp.post("/ratings")
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
    return json(ratings.view(r, rect), status=201)


@bp.get("/ratings")
@requires("citizen")
async def mine(request: Request):
    """My ratings and, for bad ones, the rectification's status and outcome."""
    return json({"items": await ratings.mine(await current_user(request)), "tags": sorted(ratings.TAGS)})


@bp.get("/staff/rectifications")
@requires("staff", "admin")
async def rectifications(request: Request):
    """My department's rectification tickets by ?status=open|closed, due first."""
    return json({"items": await ratings.rectifications(await current_user(request),
                                                       request.args.get("status", "open"))})


@bp.post("/staff/rectifications/<rect_id:int>/close")
@requires("staff", "admin")
async def close(request: Request, rect_id: int):
    """Record the outcome of a rectification; the citizen who rated is told."""
    body = parse(request, OutcomeBody)
    x = await ratings.close_rectification(await current_user(request), rect_id, body.outcome)
    return json(ratings.rect_brief(x))


@bp.get("/admin/ratings/stats")
@requires("staff", "admin")
async def stats(request: Request):
    """Dashboard: rating count, average, bad ratings and open rectifications per ?by=department|service|hall."""
    return json({"by": request.args.get("by", "department"),
                 "items": await ratings.stats(request.args.get("by", "department"))})
