"""The public catalog: departments, services (search and guides with situations), bundles, stats, home."""
from pydantic import ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import raw

from app.services.catalog import catalog, seed
from handlers import _views as v
from handlers._openapi import Query, doc, merge_queries, paging_query, parse_query, send
from handlers._request import Body, answers_arg, paging, parse
from handlers._responses import json_or_cached

bp = Blueprint("catalog")


class SituationBody(Body):
    answers: dict[str, str] = Field(default_factory=dict, description="情形问题的答案：{key: value}")

    model_config = ConfigDict(json_schema_extra={"examples": [{"answers": {"local_hukou": "no"}}]})


class SearchFilter(Query):
    q: str = Field(default="", max_length=100, description="用大白话搜索，如「身份证过期了怎么办」")
    department: str | None = Field(default=None, max_length=32, description="部门编码")
    channel: str | None = Field(default=None, max_length=16, description="办理渠道 mobile|online|window|kiosk")


SearchQuery = merge_queries("SearchQuery", SearchFilter, paging_query())


class GuideQuery(Query):
    answers: str | None = Field(default=None, max_length=2000,
                                description='情形答案：JSON 对象 {"local_hukou":"no"} 或 key:value,key:value')


IF_NONE_MATCH = {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 64},
                 "description": "上次应答的 ETag：未变时 304"}


@bp.get("/departments")
@doc(ok=v.Departments)
async def departments(request: Request):
    """All departments."""
    return send(request, {"items": await catalog.departments(request.app.ctx.catalog)})


@bp.get("/home")
@doc(ok=v.Home)
async def home(request: Request):
    """The mini-program home: hot services, bundles and the catalog notice."""
    return send(request, await catalog.home(request.app.ctx.catalog, seed.home_notice()))


@bp.get("/services")
@doc(query=SearchQuery, ok=v.ServicePage, errors=(404,))
async def services(request: Request):
    """Search services in everyday Chinese (?q=), or list them; filter by ?department= and ?channel=; paged.
    The answer is joined from pre-serialized items (the search hot path): tests check it against ServicePage."""
    q = parse_query(request, SearchFilter)
    page, page_size = paging(request)
    body = await catalog.search_services(request.app.ctx.catalog, q=q.q, department=q.department or None,
                                         channel=q.channel or None, page=page, page_size=page_size)
    return raw(body, content_type="application/json")


@bp.get("/services/<code:service_code>")
@doc(query=GuideQuery, ok=v.GuideView, responses={304: None}, params=(IF_NONE_MATCH,))
async def service(request: Request, code: str):
    """A service's full guide (办事指南). ?answers= picks the situation: materials and time limit follow it. ETag."""
    parse_query(request, GuideQuery)  # its bounds; answers_arg reads both forms of ?answers=
    body, etag = await catalog.service_guide(request.app.ctx.catalog, code, answers_arg(request))
    return json_or_cached(request, body, etag)


@bp.post("/services/<code:service_code>/situation")
@doc(body=SituationBody, ok=v.GuideView, responses={304: None}, params=(IF_NONE_MATCH,))
async def situation(request: Request, code: str):
    """The guide for the situation given by {"answers": {...}} (the same as GET with ?answers=)."""
    body = parse(request, SituationBody)
    guide, etag = await catalog.service_guide(request.app.ctx.catalog, code, body.answers or None)
    return json_or_cached(request, guide, etag)


@bp.get("/bundles")
@doc(ok=v.Bundles)
async def bundles(request: Request):
    """All bundles (一件事)."""
    return send(request, {"items": await catalog.bundles(request.app.ctx.catalog)})


@bp.get("/bundles/<code:code>")
@doc(ok=v.BundleDetail)
async def bundle(request: Request, code: str):
    """A bundle with its services, workflow and one merged, de-duplicated materials list."""
    return send(request, await catalog.bundle(request.app.ctx.catalog, code))


@bp.get("/catalog/stats")
@doc(ok=v.CatalogStats)
async def stats(request: Request):
    """Catalog totals, share by star level and channel, and the 一证通办 share of livelihood services."""
    return send(request, await catalog.stats(request.app.ctx.catalog))
