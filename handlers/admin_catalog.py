"""Admin edits of the catalog: every guide edit is a new version, old versions kept."""
from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import empty

from app.auth import current_user, requires
from app.errors import Invalid
from app.catalog_schema import Bundle, Guide
from app.services.catalog import catalog
from app.validators import MAX_INT
from handlers import _views as v
from handlers._openapi import doc, send
from handlers._request import Body, json_object, parse

bp = Blueprint("admin_catalog", url_prefix="/admin")


class DepartmentBody(Body):
    name: str = Field(min_length=2, max_length=64)
    short_name: str = Field(min_length=1, max_length=32)
    phone: str | None = Field(default=None, max_length=32)
    address: str | None = Field(default=None, max_length=128)


class GuideEdit(Guide):
    """A guide edit: the full guide, with the version it replaces (or If-Match) and a note."""
    version: int | None = Field(default=None, ge=1, le=MAX_INT, description="被替换的版本（或用 If-Match 头）")
    note: str | None = Field(default=None, max_length=200, description="修订说明")


class BundleBody(Bundle):
    """A bundle; its code is the one in the path."""
    code: str | None = Field(default=None, description="忽略：以路径中的编码为准")


IF_MATCH = {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 24},
            "description": "被替换的版本号（防止覆盖他人的修改，不符时 409）"}


async def _changed(request: Request) -> None:
    await catalog.publish_change(request.app.ctx.catalog, request.app.ctx.redis)


@bp.post("/services")
@doc(body=Guide, ok=v.Versioned, status=201, errors=(404, 409))
@requires("admin")
async def create_service(request: Request):
    """Add a service: the body is a full guide (see app/catalog_schema.py Guide)."""
    guide = catalog.parse_guide(json_object(request))
    svc = await catalog.create_service(guide, await current_user(request))
    await _changed(request)
    return send(request, {"code": svc.code, "version": svc.version}, 201)


@bp.put("/services/<code:service_code>")
@doc(body=GuideEdit, ok=v.Versioned, params=(IF_MATCH,), errors=(409,))
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
    return send(request, {"code": svc.code, "version": svc.version})


@bp.delete("/services/<code:service_code>")
@doc(ok=None, status=204)
@requires("admin")
async def delete_service(request: Request, code: str):
    """Withdraw a service from every channel (its versions are kept)."""
    await catalog.deactivate_service(code, await current_user(request))
    await _changed(request)
    return empty()


@bp.get("/services/<code:service_code>/versions")
@doc(ok=v.Versions)
@requires("admin")
async def versions(request: Request, code: str):
    """Every version of a guide, newest first."""
    return send(request, {"items": await catalog.service_versions(code)})


@bp.put("/bundles/<code:new_code>")
@doc(body=BundleBody, ok=v.Versioned, errors=(404, 409))
@requires("admin")
async def put_bundle(request: Request, code: str):
    """Create or replace a bundle (一件事)."""
    data = {**json_object(request), "code": code}
    b = await catalog.upsert_bundle(catalog.parse_bundle(data))
    await _changed(request)
    return send(request, {"code": b.code, "version": b.version})


@bp.put("/departments/<code:new_code>")
@doc(body=DepartmentBody, ok=v.DepartmentRef)
@requires("admin")
async def put_department(request: Request, code: str):
    """Create or update a department."""
    body = parse(request, DepartmentBody)
    dep = await catalog.upsert_department(code, body.name, body.short_name, body.phone, body.address)
    await _changed(request)
    return send(request, {"code": dep.code, "name": dep.name})
