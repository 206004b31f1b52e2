"""File storage for uploads, generated PDFs and archive packages: one small interface, two back ends.

- LocalStorage: the local disk under {data_dir}/uploads/ (the embedded default; one host).
- S3Storage (app/providers/s3.py): S3-compatible object storage, MinIO, Ceph or a cloud bucket (production:
  every app host and job worker sees the same files). Chosen by ZB_STORAGE=s3 with S3_ENDPOINT, S3_BUCKET,
  S3_ACCESS_KEY, S3_SECRET_KEY (S3_REGION, S3_PREFIX optional).

Keys are made by the services, never taken from user input, and checked again here (check_key) so a key can
never name a path outside the storage root: random hex keys (uploads: 32-64 lowercase hex characters, sharded
on disk as ab/cd/abcd…) or lowercase paths of safe segments ("pdf/receipts/330402-20261202-000001.pdf").
The local disk writes a temporary file first, then renames it into place, so a reader never sees half a file.
`from_settings` builds the configured back end from Settings alone (no web framework involved).
"""
from __future__ import annotations

import asyncio
import os
import re
import secrets
from pathlib import Path
from typing import Protocol

_HEX = re.compile(r"^[0-9a-f]{32,64}$")
_PATH = re.compile(r"^[a-z0-9][a-z0-9_.-]*(?:/[a-z0-9][a-z0-9_.-]*)*$")
MAX_KEY = 200


class Storage(Protocol):
    async def put(self, key: str, data: bytes) -> None: ...

    async def get(self, key: str) -> bytes: ...  # FileNotFoundError when missing

    async def delete(self, key: str) -> None: ...  # a missing key is not an error


def new_key() -> str:
    return secrets.token_hex(16)


def check_key(key: str) -> str:
    """`key` if it is a storage key (random hex, or a path of safe lowercase segments); ValueError otherwise."""
    if not isinstance(key, str) or len(key) > MAX_KEY or not (_HEX.match(key) or _PATH.match(key)):
        raise ValueError("storage keys are lowercase hex, or paths of lowercase [a-z0-9_.-] segments")
    return key


class LocalStorage:
    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()

    def path(self, key: str) -> Path:
        check_key(key)
        if _HEX.match(key):
            return self.root / key[:2] / key[2:4] / key
        path = (self.root / key).resolve()
        if self.root not in path.parents:
            raise ValueError("storage key outside the storage root")
        return path

    def _put(self, key: str, data: bytes) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    async def put(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._put, key, data)

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self.path(key).read_bytes)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path(key).unlink, missing_ok=True)

    async def close(self) -> None:
        return None


def from_settings(settings) -> Storage:
    """The configured back end: ZB_STORAGE=local (default; {data_dir}/uploads/) or s3."""
    if settings.storage_backend == "s3":
        from app.providers.s3 import S3Storage

        if not (settings.s3_bucket and settings.s3_access_key and settings.s3_secret_key):
            raise RuntimeError("ZB_STORAGE=s3 needs S3_BUCKET, S3_ACCESS_KEY and S3_SECRET_KEY (and S3_ENDPOINT "
                               "for MinIO or Ceph)")
        return S3Storage(settings.s3_endpoint, settings.s3_bucket, settings.s3_access_key, settings.s3_secret_key,
                         region=settings.s3_region, prefix=settings.s3_prefix)
    if settings.storage_backend != "local":
        raise RuntimeError(f"ZB_STORAGE must be local or s3, not {settings.storage_backend!r}")
    return LocalStorage(Path(settings.data_dir) / "uploads")


def storage_for(app) -> Storage:
    """The app's storage (also at app.ctx.storage), made from its settings on first use."""
    ctx = getattr(app, "ctx", app)  # the app, or its ctx
    storage = getattr(ctx, "storage", None)
    if storage is None:
        storage = ctx.storage = from_settings(ctx.settings)
    return storage
