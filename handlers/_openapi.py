"""The API contract: one decorator (`@doc`) declares an operation, and /docs/openapi.json (OpenAPI 3.1) is built
from those declarations and the routes themselves, so the document cannot drift from what is served:

- request bodies and query strings are the pydantic models the handler parses with (`parse`, `parse_query`);
- path parameters are typed in the route (`<appointment_id:id>`, `<acceptance_no:acceptance_no>`): the router
  refuses (404) what does not fit, and the document states the same type, pattern and bounds (PATH_TYPES);
- success responses are pydantic models (handlers/_views.py), and `send()` serializes the handler's answer
  through the model its `@doc` names for that status: a declared field missing or of the wrong type is a 500
  (ResponseMismatch, which the tests and the schemathesis run catch), never a silently different answer;
- the security comes from `@requires` (roles, and the real-name level where it records one) or names the kiosk
  and provider-callback signature schemes;
- errors are the one shape `{"error": {"code", "message", "field"}}`.

Why not sanic-ext's own builder: it emits OpenAPI 3.0.3 while pydantic v2 emits JSON Schema 2020-12 (OpenAPI
3.1's dialect); it keeps its operations in process-wide singletons (a second app in one process takes the first
one's operations away); and its Swagger UI page loads from a CDN. Here the document is built per app, and Swagger
UI is served from the swagger-ui-bundle-v2 package's files (works offline).
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Callable
from urllib.parse import unquote

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.json_schema import models_json_schema
from sanic import Blueprint, Request, Sanic
from sanic.response import HTTPResponse, html, json, raw

from app.errors import from_validation
from app.validators import MAX_BIGID, MAX_ID

Id = Annotated[int, Field(ge=1, le=MAX_ID, description="数据库编号（1 到 2^31-1）")]
BigId = Annotated[int, Field(ge=1, le=MAX_BIGID, description="数据库编号（1 到 2^63-1）")]


# ---------------------------------------------------------------- typed path parameters

def _id(value: str) -> int:
    number = int(value)
    if not 1 <= number <= MAX_ID:
        raise ValueError(value)  # the router then answers 404
    return number


def _bigid(value: str) -> int:
    number = int(value)
    if not 1 <= number <= MAX_BIGID:
        raise ValueError(value)
    return number


@dataclass(frozen=True)
class PathType:
    pattern: str  # ASCII only: `\d` would also match other scripts' digits
    schema: dict
    cast: Callable[[str], Any] | None = None  # after the pattern matched; ValueError → 404


def _caster(label: str, kind: PathType) -> Callable[[str], Any]:
    """The router's cast for `label`: it checks the pattern (the router itself only casts) and then converts.
    Its name is unique: sanic-routing keeps casts in its module's globals by __name__."""
    pattern, convert = re.compile(kind.pattern), kind.cast

    def cast(value: str) -> str:
        if not pattern.match(unquote(value)):  # the segment as sent may be percent-encoded
            raise ValueError(value)
        return convert(value) if convert else value

    cast.__name__ = cast.__qualname__ = f"zb_path_{label}"
    if convert is not None:
        cast.__annotations__ = {"value": "str", "return": "Any"}
    return cast


