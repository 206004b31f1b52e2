"""The public catalog: departments, services (search and guides with situations), bundles, stats, home."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json, raw

from app.services.catalog import catalog, seed
from handlers._request import Body, answers_arg, paging, parse
from handlers._responses import json_or_cached

bp = Blueprint("catalog")


class SituationBody(Body):
    answers: dict[str, str] = Field(default_factory=dict)


@bp.get("/departments")
async def departments(request: Request):
    """All departments."""
    return json({"items": await catalog.departments(request.app.ctx.catalog)})


@bp.get("/home")
async def home(request: Request):
    """The mini-program home: hot services, bundles and the catalog notice."""
    return json(await catalog.home(request.app.ctx.catalog, seed.home_notice()))


@bp.get("/services")
async def services(request: Request):
    """Search services in everyday Chinese (?q=), or list them; filter by ?department= and ?channel=; paged."""
    page, page_size = paging(request)
    body = await catalog.search_services(
        request.app.ctx.catalog, q=request.args.get("q", ""), department=request.args.get("department") or None,
        channel=request.args.get("channel") or None, page=page, page_size=page_size)
    return raw(body, content_type="application/json")


@bp.get("/services/<code:str>")
async def service(request: Request, code: str):
    """A service's full guide (办事指南). ?answers= picks the situation: materials and time limit follow it. ETag."""
    body, etag = await catalog.service_guide(request.app.ctx.catalog, code, answers_arg(request))
    return json_or_cached(request, body, etag)


@bp.post("/services/<code:str>/situation")
async def situation(request: Request, code: str):
    """The guide for the situation given by {"answers": {...}} (the same as GET with ?answers=)."""
    body = parse(request, SituationBody)
    guide, etag = await catalog.service_guide(request.app.ctx.catalog, code, body.answers or None)
    return json_or_cached(request, guide, etag)


@bp.get("/bundles")
async def bundles(request: Request):
    """All bundles (一件事)."""
    return json({"items": await catalog.bundles(request.app.ctx.catalog)})


@bp.get("/bundles/<code:str>")
async def bundle(request: Request, code: str):
    """A bundle with its services, workflow and one merged, de-duplicated materials list."""
    return json(await catalog.bundle(request.app.ctx.catalog, code))


@bp.get("/catalog/stats")
async def stats(request: Request):
    """Catalog totals, share by star level and channel, and the 一证通办 share of livelihood services."""
    return json(await catalog.stats(request.app.ctx.catalog))
