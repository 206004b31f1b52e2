"""电子印章: the seal CA and certificates, PAdES signatures checked by pyHanko and by poppler's pdfsig, PDF/A-2b
declaration, and the data signatures (SM2 with SM3, ECDSA P-256)."""
from __future__ import annotations

import io
import json
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from pypdf import PdfReader

from app.config import Settings
from app.services.catalog.catalog import SEED_DIR
from app.services.documents import datasig, fonts, seals, sign
from tests.documents import pdftools

DEPARTMENTS = [("gongan", "示例市公安局（户政管理）"), ("shichang", "示例市市场监督管理局")]


def _pdf(text: str = "无犯罪记录证明") -> bytes:
    buf = io.BytesIO()
    c = fonts.Canvas(buf)
    c.setTitle(text)
    c.setFont(fonts.ensure(), 24)
    c.drawString(72, 700, text)
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> seals.SealStore:
    s = seals.SealStore(Settings(data_dir=str(tmp_path_factory.mktemp("seals"))))
    s.ensure_all(DEPARTMENTS)
    return s


@pytest.fixture(scope="module")
def nssdir(store, tmp_path_factory) -> str | None:
    return pdftools.nss_db(tmp_path_factory.mktemp("nss"),
                           store.ca_certificate().public_bytes(serialization.Encoding.PEM))


def _flip(pdf: bytes, at: int) -> bytes:
    bad = bytearray(pdf)
    bad[at] ^= 0x01
    return bytes(bad)


# ---------------------------------------------------------------- the seal store

def test_embedded_mode_creates_a_ca_and_one_seal_per_department_readable_only_by_us(store):
    files = sorted(p.name for p in store.dir.iterdir())
    assert files == ["ca.pem", "gongan.pem", "shichang.pem"]
    for p in store.dir.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    ca = store.ca_certificate()
    seal = store.seal("gongan")
    assert seal.name == "示例市公安局"  # the window in brackets is not on the seal
    assert seal.certificate.issuer == ca.subject
    assert seal.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "gongan"
    seal.certificate.verify_directly_issued_by(ca)


def test_a_second_start_reads_the_same_keys(store):
    again = seals.SealStore(store.settings)
    assert again.ca_certificate() == store.ca_certificate()
    assert again.seal("gongan").certificate == store.seal("gongan").certificate


def test_a_department_code_cannot_name_another_file(store):
    for code in ("../ca", "GONGAN", "", "a" * 33):
        with pytest.raises(seals.SealMissing):
            store.seal(code, "某部门")


def test_production_loads_pkcs12_files_and_says_what_is_missing(store, tmp_path):
    p12 = tmp_path / "gongan.p12"
    p12.write_bytes(seals.to_pkcs12(store.seal("gongan"), b"s3cret"))
    prod = seals.SealStore(Settings(data_dir=str(tmp_path), database_url="postgres://x/y", redis_url="redis://x",
                                    seal_p12=f"gongan={p12}", seal_p12_password="s3cret"))
    loaded = prod.seal("gongan")
    assert loaded.certificate == store.seal("gongan").certificate and loaded.ca == store.ca_certificate()
    assert prod.ca_certificate() == store.ca_certificate()
    with pytest.raises(seals.SealMissing, match="ZB_SEAL_P12"):
        prod.seal("shichang", "示例市市场监督管理局")
    assert not (tmp_path / "seals").exists()  # production never makes keys
    wrong = seals.SealStore(prod.settings.with_(seal_p12_password="nope"))
    with pytest.raises(ValueError):
        wrong.seal("gongan")


