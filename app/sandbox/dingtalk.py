"""Sandbox DingTalk: the oapi.dingtalk.com and api.dingtalk.com paths the adapter calls, with DingTalk's shapes.

Staff come from the seeded staff directory (the sandbox plays DingTalk's address book). POST
/sandbox/dingtalk/codes stands in for dd.getAuthCode on a staff member's phone.
"""
from __future__ import annotations

import json as jsonlib
import secrets
import time

from sanic import Blueprint, Request
from sanic.response import json

from app.errors import NotFound
from app.services.identity import staff_directory

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


# -- 工作通知 (work notices) and OA审批 (approval instances) -------------------------------------------------------
# Work notices are kept (GET /sandbox/dingtalk/work-notices). Approval instances live in Redis;
# POST /sandbox/dingtalk/process-instances/{id}/approve|refuse {"userid"?, "remark"?} stands in for the
# approver's phone: DingTalk then pushes the encrypted bpms_task_change and bpms_instance_change events to the app's
# callback URL, signed with the event subscription token and encrypted with its EncodingAESKey, and checks that
# the answer decrypts to "success". POST …/redeliver pushes the last event again (a new nonce and timestamp, as
# DingTalk's retry does).

NOTICES_KEY = "zb:sbx:dd:notices"
FAULT_KEY = "zb:sbx:dd:faults"


def _body(request: Request) -> dict:
    try:
        data = request.json
    except Exception:  # noqa: BLE001 - not JSON
        return {}
    return data if isinstance(data, dict) else {}


@bp.post("/faults")
async def faults(request: Request):
    """Make the next `count` work notices fail: {"errcode": 90018} or {"status": 503}."""
    from app.sandbox.wechat import queue_faults

    return json({"queued": await queue_faults(request.app.ctx.redis, FAULT_KEY, _body(request))})


@bp.post("/topapi/message/corpconversation/asyncsend_v2")
async def asyncsend_v2(request: Request):
    from app.sandbox.wechat import take_fault

    redis = request.app.ctx.redis
    if not await _token_ok(request):
        return json({"errcode": 40014, "errmsg": "不合法的access_token"})
    fault = await take_fault(redis, FAULT_KEY)
    if fault:
        if "status" in fault:
            return json({"errcode": -1, "errmsg": "系统繁忙"}, status=int(fault["status"]))
        return json({"errcode": int(fault["errcode"]), "errmsg": "injected fault"})
    body = _body(request)
    if str(body.get("agent_id")) != str(request.app.ctx.settings.dingtalk_agent_id):
        return json({"errcode": 40056, "errmsg": "不合法的agentid"})
    users = [u for u in str(body.get("userid_list") or "").split(",") if u]
    msg = body.get("msg") if isinstance(body.get("msg"), dict) else {}
    if not users or len(users) > 100 or msg.get("msgtype") != "text" or not (msg.get("text") or {}).get("content"):
        return json({"errcode": 40035, "errmsg": "缺少参数"})
    task_id = secrets.randbelow(10**12)
    await redis.rpush(NOTICES_KEY, jsonlib.dumps({"task_id": task_id, "userids": users,
                                                  "content": msg["text"]["content"]}, ensure_ascii=False))
    return json(_ok(task_id=task_id, request_id=secrets.token_hex(8)))


@bp.get("/work-notices")
async def work_notices(request: Request):
    rows = [jsonlib.loads(r) for r in await request.app.ctx.redis.lrange(NOTICES_KEY, 0, -1)]
    userid = request.args.get("userid")
    return json([r for r in rows if not userid or userid in r["userids"]])


def _instance_key(instance_id: str) -> str:
    return f"zb:sbx:dd:pi:{instance_id}"


