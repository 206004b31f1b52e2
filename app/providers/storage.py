"""File storage for uploads: a small interface and a local-disk implementation under {data_dir}/uploads/.

Keys are made by the service (random hex), never taken from user input, and checked again here so a key can
never name a path outside the storage root. Files land in sharded folders (ab/cd/abcd…) and are written to a
temporary file first, then renamed into place, so a reader never sees half a file.
"""
from __future__ import annotations

import asyncio
import os
import re
import secrets
from pathlib import Path
from typing import Protocol

from sanic import Sanic

_KEY = re.compile(r"^[0-9a-f]{32,64}$")


class Storage(Protocol):
    async def put(self, key: str, data: bytes) -> None: ...

    async def get(self, key: str) -> bytes: ...  # FileNotFoundError when missing

    async def delete(self, key: str) -> None: ...  # a missing key is not an error


def new_key() -> str:
    return secrets.token_hex(16)


class LocalStorage:
    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()

    def path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError("storage keys are 32-64 lowercase hex characters")
        return self.root / key[:2] / key[2:4] / key

    def _put(self, key: str, data: bytes) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.parent / f".{key}.{secrets.token_hex(4)}.tmp"
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


def storage_for(app: Sanic) -> Storage:
    """The app's storage (also at app.ctx.storage), made on first use: LocalStorage under {data_dir}/uploads/."""
    ctx = getattr(app, "ctx", app)  # the app, or its ctx
    storage = getattr(ctx, "storage", None)
    if storage is None:
        storage = ctx.storage = LocalStorage(Path(ctx.settings.data_dir) / "uploads")
    return storage
