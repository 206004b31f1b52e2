"""S3-compatible object storage (MinIO, Ceph RGW, a cloud bucket) behind the Storage interface.

aiobotocore is the S3 client: botocore's request signing (SigV4), retries and error parsing, on aiohttp, so
calls do not block the event loop. One client per event loop is kept open for the life of the process (making a
client costs tens of milliseconds); path-style addressing by default, which MinIO and Ceph expect.

Keys are the storage keys (checked by app.providers.storage.check_key), under an optional prefix. A missing
object is FileNotFoundError, as for the local disk; any other S3 failure is a ProviderError.
"""
from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from botocore.exceptions import BotoCoreError, ClientError

from app.errors import ProviderError

_MISSING = {"NoSuchKey", "404", "NotFound"}


class S3Storage:
    def __init__(self, endpoint: str, bucket: str, access_key: str, secret_key: str, *, region: str = "us-east-1",
                 prefix: str = "", path_style: bool = True):
        from app.providers.storage import check_key

        self._check = check_key
        self.endpoint, self.bucket, self.prefix = endpoint or None, bucket, prefix.strip("/")
        self._kw = dict(endpoint_url=self.endpoint, aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                        region_name=region,
                        config=AioConfig(s3={"addressing_style": "path" if path_style else "auto"},
                                         retries={"max_attempts": 3, "mode": "standard"},
                                         connect_timeout=5, read_timeout=30))
        self._client = None
        self._stack: AsyncExitStack | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock: asyncio.Lock | None = None

    def object_key(self, key: str) -> str:
        self._check(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    async def _s3(self):
        loop = asyncio.get_running_loop()
        if self._client is not None and self._loop is loop:
            return self._client
        if self._lock is None or self._loop is not loop:
            self._lock, self._loop, self._client, self._stack = asyncio.Lock(), loop, None, None
        async with self._lock:
            if self._client is None:
                stack = AsyncExitStack()
                self._client = await stack.enter_async_context(get_session().create_client("s3", **self._kw))
                self._stack = stack
        return self._client

    async def close(self) -> None:
        if self._stack is not None and self._loop is asyncio.get_running_loop():
            await self._stack.aclose()
        self._client = self._stack = None

    async def put(self, key: str, data: bytes) -> None:
        name = self.object_key(key)
        try:
            await (await self._s3()).put_object(Bucket=self.bucket, Key=name, Body=data)
        except (ClientError, BotoCoreError) as exc:
            raise ProviderError(f"对象存储写入失败：{_reason(exc)}") from exc

    async def get(self, key: str) -> bytes:
        name = self.object_key(key)
        try:
            resp = await (await self._s3()).get_object(Bucket=self.bucket, Key=name)
            async with resp["Body"] as stream:
                return await stream.read()
        except ClientError as exc:
            if _code(exc) in _MISSING:
                raise FileNotFoundError(key) from exc
            raise ProviderError(f"对象存储读取失败：{_reason(exc)}") from exc
        except BotoCoreError as exc:
            raise ProviderError(f"对象存储读取失败：{_reason(exc)}") from exc

    async def delete(self, key: str) -> None:
        name = self.object_key(key)
        try:
            await (await self._s3()).delete_object(Bucket=self.bucket, Key=name)  # a missing key is not an error
        except (ClientError, BotoCoreError) as exc:
            raise ProviderError(f"对象存储删除失败：{_reason(exc)}") from exc

    async def ensure_bucket(self) -> None:
        """Create the bucket if it does not exist (a deployment step; the app itself never creates buckets)."""
        s3 = await self._s3()
        try:
            await s3.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            if _code(exc) not in _MISSING | {"NoSuchBucket"}:
                raise ProviderError(f"对象存储不可用：{_reason(exc)}") from exc
            await s3.create_bucket(Bucket=self.bucket)


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _reason(exc: Exception) -> str:
    return _code(exc) if isinstance(exc, ClientError) else type(exc).__name__
