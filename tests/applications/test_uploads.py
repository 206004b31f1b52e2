import hashlib
from pathlib import Path

from app.providers.storage import storage_for
from app.services.cases.uploads import MAX_SIZE
from models import Upload
from tests.factories import citizen

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


async def _upload(client, headers, name, data, field="file", mime="application/octet-stream"):
    return await client.post("/api/v1/uploads", headers=headers, files={field: (name, data, mime)})


async def test_each_type_is_accepted_kept_by_content_and_read_back_by_its_owner(client, app):
    c = await citizen(client)
    for name, data, content_type in [("户口簿.pdf", PDF, "application/pdf"), ("照片.JPG", JPG, "image/jpeg"),
                                     ("scan.jpeg", JPG + b"x", "image/jpeg"), ("证明.png", PNG, "image/png")]:
        r = await _upload(client, c["headers"], name, data, mime="text/plain")  # the client's type is ignored
        assert r.status_code == 201, r.text
        body = r.json()
        assert set(body) == {"id", "name", "content_type", "size", "sha256", "created_at"}
        assert len(body["id"]) == 32 and int(body["id"], 16) >= 0
        assert body["name"] == name and body["content_type"] == content_type and body["size"] == len(data)
        assert body["sha256"] == hashlib.sha256(data).hexdigest()
        got = await client.get(f"/api/v1/uploads/{body['id']}", headers=c["headers"])
        assert got.status_code == 200 and got.content == data
        assert got.headers["content-type"].startswith(content_type)
        assert got.headers["x-content-type-options"] == "nosniff"
        row = await Upload.get(id=body["id"])
        path = storage_for(app).path(row.storage_key)
        assert path.read_bytes() == data
        assert Path(app.ctx.settings.data_dir, "uploads").resolve() in path.parents
        assert name not in str(path) and body["id"] not in str(path)


async def test_a_name_with_folders_is_reduced_to_its_last_part(client):
    c = await citizen(client)
    r = await _upload(client, c["headers"], "../../etc/身份证.pdf", PDF)
    assert r.status_code == 201 and r.json()["name"] == "身份证.pdf"


async def test_wrong_or_unknown_content_is_refused_naming_the_file(client):
    c = await citizen(client)
    cases = [
        ("看起来是图片.png", PDF),  # the extension disagrees with the content
        ("照片.pdf", JPG),
        ("证明", PDF),  # no extension
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"),
        ("伪装.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"),
        ("材料.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
        ("材料.pdf", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
        ("说明.txt", "这是一段文字".encode()),
        ("说明.pdf", b" %PDF-1.4 not at the start"),
    ]
    for name, data in cases:
        r = await _upload(client, c["headers"], name, data)
        assert r.status_code == 422, (name, r.text)
        assert r.json()["error"]["field"] == "file", (name, r.text)
    assert not await Upload.filter(owner_id=c["user"]["id"]).exists()


async def test_size_limits_empty_and_missing_files(client):
    c = await citizen(client)
    r = await _upload(client, c["headers"], "big.pdf", PDF + b"\0" * (MAX_SIZE - len(PDF) + 1))
    assert r.status_code == 413
    err = r.json()["error"]
    assert err["code"] == "file_too_large" and err["field"] == "file" and "10MB" in err["message"]
    r = await _upload(client, c["headers"], "max.pdf", PDF + b"\0" * (MAX_SIZE - len(PDF)))
    assert r.status_code == 201 and r.json()["size"] == MAX_SIZE
    r = await _upload(client, c["headers"], "empty.pdf", b"")
    assert r.status_code == 422 and r.json()["error"]["field"] == "file"
    r = await _upload(client, c["headers"], "a.pdf", PDF, field="attachment")
    assert r.status_code == 422 and r.json()["error"]["field"] == "file"
    r = await client.post("/api/v1/uploads", headers=c["headers"], json={"file": "x"})
    assert r.status_code == 422 and r.json()["error"]["field"] == "file"


async def test_only_the_owner_can_read_and_only_signed_in_citizens_upload(client):
    owner, other = await citizen(client), await citizen(client)
    r = await _upload(client, owner["headers"], "a.png", PNG)
    upload_id = r.json()["id"]
    r = await client.get(f"/api/v1/uploads/{upload_id}", headers=other["headers"])
    assert r.status_code == 404 and r.json()["error"]["code"] == "upload_not_found"
    for bad in ("0" * 32, "..%2F..%2Fsecret.key", "not-an-id"):
        r = await client.get(f"/api/v1/uploads/{bad}", headers=owner["headers"])
        assert r.status_code == 404
    r = await client.get(f"/api/v1/uploads/{upload_id}")
    assert r.status_code == 401
    r = await client.post("/api/v1/uploads", files={"file": ("a.pdf", PDF, "application/pdf")})
    assert r.status_code == 401