@bp.post("/api/v1.0/workflow/processInstances")
async def create_process_instance(request: Request):
    redis = request.app.ctx.redis
    token = request.headers.get("x-acs-dingtalk-access-token", "")
    if not token or not await redis.exists(f"zb:sbx:dd:at:{token}"):
        return json({"code": "InvalidAuthentication", "message": "不合法的access_token"}, status=401)
    body = _body(request)
    approvers = body.get("approvers") if isinstance(body.get("approvers"), list) else []
    userids = [u for a in approvers if isinstance(a, dict) for u in a.get("userIds") or []]
    if not body.get("processCode") or not body.get("originatorUserId") or not userids or not isinstance(
            body.get("formComponentValues"), list):
        return json({"code": "invalidParameter", "message": "参数错误"}, status=400)
    instance_id = secrets.token_hex(12)
    await redis.set(_instance_key(instance_id), jsonlib.dumps({
        "processCode": body["processCode"], "originator": body["originatorUserId"], "approvers": userids,
        "form": body["formComponentValues"], "status": "RUNNING", "events": []}, ensure_ascii=False), ex=30 * 86400)
    return json({"instanceId": instance_id})


@bp.get("/process-instances/<instance_id:str>")
async def get_process_instance(request: Request, instance_id: str):
    raw_state = await request.app.ctx.redis.get(_instance_key(instance_id))
    if raw_state is None:
        raise NotFound("没有该审批实例")
    return json(jsonlib.loads(raw_state))


async def _push(request: Request, event: dict) -> dict:
    """Push one event to the app's callback the way DingTalk does; the decrypted answer."""
    from app.services.cases.approvals import crypto_for

    s = request.app.ctx.settings
    crypto = crypto_for(s)
    timestamp, nonce = str(int(time.time() * 1000)), secrets.token_hex(4)
    encrypt = crypto.encrypt(jsonlib.dumps(event, ensure_ascii=False))
    from app.providers.callback_crypto import signature

    resp = await request.app.ctx.http.post(f"{s.base_url}/api/v1/dingtalk/callback", params={
        "msg_signature": signature(s.dingtalk_callback_token, timestamp, nonce, encrypt), "timestamp": timestamp,
        "nonce": nonce}, json={"encrypt": encrypt})
    answer = {"status": resp.status_code, "success": False}
    try:
        data = resp.json()
        answer["success"] = crypto.verify(data["msg_signature"], data["timeStamp"], data["nonce"],
                                          data["encrypt"]) == "success"
    except Exception:  # noqa: BLE001 - anything but an encrypted "success" is a failed push
        pass
    return answer


async def _finish(request: Request, instance_id: str, result: str):
    redis = request.app.ctx.redis
    raw_state = await redis.get(_instance_key(instance_id))
    if raw_state is None:
        raise NotFound("没有该审批实例")
    state = jsonlib.loads(raw_state)
    if state["status"] != "RUNNING":
        return json({"errcode": 400, "errmsg": "审批实例已结束"}, status=409)
    body = _body(request)
    userid = body.get("userid") or state["approvers"][0]
    if userid not in state["approvers"]:
        return json({"errcode": 403, "errmsg": "不是该审批的审批人"}, status=403)
    now = int(time.time() * 1000)
    common = {"processInstanceId": instance_id, "corpId": request.app.ctx.settings.dingtalk_appkey,
              "processCode": state["processCode"], "finishTime": now, "type": "finish", "result": result,
              "title": "掌办审批"}
    task = {**common, "EventType": "bpms_task_change", "staffId": userid, "remark": body.get("remark") or ""}
    inst = {**common, "EventType": "bpms_instance_change", "staffId": state["originator"]}
    state.update(status="COMPLETED", result=result, events=[task, inst])
    await redis.set(_instance_key(instance_id), jsonlib.dumps(state, ensure_ascii=False), keepttl=True)
    return json({"instanceId": instance_id, "result": result,
                 "callbacks": [await _push(request, task), await _push(request, inst)]})


@bp.post("/process-instances/<instance_id:str>/approve")
async def approve(request: Request, instance_id: str):
    return await _finish(request, instance_id, "agree")


@bp.post("/process-instances/<instance_id:str>/refuse")
async def refuse(request: Request, instance_id: str):
    return await _finish(request, instance_id, "refuse")


@bp.post("/process-instances/<instance_id:str>/redeliver")
async def redeliver(request: Request, instance_id: str):
    raw_state = await request.app.ctx.redis.get(_instance_key(instance_id))
    if raw_state is None:
        raise NotFound("没有该审批实例")
    state = jsonlib.loads(raw_state)
    return json({"callbacks": [await _push(request, e) for e in state.get("events", [])]})
