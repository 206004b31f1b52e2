"""The signed-in caller: profile, real-name binding, full personal data on demand, enterprises, access log."""
from pydantic import ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import empty

from app.auth import current_user, requires
from app.services.identity import audit, identity
from handlers import _views as v
from handlers._openapi import Query, doc, parse_query, send
from handlers._request import Body, parse

bp = Blueprint("me", url_prefix="/me")
ANY = ("citizen", "staff", "admin")


class IdentityBody(Body):
    name: str = Field(min_length=1, max_length=60)
    id_number: str = Field(min_length=1, max_length=32, description="18 位居民身份证号（GB 11643）")
    phone: str = Field(min_length=1, max_length=20)

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"name": "张三", "id_number": "330402199001011234", "phone": "13800138000"}]})


class EnterpriseBody(Body):
    name: str = Field(min_length=1, max_length=100)
    credit_code: str = Field(min_length=1, max_length=32, description="统一社会信用代码（GB 32100）")


class RevealQuery(Query):
    fields: str = Field(default="name,id_number,phone", max_length=64, pattern=r"^[a-z_,]*$",
                        description="逗号分隔：name、id_number、phone")


@bp.get("/")
@doc(ok=v.Profile)
@requires(*ANY)
async def me(request: Request):
    """The caller's profile, personal data masked (the read is audited), with identity: {"level": 0..3, "taken"}."""
    user = await current_user(request)
    return send(request, await identity.profile(user, user, "本人查看个人信息"))


@bp.put("/identity")
@doc(body=IdentityBody, ok=v.Profile, errors=(409, 429))
@requires("citizen")
async def bind(request: Request):
    """Real-name binding (level 2): name, ID number (GB 11643) and mobile number, the name checked against the
    number in the population database (422 on a mismatch, 429 after too many); stored encrypted, answered masked."""
    body = parse(request, IdentityBody)
    user = await current_user(request)
    await identity.bind_identity(request.app.ctx, user, body.name, body.id_number, body.phone)
    return send(request, await identity.profile(user, user, "实名认证后回显"))


@bp.get("/identity")
@doc(query=RevealQuery, ok=v.Revealed)
@requires("citizen", level=2)
async def reveal(request: Request):
    """The caller's own full personal data, for filling a form: ?fields=id_number,phone (audited)."""
    user = await current_user(request)
    fields = [f for f in parse_query(request, RevealQuery).fields.split(",") if f]
    return send(request, await identity.reveal(request.app.ctx.vault, user, user, fields, "本人查看完整信息"))


@bp.get("/access-log")
@doc(ok=v.AccessLog)
@requires(*ANY, level=3)
async def access_log(request: Request):
    """Who read the caller's personal data, when, which fields and why."""
    user = await current_user(request)
    rows = await audit.reads_of(user)
    return send(request, {"items": [{"at": r.created_at.isoformat(), "actor_role": r.actor_role,
                            "actor": "本人" if r.actor_id == user.id else (r.actor.name if r.actor else "系统"),
                            "fields": r.fields_read, "purpose": r.purpose} for r in rows]})


def _enterprise(e) -> dict:
    return {"credit_code": e.credit_code, "name": e.name}


@bp.get("/enterprises")
@doc(ok=v.Enterprises)
@requires("citizen")
async def enterprises(request: Request):
    """Enterprises the caller acts for."""
    user = await current_user(request)
    return send(request, {"items": [_enterprise(e) for e in await identity.enterprises_of(user)]})


@bp.post("/enterprises")
@doc(body=EnterpriseBody, ok=v.Enterprise, status=201, errors=(409,))
@requires("citizen", level=2)
async def add_enterprise(request: Request):
    """Act for an enterprise, found by its 统一社会信用代码 (GB 32100 checked). Needs real-name binding."""
    body = parse(request, EnterpriseBody)
    user = await current_user(request)
    ent = await identity.add_enterprise(user, body.name, body.credit_code)
    return send(request, _enterprise(ent), 201)


@bp.delete("/enterprises/<credit_code:credit_code>")
@doc(ok=None, status=204)
@requires("citizen")
async def remove_enterprise(request: Request, credit_code: str):
    """Stop acting for an enterprise."""
    user = await current_user(request)
    await identity.remove_enterprise(user, credit_code)
    return empty()
