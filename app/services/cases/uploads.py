"""Uploads: files a citizen attaches to an application (PDF, JPG, PNG up to 10 MB), checked by their content.

The type is decided by the file's first bytes (magic numbers), never by the name or the Content-Type the client
sent; the name's extension must then agree with it. The bytes go to the storage adapter under a random key, the
row keeps the name shown to the citizen, the size and the SHA-256.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import secrets
import unicodedata

from app.errors import AppError, Invalid, NotFound
from app.providers.storage import Storage, new_key
from models import Upload, User

log = logging.getLogger("zhangban.uploads")
MAX_SIZE = 10 * 1024 * 1024
NAME_MAX = 128
# content type -> (magic bytes at offset 0, extensions the name may carry)
TYPES = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
}
_ID = re.compile(r"^[0-9a-f]{32}$")


class EmptyFile(Invalid):
    code, message = "file_empty", "上传的文件是空的，请重新选择"


class FileTooLarge(AppError):
    status, code, message = 413, "file_too_large", "文件不能超过10MB，请压缩后重新上传"


class UnsupportedFileType(Invalid):
    code, message = "file_type_unsupported", "仅支持上传PDF、JPG、PNG格式的文件"


class ExtensionMismatch(Invalid):
    code, message = "file_extension_mismatch", "文件扩展名与文件内容不符，请上传原始的PDF、JPG或PNG文件"


class UploadNotFound(NotFound):
    code, message = "upload_not_found", "没有找到该文件"


def clean_name(name: str) -> str:
    """The name to show: no folders, no control characters, at most 128 characters (keeping the extension)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().strip(".")
    if len(base) > NAME_MAX:
        stem, dot, ext = base.rpartition(".")
        ext = dot + ext if dot and len(ext) <= 10 else ""
        base = (stem if ext else base)[:NAME_MAX - len(ext)] + ext
    return base


def sniff(data: bytes) -> str | None:
    """The content type by magic bytes, or None for anything else."""
    for content_type, (magic, _) in TYPES.items():
        if data.startswith(magic):
            return content_type
    return None


def check(name: str, data: bytes) -> str:
    """The content type of an acceptable file; raises the reason it is not (all naming the field "file")."""
    if not data:
        raise EmptyFile(field="file")
    if len(data) > MAX_SIZE:
        raise FileTooLarge(field="file")
    content_type = sniff(data)
    if content_type is None:
        raise UnsupportedFileType(field="file")
    if not name.lower().endswith(TYPES[content_type][1]):
        raise ExtensionMismatch(field="file")
    return content_type


async def store(storage: Storage, owner: User, name: str, data: bytes) -> Upload:
    """Check a file by its content, keep its bytes in storage and its description in the database."""
    name = clean_name(name)
    content_type = check(name, data)
    digest = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
    key = new_key()
    await storage.put(key, data)
    try:
        return await Upload.create(id=secrets.token_hex(16), owner=owner, name=name, content_type=content_type,
                                   size=len(data), sha256=digest, storage_key=key)
    except BaseException:
        await storage.delete(key)
        raise


async def get_owned(owner: User, upload_id: str) -> Upload:
    """An upload of `owner`; anyone else's (or an unknown id) is a 404, so ids reveal nothing."""
    upload = await Upload.get_or_none(id=upload_id, owner_id=owner.id) if _ID.match(upload_id or "") else None
    if upload is None:
        raise UploadNotFound()
    return upload


async def read(storage: Storage, upload: Upload) -> bytes:
    try:
        return await storage.get(upload.storage_key)
    except FileNotFoundError:
        log.error("upload %s: file %s missing from storage", upload.id, upload.storage_key)
        raise UploadNotFound("文件已不存在，请重新上传") from None


async def download(storage: Storage, owner: User, upload_id: str) -> tuple[Upload, bytes]:
    """An upload of `owner` with its bytes (404 for anyone else's)."""
    upload = await get_owned(owner, upload_id)
    return upload, await read(storage, upload)
