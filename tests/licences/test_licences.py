"""电子证照 through HTTP: issued with the case's 出证, in the holder's wallet, a signed PDF that verifies with
pyHanko and poppler's pdfsig, and a data signature that verifies offline."""
from __future__ import annotations

import asyncio
import io
import re

from cryptography.hazmat.primitives import serialization
from pypdf import PdfReader

from app.providers.storage import storage_for
from app.services.documents import datasig, seals, sign
from app.services.licences import licences
from app.services.platform import workdays
from models import Licence
from tests.documents import pdftools
from tests.factories import citizen, staff_of

SIMPLE = "GJJ005"  # 住房公积金缴存证明出具 -> licence type GJJJCZM (a 证明 letter, 3 months)
NO_LICENCE = "JY0002"  # 义务教育阶段学生转学: a transfer, no document issued


async def approved_case(client, flow, who, code: str = SIMPLE) -> tuple[str, dict]:
    r = await flow.apply(who, code)
    assert r.status_code == 201, r.text
    no = r.json()["acceptance_no"]
    await flow.accept(who, no)
    case = await flow.approve_all(who, no)
    return no, await staff_of(client, case["lead_department"]["code"])


async def issue(client, no: str, lead: dict) -> None:
    r = await client.post(f"/api/v1/staff/applications/{no}/transition", headers=lead["headers"], json={"to": "issued"})
    assert r.status_code == 200, r.text


async def issued_case(client, flow, who, code: str = SIMPLE) -> str:
    no, lead = await approved_case(client, flow, who, code)
    await issue(client, no, lead)
    return no


async def wallet(client, who) -> list[dict]:
    r = await client.get("/api/v1/me/licences", headers=who["headers"])
    assert r.status_code == 200, r.text
    return r.json()["items"]


async def test_issuing_the_case_issues_its_licence_into_the_holders_wallet(client, flow):
    who = await citizen(client, level=3)
    assert await wallet(client, who) == []
    no = await issued_case(client, flow, who)
    [item] = await wallet(client, who)
    year = workdays.local_date(workdays.utcnow()).year
    assert re.fullmatch(rf"330402-GJJJCZM-{year}-\d{{6}}", item["number"])
    assert item["type"] == {"code": "GJJJCZM", "name": "住房公积金缴存证明", "kind": "letter"}
    assert item["issuer"] == "示例市住房公积金管理中心" and item["status"] == "valid" and item["status_label"] == "有效"
    assert item["valid_until"] and item["valid_until"] > item["valid_from"]  # three months
    r = await client.get(f"/api/v1/me/licences/{item['id']}", headers=who["headers"])
    detail = r.json()
    assert detail["acceptance_no"] == no and detail["status_history"][0]["status"] == "valid"
    fields = {f["key"]: f["value"] for f in detail["fields"]}
    assert fields["holder_name"] == who["name"]
    assert fields["holder_id_number"] != who["id_number"] and "*" in fields["holder_id_number"]
    assert fields["holder_id_number"][-4:] == who["id_number"][-4:]
    # at rest the ID number is ciphertext, never the number
    row = await Licence.get(id=item["id"])
    assert who["id_number"] not in str(row.values) and who["id_number"] not in str(row.masked)


async def test_a_service_without_a_document_issues_none_and_nobody_else_sees_mine(client, flow):
    who, other = await citizen(client, level=3), await citizen(client, level=3)
    await issued_case(client, flow, who, NO_LICENCE)
    assert await wallet(client, who) == []
    await issued_case(client, flow, who)
    [item] = await wallet(client, who)
    for path in (f"/api/v1/me/licences/{item['id']}", f"/api/v1/me/licences/{item['id']}/pdf",
                 "/api/v1/me/licences/999999999"):
        r = await client.get(path, headers=other["headers"])
        assert r.status_code == 404 and r.json()["error"]["code"] == "licence_not_found", r.text
    assert (await client.get("/api/v1/me/licences")).status_code == 401
    assert (await wallet(client, other)) == []
    below = await citizen(client)  # level 2: name and ID number checked, no face
    r = await client.get("/api/v1/me/licences", headers=below["headers"])
    assert r.status_code == 403 and r.json()["error"]["code"] == "identity_level_required"


