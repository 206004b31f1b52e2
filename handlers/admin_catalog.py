"""Admin edits of the catalog: every guide edit is a new version, old versions kept."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import empty, json

from app.auth import current_user, requires
from app.errors import Invalid
from app.services.catalog import catalog
from handlers._request import Body, json_object, parse

bp = Blueprint("admin_catalog", url_prefix="/admin")


class DepartmentBody(Body):
    name: str = Field(min_length=2, max_length=64)
    short_name: str = Field(min_length=1, max_length=32)
    phone: str | None = Field(default=None, max_length=32)
    address: str | None = Field(default=None, max_length=128)


async def _changed(request: Request) -> None:
    await catalog.publish_change(request.app.ctx.catalog, request.app.ctx.redis)


@bp.post("/services")
@requires("admin")
async def create_service(request: Request):
    """Add a service: the body is a full guide (see app/catalog_schema.py Guide)."""
    guide = catalog.parse_guide(json_object(request))
    svc = await catalog.create_service(guide, await current_user(request))
    await _changed(request)
    return json({"code": svc.code, "version": svc.version}, status=201)


@bp.put("/services/<code:str>")
@requires("admin")
async def update_service(request: Request, code: str):
    """Replace a guide with a new version. Send If-Match: <version> (or "version" in the body) to avoid lost updates."""
    data = json_object(request)
    expected = request.headers.get("if-match") or data.pop("version", None)
    note = data.pop("note", None)
    try:
        expected = int(str(expected).strip('"')) if expected is not None else None
    except ValueError:
        raise Invalid("版本号应为整数", field="version") from None
    guide = catalog.parse_guide(data)
    svc = await catalog.update_service(code, guide, await current_user(request), expected, note)
    await _changed(request)
    return json({"code": svc.code, "version": svc.version})


@bp.delete("/services/<code:str>")
@requires("admin")
async def delete_service(request: Request, code: str):
    """Withdraw a service from every channel (its versions are kept)."""
    await catalog.deactivate_service(code, await current_user(request))
    await _changed(request)
    return empty()


@bp.get("/services/<code:str>/versions")
@requires("admin")
async def versions(request: Request, code: str):
    """Every version of a guide, newest first."""
    return json({"items": await catalog.service_versions(code)})


@bp.put("/bundles/<code:str>")
@requires("admin")
async def put_bundle(request: Request, code: str):
    """Create or replace a bundle (一件事)."""
    data = {**json_object(request), "code": code}
    b = await catalog.upsert_bundle(catalog.parse_bundle(data))
    await _changed(request)
    return json({"code": b.code, "version": b.version})


@bp.put("/departments/<code:str>")
@requires("admin")
async def put_department(request: Request, code: str):
    """Create or update a department."""
    body = parse(request, DepartmentBody)
    dep = await catalog.upsert_department(code, body.name, body.short_name, body.phone, body.address)
    await _changed(request)
    return json({"code": dep.code, "name": dep.name})
