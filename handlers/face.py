"""Face verification (刷脸核身) for real-name bound citizens: open a session, then read its result."""
from sanic import Blueprint, Request

from app import ratelimit
from app.auth import current_user, requires
from app.services.identity import face
from handlers import _views as v
from handlers._openapi import doc, send

bp = Blueprint("face", url_prefix="/face")


@bp.post("/sessions")
@doc(ok=v.FaceSession, status=201, errors=(403, 409, 429, 502))
@requires("citizen", level=2)
async def start(request: Request):
    """Open a WeChat face verification: {"verify_id", "expires_in"} for wx.requestFacialVerify (real-name binding
    required; the name and ID number sent to WeChat are an audited read)."""
    user = await current_user(request)
    # Each face check is a paid WeChat call: a few per person per ten minutes.
    await ratelimit.hit(request, "face", 10, 600, who=str(user.id))
    return send(request, await face.start(request.app.ctx.wechat, request.app.ctx.vault, user), 201)


@bp.post("/sessions/<verify_id:verify_id>/result")
@doc(ok=v.FaceResult, errors=(409, 410, 502))
@requires("citizen", level=2)
async def result(request: Request, verify_id: str):
    """The result of the caller's own face verification: {"passed", "verify_ret", "face_verified_at"}. A pass makes
    the account level 3, the holder of its bound identity (taking it over from another account that held it).
    409 face_pending before the scan is done, 410 once the session expired; a final result is answered as stored."""
    user = await current_user(request)
    return send(request, await face.result(request.app.ctx.wechat, request.app.ctx.vault, user, verify_id))