async def test_the_pdf_is_signed_by_the_departments_seal_and_verifies_with_pyhanko_and_pdfsig(client, flow, app,
                                                                                               tmp_path):
    who = await citizen(client, level=3)
    await issued_case(client, flow, who)
    [item] = await wallet(client, who)
    r = await client.get(f"/api/v1/me/licences/{item['id']}/pdf", headers=who["headers"])
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    pdf = r.content
    ca = seals.store(app.ctx.settings).ca_certificate()
    [v] = await sign.verify_pdf_async(pdf, [ca])
    assert v.ok and "示例市住房公积金管理中心" in v.signer
    nss = pdftools.nss_db(tmp_path / "nss", ca.public_bytes(serialization.Encoding.PEM))
    report = pdftools.pdfsig(pdf, nss)
    assert "Signature is Valid" in report, report
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("住房公积金缴存证明", item["number"], who["name"], who["id_number"], "示例市住房公积金管理中心"):
        assert expected in text, expected
    assert all(f["emb"] == "yes" for f in pdftools.fonts(pdf))
    xmp = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp
    # a changed byte: both verifiers say no
    at = pdf.index(b"stream", 600) + 30
    bad = bytearray(pdf)
    bad[at] ^= 1
    assert not any(x.ok for x in await sign.verify_pdf_async(bytes(bad), [ca]))
    assert "Signature is Valid" not in pdftools.pdfsig(bytes(bad), nss)
    # the second download is the same stored document, not a new signature
    again = await client.get(f"/api/v1/me/licences/{item['id']}/pdf", headers=who["headers"])
    assert again.content == pdf
    log = (await client.get("/api/v1/me/access-log", headers=who["headers"])).json()["items"]
    assert any(item["number"] in e["purpose"] and e["fields"] == ["holder_id_number"] for e in log)


async def test_the_data_signature_verifies_offline_with_the_departments_public_key(client, flow, app):
    who = await citizen(client, level=3)
    await issued_case(client, flow, who)
    [item] = await wallet(client, who)
    lic = await Licence.get(id=item["id"]).select_related("licence_type", "department")
    plain = licences.plain_values(app.ctx.vault, lic, lic.licence_type)
    body = licences.payload(lic, lic.licence_type, lic.department, plain)
    s = app.ctx.settings
    key = datasig.department_key(seals.store(s), s.data_signature, "gjj")
    assert lic.data_signature["alg"] == datasig.SM2 == datasig.ALGORITHMS[s.data_signature]
    assert datasig.verify(lic.data_signature, body, key.public)
    assert body["fields"]["holder_id_number"] == who["id_number"] and body["number"] == item["number"]
    assert not datasig.verify(lic.data_signature, {**body, "valid_until": "2099-12-31"}, key.public)


async def test_the_job_renders_missing_pdfs_once(client, flow, app):
    who = await citizen(client, level=3)
    await issued_case(client, flow, who)
    s, storage = app.ctx.settings, storage_for(app)
    while await licences.render_missing(s, app.ctx.vault, storage):
        pass
    assert not await Licence.filter(pdf_key__isnull=True).exists()
    assert await licences.render_missing(s, app.ctx.vault, storage) == 0
    [item] = await wallet(client, who)
    row = await Licence.get(id=item["id"])
    pdf = (await client.get(f"/api/v1/me/licences/{item['id']}/pdf", headers=who["headers"])).content
    import hashlib
    assert hashlib.sha256(pdf).hexdigest() == row.pdf_sha256


async def test_numbers_are_per_type_without_gaps_or_duplicates_under_concurrency(client, flow):
    people = [await citizen(client, level=3) for _ in range(4)]
    cases = [await approved_case(client, flow, p) for p in people]
    await asyncio.gather(*(issue(client, no, lead) for no, lead in cases))
    numbers = sorted([(await wallet(client, p))[0]["number"] for p in people])
    seqs = [int(n.rsplit("-", 1)[1]) for n in numbers]
    assert len(set(numbers)) == 4 and seqs == list(range(seqs[0], seqs[0] + 4))


def test_validity_rules():
    from datetime import date
    assert licences.valid_until({"kind": "months", "months": 3}, date(2026, 11, 30)) == date(2027, 2, 27)
    assert licences.valid_until({"kind": "years", "years": 5}, date(2024, 2, 29)) == date(2029, 2, 27)
    assert licences.valid_until({"kind": "permanent"}, date(2026, 1, 1)) is None
    assert licences.valid_until({"kind": "until", "until": "2030-06-30"}, date(2026, 1, 1)) == date(2030, 6, 30)


# ---------------------------------------------------------------- 亮证 and revocation

