"""Sandbox WeChat: answers the api.weixin.qq.com paths the adapter calls, with WeChat's shapes and error codes.

State lives in Redis so every worker sees the same codes and tokens. POST /sandbox/wechat/codes stands in
for wx.login on the phone.

城市服务人脸核身 (getverifyid / queryverifyinfo): POST /sandbox/wechat/face/<verify_id>/complete stands in for
wx.requestFacialVerify on the phone ({"verify_ret": 10000} by default: what the person's scan produced). The
sandbox keeps only the cert_hash of the cert_info it was given, never the ID number. Its errcodes:
  40001 invalid access_token            47001 ill-formed body (fields, out_seq_no 5-32 of [0-9A-Za-z_-], cert_type)
  84001 unknown (or long gone) verify_id 84009 out_seq_no already used (unique per appid)
  84004 out_seq_no mismatch             40003 openid mismatch
  84003 cert_hash mismatch              84010 the scan is not finished yet (queryverifyinfo before /complete)
On success queryverifyinfo answers {"errcode": 0, "errmsg": "ok", "verify_ret": <what /complete set>}.

小程序码 (getwxacodeunlimit): a real PNG, a QR code of wxacode_payload(scene, page); 40169 for a scene that is
not 1-32 of WeChat's visible characters, 41030 for a page starting with "/", 40097 for a bad env_version.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json as jsonlib
import re
import secrets
import time

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from sanic import Blueprint, Request
from sanic.response import json, raw

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


async def token_valid(request: Request) -> bool:
    """For sandbox APIs that take ?access_token=: is it one this sandbox issued and still valid?"""
    token = request.args.get("access_token", "")
    return bool(token) and bool(await request.app.ctx.redis.exists(f"zb:sbx:wx:at:{token}"))


def _body(request: Request) -> dict:
    try:
        data = request.json
    except Exception:  # noqa: BLE001 - a body that is not JSON is WeChat's "data format error"
        return {}
    return data if isinstance(data, dict) else {}


def _token_error() -> dict:
    return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}


# -- 城市服务人脸核身 -----------------------------------------------------------------------------------------

FACE_TTL = 3600  # verify_id validity: the scan must start within it
FACE_KEEP = 86400  # how long the sandbox remembers a session and its result
OUT_SEQ_RE = re.compile(r"[0-9A-Za-z_-]{5,32}")


def _face_key(verify_id: str) -> str:
    return f"zb:sbx:wx:face:{verify_id}"


def _cert_hash(cert_type: str, cert_name: str, cert_no: str) -> str:
    """WeChat's rule, written here independently of the adapter: sha256 hex of cert_type=..&cert_name=..&cert_no=..
    with each value standard-base64 of its UTF-8 bytes."""
    parts = [(k, base64.b64encode(v.encode("utf-8")).decode()) for k, v in
             (("cert_type", cert_type), ("cert_name", cert_name), ("cert_no", cert_no))]
    return hashlib.sha256("&".join(f"{k}={v}" for k, v in parts).encode()).hexdigest()


def _format_error(what: str) -> dict:
    return {"errcode": 47001, "errmsg": f"data format error: {what}"}


@bp.post("/cityservice/face/identify/getverifyid")
async def face_getverifyid(request: Request):
    if not await token_valid(request):
        return json(_token_error())
    body = _body(request)
    out_seq_no, openid, cert = body.get("out_seq_no"), body.get("openid"), body.get("cert_info")
    if not isinstance(out_seq_no, str) or not OUT_SEQ_RE.fullmatch(out_seq_no):
        return json(_format_error("out_seq_no"))
    if not isinstance(openid, str) or not openid:
        return json(_format_error("openid"))
    if not isinstance(cert, dict) or cert.get("cert_type") != "IDENTITY_CARD":
        return json(_format_error("cert_info.cert_type"))
    name, number = cert.get("cert_name"), cert.get("cert_no")
    if not isinstance(name, str) or not name:
        return json(_format_error("cert_info.cert_name"))
    if not isinstance(number, str) or not re.fullmatch(r"\d{17}[\dX]", number):
        return json(_format_error("cert_info.cert_no"))
    redis = request.app.ctx.redis
    appid = _settings(request).wechat_appid
    if not await redis.set(f"zb:sbx:wx:face:seq:{appid}:{out_seq_no}", "1", nx=True, ex=7 * FACE_KEEP):
        return json({"errcode": 84009, "errmsg": "out_seq_no already used"})
    verify_id = "sbxface_" + secrets.token_urlsafe(24)
    await redis.hset(_face_key(verify_id), mapping={
        "out_seq_no": out_seq_no, "openid": openid, "cert_hash": _cert_hash("IDENTITY_CARD", name, number),
        "expires_at": str(int(time.time()) + FACE_TTL)})
    await redis.expire(_face_key(verify_id), FACE_KEEP)
    return json({"errcode": 0, "errmsg": "ok", "verify_id": verify_id, "expires_in": FACE_TTL})


@bp.post("/cityservice/face/identify/queryverifyinfo")
async def face_queryverifyinfo(request: Request):
    if not await token_valid(request):
        return json(_token_error())
    body = _body(request)
    fields = {k: body.get(k) for k in ("verify_id", "out_seq_no", "cert_hash", "openid")}
    missing = [k for k, v in fields.items() if not isinstance(v, str) or not v]
    if missing:
        return json(_format_error(missing[0]))
    raw_state = await request.app.ctx.redis.hgetall(_face_key(fields["verify_id"]))
    if not raw_state:
        return json({"errcode": 84001, "errmsg": "invalid verify_id"})
    state = {k.decode(): v.decode() for k, v in raw_state.items()}
    if state["out_seq_no"] != fields["out_seq_no"]:
        return json({"errcode": 84004, "errmsg": "out_seq_no mismatch"})
    if state["openid"] != fields["openid"]:
        return json({"errcode": 40003, "errmsg": "invalid openid"})
    if not secrets.compare_digest(state["cert_hash"], fields["cert_hash"]):
        return json({"errcode": 84003, "errmsg": "cert_hash mismatch"})
    if "verify_ret" not in state:
        return json({"errcode": 84010, "errmsg": "verify not finished"})
    return json({"errcode": 0, "errmsg": "ok", "verify_ret": int(state["verify_ret"])})


@bp.post("/face/<verify_id:str>/complete")
async def face_complete(request: Request, verify_id: str):
    """The phone's side: the person scanned their face for `verify_id`, with this verify_ret (10000 = 识别成功)."""
    verify_ret = _body(request).get("verify_ret", 10000)
    if not isinstance(verify_ret, int) or isinstance(verify_ret, bool):
        return json({"errcode": 47001, "errmsg": "data format error: verify_ret"}, status=422)
    redis = request.app.ctx.redis
    expires_at = await redis.hget(_face_key(verify_id), "expires_at")
    if expires_at is None:
        return json({"errcode": 84001, "errmsg": "invalid verify_id"}, status=404)
    if int(expires_at) <= time.time():
        return json({"errcode": 84002, "errmsg": "verify_id expired"}, status=410)
    if not await redis.hsetnx(_face_key(verify_id), "verify_ret", str(verify_ret)):
        return json({"errcode": 84005, "errmsg": "verify_id already used"}, status=409)
    return json({"errcode": 0, "errmsg": "ok", "verify_id": verify_id, "verify_ret": verify_ret})


