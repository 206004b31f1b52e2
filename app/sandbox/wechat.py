"""Sandbox WeChat: answers the api.weixin.qq.com paths the adapter calls, with WeChat's shapes and error codes.

State lives in Redis so every worker sees the same codes and tokens. POST /sandbox/wechat/codes stands in
for wx.login on the phone.
"""
from __future__ import annotations

import base64
import secrets

from sanic import Blueprint, Request
from sanic.response import json

bp = Blueprint("sandbox_wechat", url_prefix="/sandbox/wechat")
CODE_TTL = 300
TOKEN_TTL = 7200


def _settings(request: Request):
    return request.app.ctx.settings


def _creds_error(request: Request, appid: str | None, secret: str | None) -> dict | None:
    s = _settings(request)
    if appid != s.wechat_appid:
        return {"errcode": 40013, "errmsg": "invalid appid"}
    if secret != s.wechat_secret:
        return {"errcode": 40125, "errmsg": "invalid appsecret"}
    return None


@bp.post("/codes")
async def new_code(request: Request):
    """What wx.login gives the phone: a one-time code for an openid (a new openid when none is given)."""
    body = request.json if isinstance(request.json, dict) else {}
    openid = body.get("openid") or "o" + base64.urlsafe_b64encode(secrets.token_bytes(20)).decode().rstrip("=")[:27]
    code = secrets.token_urlsafe(24)
    await request.app.ctx.redis.set(f"zb:sbx:wx:code:{code}", openid, ex=CODE_TTL)
    return json({"code": code, "openid": openid})


@bp.get("/sns/jscode2session")
async def jscode2session(request: Request):
    a = request.args
    err = _creds_error(request, a.get("appid"), a.get("secret"))
    if err:
        return json(err)
    if a.get("grant_type") != "authorization_code":
        return json({"errcode": 40002, "errmsg": "invalid grant_type"})
    openid = await request.app.ctx.redis.getdel(f"zb:sbx:wx:code:{a.get('js_code', '')}")
    if not openid:
        return json({"errcode": 40029, "errmsg": "invalid code"})
    return json({"openid": openid.decode(), "session_key": base64.b64encode(secrets.token_bytes(16)).decode()})


async def _issue_token(request: Request) -> dict:
    token = secrets.token_urlsafe(48)
    await request.app.ctx.redis.set(f"zb:sbx:wx:at:{token}", "1", ex=TOKEN_TTL)
    return {"access_token": token, "expires_in": TOKEN_TTL}


@bp.post("/cgi-bin/stable_token")
async def stable_token(request: Request):
    body = request.json if isinstance(request.json, dict) else {}
    if body.get("grant_type") != "client_credential":
        return json({"errcode": 40002, "errmsg": "invalid grant_type"})
    err = _creds_error(request, body.get("appid"), body.get("secret"))
    return json(err or await _issue_token(request))


@bp.get("/cgi-bin/token")
async def legacy_token(request: Request):
    a = request.args
    err = _creds_error(request, a.get("appid"), a.get("secret"))
    return json(err or await _issue_token(request))


async def token_valid(request: Request) -> bool:
    """For sandbox APIs that take ?access_token=: is it one this sandbox issued and still valid?"""
    token = request.args.get("access_token", "")
    return bool(token) and bool(await request.app.ctx.redis.exists(f"zb:sbx:wx:at:{token}"))
