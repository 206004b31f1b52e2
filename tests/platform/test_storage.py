"""Both storage back ends through the one Storage interface: the local disk, and S3 against a real S3-protocol
server (moto's server mode, started here on a free port), also through HTTP: uploads land in the bucket and come
back out of it."""
import socket
import uuid

import pytest
from moto.server import ThreadedMotoServer

from app.errors import ProviderError
from app.providers.s3 import S3Storage
from app.providers.storage import LocalStorage, from_settings, new_key
from tests.factories import PNG_1PX, citizen, upload


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
async def s3(s3_endpoint, settings):
    s = settings.with_(storage_backend="s3", s3_endpoint=s3_endpoint, s3_bucket=f"zb-{uuid.uuid4().hex[:8]}",
                       s3_access_key="testing", s3_secret_key="testing", s3_prefix="zhangban")
    storage = from_settings(s)
    assert isinstance(storage, S3Storage)
    await storage.ensure_bucket()
    yield storage
    await storage.close()


@pytest.fixture
def local(tmp_path):
    return LocalStorage(tmp_path / "store")


@pytest.fixture(params=["local", "s3"])
def storage(request):
    return request.getfixturevalue(request.param)


async def test_put_get_delete_round_trip(storage):
    s3 = storage
    key = new_key()
    await s3.put(key, b"\x00binary\xffdata")
    assert await s3.get(key) == b"\x00binary\xffdata"
    await s3.put(key, b"replaced")
    assert await s3.get(key) == b"replaced"
    await s3.delete(key)
    with pytest.raises(FileNotFoundError):
        await s3.get(key)
    await s3.delete(key)  # a missing key is not an error
    await s3.put("pdf/receipts/330402-20261202-000001.pdf", b"%PDF-1.4")
    assert await s3.get("pdf/receipts/330402-20261202-000001.pdf") == b"%PDF-1.4"
    for bad in ("../etc/passwd", "/abs", "a/../../b", "UPPER", "", "a//b", "x" * 300):
        with pytest.raises(ValueError):
            await s3.put(bad, b"x")
        with pytest.raises(ValueError):
            await s3.get(bad)


def test_local_keys_stay_under_the_root(local):
    key = new_key()
    assert local.path(key) == local.root / key[:2] / key[2:4] / key
    assert local.path("pdf/a.pdf") == local.root / "pdf" / "a.pdf"
    for bad in ("../x", "pdf/../../x", "pdf/./x", ".hidden"):
        with pytest.raises(ValueError):
            local.path(bad)


def test_the_back_end_is_chosen_by_settings(settings):
    assert isinstance(from_settings(settings), LocalStorage)
    with pytest.raises(RuntimeError, match="S3_BUCKET"):
        from_settings(settings.with_(storage_backend="s3"))
    with pytest.raises(RuntimeError, match="ZB_STORAGE"):
        from_settings(settings.with_(storage_backend="ftp"))


async def test_objects_live_under_the_prefix_and_a_bad_bucket_is_a_provider_error(s3, s3_endpoint):
    key = new_key()
    await s3.put(key, b"data")
    raw = S3Storage(s3_endpoint, s3.bucket, "testing", "testing")  # no prefix: the object's real name
    assert await raw.get(f"zhangban/{key}") == b"data"
    with pytest.raises(FileNotFoundError):
        await raw.get(key)
    await raw.close()
    missing = S3Storage(s3_endpoint, "no-such-bucket-here", "testing", "testing")
    with pytest.raises(ProviderError):
        await missing.put(new_key(), b"x")
    await missing.close()


async def test_uploads_go_to_the_bucket_through_http(client, app, s3):
    local = getattr(app.ctx, "storage", None)
    app.ctx.storage = s3
    try:
        who = await citizen(client)
        upload_id = await upload(client, who)
        r = await client.get(f"/api/v1/uploads/{upload_id}", headers=who["headers"])
        assert r.status_code == 200 and r.content == PNG_1PX
        from models import Upload

        row = await Upload.get(id=upload_id)
        assert await s3.get(row.storage_key) == PNG_1PX
    finally:
        app.ctx.storage = local