# -- 小程序码 ---------------------------------------------------------------------------------------------------

SCENE_RE = re.compile(r"[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}")


def wxacode_payload(scene: str, page: str) -> str:
    """What the sandbox's 小程序码 encodes (a real one is a sun code only WeChat reads)."""
    return f"https://mp.weixin.qq.com/a/~{scene}" + (f"?page={page}" if page else "")


def render_qr_png(text: str, width: int) -> bytes:
    """A width x width PNG of a QR code (error correction M, 4-module quiet zone) for `text`."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    img = qr.make_image(fill_color="black", back_color="white").get_image().convert("L")
    out = io.BytesIO()
    img.resize((width, width), resample=0).save(out, format="PNG")  # 0 = nearest: modules stay sharp
    return out.getvalue()


@bp.post("/wxa/getwxacodeunlimit")
async def getwxacodeunlimit(request: Request):
    if not await token_valid(request):
        return json(_token_error())
    body = _body(request)
    scene, page = body.get("scene"), body.get("page") or ""
    if not isinstance(scene, str) or not SCENE_RE.fullmatch(scene):
        return json({"errcode": 40169, "errmsg": "invalid length for scene, or the data is not json string"})
    if not isinstance(page, str) or page.startswith("/") or len(page) > 256:
        return json({"errcode": 41030, "errmsg": "invalid page"})
    if body.get("env_version", "release") not in ("release", "trial", "develop"):
        return json({"errcode": 40097, "errmsg": "invalid args: env_version"})
    width = body.get("width", 430)
    width = min(1280, max(280, width if isinstance(width, int) and not isinstance(width, bool) else 430))
    return raw(render_qr_png(wxacode_payload(scene, page), width), content_type="image/png")


# -- 订阅消息 (subscribe messages) --------------------------------------------------------------------------------
# The sandbox accepts a send unless the user turned the template off (POST /sandbox/wechat/subscribe/revoke
# {"openid", "template_id"}: the phone's settings; then 43101). POST /sandbox/wechat/faults {"errcode"|"status",
# "count"} makes the next `count` sends fail that way (45009 rate limit, HTTP 503, …). Every accepted message is
# kept (GET /sandbox/wechat/subscribe/messages?touser=) and counted by its content (duplicates are visible).

SENT_KEY = "zb:sbx:wx:subscribe:sent"
SEEN_KEY = "zb:sbx:wx:subscribe:seen"
FAULT_KEY = "zb:sbx:wx:faults"


async def take_fault(redis, key: str) -> dict | None:
    """One injected fault, if any is queued under `key`."""
    raw_fault = await redis.lpop(key)
    if raw_fault is None:
        return None
    return jsonlib.loads(raw_fault)


async def queue_faults(redis, key: str, body: dict) -> int:
    count = body.get("count", 1)
    if not isinstance(count, int) or not 1 <= count <= 1000:
        count = 1
    fault = {k: body[k] for k in ("errcode", "status") if k in body}
    await redis.rpush(key, *[jsonlib.dumps(fault)] * count)
    return count


@bp.post("/faults")
async def faults(request: Request):
    """Make the next `count` subscribe sends fail: {"errcode": 45009} or {"status": 503}."""
    return json({"queued": await queue_faults(request.app.ctx.redis, FAULT_KEY, _body(request))})


@bp.post("/subscribe/revoke")
async def subscribe_revoke(request: Request):
    body = _body(request)
    await request.app.ctx.redis.sadd("zb:sbx:wx:subscribe:revoked", f"{body.get('openid')}|{body.get('template_id')}")
    return json({"errcode": 0, "errmsg": "ok"})


@bp.post("/cgi-bin/message/subscribe/send")
async def subscribe_send(request: Request):
    redis = request.app.ctx.redis
    if not await token_valid(request):
        return json(_token_error())
    fault = await take_fault(redis, FAULT_KEY)
    if fault:
        if "status" in fault:
            return json({"errcode": -1, "errmsg": "system error"}, status=int(fault["status"]))
        return json({"errcode": int(fault["errcode"]), "errmsg": "injected fault"})
    body = _body(request)
    touser, template_id, data = body.get("touser"), body.get("template_id"), body.get("data")
    if not isinstance(touser, str) or not touser:
        return json({"errcode": 40003, "errmsg": "invalid openid"})
    if not isinstance(template_id, str) or not template_id:
        return json({"errcode": 40037, "errmsg": "invalid template_id"})
    if not isinstance(data, dict) or not all(isinstance(v, dict) and "value" in v for v in data.values()):
        return json({"errcode": 47003, "errmsg": "argument invalid! data.value invalid"})
    if await redis.sismember("zb:sbx:wx:subscribe:revoked", f"{touser}|{template_id}"):
        return json({"errcode": 43101, "errmsg": "user refuse to accept the msg"})
    record = jsonlib.dumps({"touser": touser, "template_id": template_id, "data": data, "page": body.get("page")},
                           ensure_ascii=False, sort_keys=True)
    pipe = redis.pipeline()
    pipe.rpush(SENT_KEY, record)
    pipe.hincrby(SEEN_KEY, hashlib.sha1(record.encode()).hexdigest(), 1)
    await pipe.execute()
    return json({"errcode": 0, "errmsg": "ok", "msgid": secrets.randbelow(10**15)})


@bp.get("/subscribe/messages")
async def subscribe_messages(request: Request):
    """What the sandbox delivered (the phones' view), optionally for one openid."""
    rows = [jsonlib.loads(r) for r in await request.app.ctx.redis.lrange(SENT_KEY, 0, -1)]
    touser = request.args.get("touser")
    return json([r for r in rows if not touser or r["touser"] == touser])


@bp.post("/tokens/expire")
async def tokens_expire(request: Request):
    """Invalidate every access token the sandbox issued (as if they expired): the next call answers 40001/42001."""
    redis = request.app.ctx.redis
    keys = [k async for k in redis.scan_iter(match="zb:sbx:wx:at:*", count=500)]
    if keys:
        await redis.delete(*keys)
    return json({"expired": len(keys)})
