"""Uploads: a citizen's files (PDF, JPG, PNG up to 10 MB) for application materials, readable by their owner."""
from urllib.parse import quote

from sanic import Blueprint, Request
from sanic.response import raw

from app.auth import current_user, requires
from app.errors import Invalid
from app.providers.storage import storage_for
from app.services.cases import uploads
from handlers import _views as v
from handlers._openapi import Binary, doc, send

bp = Blueprint("uploads", url_prefix="/uploads")
ANY = ("citizen", "staff", "admin")


def _upload(u) -> dict:
    return {"id": u.id, "name": u.name, "content_type": u.content_type, "size": u.size, "sha256": u.sha256,
            "created_at": u.created_at.isoformat()}


@bp.post("/")
@doc(body={"multipart/form-data": {"type": "object", "required": ["file"],
                                   "properties": {"file": {"type": "string", "format": "binary",
                                                           "description": "PDF、JPG 或 PNG，最大 10 MB"}}}},
     ok=v.Upload, status=201, errors=(400, 413, 422))
@requires("citizen", "staff")
async def create(request: Request):
    """Upload one file as multipart/form-data field `file`: PDF, JPG or PNG (checked by content), at most 10 MB.
    Staff upload the paper materials they scan at the window (used in 一窗受理 and 补正 on a citizen's behalf)."""
    f = request.files.get("file") if request.files else None
    if f is None:
        raise Invalid("请选择要上传的文件", field="file")
    user = await current_user(request)
    upload = await uploads.store(storage_for(request.app), user, f.name or "", f.body)
    return send(request, _upload(upload), 201)


@bp.get("/<upload_id:upload_id>")
@doc(ok=Binary("application/pdf", "image/jpeg", "image/png"))
@requires(*ANY)
async def download(request: Request, upload_id: str):
    """The file's bytes, for its owner only (404 for anyone else)."""
    user = await current_user(request)
    upload, data = await uploads.download(storage_for(request.app), user, upload_id)
    return raw(data, content_type=upload.content_type, headers={
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(upload.name)}",
        "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff", "ETag": f'"{upload.sha256}"'})
