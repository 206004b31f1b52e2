"""One error shape for every failure: {"error": {"code", "message", "field"}}.

Services raise AppError subclasses; the handler registered in create_app turns them, Sanic's own
exceptions and anything unexpected into that JSON with the right status.
"""
from __future__ import annotations

import logging

from pydantic import ValidationError
from sanic import Request
from sanic.exceptions import SanicException
from sanic.response import json
from tortoise.exceptions import ValidationError as OrmValidationError

log = logging.getLogger("zhangban.errors")


class AppError(Exception):
    status = 400
    code = "bad_request"
    message = "请求有误"

    def __init__(self, message: str | None = None, *, field: str | None = None, code: str | None = None,
                 status: int | None = None, headers: dict | None = None):
        self.message = message or self.message
        self.field = field
        self.code = code or self.code
        self.status = status or self.status
        self.headers = headers or {}
        super().__init__(self.message)

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}


class Invalid(AppError):
    status, code, message = 422, "invalid", "提交的信息有误，请检查后重试"


class Unauthorized(AppError):
    status, code, message = 401, "unauthorized", "请先登录"


class Forbidden(AppError):
    status, code, message = 403, "forbidden", "您没有权限进行此操作"


class NotFound(AppError):
    status, code, message = 404, "not_found", "请求的内容不存在"


class Conflict(AppError):
    status, code, message = 409, "conflict", "操作冲突，请刷新后重试"


class TooManyRequests(AppError):
    status, code, message = 429, "rate_limited", "操作太频繁，请稍后再试"


class ProviderError(AppError):
    status, code, message = 502, "provider_error", "外部服务暂时不可用，请稍后再试"


# Sanic's own exceptions by status: code and Chinese message.
SANIC_ERRORS = {
    400: ("bad_request", "请求格式有误"),
    401: ("unauthorized", "请先登录"),
    403: ("forbidden", "您没有权限进行此操作"),
    404: ("not_found", "请求的内容不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    408: ("timeout", "请求超时，请重试"),
    413: ("payload_too_large", "上传内容过大"),
    416: ("range_not_satisfiable", "请求的范围无效"),
    503: ("unavailable", "服务暂时不可用，请稍后再试"),
}


def from_validation(err: ValidationError) -> Invalid:
    """The first pydantic error as a 422 naming its field."""
    first = err.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ()) if p != "__root__") or None
    kind, ctx = first.get("type", ""), first.get("ctx") or {}
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"} and field:
        bound = {"greater_than_equal": ("不能小于", "ge"), "less_than_equal": ("不能大于", "le"),
                 "greater_than": ("应大于", "gt"), "less_than": ("应小于", "lt")}[kind]
        return Invalid(f"{field} {bound[0]}{ctx.get(bound[1])}", field=field)
    if kind == "missing":
        msg = "缺少必填项"
    elif kind.startswith(("string_too", "too_")):
        msg = "长度不符合要求"
    elif kind in {"int_parsing", "int_type", "float_parsing", "bool_parsing", "string_type", "dict_type", "list_type"}:
        msg = "格式不正确"
    else:
        msg = "内容不符合要求"
    return Invalid(f"{msg}：{field}" if field else msg, field=field)


async def handle_error(request: Request, exc: Exception):
    if isinstance(exc, ValidationError):
        exc = from_validation(exc)
    elif isinstance(exc, OrmValidationError):  # a value longer than its column reached a query: bad input
        log.warning("input refused by the ORM on %s %s: %s", request.method, request.path, exc)
        field = str(exc).split(":", 1)[0] if ":" in str(exc) else None
        exc = Invalid(f"长度不符合要求：{field}" if field else "提交的内容过长", field=field)
    if isinstance(exc, AppError):
        return json(exc.body(), status=exc.status, headers=exc.headers)
    if isinstance(exc, SanicException):
        status = getattr(exc, "status_code", 500) or 500
        code, message = SANIC_ERRORS.get(status, ("error", "请求处理失败"))
        headers = dict(getattr(exc, "headers", {}) or {})
        if status >= 500:
            log.error("sanic error on %s %s: %r", request.method, request.path, exc)
        return json({"error": {"code": code, "message": message, "field": None}}, status=status, headers=headers)
    log.exception("unhandled error on %s %s", request.method, request.path, exc_info=exc)
    return json({"error": {"code": "internal", "message": "服务器开小差了，请稍后再试", "field": None}}, status=500)
