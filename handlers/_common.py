"""Request parsing shared by the handlers: JSON bodies through pydantic models, integers from the query."""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from sanic import Request
from sanic.response import HTTPResponse, json, raw

from app.errors import Invalid, from_validation

M = TypeVar("M", bound=BaseModel)


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


def parse(request: Request, model: type[M]) -> M:
    """The JSON body as `model`; a body that is not a JSON object, or does not fit, is a 422 naming the field."""
    data = request.json
    if not isinstance(data, dict):
        raise Invalid("请求内容应为JSON对象")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None


def int_arg(request: Request, name: str, default: int) -> int:
    raw_value = request.args.get(name)
    if raw_value in (None, ""):
        return default
    try:
        return int(raw_value)
    except ValueError:
        raise Invalid(f"{name} 应为整数", field=name) from None


def json_or_cached(request: Request, body: dict | bytes, etag: str, max_age: int = 60) -> HTTPResponse:
    """Serve a cacheable JSON document with its ETag; a matching If-None-Match is a 304."""
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}, must-revalidate"}
    if request.headers.get("if-none-match") == etag:
        return HTTPResponse(status=304, headers=headers)
    if isinstance(body, bytes):
        return raw(body, content_type="application/json", headers=headers)
    return json(body, headers=headers, ensure_ascii=False)
