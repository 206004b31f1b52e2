"""Sandbox DingTalk: the oapi.dingtalk.com and api.dingtalk.com paths the adapter calls, with DingTalk's shapes.

Staff come from the seeded staff directory (the sandbox plays DingTalk's address book). POST
/sandbox/dingtalk/codes stands in for dd.getAuthCode on a staff member's phone.
"""
from __future__ import annotations

import secrets

from sanic import Blueprint, Request
from sanic.response import json

from app.errors import NotFound
from app.services import staff_directory

bp = Blueprint("sandbox_dingtalk", url_prefix="/sandbox/dingtalk")
CODE_TTL = 300
TOKEN_TTL = 7200


def _ok(**kw) -> dict:
    return {"errcode": 0, "errmsg": "ok", **kw}


async def _token_ok(request: Request) -> bool:
    token = request.args.get("access_token", "")
    return bool(token) and bool(await request.app.ctx.redis.exists(f"zb:sbx:dd:at:{token}"))


@bp.get("/users")
async def users(request: Request):
    """The seeded staff directory as DingTalk would list it."""
    return json(await staff_directory.listing())


@bp.post("/codes")
async def new_code(request: Request):
    body = request.json if isinstance(request.json, dict) else {}
    member = await staff_directory.find(str(body.get("userid") or ""))
    if member is None:
        raise NotFound("通讯录中没有这位工作人员", field="userid")
    code = secrets.token_hex(16)
    await request.app.ctx.redis.set(f"zb:sbx:dd:code:{code}", member.userid, ex=CODE_TTL)
    return json({"code": code})


async def _issue(request: Request) -> str:
    token = secrets.token_hex(16)
    await request.app.ctx.redis.set(f"zb:sbx:dd:at:{token}", "1", ex=TOKEN_TTL)
    return token


@bp.get("/gettoken")
async def gettoken(request: Request):
    s = request.app.ctx.settings
    if request.args.get("appkey") != s.dingtalk_appkey or request.args.get("appsecret") != s.dingtalk_appsecret:
        return json({"errcode": 40089, "errmsg": "不合法的appKey或appSecret"})
    return json(_ok(access_token=await _issue(request), expires_in=TOKEN_TTL))


@bp.post("/api/v1.0/oauth2/accessToken")
async def oauth2_access_token(request: Request):
    s = request.app.ctx.settings
    body = request.json if isinstance(request.json, dict) else {}
    if body.get("appKey") != s.dingtalk_appkey or body.get("appSecret") != s.dingtalk_appsecret:
        return json({"code": "invalidClientIdOrSecret", "message": "无效的appKey或appSecret"}, status=400)
    return json({"accessToken": await _issue(request), "expireIn": TOKEN_TTL})


@bp.post("/topapi/v2/user/getuserinfo")
async def getuserinfo(request: Request):
    if not await _token_ok(request):
        return json({"errcode": 40014, "errmsg": "不合法的access_token"})
    body = request.json if isinstance(request.json, dict) else {}
    userid = await request.app.ctx.redis.getdel(f"zb:sbx:dd:code:{body.get('code', '')}")
    if not userid:
        return json({"errcode": 40078, "errmsg": "不存在的临时授权码"})
    member = await staff_directory.find(userid.decode())
    if member is None:
        return json({"errcode": 60121, "errmsg": "找不到该用户"})
    return json(_ok(result={"userid": member.userid, "name": member.name, "device_id": secrets.token_hex(8),
                            "sys": "admin" in member.roles, "sys_level": 1 if "admin" in member.roles else 0,
                            "unionid": "u" + member.userid, "associated_unionid": ""}))