async def _present(client, who, licence_id: int) -> dict:
    r = await client.post(f"/api/v1/me/licences/{licence_id}/presentations", headers=who["headers"])
    assert r.status_code == 201, r.text
    return r.json()


async def test_a_presentation_token_verifies_publicly_masked_and_is_logged(client, flow):
    from urllib.parse import urlparse
    who = await citizen(client, level=3)
    await issued_case(client, flow, who)
    [item] = await wallet(client, who)
    p = await _present(client, who, item["id"])
    assert p["url"].endswith(f"/verify/licences/{p['token']}") and p["expires_at"] and p["ttl"] == 300
    import base64
    from PIL import Image
    assert p["qr"].startswith("data:image/png;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(p["qr"].split(",", 1)[1]))).size[0] > 100
    r = await client.get(urlparse(p["url"]).path, params={"channel": "window"})
    assert r.status_code == 200, r.text
    v = r.json()
    assert v["status"] == "valid" and v["genuine"] is True and v["licence"]["number"] == item["number"]
    assert v["issuer"] == "示例市住房公积金管理中心" and v["valid_until"] == item["valid_until"]
    assert who["name"] not in r.text and who["id_number"] not in r.text  # masked only
    assert v["licence"]["holder"].startswith(who["name"][0]) and "*" in v["licence"]["holder"]
    log = (await client.get("/api/v1/me/access-log", headers=who["headers"])).json()["items"]
    assert any("亮证核验" in e["purpose"] and "窗口核验" in e["purpose"] and item["number"] in e["purpose"]
               for e in log)
    # another citizen cannot make a token for it
    other = await citizen(client, level=3)
    r = await client.post(f"/api/v1/me/licences/{item['id']}/presentations", headers=other["headers"])
    assert r.status_code == 404


async def test_forged_expired_and_revoked_say_so_distinctly(client, flow, app):
    from app.services.licences import presentations
    who = await citizen(client, level=3)
    await issued_case(client, flow, who)
    [item] = await wallet(client, who)
    token = (await _present(client, who, item["id"]))["token"]
    body, mac = token.split(".")
    forged = [f"{body}.{mac[:-2]}AA", f"{body[:-2]}AA.{mac}", "nonsense", "a.b.c", "", "x" * 500,
              presentations.make_token(app.ctx.settings.with_(secret_key="QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="),
                                       item["id"])[0]]
    for t in forged:
        r = await client.get(f"/verify/licences/{t}")
        assert r.status_code in (400, 404) and (r.status_code == 404 or
                                                r.json()["error"]["code"] == "presentation_invalid"), (t, r.text)
    old, _ = presentations.make_token(app.ctx.settings, item["id"], now=0)
    r = await client.get(f"/verify/licences/{old}")
    assert r.status_code == 410 and r.json()["error"]["code"] == "presentation_expired"
    assert (await client.get(f"/verify/licences/{token}", params={"channel": "x"})).status_code == 422
    # 吊销 by staff of the issuing department (another department's staff: not found)
    stranger_staff = await staff_of(client, "gongan")
    r = await client.post(f"/api/v1/staff/licences/{item['id']}/end", headers=stranger_staff["headers"],
                          json={"kind": "revoked", "reason": "以欺骗手段取得"})
    assert r.status_code == 404
    gjj = await staff_of(client, "gjj")
    r = await client.post(f"/api/v1/staff/licences/{item['id']}/end", headers=gjj["headers"],
                          json={"kind": "revoked", "reason": "以欺骗手段取得"})
    assert r.status_code == 200 and r.json()["status"] == "revoked", r.text
    again = await client.post(f"/api/v1/staff/licences/{item['id']}/end", headers=gjj["headers"],
                              json={"kind": "cancelled", "reason": "重复"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "licence_not_valid"
    v = (await client.get(f"/verify/licences/{token}")).json()
    assert v["status"] == "revoked" and v["status_label"] == "已吊销"
    detail = (await client.get(f"/api/v1/me/licences/{item['id']}", headers=who["headers"])).json()
    assert [h["status"] for h in detail["status_history"]] == ["valid", "revoked"]
    # a licence past its last day verifies as expired
    from datetime import date
    await Licence.filter(id=item["id"]).update(status="valid", valid_until=date(2020, 1, 1))
    v = (await client.get(f"/verify/licences/{token}")).json()
    assert v["status"] == "expired" and v["genuine"] is False  # the stored validity no longer matches the signature
