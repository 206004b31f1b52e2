"""Sign-in: citizens through WeChat (wx.login code), staff through DingTalk (dd.getAuthCode code)."""
from datetime import datetime, timezone

from pydantic import ConfigDict, Field
from sanic import Blueprint, Request

from app import ratelimit
from app.services.identity import identity
from handlers import _views as v
from handlers._openapi import doc, send
from handlers._request import Body, parse

bp = Blueprint("auth", url_prefix="/auth")


class CodeBody(Body):
    code: str = Field(min_length=1, max_length=128, description="wx.login / dd.getAuthCode 得到的一次性 code")

    model_config = ConfigDict(json_schema_extra={"examples": [{"code": "0a3Bx2ll2b1kXe4Y0Dll2Zx7Ej3Bx2lb"}]})


def _session(user, token: str, exp: int) -> dict:
    return {"token": token, "expires_at": datetime.fromtimestamp(exp, timezone.utc).isoformat(),
            "user": identity.public_view(user)}


async def _limit(request: Request) -> None:
    s = request.app.ctx.settings
    await ratelimit.hit(request, "auth", s.auth_rate_limit, s.auth_rate_window)


@bp.post("/wechat")
@doc(body=CodeBody, ok=v.Session, errors=(401, 429, 502))
async def wechat(request: Request):
    """Citizen sign-in: exchanges a wx.login code (jscode2session) for a session token. Rate-limited."""
    await _limit(request)
    body = parse(request, CodeBody)
    ctx = request.app.ctx
    user, token, exp = await identity.wechat_login(ctx.wechat, ctx.tokens, ctx.settings.token_ttl, body.code)
    return send(request, _session(user, token, exp))


@bp.post("/dingtalk")
@doc(body=CodeBody, ok=v.Session, errors=(401, 403, 429, 502))
async def dingtalk(request: Request):
    """Staff sign-in: exchanges a DingTalk auth code for a staff token (department and roles from the directory)."""
    await _limit(request)
    body = parse(request, CodeBody)
    ctx = request.app.ctx
    user, token, exp = await identity.dingtalk_login(ctx.dingtalk, ctx.tokens, ctx.settings.staff_token_ttl, body.code)
    return send(request, _session(user, token, exp))
