"""Sandbox SMS gateway: Aliyun dysmsapi SendSms (RPC style, form POST to /), the signature checked with the
configured AccessKey secret exactly as the gateway does, the timestamp within 15 minutes and each
SignatureNonce used once. Accepted messages are kept (GET /sandbox/sms/messages?phone=); a phone number starting
with 1340000 answers isv.MOBILE_NUMBER_ILLEGAL, and POST /sandbox/sms/faults {"code", "count"} queues failures
(isv.BUSINESS_LIMIT_CONTROL, …)."""
from __future__ import annotations

import hmac
import json as jsonlib
import re
import secrets
from datetime import datetime, timezone

from sanic import Blueprint, Request
from sanic.response import json

from app.providers.sms import sign

bp = Blueprint("sandbox_sms", url_prefix="/sandbox/sms")
SENT_KEY = "zb:sbx:sms:sent"
FAULT_KEY = "zb:sbx:sms:faults"
PHONE_RE = re.compile(r"1\d{10}")


def _error(code: str, message: str, status: int = 200):
    return json({"Code": code, "Message": message, "RequestId": secrets.token_hex(8)}, status=status)


@bp.post("/")
async def send_sms(request: Request):
    s, redis = request.app.ctx.settings, request.app.ctx.redis
    params = {k: v[0] for k, v in request.form.items()} if request.form else {}
    given = params.pop("Signature", "")
    if params.get("AccessKeyId") != s.sms_access_key_id:
        return _error("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404)
    if not hmac.compare_digest(sign(params, s.sms_access_key_secret), given):
        return _error("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.", 400)
    try:
        at = datetime.strptime(params.get("Timestamp", ""), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return _error("InvalidTimeStamp.Format", "Specified time stamp is not valid.", 400)
    if abs((datetime.now(timezone.utc) - at).total_seconds()) > 900:
        return _error("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400)
    if not await redis.set(f"zb:sbx:sms:nonce:{params.get('SignatureNonce')}", "1", nx=True, ex=900):
        return _error("SignatureNonceUsed", "Specified signature nonce was used already.", 400)
    if params.get("Action") != "SendSms":
        return _error("InvalidAction.NotFound", "Specified api is not found.", 404)
    raw_fault = await redis.lpop(FAULT_KEY)
    if raw_fault:
        return _error(raw_fault.decode(), "injected fault")
    phone = params.get("PhoneNumbers", "")
    if not PHONE_RE.fullmatch(phone) or phone.startswith("1340000"):
        return _error("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
    if not params.get("SignName") or not params.get("TemplateCode"):
        return _error("isv.SMS_SIGNATURE_ILLEGAL", "签名或模板不合法")
    biz_id = f"{secrets.randbelow(10**15)}^0"
    await redis.rpush(SENT_KEY, jsonlib.dumps({
        "phone": phone, "sign_name": params["SignName"], "template": params["TemplateCode"],
        "params": jsonlib.loads(params.get("TemplateParam") or "{}"), "out_id": params.get("OutId"),
        "biz_id": biz_id}, ensure_ascii=False))
    return json({"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": secrets.token_hex(8)})


@bp.post("/faults")
async def faults(request: Request):
    body = request.json if isinstance(request.json, dict) else {}
    count = body.get("count", 1) if isinstance(body.get("count", 1), int) else 1
    await request.app.ctx.redis.rpush(FAULT_KEY, *[str(body.get("code") or "isv.BUSINESS_LIMIT_CONTROL")] * count)
    return json({"queued": count})


@bp.get("/messages")
async def messages(request: Request):
    rows = [jsonlib.loads(r) for r in await request.app.ctx.redis.lrange(SENT_KEY, 0, -1)]
    phone = request.args.get("phone")
    return json([r for r in rows if not phone or r["phone"] == phone])
