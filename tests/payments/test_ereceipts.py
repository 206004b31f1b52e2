"""Electronic receipts (非税收入统一票据（电子）style): amounts in words, the signed canonical payload, issuing once
per paid order, the public check by number (a changed stored payload is not valid) and the payer's JSON and PDF.

The paid orders are made through the ORM and `issue` is called directly; everything after that goes through
HTTP.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import re
import secrets
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pypdf import PdfReader

from app.config import Settings
from app.security import mask_name
from app.services.payments import payment_receipts
from app.services.platform import workdays
from models import Department, LedgerEntry, OrderStatus, Payable, PayableStatus, PaymentOrder, Receipt, User
from tests.factories import admin, citizen


@pytest.fixture(scope="module")
async def department():
    code = f"t{uuid.uuid4().hex[:10]}"
    return await Department.create(code=code, name="示例市公安局交通警察支队", short_name="交警支队")


FINE_ITEMS = [{"item": "道路交通违法罚款", "code": "103050101", "amount_fen": 1500},
              {"item": "滞纳金", "code": "103050102", "amount_fen": 500}]


async def paid_order(who: dict, department: Department, *, amount_fen: int = 2000, items: list | None = None,
                     status: OrderStatus = OrderStatus.PAID) -> PaymentOrder:
    """A payable of `who` and an order paying it, made as rows the way the payments service credits a payment
    (the ledger entry too: the suite checks that the ledger and the paid orders agree)."""
    user = await User.get(id=who["user"]["id"])
    now = datetime.now(timezone.utc)
    paid = status == OrderStatus.PAID
    paid_at = now - timedelta(minutes=2) if paid else None
    payable = await Payable.create(
        payer=user, kind="traffic_fine", ref=f"GA{uuid.uuid4().hex[:16]}", description="道路交通安全违法行为罚款",
        items=FINE_ITEMS if items is None else items, amount_fen=amount_fen, department=department,
        fee_item_code="103050101", status=PayableStatus.PAID if paid else PayableStatus.UNPAID, paid_at=paid_at)
    order = await PaymentOrder.create(
        out_trade_no=f"ZB{uuid.uuid4().hex[:24]}", payable=payable, payer=user, amount_fen=amount_fen,
        status=status, transaction_id=f"4200{secrets.randbelow(10 ** 24):024d}" if paid else None,
        paid_at=paid_at, expires_at=now + timedelta(minutes=30))
    if paid:
        await LedgerEntry.create(order=order, kind="payment", amount_fen=amount_fen,
                                 external_id=order.transaction_id, occurred_at=paid_at)
    return order


@pytest.fixture(scope="module")
async def payer(client):
    return await citizen(client)


@pytest.fixture(scope="module")
async def issued(app, payer, department):
    order = await paid_order(payer, department)
    return order, await payment_receipts.issue(app.ctx.settings, order)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# ---------------------------------------------------------------- pure parts

@pytest.mark.parametrize("fen, words", [
    (0, "零元整"), (1, "壹分"), (10, "壹角整"), (11, "壹角壹分"), (100, "壹元整"), (105, "壹元零伍分"),
    (1010, "壹拾元壹角整"), (2000, "贰拾元整"), (10001, "壹佰元零壹分"), (100005, "壹仟元零伍分"),
    (168032, "壹仟陆佰捌拾元叁角贰分"), (1_000_000, "壹万元整"), (1_005_000, "壹万零伍拾元整"),
    (10_500_000, "壹拾万伍仟元整"), (10_000_000_000, "壹亿元整"), (10_000_500_000, "壹亿零伍仟元整"),
    (100_000_000_100, "壹拾亿零壹元整"), (1_000_010_000_000, "壹佰亿零壹拾万元整"),
    (99_999_999_999, "玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
])
def test_amount_in_words(fen, words):
    assert payment_receipts.amount_in_words(fen) == words


@pytest.mark.parametrize("bad", [-1, 1.5, "100", True])
def test_amount_in_words_takes_only_non_negative_whole_fen(bad):
    with pytest.raises(ValueError):
        payment_receipts.amount_in_words(bad)


def test_canonical_json_is_sorted_compact_utf8():
    payload = {"b": 1, "a": {"z": "元", "y": [2, {"d": 1, "c": 0}]}}
    assert payment_receipts.canonical(payload) == '{"a":{"y":[2,{"c":0,"d":1}],"z":"元"},"b":1}'.encode("utf-8")
    assert payment_receipts.canonical(payload) == payment_receipts.canonical({"a": {"y": [2, {"d": 1, "c": 0}], "z": "元"}, "b": 1})


def test_a_configured_key_signs_and_verifies_and_names_itself():
    seed = secrets.token_bytes(32)
    settings = Settings(database_url="postgres://db/x", redis_url="redis://r",
                        receipt_key=base64.b64encode(seed).decode())
    raw = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert payment_receipts.public_key_b64(settings) == base64.b64encode(raw).decode()
    payload = {"number": "1", "amount_fen": 2000, "payer": {"name": "王*明"}}
    signature, key_id = payment_receipts.sign(settings, payload)
    assert key_id == hashlib.sha256(raw).hexdigest()[:16]
    assert payment_receipts.verify(payload, signature, raw)
    assert payment_receipts.verify(payload, signature, payment_receipts.public_key_b64(settings))
    assert payment_receipts.verify(dict(payload), signature, payment_receipts.signing_key(settings).public)
    assert not payment_receipts.verify({**payload, "amount_fen": 1}, signature, raw)
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert not payment_receipts.verify(payload, signature, other)
    for junk in ("", "not base64!", base64.b64encode(b"short").decode()):
        assert not payment_receipts.verify(payload, junk, raw)


def test_production_mode_without_a_receipt_key_says_which_variable_to_set():
    with pytest.raises(RuntimeError, match=payment_receipts.RECEIPT_KEY_ENV):
        payment_receipts.signing_key(Settings(database_url="postgres://db/y", redis_url="redis://r"))


# ---------------------------------------------------------------- issuing and the public check

async def test_the_receipt_is_numbered_signed_and_masked(app, payer, department, issued):
    order, receipt = issued
    settings = app.ctx.settings
    day = workdays.local_date(receipt.created_at).strftime("%Y%m%d")
    assert re.fullmatch(rf"{settings.region_code}{day}\d{{8}}", receipt.number), receipt.number
    p = receipt.payload
    assert p["number"] == receipt.number and p["type"] == "非税收入统一票据（电子）" and p["issuer"] == "示例市财政局"
    assert p["payer"] == {"name": mask_name(payer["name"]), "id_number": payer["user"]["id_number"]}
    assert "*" in p["payer"]["id_number"] and payer["id_number"] not in str(p)
    assert p["items"] == FINE_ITEMS and p["amount_fen"] == 2000 and p["amount_in_words"] == "贰拾元整"
    assert p["collecting_department"] == {"code": department.code, "name": department.name}
    assert (p["out_trade_no"], p["transaction_id"]) == (order.out_trade_no, order.transaction_id)
    assert datetime.fromisoformat(p["paid_at"]) == order.paid_at.replace(microsecond=0)
    assert p["paid_at"].endswith("+00:00") and p["issued_at"].endswith("+00:00")
    assert receipt.key_id == payment_receipts.signing_key(settings).key_id
    assert payment_receipts.verify(p, receipt.signature, payment_receipts.public_key_b64(settings))


def verify_url(receipt) -> str:
    """The public check's address as printed on the receipt (and in its QR code)."""
    return payment_receipts.verify_path(receipt.number, receipt.signature)


