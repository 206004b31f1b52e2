"""Request parsing shared by the handlers: JSON bodies through pydantic models, integers and answers from the query."""
from __future__ import annotations

import json as jsonlib
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from sanic import Request

from app.errors import Invalid, from_validation
from handlers._openapi import paging_query, parse_query

M = TypeVar("M", bound=BaseModel)


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


def json_object(request: Request) -> dict:
    """The JSON body, which must be an object (422 otherwise; malformed JSON is Sanic's 400)."""
    data = request.json
    if not isinstance(data, dict):
        raise Invalid("请求内容应为JSON对象")
    return data


def parse(request: Request, model: type[M]) -> M:
    """The JSON body as `model`; a body that is not a JSON object, or does not fit, is a 422 naming the field."""
    data = json_object(request)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from None


def paging(request: Request, most: int = 50, default_size: int = 20) -> tuple[int, int]:
    """(page, page_size) from the query string: page from 1, page_size from 1 to `most` (the model that
    documents them: _openapi.paging_query)."""
    q = parse_query(request, paging_query(most, default_size))
    return q.page, q.page_size


def answers_arg(request: Request) -> dict | None:
    """?answers= as a JSON object ({"local_hukou":"no"}) or as key:value pairs (local_hukou:no,first:yes)."""
    raw_value = request.args.get("answers")
    if not raw_value:
        return None
    if raw_value.lstrip().startswith("{"):
        try:
            value = jsonlib.loads(raw_value)
        except ValueError:
            raise Invalid("情形答案应为JSON对象", field="answers") from None
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise Invalid("情形答案应为JSON对象，值为字符串", field="answers")
        return value
    pairs = [p.split(":", 1) for p in raw_value.split(",") if p]
    if any(len(p) != 2 for p in pairs):
        raise Invalid("情形答案格式应为 key:value,key:value", field="answers")
    return {k.strip(): v.strip() for k, v in pairs}