def test_the_seal_image_is_a_red_round_seal_with_the_name():
    from PIL import Image
    png = seals.seal_image("示例市公安局")
    img = Image.open(io.BytesIO(png)).convert("RGBA")
    w, h = img.size
    assert w == h and img.getpixel((w // 2, h // 2))[:3] == seals.SEAL_RED[:3]  # the star
    assert img.getpixel((2, 2))[3] == 0  # transparent outside the ring
    assert seals.seal_image("示例市民政局") != png  # the name is drawn, not a fixed picture


# ---------------------------------------------------------------- PAdES

def test_a_signed_pdf_verifies_with_pyhanko_and_pdfsig(store, nssdir):
    signed = sign.sign_pdf(_pdf(), store.seal("gongan"), pdfa=True, title="无犯罪记录证明")
    [v] = sign.verify_pdf(signed, [store.ca_certificate()])
    assert v.ok and "示例市公安局" in v.signer
    report = pdftools.pdfsig(signed, nssdir)
    assert "Signature is Valid" in report and "ETSI.CAdES.detached" in report, report
    assert "Total document signed" in report
    if nssdir:
        assert "Certificate is Trusted" in report, report
    else:  # without certutil: the signature checks, the issuer is unknown to pdfsig
        assert "Certificate issuer isn't Trusted" in report, report


def test_a_changed_byte_fails_both_verifiers(store, nssdir):
    signed = sign.sign_pdf(_pdf(), store.seal("gongan"))
    # a byte of the original page content, well inside the signed range
    at = signed.index(b"stream", 400) + 20
    bad = _flip(signed, at)
    results = sign.verify_pdf(bad, [store.ca_certificate()])
    assert not any(v.ok for v in results)
    assert "Signature is Valid" not in pdftools.pdfsig(bad, nssdir)


def test_another_ca_is_not_trusted_and_an_unsigned_pdf_is_no_signature(store, tmp_path):
    other = seals.SealStore(Settings(data_dir=str(tmp_path)))
    signed = sign.sign_pdf(_pdf(), other.seal("gongan", "示例市公安局"))
    [v] = sign.verify_pdf(signed, [store.ca_certificate()])
    assert v.intact and v.valid and not v.trusted and not v.ok
    with pytest.raises(sign.SignatureInvalid):
        sign.verify_pdf(_pdf(), [store.ca_certificate()])
    with pytest.raises(sign.SignatureInvalid):
        sign.verify_pdf(b"%PDF-1.4 nonsense", [store.ca_certificate()])


def test_something_appended_after_signing_is_not_covered(store):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    signed = sign.sign_pdf(_pdf(), store.seal("gongan"))
    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    w.document_meta.title = "改过的标题"
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    [v] = sign.verify_pdf(out.getvalue(), [store.ca_certificate()])
    assert v.intact and v.valid and not v.whole_file and not v.ok


def test_pdfa_2b_is_declared_with_the_fonts_embedded(store):
    signed = sign.sign_pdf(_pdf(), store.seal("shichang"), pdfa=True, title="营业执照", subject="证照")
    reader = PdfReader(io.BytesIO(signed))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="B"' in xmp and xmp.count("pdfaid:part") == 1
    [intent] = reader.trailer["/Root"]["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"
    assert intent.get_object()["/DestOutputProfile"].get_object().get_data()[36:40] == b"acsp"  # an ICC profile
    assert reader.trailer["/Root"]["/Version"] == "/1.7"  # PDF/A-2 is PDF 1.7
    info = reader.metadata
    assert info.title == "营业执照" and "pdf:Producer=\"%s\"" % info.producer in xmp
    assert all(r["emb"] == "yes" for r in pdftools.fonts(signed))


# ---------------------------------------------------------------- data signatures

def test_sm3_and_sm2_match_the_standards_published_examples():
    # GB/T 32905 (SM3) example 1
    assert datasig.sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    # GM/T 0003.5-2012 / GB/T 32918.5 Annex A: the recommended curve, ID 1234567812345678, "message digest"
    d = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8"
    assert datasig.sm2_public(d) == ("04" "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
                                     "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13")
    r, s = datasig.sm2_sign(d, b"message digest",
                            k_hex="59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21")
    assert f"{r:064X}" == "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
    assert f"{s:064X}" == "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"
    assert datasig.sm2_verify(datasig.sm2_public(d), b"message digest", r, s)
    assert not datasig.sm2_verify(datasig.sm2_public(d), b"message digesT", r, s)


def test_sm2_nonces_are_fresh():
    d = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8"
    assert datasig.sm2_sign(d, b"x")[0] != datasig.sm2_sign(d, b"x")[0]


@pytest.mark.parametrize("algorithm", ["sm2", "ecdsa"])
def test_a_record_signature_verifies_offline_and_nothing_else_does(store, algorithm):
    key = datasig.department_key(store, algorithm, "gongan")
    payload = {"number": "330402-WFZ-2026-000001", "holder": {"name": "张*", "id_number": "3304**********1234"},
               "fields": {"用途": "出国留学"}, "valid_until": None, "n": 1}
    sig = datasig.sign(key, payload)
    assert sig["alg"] == datasig.ALGORITHMS[algorithm] and sig["key_id"] == key.key_id
    assert datasig.verify(sig, payload, key.public)
    # key order does not matter (canonical JSON); any change of content does
    assert datasig.verify(sig, dict(reversed(list(payload.items()))), key.public)
    assert not datasig.verify(sig, {**payload, "n": 2}, key.public)
    assert not datasig.verify(sig, {**payload, "fields": {"用途": "出国旅游"}}, key.public)
    other = datasig.department_key(store, algorithm, "shichang")
    assert other.public != key.public and not datasig.verify(sig, payload, other.public)
    # forged and malformed signatures are False, never an exception
    for forged in ({**sig, "value": sig["value"][:-4] + "AAAA"}, {**sig, "value": "!!"}, {**sig, "value": ""},
                   {**sig, "alg": "none"}, {"value": sig["value"]}, {},
                   {**sig, "value": __import__("base64").b64encode(bytes(64)).decode()}):
        assert not datasig.verify(forged, payload, key.public)
    assert not datasig.verify(sig, payload, "04" + "00" * 64)
    assert not datasig.verify(sig, payload, "not hex")


def test_sm2_rejects_r_or_s_out_of_range(store):
    key = datasig.department_key(store, "sm2", "gongan")
    msg = datasig.canonical({"a": 1})
    n = int(datasig._TABLE["n"], 16)
    r, s = datasig.sm2_sign(key.private, msg)
    assert datasig.sm2_verify(key.public, msg, r, s)
    for bad in ((0, s), (r, 0), (r + n, s), (r, s + n), (n, s)):
        assert not datasig.sm2_verify(key.public, msg, *bad)


def test_the_sm2_key_file_is_ours_only(store):
    datasig.department_key(store, "sm2", "gongan")
    path = store.dir / "gongan.sm2"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert datasig.department_key(store, "sm2", "gongan").private == path.read_text().strip()
    with pytest.raises(RuntimeError, match="ZB_DATA_SIGNATURE"):
        datasig.department_key(store, "rsa", "gongan")


def test_the_operator_script_makes_what_production_loads(tmp_path):
    from scripts import seals as seal_script
    env = seal_script.make(tmp_path / "out", "pw", DEPARTMENTS)
    again = seal_script.make(tmp_path / "out", "pw", DEPARTMENTS + [("minzheng", "示例市民政局")])  # same CA
    assert again["ZB_SEAL_CA_CERT"] == env["ZB_SEAL_CA_CERT"]
    for p in (tmp_path / "out").iterdir():
        if p.suffix in (".p12", ".sm2") or p.name == "ca.key.pem":
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    prod = Settings(data_dir=str(tmp_path / "var"), database_url="postgres://x/y", redis_url="redis://x",
                    seal_ca_cert=again["ZB_SEAL_CA_CERT"], seal_p12=again["ZB_SEAL_P12"],
                    seal_p12_password="pw", sm2_keys=again["ZB_SM2_KEYS"])
    store = seals.SealStore(prod)
    signed = sign.sign_pdf(_pdf(), store.seal("minzheng"))
    [v] = sign.verify_pdf(signed, [store.ca_certificate()])
    assert v.ok and "示例市民政局" in v.signer
    key = datasig.department_key(store, "sm2", "gongan")
    assert datasig.verify(datasig.sign(key, {"a": 1}), {"a": 1}, key.public)
    with pytest.raises(seals.SealMissing, match="ZB_SM2_KEYS"):
        datasig.department_key(store, "sm2", "jiaoyu")


async def test_the_embedded_start_made_every_departments_seal_and_production_made_none(client, settings):
    from pathlib import Path

    from models import Department
    made = Path(settings.data_dir) / seals.SEAL_DIR
    if not settings.embedded:
        assert not made.exists()
        return
    # The departments there were at start (the seed's); one an admin adds later gets its seal when first used.
    seeded = json.loads((SEED_DIR / "departments.json").read_text("utf-8"))
    codes = [d["code"] for d in seeded]
    assert set(codes) <= set(await Department.all().values_list("code", flat=True))
    assert codes and {f"{c}.pem" for c in codes} | {"ca.pem"} <= {p.name for p in made.iterdir()}
    assert {f"{c}.sm2" for c in codes} <= {p.name for p in made.iterdir()}  # ZB_DATA_SIGNATURE=sm2, the default
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in made.iterdir())