async def test_verify_by_number_and_check_code_is_public_and_shows_only_masked_payer_data(client, app,
                                                                                        payer, issued):
    _, receipt = issued
    code = payment_receipts.check_code(receipt.signature)
    assert re.fullmatch(r"[A-Z2-7]{8}", code)
    assert verify_url(receipt) == f"/verify/receipts/{receipt.number}?code={code}"
    r = await client.get(verify_url(receipt))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["valid"] is True
    assert body["receipt"] == receipt.payload
    assert (body["signature"], body["key_id"]) == (receipt.signature, receipt.key_id)
    assert body["public_key"] == payment_receipts.public_key_b64(app.ctx.settings)
    assert body["receipt"]["payer"]["name"] == mask_name(payer["name"])
    assert payer["id_number"] not in r.text and payer["name"] not in r.text and payer["phone"] not in r.text
    # typed by hand: spaces and lower case are forgiven
    r = await client.get(f"/verify/receipts/{receipt.number}", params={"code": f" {code.lower()} "})
    assert r.status_code == 200 and r.json()["valid"] is True


async def test_a_number_without_its_check_code_reveals_nothing(client, app, payer, department, issued):
    """Numbers follow each other: the number alone must not open anyone's receipt."""
    _, receipt = issued
    other = await payment_receipts.issue(app.ctx.settings, await paid_order(payer, department))
    r = await client.get(f"/verify/receipts/{receipt.number}")
    assert r.status_code == 422
    assert r.json()["error"] == {"code": "check_code_required", "message": "请输入票据上的校验码", "field": "code"}
    assert (await client.get(f"/verify/receipts/{receipt.number}?code=")).status_code == 422
    unknown = (await client.get("/verify/receipts/33040219990101000000001?code=AAAAAAAA")).json()
    for wrong in ("AAAAAAAA", payment_receipts.check_code(other.signature), payment_receipts.check_code(receipt.signature)[:7]):
        r = await client.get(f"/verify/receipts/{receipt.number}", params={"code": wrong})
        assert r.status_code == 404 and r.json() == unknown, wrong  # exactly as for a number that does not exist
        assert receipt.signature not in r.text and mask_name(payer["name"]) not in r.text
    assert (await client.get(verify_url(other))).json()["valid"] is True


