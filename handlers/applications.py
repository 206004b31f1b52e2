"""Citizens' cases: preview, apply, list, detail, 补正 resubmission, QR codes."""
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import raw

from app.auth import current_user, requires
from app.errors import Invalid
from app.services.cases import applications
from app.services.cases.applications import MaterialIn
from app.services.platform import qr
from handlers import _views as v
from handlers._openapi import Binary, Query, doc, paging_query, parse_query, send
from handlers._request import Body, answers_arg, paging, parse

bp = Blueprint("applications", url_prefix="/applications")


class MaterialBody(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    upload_id: str = Field(min_length=1, max_length=64)


class ApplyBody(Body):
    service: str | None = Field(default=None, max_length=16)  # the service code column
    bundle: str | None = Field(default=None, max_length=32)
    form: dict = Field(default_factory=dict)
    answers: dict[str, str] = Field(default_factory=dict)
    materials: list[MaterialBody] = Field(default_factory=list, max_length=50)
    consent: bool = False
    enterprise: str | None = Field(default=None, max_length=18)  # credit code when applying for an enterprise
    channel: str = Field(default="mobile", pattern=r"^(mobile|online|window|kiosk)$")

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"service": "GA0101", "form": {"contact_address": "西湖区文三路 1 号", "phone": "13800138000",
                                       "relation": "child"},
         "answers": {"local_hukou": "yes"}, "materials": [{"name": "户口迁移申请表",
                                                          "upload_id": "0123456789abcdef0123456789abcdef"}],
         "consent": True}]})


class AnswersQuery(Query):
    answers: str | None = Field(default=None, max_length=2000,
                                description='情形答案：JSON 对象 {"local_hukou":"no"} 或 key:value,key:value')


class PreviewQuery(AnswersQuery):
    service: str | None = Field(default=None, max_length=16, description="事项编码（与 bundle 二选一）")
    bundle: str | None = Field(default=None, max_length=32, description="一件事编码")


class QrQuery(Query):
    format: Literal["svg", "png"] = "svg"


IDEMPOTENCY_KEY = {"name": "Idempotency-Key", "in": "header", "required": False,
                   "schema": {"type": "string", "minLength": 1, "maxLength": 64},
                   "description": "同一个键的重复提交只产生一个办件（200 返回原办件）"}


class ResubmitBody(Body):
    materials: list[MaterialBody] = Field(default_factory=list, max_length=50)
    note: str | None = Field(default=None, max_length=500)


@bp.get("/preview")
@doc(query=PreviewQuery, ok=v.Preview, errors=(404,))
@requires("citizen")
async def preview(request: Request):
    """Before applying: materials (免提交 marked), the shared-data reads to consent to, the form, face check."""
    q = parse_query(request, PreviewQuery)
    return send(request, await applications.preview(q.service, q.bundle, answers_arg(request)))


@bp.post("/")
@doc(body=ApplyBody, ok=v.Case, status=201, responses={200: v.Case}, params=(IDEMPOTENCY_KEY,),
     errors=(403, 404, 409, 502))
@requires("citizen", level=2)
async def apply(request: Request):
    """Apply for a service or a bundle. An Idempotency-Key header makes a double tap one application."""
    body = parse(request, ApplyBody)
    if body.channel == "window":  # only a window clerk records a case as taken at the window (staff/window)
        raise Invalid("窗口受理由综合窗口工作人员办理", field="channel")
    key = idempotency_key(request)
    user = await current_user(request)
    case, created, parts = await applications.submit(
        request.app.ctx, user, service=body.service, bundle=body.bundle, form=body.form, answers=body.answers,
        materials=[MaterialIn(m.name, m.upload_id) for m in body.materials], consent=body.consent,
        idempotency_key=key, enterprise_credit_code=body.enterprise, channel=body.channel)
    return send(request, await applications.detail(user, case, parts), 201 if created else 200)


def idempotency_key(request: Request) -> str | None:
    """The Idempotency-Key header (1 to 64 characters) that makes a double tap one application."""
    key = request.headers.get("idempotency-key")
    if key is not None and not (1 <= len(key) <= 64):
        raise Invalid("Idempotency-Key 长度应为1到64个字符", field="Idempotency-Key")
    return key


@bp.get("/")
@doc(query=paging_query(), ok=v.CasePage)
@requires("citizen")
async def mine(request: Request):
    """My cases, newest first, paged."""
    user = await current_user(request)
    page = paging(request)
    return send(request, await request.app.ctx.reads.run(lambda: applications.mine(user, *page), f"u{user.id}"))


@bp.get("/<acceptance_no:acceptance_no>")
@doc(ok=v.Case)
@requires("citizen", "staff", "admin")
async def detail(request: Request, acceptance_no: str):
    """A case with its steps, materials and timeline: its applicant, staff of an involved department, admins."""
    user = await current_user(request)
    case = await applications.get_for(user, acceptance_no)
    return send(request, await applications.detail(user, case))


@bp.post("/<acceptance_no:acceptance_no>/resubmit")
@doc(body=ResubmitBody, ok=v.Case, errors=(409,))
@requires("citizen")
async def resubmit(request: Request, acceptance_no: str):
    """Send the materials asked for in a 补正; the case resumes where it stopped."""
    body = parse(request, ResubmitBody)
    user = await current_user(request)
    case = await applications.resubmit(request.app.ctx, user, acceptance_no,
                                       [MaterialIn(m.name, m.upload_id) for m in body.materials], body.note)
    return send(request, await applications.detail(user, case))


@bp.post("/<acceptance_no:acceptance_no>/track-token")
@doc(ok=v.TrackToken)
@requires("citizen")
async def new_track_token(request: Request, acceptance_no: str):
    """Revoke the case's tracking token (the old QR code stops working) and issue a new one."""
    user = await current_user(request)
    case = await applications.revoke_track(request.app.ctx, user, acceptance_no)
    return send(request, {"track_token": case.track_token})


@bp.get("/<acceptance_no:acceptance_no>/qr")
@doc(query=QrQuery, ok=Binary("image/svg+xml", "image/png"))
@requires("citizen", "staff", "admin")
async def qr_code(request: Request, acceptance_no: str):
    """The tracking QR code (?format=svg|png) of `{PUBLIC_BASE_URL}/t/{token}`."""
    user = await current_user(request)
    case = await applications.get_for(user, acceptance_no)
    fmt = parse_query(request, QrQuery).format
    body = qr.render(qr.track_url(request.app.ctx.settings.base_url, case.track_token), fmt)
    return raw(body, content_type=qr.FORMATS[fmt], headers={"Cache-Control": "private, max-age=300"})


@bp.get("/<acceptance_no:acceptance_no>/wxacode")
@doc(ok=Binary("image/png", "image/jpeg"), errors=(502,))
@requires("citizen", "staff", "admin")
async def wxacode(request: Request, acceptance_no: str):
    """The 小程序码 that opens the mini-program's tracking page with the token in `scene`."""
    user = await current_user(request)
    case = await applications.get_for(user, acceptance_no)
    image = await request.app.ctx.wechat.wxacode_unlimited(case.track_token, "pages/track/track")
    kind = "image/png" if image.startswith(b"\x89PNG") else "image/jpeg"
    return raw(image, content_type=kind, headers={"Cache-Control": "private, max-age=300"})