ACCEPTANCE_NO = r"^[0-9]{6}-[0-9]{8}-[0-9]{6,9}$"
PATH_TYPES: dict[str, PathType] = {
    # ids of IntField primary keys (PostgreSQL integer) and of BigIntField ones: a value beyond the column is a 404
    "id": PathType(r"^[0-9]{1,10}$", {"type": "integer", "format": "int32", "minimum": 1, "maximum": MAX_ID}, _id),
    "bigid": PathType(r"^[0-9]{1,19}$", {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_BIGID},
                      _bigid),
    "acceptance_no": PathType(ACCEPTANCE_NO, {
        "type": "string", "pattern": ACCEPTANCE_NO, "maxLength": 32, "description": "受理编号 {区划}-{日期}-{序号}",
        "examples": ["330402-20261202-000001"]}),
    "token": PathType(r"^[A-Za-z0-9_-]{1,64}$", {
        "type": "string", "pattern": r"^[A-Za-z0-9_-]{1,64}$", "minLength": 1, "maxLength": 64,
        "description": "跟踪令牌（二维码中的随机令牌）"}),
    # the router takes any code that fits the column, so that an unknown one is the catalog's own 404
    # (service_not_found); the document states the codes' shape
    "service_code": PathType(r"^[^/]{1,16}$", {
        "type": "string", "pattern": r"^[A-Za-z]{2,4}[0-9]{3,4}$", "minLength": 5, "maxLength": 8,
        "description": "事项编码", "examples": ["GJJ005"]}),
    "code": PathType(r"^[a-z][a-z0-9-]{1,31}$", {
        "type": "string", "pattern": r"^[a-z][a-z0-9-]{1,31}$", "minLength": 2, "maxLength": 32,
        "description": "部门或一件事编码"}),
    "new_code": PathType(r"^[^/]{1,64}$", {
        "type": "string", "minLength": 1, "maxLength": 64,
        "description": "新建或更新的编码（小写字母开头，字母、数字与 -；不符合时 422）"}),
    "credit_code": PathType(r"^[0-9A-Za-z]{18}$", {
        "type": "string", "pattern": r"^[0-9A-Za-z]{18}$", "minLength": 18, "maxLength": 18,
        "description": "统一社会信用代码（GB 32100）"}),
    "receipt_no": PathType(r"^[0-9A-Za-z]{1,32}$", {
        "type": "string", "pattern": r"^[0-9A-Za-z]{1,32}$", "maxLength": 32, "description": "电子票据号码"}),
    "waybill_no": PathType(r"^[A-Za-z0-9-]{1,32}$", {
        "type": "string", "pattern": r"^[A-Za-z0-9-]{1,32}$", "maxLength": 32, "description": "运单号"}),
    "upload_id": PathType(r"^[0-9a-f]{32}$", {
        "type": "string", "pattern": r"^[0-9a-f]{32}$", "minLength": 32, "maxLength": 32}),
    "verify_id": PathType(r"^[A-Za-z0-9_.-]{1,128}$", {
        "type": "string", "pattern": r"^[A-Za-z0-9_.-]{1,128}$", "maxLength": 128,
        "description": "wx.requestFacialVerify 的 verify_id"}),
    "day": PathType(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", {"type": "string", "format": "date", "examples": ["2026-12-01"]}),
}
SANIC_TYPES = {"int": {"type": "integer"}, "str": {"type": "string", "minLength": 1}}


def register_path_types(app: Sanic) -> None:
    """Before any blueprint: the router must know the labels the routes use."""
    for label, kind in PATH_TYPES.items():
        app.router.register_pattern(label, _caster(label, kind), re.compile(kind.pattern))


# ---------------------------------------------------------------- the one error shape

class ErrorDetail(BaseModel):
    code: str = Field(description="机器可读的错误码", examples=["invalid"])
    message: str = Field(description="给用户看的中文说明", examples=["缺少必填项：consent"])
    field: str | None = Field(description="出错的字段（如有）", examples=["consent"])


class Error(BaseModel):
    error: ErrorDetail


ERRORS = {
    400: "请求格式有误（如 JSON 无法解析）",
    401: "未登录、令牌无效或过期，或签名验证失败",
    403: "无权进行此操作（角色或实名等级不足：code identity_level_required）",
    404: "不存在，或不属于调用者",
    409: "与当前状态冲突（重复、已处理、名额已满等）",
    410: "已过期",
    413: "请求内容过大",
    422: "提交的内容不符合要求（field 指明字段）",
    429: "操作太频繁（Retry-After）",
    502: "外部服务暂时不可用",
    503: "服务暂时不可用",
}


# ---------------------------------------------------------------- declaring an operation

@dataclass(frozen=True)
class Binary:
    """A response that is not JSON: its media type(s)."""
    media_types: tuple[str, ...]

    def __init__(self, *media_types: str):
        object.__setattr__(self, "media_types", media_types)


OBJECT = {"type": "object", "description": "JSON 对象（结构见说明）"}


@dataclass
class Op:
    summary: str | None = None
    description: str | None = None
    tag: str | None = None
    body: Any = None  # a pydantic model, or {media type: JSON schema} (multipart)
    query: type[BaseModel] | None = None
    params: tuple[dict, ...] = ()  # header or extra query parameters (OpenAPI parameter objects)
    responses: dict[int, Any] = field(default_factory=lambda: {200: OBJECT})  # status → model | Binary | None | schema
    errors: tuple[int, ...] = ()
    security: list[dict] | None = None  # None: from @requires; [] public
    operation_id: str | None = None
    deprecated: bool = False
    extra: dict = field(default_factory=dict)


def doc(summary: str | None = None, *, ok: Any = OBJECT, status: int = 200, responses: dict | None = None,
        body: Any = None, query: type[BaseModel] | None = None, params: tuple[dict, ...] = (),
        errors: tuple[int, ...] = (), security: list[dict] | None = None, tag: str | None = None,
        operation_id: str | None = None, description: str | None = None, **extra: Any):
    """Declare an operation. `ok` is the success body (a response model, Binary(...), None for no body) sent with
    `status`; `responses` adds other statuses; `errors` adds error statuses beyond the derived ones (400/413/422 with a
    body or query, 401/403 when signed in, 404 with a path parameter)."""
    def deco(handler):
        answers = {status: ok, **(responses or {})}
        handler.__zb_doc__ = Op(summary=summary, description=description, tag=tag, body=body, query=query,
                                params=params, responses=answers, errors=errors, security=security,
                                operation_id=operation_id, extra=extra)
        return handler

    return deco


class ResponseMismatch(RuntimeError):
    """An answer that does not fit the response model its operation documents."""


def send(request: Request, data: Any, status: int = 200, headers: dict | None = None) -> HTTPResponse:
    """The answer serialized through the response model that the route's @doc declares for `status`."""
    model = request.route.handler.__zb_doc__.responses[status]
    try:
        body = model.model_validate(data).model_dump_json(exclude_unset=True).encode()  # what was given, no more
    except ValidationError as exc:  # the answer does not fit its documented model: our bug, a 500 (not a 422)
        raise ResponseMismatch(f"{request.method} {request.path} → {model.__name__}: {exc}") from None
    return raw(body, status=status, headers=headers, content_type="application/json")


# ---------------------------------------------------------------- query strings

class Query(BaseModel):
    """A query string: each field one parameter (first value wins); unknown parameters are ignored."""
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


def parse_query(request: Request, model: type[BaseModel]):
    """The query string as `model` (an empty value counts as absent); a value that does not fit is a 422."""
    data = {name: value for name in request.args if (value := request.args.get(name)) != ""}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None


@lru_cache(maxsize=None)
def paging_query(most: int = 50, default_size: int = 20) -> type[Query]:
    """?page=&page_size= (page from 1, page_size from 1 to `most`)."""
    return type(f"Page{most}", (Query,), {
        "__annotations__": {"page": int, "page_size": int},
        "page": Field(default=1, ge=1, le=100_000, description="页码，从 1 开始"),
        "page_size": Field(default=default_size, ge=1, le=most, description=f"每页条数，1 到 {most}"),
        "__module__": __name__,
    })


def merge_queries(name: str, *models: type[BaseModel]) -> type[Query]:
    """One query model with the fields of several (e.g. a filter and the paging)."""
    annotations, fields = {}, {}
    for m in models:
        for fname, info in m.model_fields.items():
            annotations[fname] = info.annotation
            fields[fname] = info
    return type(name, (Query,), {"__annotations__": annotations, **fields, "__module__": __name__})


# ---------------------------------------------------------------- the document

SECURITY_SCHEMES = {
    "bearerAuth": {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": "POST /api/v1/auth/wechat（市民）或 /api/v1/auth/dingtalk（工作人员）得到的 token。"
                       "每个接口列出所需角色（citizen、staff、admin）与实名等级（x-identity-level）。"},
    "kioskDevice": {"type": "apiKey", "in": "header", "name": "X-Kiosk-Device",
                    "description": "自助终端编号（管理员登记）。同一请求还须带 X-Kiosk-Timestamp（Unix 秒）、"
                                   "X-Kiosk-Nonce（一次性）与 X-Kiosk-Signature："
                                   "hex(HMAC-SHA256(secret, METHOD\\nPATH?QUERY\\nTS\\nNONCE\\nsha256hex(BODY)))。"},
    "kioskSignature": {"type": "apiKey", "in": "header", "name": "X-Kiosk-Signature",
                       "description": "见 kioskDevice：终端密钥对请求的 HMAC-SHA256 签名；时间偏差与 nonce 重放均被拒绝。"},
    "wechatPaySignature": {"type": "apiKey", "in": "header", "name": "Wechatpay-Signature",
                           "description": "微信支付 APIv3 回调：Wechatpay-Timestamp、Wechatpay-Nonce、Wechatpay-Serial "
                                          "与 RSA-SHA256 签名（TS\\nNONCE\\nBODY\\n），±5 分钟，资源以 APIv3 密钥 "
                                          "AES-256-GCM 加密。"},
    "wechatPushSignature": {"type": "apiKey", "in": "query", "name": "signature",
                            "description": "微信消息推送：signature/timestamp/nonce 为 SHA-1(sort(token, timestamp, "
                                           "nonce))；安全模式另有 msg_signature（含 Encrypt），重放被拒绝。"},
    "courierSignature": {"type": "apiKey", "in": "query", "name": "msgDigest",
                         "description": "顺丰路由推送：表单字段 msgDigest = base64(md5(msgData + timestamp + checkWord))，"
                                        "时间戳须新鲜；每条路由事件只记录一次，重复或重放的推送不改变任何状态。"},
    "dingtalkCallbackSignature": {"type": "apiKey", "in": "query", "name": "msg_signature",
                                  "description": "钉钉事件回调：msg_signature = SHA-1(sort(token, timestamp, nonce, "
                                                 "encrypt))，body 为 AES 加密的 {\"encrypt\"}，重放被拒绝。"},
}
KIOSK = [{"kioskDevice": [], "kioskSignature": []}]
WECHATPAY_NOTIFY = [{"wechatPaySignature": []}]
WECHAT_PUSH = [{"wechatPushSignature": []}]
DINGTALK_CALLBACK = [{"dingtalkCallbackSignature": []}]
COURIER_PUSH = [{"courierSignature": []}]

TAGS = {
    "auth": "登录：微信（市民）与钉钉（工作人员）",
    "me": "当前用户：资料、实名、企业、个人信息查阅记录、消息",
    "licences": "卡包：电子证照（需 3 级实名）",
    "delivery": "寄递：地址簿、领取方式、运单",
    "catalog": "事项库：部门、事项搜索、办事指南、一件事",
    "admin": "管理：事项库维护、退款、对账、死信、终端登记",
    "uploads": "材料上传",
    "face": "人脸核身",
    "applications": "申办：预览、申请、补正、二维码、受理回执",
    "staff": "工作人员：待办、审批、出证寄递归档",
    "tracking": "跟踪办：扫码查进度",
    "payments": "统一公共支付：待缴、支付、票据",
    "notifications": "消息：订阅、收件箱",
    "chat": "智能咨询与转人工",
    "complaints": "咨询投诉",
    "ratings": "好差评与整改",
    "halls": "大厅：号源、排队叫号",
    "appointments": "精准预约",
    "kiosk": "自助终端（签名请求）",
    "callbacks": "外部系统回调（签名验证，防重放）",
    "pages": "网页（HTML）",
    "platform": "健康检查与监控",
    "sandbox": "沙箱：外部系统的替身（仅 ZB_SANDBOX=1 时挂载）",
}


def _summary(handler) -> tuple[str | None, str | None]:
    """The docstring's first sentence (at most 120 characters) and the whole docstring."""
    text = inspect.getdoc(handler) or ""
    if not text:
        return None, None
    first = re.split(r"(?<=[.。])\s", text.split("\n\n")[0].replace("\n", " "), maxsplit=1)[0].strip()
    if len(first) > 120:
        first = first[:117].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return first, text


def _blueprint(route) -> str:
    parts = route.name.split(".")
    return parts[1] if len(parts) > 2 else parts[0]


def _default_tag(bp_name: str) -> str:
    if bp_name.startswith("sandbox"):
        return "sandbox"
    return {"admin_catalog": "admin", "staff_chat": "chat", "licences_verify": "licences", "licences_staff": "staff",
            "window": "staff", "halls_live": "pages", "health": "platform",
            "track": "tracking", "receipts": "applications", "ereceipts": "payments",
            "wechat_push": "callbacks"}.get(bp_name, bp_name)


def _error_response(status: int) -> dict:
    return {"description": ERRORS.get(status, "错误"),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


class _Models:
    """The pydantic models the document refers to, turned into components once, together."""

    def __init__(self):
        self.wanted: dict[tuple[type, str], list[dict]] = {}

    def ref(self, model: type[BaseModel], mode: str) -> dict:
        holder: dict = {}
        self.wanted.setdefault((model, mode), []).append(holder)
        return holder

    def components(self) -> dict:
        if not self.wanted:
            return {}
        keys = list(self.wanted)
        refs, defs = models_json_schema(keys, ref_template="#/components/schemas/{model}")
        for key in keys:
            for holder in self.wanted[key]:
                holder.update(refs[key])
        return defs.get("$defs", {})


def _content(value: Any, models: _Models, mode: str) -> dict | None:
    if value is None:
        return None
    if isinstance(value, Binary):
        return {t: {"schema": {"type": "string", "format": "binary"}} for t in value.media_types}
    if isinstance(value, type) and issubclass(value, BaseModel):
        return {"application/json": {"schema": models.ref(value, mode)}}
    if isinstance(value, dict) and value and all("/" in k for k in value):
        return {k: {"schema": v} for k, v in value.items()}
    return {"application/json": {"schema": value}}


def _query_parameters(model: type[BaseModel]) -> list[dict]:
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    out = []
    for name, prop in schema.get("properties", {}).items():
        prop = dict(prop)
        prop.pop("title", None)
        description = prop.pop("description", None)
        param = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if description:
            param["description"] = description
        out.append(param)
    return out


def build(app: Sanic) -> dict:
    """The OpenAPI 3.1 document of `app`'s routes (sandboxes included only when mounted)."""
    models = _Models()
    models.ref(Error, "serialization")
    paths: dict[str, dict] = {}
    used_tags: set[str] = set()
    seen_ids: set[str] = set()
    for route in sorted(app.router.routes, key=lambda r: r.path):
        if route.extra.websocket or route.name.split(".")[-2:-1] == ["zb_docs"] or route.path.startswith("docs"):
            continue
        handler = route.handler
        op: Op = getattr(handler, "__zb_doc__", None) or _undeclared(route)
        bp = _blueprint(route)
        path = "/" + re.sub(r"<([^:>]+)(?::[^>]+)?>", r"{\1}", route.path)
        if path != "/" and route.path.endswith("/"):
            path = path.rstrip("/")
        for method in sorted(route.methods):
            if method in ("HEAD", "OPTIONS"):
                continue
            operation = _operation(app, route, handler, op, bp, method, models)
            base, n = operation["operationId"], 1
            while operation["operationId"] in seen_ids:  # one handler on two paths
                n += 1
                operation["operationId"] = f"{base}_{n}"
            seen_ids.add(operation["operationId"])
            paths.setdefault(path, {})[method.lower()] = operation
            used_tags.update(operation["tags"])
    schemas = models.components()
    s = app.ctx.settings
    return {
        "openapi": "3.1.0",
        "info": {"title": "掌办 Zhangban API", "version": "1",
                 "description": "掌上办事 backend: catalog, identity, applications, appointments, payments.\n\n"
                                "错误一律为 `{\"error\": {\"code\", \"message\", \"field\"}}`（中文 message）。"
                                "实时推送（不在本文档的 HTTP 操作中）：`/ws/track/{token}`、`/ws/chat/{session_id}`"
                                "（Authorization 或 ?token=）、`/ws/halls/{hall_id}/queue`。"},
        "servers": [{"url": "/"}],
        "tags": [{"name": name, "description": text} for name, text in TAGS.items() if name in used_tags],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": SECURITY_SCHEMES},
        "x-sandbox-mounted": bool(s.sandbox_on),
    }


def _undeclared(route) -> Op:
    """An operation whose handler has no @doc yet (a sandbox, or a route just added): documented loosely, so that
    the document stays true (any JSON body, the usual answers, the errors anything may give), and marked
    x-undeclared so that it shows."""
    writes = bool(set(route.methods) & {"POST", "PUT", "PATCH"})
    return Op(body={"application/json": {"type": "object"}} if writes else None,
              responses={200: None, 201: None, 204: None}, errors=(400, 404, 409, 413, 422),
              extra={"x-undeclared": True})


def _operation(app: Sanic, route, handler, op: Op, bp: str, method: str, models: _Models) -> dict:
    summary, docstring = _summary(handler)
    roles = getattr(handler, "__zb_roles__", None)
    level = getattr(handler, "__zb_level__", None)
    out: dict[str, Any] = {
        "tags": [op.tag or _default_tag(bp)],
        "summary": op.summary or summary or handler.__name__.replace("_", " "),
        "operationId": op.operation_id or f"{bp}_{handler.__name__}"
                       + ("" if len(route.methods) == 1 else f"_{method.lower()}"),
    }
    description = op.description or docstring
    if roles:
        need = f"需要登录，角色：{'、'.join(roles)}" + (f"；实名等级 ≥ {level}" if level else "")
        description = f"{description}\n\n{need}" if description else need
    if description and description != out["summary"]:
        out["description"] = description
    params = []
    for p in route.params.values():
        schema = PATH_TYPES[p.label].schema if p.label in PATH_TYPES else SANIC_TYPES.get(p.label, {"type": "string"})
        params.append({"name": p.name, "in": "path", "required": True, "schema": dict(schema)})
    if op.query is not None:
        params.extend(_query_parameters(op.query))
    params.extend(op.params)
    if params:
        out["parameters"] = params
    if op.body is not None:
        out["requestBody"] = {"required": True, "content": _content(op.body, models, "validation")}
    responses: dict[str, Any] = {}
    for status, value in op.responses.items():
        answer = {"description": "成功" if status < 300 else "应答"}
        content = _content(value, models, "serialization")
        if content:
            answer["content"] = content
        responses[str(status)] = answer
    errors = set(op.errors)
    if op.body is not None or op.query is not None:
        errors |= {400, 413, 422}  # 413: a body or a request line (long query) beyond the server's limits
    if roles:
        errors |= {401, 403}
    if level:
        errors.add(409)  # identity_taken: the ID number's level-3 account is another one
    if route.params:
        errors.add(404)
    for status in sorted(errors):
        responses.setdefault(str(status), _error_response(status))
    out["responses"] = responses
    security = op.security
    if security is None and roles:
        security = [{"bearerAuth": list(roles)}]
    if security:
        out["security"] = security
    if roles:
        out["x-roles"] = list(roles)
    if level:
        out["x-identity-level"] = level
    if op.deprecated:
        out["deprecated"] = True
    out.update({k if k.startswith("x-") else f"x-{k}": v for k, v in op.extra.items()})
    return out


def document(app: Sanic) -> dict:
    spec = getattr(app.ctx, "openapi", None)
    if spec is None:
        spec = app.ctx.openapi = build(app)
    return spec


# ---------------------------------------------------------------- /docs

def _swagger_dir() -> str:
    from swagger_ui_bundle import swagger_ui_path

    return str(swagger_ui_path)


docs_bp = Blueprint("zb_docs", url_prefix="/docs")
SWAGGER_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>掌办 Zhangban API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>
"""
SWAGGER_INIT = """window.ui = SwaggerUIBundle({url: "/docs/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  persistAuthorization: true, tryItOutEnabled: false, displayOperationId: true, filter: true});
"""


@docs_bp.get("/openapi.json")
async def openapi_json(request: Request):
    """This document."""
    return json(document(request.app), ensure_ascii=False)


@docs_bp.get("")
async def swagger_ui(request: Request):
    """Swagger UI: browse the operations, "Authorize" with a bearer token, try a call. Served locally."""
    return html(SWAGGER_PAGE)


@docs_bp.get("/init.js")
async def swagger_init(request: Request):
    return raw(SWAGGER_INIT, content_type="text/javascript; charset=utf-8")


def mount_docs(app: Sanic) -> None:
    app.blueprint(docs_bp)
    app.static("/docs/assets", _swagger_dir(), name="zb_docs_assets")