async def test_an_unknown_number_is_404_in_the_error_shape(client):
    r = await client.get("/verify/receipts/33040219990101000000001?code=ABCDEFGH")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "receipt_not_found"


async def test_a_changed_stored_payload_is_not_valid(client, payer, department, app):
    receipt = await payment_receipts.issue(app.ctx.settings, await paid_order(payer, department))
    url = verify_url(receipt)
    assert (await client.get(url)).json()["valid"] is True
    await Receipt.filter(id=receipt.id).update(payload={**receipt.payload, "amount_fen": 200})
    body = (await client.get(url)).json()
    assert body["valid"] is False and body["receipt"]["amount_fen"] == 200
    # a genuine payload (and its signature) moved under another number is not valid either
    other = await payment_receipts.issue(app.ctx.settings, await paid_order(payer, department))
    await Receipt.filter(id=receipt.id).update(payload=other.payload, signature=other.signature)
    body = (await client.get(f"/verify/receipts/{receipt.number}?code={payment_receipts.check_code(other.signature)}")).json()
    assert body["valid"] is False
    assert (await client.get(verify_url(other))).json()["valid"] is True


async def test_issue_is_idempotent_even_when_concurrent(app, payer, department, issued):
    order, receipt = issued
    again = await payment_receipts.issue(app.ctx.settings, order)
    assert (again.id, again.number, again.signature, again.payload) == (receipt.id, receipt.number,
                                                                         receipt.signature, receipt.payload)
    fresh = await paid_order(payer, department)
    copies = await asyncio.gather(*[payment_receipts.issue(app.ctx.settings, fresh) for _ in range(4)])
    assert len({c.id for c in copies}) == 1 and len({c.number for c in copies}) == 1
    assert await Receipt.filter(order_id=fresh.id).count() == 1
    # the losers' sequence increments were rolled back with their rows: the next number follows, no gap
    following = await payment_receipts.issue(app.ctx.settings, await paid_order(payer, department))
    if following.number[:-8] == copies[0].number[:-8]:  # not across midnight (Beijing time)
        assert int(following.number[-8:]) == int(copies[0].number[-8:]) + 1


async def test_numbers_follow_each_other_within_a_day(app, payer, department):
    a = await payment_receipts.issue(app.ctx.settings, await paid_order(payer, department))
    b = await payment_receipts.issue(app.ctx.settings, await paid_order(payer, department))
    if a.number[:-8] == b.number[:-8]:  # not across midnight (Beijing time)
        assert int(b.number[-8:]) == int(a.number[-8:]) + 1


async def test_an_unpaid_order_gets_no_receipt(client, app, payer, department):
    order = await paid_order(payer, department, status=OrderStatus.PENDING)
    with pytest.raises(payment_receipts.NotPaid):
        await payment_receipts.issue(app.ctx.settings, order)
    for suffix in ("receipt", "receipt.pdf"):
        r = await client.get(f"/api/v1/payments/{order.id}/{suffix}", headers=payer["headers"])
        assert r.status_code == 404 and r.json()["error"]["code"] == "receipt_not_found"
    # A row WeChat Pay never saw: closed, so that the late-order job of a later test does not ask WeChat about it.
    await PaymentOrder.filter(id=order.id).update(status=OrderStatus.CLOSED)


async def test_a_payable_without_items_is_one_line_and_lines_must_add_up(app, payer, department):
    receipt = await payment_receipts.issue(app.ctx.settings, await paid_order(payer, department, amount_fen=5000,
                                                                          items=[]))
    assert receipt.payload["items"] == [{"item": "道路交通安全违法行为罚款", "code": "103050101", "amount_fen": 5000}]
    assert receipt.payload["amount_in_words"] == "伍拾元整"
    bad = await paid_order(payer, department, amount_fen=2500)  # FINE_ITEMS add up to 2000
    with pytest.raises(payment_receipts.ItemsMismatch):
        await payment_receipts.issue(app.ctx.settings, bad)
    assert not await Receipt.filter(order_id=bad.id).exists()
    # Its lines corrected afterwards: a paid order left unreceiptable would fail the receipt job of a later test
    # again and again (closing it instead would break the ledger's balance with the paid orders).
    await Payable.filter(id=bad.payable_id).update(items=[{**FINE_ITEMS[0], "amount_fen": 2500}])


