"""Who is calling: bearer tokens, the roles each route admits, and the real-name level it needs."""
from __future__ import annotations

from functools import wraps

from sanic import Request

from app.db import get_by_pk
from app.errors import Forbidden, Unauthorized
from app.security import Claims
from app.services.identity import identity
from models import User
from models.users import Role


def claims_of(request: Request) -> Claims:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized()
    return request.app.ctx.tokens.verify(token.strip())


def requires(*roles: str, level: int | None = None):
    """Admit callers whose token carries one of `roles` (401 without a valid token, 403 with another role) and,
    for a citizen, whose account has at least real-name `level` (2: name and ID number checked; 3: and verified by
    face): below it, 403 identity_level_required, or 409 identity_taken (see identity.require_level). Levels are a
    citizen's; staff and admins are admitted by role. Both are recorded on the handler (__zb_roles__,
    __zb_level__) for the OpenAPI document."""

    def deco(handler):
        @wraps(handler)
        async def wrapper(request: Request, *args, **kwargs):
            claims = claims_of(request)
            if claims.role not in roles:
                raise Forbidden()
            request.ctx.claims = claims
            if level and claims.role == Role.CITIZEN:
                await identity.require_level(await current_user(request), level)
            return await handler(request, *args, **kwargs)

        wrapper.__zb_roles__ = roles
        wrapper.__zb_level__ = level
        return wrapper

    return deco


async def current_user(request: Request) -> User:
    """The caller's User row (after @requires); a token whose user is gone is a 401."""
    user = getattr(request.ctx, "user", None)
    if user is None:
        user = await get_by_pk(User, request.ctx.claims.user_id, related="department")
        if user is None:
            raise Unauthorized("账号不存在，请重新登录", code="user_gone")
        request.ctx.user = user
    return user
