"""Sign-in: citizens through WeChat (wx.login code), staff through DingTalk (dd.getAuthCode code)."""
from datetime import datetime, timezone

from pydantic import Field
from sanic import Blueprint, Request
from sanic.response import json

from app import ratelimit
from app.services.identity import identity
from handlers._request import Body, parse

bp = Blueprint("auth", url_prefix="/auth")


class CodeBody(Body):
    code: str = Field(min_length=1, max_length=128)


def _session(user, token: str, exp: int) -> dict:
    return {"token": token, "expires_at": datetime.fromtimestamp(exp, timezone.utc).isoformat(),
            "user": identity.public_view(user)}


async def _limit(request: Request) -> None:
    s = request.app.ctx.settings
    await ratelimit.hit(request, "auth", s.auth_rate_limit, s.auth_rate_window)


@bp.post("/wechat")
async def wechat(request: Request):
    """Citizen sign-in: exchanges a wx.login code (jscode2session) for a session token. Rate-limited."""
    await _limit(request)
    body = parse(request, CodeBody)
    ctx = request.app.ctx
    user, token, exp = await identity.wechat_login(ctx.wechat, ctx.tokens, ctx.settings.token_ttl, body.code)
    return json(_session(user, token, exp))


@bp.post("/dingtalk")
async def dingtalk(request: Request):
    """Staff sign-in: exchanges a DingTalk auth code for a staff token (department and roles from the directory)."""
    await _limit(request)
    body = parse(request, CodeBody)
    ctx = request.app.ctx
    user, token, exp = await identity.dingtalk_login(ctx.dingtalk, ctx.tokens, ctx.settings.staff_token_ttl, body.code)
    return json(_session(user, token, exp))