async def test_the_public_check_is_rate_limited_per_client(client, app, issued, monkeypatch):
    _, receipt = issued
    monkeypatch.setattr(app.ctx.tracker, "rate_limit", 3)
    headers = {"X-Real-IP": f"198.51.100.{secrets.randbelow(250) + 1}"}
    codes = [(await client.get(verify_url(receipt), headers=headers)).status_code for _ in range(2)]
    codes.append((await client.get(f"/verify/receipts/{receipt.number}?code=AAAAAAAA", headers=headers)).status_code)
    codes.append((await client.get(verify_url(receipt), headers=headers)).status_code)
    assert codes == [200, 200, 404, 429]  # wrong guesses count too
    other = {"X-Real-IP": "203.0.113.9"}
    assert (await client.get(verify_url(receipt), headers=other)).status_code == 200


# ---------------------------------------------------------------- the payer's copy

async def test_the_payer_gets_the_receipt_as_json(client, payer, issued):
    order, receipt = issued
    r = await client.get(f"/api/v1/payments/{order.id}/receipt", headers=payer["headers"])
    assert r.status_code == 200, r.text
    assert r.json() == {"number": receipt.number, "check_code": payment_receipts.check_code(receipt.signature),
                        "payload": receipt.payload, "signature": receipt.signature, "key_id": receipt.key_id}
    assert "no-store" in r.headers["cache-control"]


async def test_the_payer_gets_the_receipt_as_pdf(client, payer, issued):
    order, receipt = issued
    r = await client.get(f"/api/v1/payments/{order.id}/receipt.pdf", headers=payer["headers"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == f'inline; filename="ereceipt-{receipt.number}.pdf"'
    assert r.content.startswith(b"%PDF")
    text = text_of(r.content)
    for expected in (receipt.number, "非税收入", "贰拾元整", mask_name(payer["name"]), payer["user"]["id_number"], "20.00",
                     "道路交通违法罚款", "示例市公安局交通警察支队", "示例市财政局", receipt.key_id,
                     "校验码", payment_receipts.check_code(receipt.signature)):
        assert expected in text, expected
    assert payer["id_number"] not in text and payer["name"] not in text
    squeezed = re.sub(r"\s+", "", text)
    assert receipt.signature in squeezed  # in small print (it may wrap)
    assert verify_url(receipt) in squeezed  # where to check it, with its check code
    paid = workdays.display(datetime.fromisoformat(receipt.payload["paid_at"]))
    assert paid in text  # Beijing time


async def test_an_admin_may_read_any_receipt(client, issued):
    order, receipt = issued
    a = await admin(client)
    r = await client.get(f"/api/v1/payments/{order.id}/receipt", headers=a["headers"])
    assert r.status_code == 200 and r.json()["number"] == receipt.number


async def test_others_get_404_and_strangers_401(client, issued):
    order, _ = issued
    other = await citizen(client)
    for suffix in ("receipt", "receipt.pdf"):
        url = f"/api/v1/payments/{order.id}/{suffix}"
        r = await client.get(url, headers=other["headers"])
        assert r.status_code == 404 and r.json()["error"]["code"] == "payment_not_found"
        missing = await client.get(f"/api/v1/payments/999999999/{suffix}", headers=other["headers"])
        assert missing.status_code == 404 and missing.json() == r.json()  # mine-or-missing looks the same
        assert (await client.get(url)).status_code == 401


async def test_the_receipt_pdf_embeds_its_font_and_reads_the_same_without_chinese_fonts(client, payer, issued):
    from tests.documents import pdftools

    order, _ = issued
    pdf = (await client.get(f"/api/v1/payments/{order.id}/receipt.pdf", headers=payer["headers"])).content
    rows = pdftools.fonts(pdf)
    assert rows and all(r["emb"] == "yes" and r["sub"] == "yes" for r in rows), rows
    bare = pdftools.render(pdf, dpi=50)
    assert bare.tobytes() == pdftools.render(pdf, dpi=50, bare=False).tobytes()
    assert pdftools.ink(bare, (0, 0, bare.width, bare.height // 6)) > 200  # 示例市财政局监制 / 非税收入统一票据（电子）


async def test_the_pdf_is_rendered_once_and_kept_in_storage(app, client, payer, issued):
    from app.providers.storage import storage_for

    order, receipt = issued
    storage, key = storage_for(app), payment_receipts.pdf_key(receipt.number)
    await storage.delete(key)
    url = f"/api/v1/payments/{order.id}/receipt.pdf"
    first = (await client.get(url, headers=payer["headers"])).content
    assert first.startswith(b"%PDF") and await storage.get(key) == first
    await storage.put(key, b"%PDF-kept")  # the stored file is what is served: not rendered again
    assert (await client.get(url, headers=payer["headers"])).content == b"%PDF-kept"
    await storage.delete(key)
