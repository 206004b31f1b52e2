"""Electronic receipts for payments, in the style of a 非税收入统一票据（电子）.

A receipt is issued once per paid order: a number `{region}{YYYYMMDD}{seq:08d}` (Beijing date, a gapless daily
sequence from the counters table), a payload that carries only masked personal data, and an Ed25519 signature
over `canonical(payload)`. Anyone holding the receipt can check it at /verify/receipts/{number}?code={check code}:
the stored signature is verified again with the current public key, so a payload changed in the database shows as
invalid. The check code (校验码, printed on the receipt beside its number, as on a 财政电子票据) is what keeps the
public check from being a directory of everyone's payments: numbers follow each other, so a number alone is
guessable, and without its code the check answers exactly as for a number that does not exist.

The signing key is a 32-byte Ed25519 seed, base64 in ZB_RECEIPT_KEY (Settings.receipt_key); in embedded mode,
without one, a key file `receipt.key` is created in ZB_DATA_DIR (app.security.load_key). The key id is the first
16 hex digits of SHA-256 over the raw public key.

`render_pdf` is pure (payload in, PDF bytes out); `receipt_pdf` runs it in a worker thread.
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from xml.sax.saxutils import escape

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.errors import Conflict, Invalid, NotFound
from app.security import load_key, mask_name
from app.services.platform import counters, qr, workdays
from app.services.cases.acceptance_receipts import INK, LINE, SHADE
from app.services.documents import fonts
from app.services.documents.fonts import FONT
from models import OrderStatus, Payable, PaymentOrder, Receipt, User
from models.users import Role

RECEIPT_KEY_ENV = "ZB_RECEIPT_KEY"  # -> Settings.receipt_key
KEY_FILE = "receipt.key"
TITLE = "非税收入统一票据（电子）"
ISSUER = "示例市财政局"
VERIFY_PATH = "/verify/receipts/{number}?code={code}"
CHECK_CODE_LENGTH = 8  # base32 characters: 40 bits, with the public check rate-limited per client


class ReceiptNotFound(NotFound):
    code, message = "receipt_not_found", "没有找到该电子票据"


class CheckCodeRequired(Invalid):
    code, message = "check_code_required", "请输入票据上的校验码"


class PaymentNotFound(NotFound):
    code, message = "payment_not_found", "没有找到该缴费记录"


class NotPaid(Conflict):
    code, message = "payment_not_paid", "该笔缴费尚未完成，不能开具票据"


class ItemsMismatch(Conflict):
    code, message = "receipt_items_mismatch", "缴费明细与实缴金额不一致，不能开具票据"


# ---------------------------------------------------------------- signing key

@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    public: Ed25519PublicKey
    public_raw: bytes
    key_id: str


def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def _configured(settings) -> str:
    # Settings.receipt_key (env ZB_RECEIPT_KEY) once the field exists; until then only the key file.
    return getattr(settings, "receipt_key", "") or ""


@lru_cache(maxsize=8)
def signing_key(settings) -> SigningKey:
    """The receipt key of these settings (read once per process: the key file is not read per receipt)."""
    configured = _configured(settings)
    if not configured and not settings.embedded:
        raise RuntimeError(f"production mode needs {RECEIPT_KEY_ENV} set (base64 of a 32-byte Ed25519 seed)")
    private = Ed25519PrivateKey.from_private_bytes(load_key(settings, configured, KEY_FILE))
    public = private.public_key()
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return SigningKey(private, public, raw, key_id_of(raw))


def public_key_b64(settings) -> str:
    """The raw 32-byte Ed25519 public key, base64: what a verifier outside needs."""
    return base64.b64encode(signing_key(settings).public_raw).decode()


def canonical(payload: dict) -> bytes:
    """The exact bytes that are signed: the payload as JSON with keys sorted at every level, no whitespace
    (separators "," and ":"), non-ASCII characters as themselves (ensure_ascii=False), encoded as UTF-8.
    Payloads hold only strings, integers (amounts in fen), lists and objects, so the form is unambiguous."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sign(settings, payload: dict) -> tuple[str, str]:
    """(base64 signature over canonical(payload), key id)."""
    key = signing_key(settings)
    return base64.b64encode(key.private.sign(canonical(payload))).decode(), key.key_id


def _public(public_key) -> Ed25519PublicKey:
    if isinstance(public_key, Ed25519PublicKey):
        return public_key
    raw = base64.b64decode(public_key, validate=True) if isinstance(public_key, str) else bytes(public_key)
    return Ed25519PublicKey.from_public_bytes(raw)


def verify(receipt_payload: dict, signature: str, public_key) -> bool:
    """Whether `signature` (base64) is the Ed25519 signature of canonical(receipt_payload) by `public_key`
    (an Ed25519PublicKey, its 32 raw bytes, or those bytes as base64). Malformed input is simply not valid."""
    try:
        key = _public(public_key)
        key.verify(base64.b64decode(signature, validate=True), canonical(receipt_payload))
        return True
    except (InvalidSignature, ValueError, TypeError, binascii.Error):
        return False


# ---------------------------------------------------------------- amounts

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")


def _group_words(g: int) -> str:
    """1..9999 in capitals: inner zeros read as one 零, trailing zeros not at all (壹仟零壹拾)."""
    out, zero = "", False
    for place in (3, 2, 1, 0):
        d = g // 10 ** place % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out, zero = out + "零", False
        out += DIGITS[d] + PLACES[place]
    return out


def _yuan_words(n: int) -> str:
    groups = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    out, gap = "", False
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"  # 壹万零伍佰, 壹亿零伍仟
        out += _group_words(g) + GROUPS[i]
        gap = False
    return out


def amount_in_words(fen: int) -> str:
    """An amount in fen as 人民币大写 (中文大写金额), the way 支付结算办法 writes it:
    0 → 零元整, 1 → 壹分, 10 → 壹角整, 2000 → 贰拾元整, 10001 → 壹佰元零壹分, 1000000 → 壹万元整.
    "整" follows 元 or 角, never 分; 元 is followed by 零 when the 角 is zero and the 分 is not."""
    if isinstance(fen, bool) or not isinstance(fen, int) or fen < 0:
        raise ValueError("amount must be a non-negative integer number of fen")
    if fen >= 10 ** 20:
        raise ValueError("amount too large")
    yuan, rest = divmod(fen, 100)
    jiao, fen_ = divmod(rest, 10)
    if fen == 0:
        return "零元整"
    out = _yuan_words(yuan) + "元" if yuan else ""
    if jiao:
        out += DIGITS[jiao] + "角"
    elif fen_ and yuan:
        out += "零"
    if fen_:
        out += DIGITS[fen_] + "分"
    else:
        out += "整"
    return out


def yuan(fen: int) -> str:
    """2000 → 20.00, 123456789 → 1,234,567.89."""
    return f"{fen // 100:,}.{fen % 100:02d}"


# ---------------------------------------------------------------- issuing


def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="seconds")


def _items(payable: Payable, amount_fen: int) -> list[dict]:
    if payable.items:
        lines = [{"item": str(i["item"]), "code": str(i.get("code") or payable.fee_item_code),
                  "amount_fen": int(i["amount_fen"])} for i in payable.items]
    else:
        lines = [{"item": payable.description, "code": payable.fee_item_code, "amount_fen": amount_fen}]
    if sum(line["amount_fen"] for line in lines) != amount_fen:
        raise ItemsMismatch()
    return lines


def build_payload(*, number: str, order: PaymentOrder, payable: Payable, payer: User, issued_at: datetime) -> dict:
    """What the receipt says (and what is signed): masked payer data only, amounts in fen, times in UTC."""
    department = payable.department
    return {
        "number": number,
        "type": TITLE,
        "payer": {"name": mask_name(payer.name or ""), "id_number": payer.id_number_masked or ""},
        "items": _items(payable, order.amount_fen),
        "amount_fen": order.amount_fen,
        "amount_in_words": amount_in_words(order.amount_fen),
        "collecting_department": {"code": department.code, "name": department.name},
        "out_trade_no": order.out_trade_no,
        "transaction_id": order.transaction_id,
        "paid_at": _iso(order.paid_at),
        "issued_at": _iso(issued_at),
        "issuer": ISSUER,
    }


async def issue(settings, order: PaymentOrder) -> Receipt:
    """The receipt of a paid order, issued on the first call and returned as it is on every later one.

    The sequence increment and the receipt row are one transaction, so a concurrent issue for the same order
    (the one-to-one order key rejects the second row) rolls its increment back: numbers have no gaps. Call it
    after the payment is committed; it is safe to retry."""
    existing = await Receipt.get_or_none(order_id=order.id)
    if existing:
        return existing
    order = await PaymentOrder.get(id=order.id)  # as stored: the caller's copy may predate the payment
    if order.status != OrderStatus.PAID or order.paid_at is None or not order.transaction_id:
        raise NotPaid()
    payer = await User.get(id=order.payer_id)
    payable = await Payable.get(id=order.payable_id).prefetch_related("department")
    for _ in range(5):
        issued_at = workdays.utcnow()
        day = workdays.local_date(issued_at).strftime("%Y%m%d")
        try:
            async with in_transaction():
                # the counter's upsert runs on this transaction's connection: rolled back with it, no gaps
                seq = await counters.next_value(f"receipt:{day}")
                number = counters.number(f"{settings.region_code}{day}", seq, 8)
                payload = build_payload(number=number, order=order, payable=payable, payer=payer,
                                        issued_at=issued_at)
                signature, key_id = sign(settings, payload)
                return await Receipt.create(number=number, order_id=order.id, payload=payload,
                                            signature=signature, key_id=key_id)
        except IntegrityError:
            existing = await Receipt.get_or_none(order_id=order.id)
            if existing:  # issued concurrently
                return existing
    raise Conflict("票据号生成繁忙，请重试")


# ---------------------------------------------------------------- reading

async def for_order(settings, user: User, order_id: int) -> Receipt:
    """The receipt of an order, for the citizen who paid it or an admin; 404 for anyone else and for an unpaid
    order. A paid order whose receipt was not issued yet (it is issued right after the payment, off the notify
    path) gets it now."""
    order = await PaymentOrder.get_or_none(id=order_id)
    if order is None or (user.role != Role.ADMIN and order.payer_id != user.id):
        raise PaymentNotFound()
    receipt = await Receipt.get_or_none(order_id=order.id)
    if receipt is None:
        if order.status != OrderStatus.PAID:
            raise ReceiptNotFound()
        receipt = await issue(settings, order)
    return receipt


def view(receipt: Receipt) -> dict:
    return {"number": receipt.number, "check_code": check_code(receipt.signature), "payload": receipt.payload,
            "signature": receipt.signature, "key_id": receipt.key_id}


def check_code(signature: str) -> str:
    """The receipt's 校验码: 8 base32 characters (A–Z, 2–7) of SHA-256 over its signature. Only the signing key
    makes a signature, so only the receipt's holder knows its code; it never changes once the receipt is issued
    (the signature is stored), and needs no column of its own."""
    digest = hashlib.sha256(b"zb-ereceipt-check-code:" + signature.encode()).digest()
    return base64.b32encode(digest).decode()[:CHECK_CODE_LENGTH]


def verify_path(number: str, signature: str) -> str:
    return VERIFY_PATH.format(number=number, code=check_code(signature))


async def verification(settings, number: str, code: str | None) -> dict:
    """The public check of a receipt by its number and check code: its payload (masked data only) and whether
    the stored signature verifies now, with the current key, over the stored payload. A wrong code is a 404
    like an unknown number, so that numbers cannot be tried one after another."""
    code = (code or "").strip().upper()
    if not code:
        raise CheckCodeRequired(field="code")
    receipt = await Receipt.get_or_none(number=number)
    if receipt is None or not hmac.compare_digest(code.encode(), check_code(receipt.signature).encode()):
        raise ReceiptNotFound()
    key = signing_key(settings)
    payload = receipt.payload
    valid = (isinstance(payload, dict) and payload.get("number") == receipt.number
             and verify(payload, receipt.signature, key.public))
    return {"valid": valid, "receipt": payload, "signature": receipt.signature, "key_id": receipt.key_id,
            "public_key": base64.b64encode(key.public_raw).decode()}


# ---------------------------------------------------------------- PDF

PAGE = landscape(A5)
LABEL_W = 23 * mm
_base = ParagraphStyle("zb-er-base", fontName=FONT, fontSize=10, leading=14, textColor=INK, wordWrap="CJK")
STYLES = {
    "issuer": ParagraphStyle("zb-er-issuer", parent=_base, fontSize=10, alignment=TA_CENTER),
    "title": ParagraphStyle("zb-er-title", parent=_base, fontSize=17, leading=24, alignment=TA_CENTER),
    "label": ParagraphStyle("zb-er-label", parent=_base, textColor=colors.HexColor("#52606d")),
    "value": _base,
    "head": ParagraphStyle("zb-er-head", parent=_base, fontSize=9.5, leading=13),
    "cell": ParagraphStyle("zb-er-cell", parent=_base, fontSize=9.5, leading=13),
    "money": ParagraphStyle("zb-er-money", parent=_base, fontSize=9.5, leading=13, alignment=TA_RIGHT),
    "small": ParagraphStyle("zb-er-small", parent=_base, fontSize=6.5, leading=8.5),
}


def _p(text: object, style: str = "value") -> Paragraph:
    """Plain text as a paragraph: escaped, since Paragraph reads markup."""
    return Paragraph(escape("" if text in (None, "") else str(text)) or "—", STYLES[style])


def _local(iso: str | None) -> str:
    return f"{workdays.display(datetime.fromisoformat(iso))}（北京时间）" if iso else "—"


def _grid(data: list, widths: list[float], style: list) -> Table:
    t = Table(data, colWidths=widths)
    t.setStyle(TableStyle([
        fonts.TABLE_FONT,
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *style,
    ]))
    return t


def render_pdf(payload: dict, signature: str, key_id: str, *, base_url: str = "") -> bytes:
    """The receipt as PDF bytes (A5 landscape): title, number and date, payer (masked), check code and key id,
    items, the total in figures and in words, collecting department, payment references, and in small print the
    signature and where to verify (with a QR code of that address, check code included). No I/O: everything comes from the arguments."""
    fonts.ensure()
    number = str(payload.get("number") or "")
    code = check_code(signature)
    verify_url = f"{base_url.rstrip('/')}{verify_path(number, signature)}"
    buf = io.BytesIO()
    margin = 12 * mm
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=margin, rightMargin=margin, topMargin=9 * mm,
                            bottomMargin=9 * mm, title=f"{payload.get('type') or TITLE} {number}",
                            author=str(payload.get("issuer") or ISSUER), subject=TITLE, creator="掌办")
    w = doc.width
    payer = payload.get("payer") or {}
    dept = payload.get("collecting_department") or {}
    amount = int(payload.get("amount_fen") or 0)

    head = _grid([
        [_p("票据号码", "label"), _p(number), _p("开票日期", "label"), _p(_local(payload.get("issued_at")))],
        [_p("交款人", "label"), _p(payer.get("name")), _p("证件号码", "label"), _p(payer.get("id_number"))],
        [_p("校验码", "label"), _p(code), _p("密钥标识", "label"), _p(key_id)],
    ], [LABEL_W, w / 2 - LABEL_W, LABEL_W, w / 2 - LABEL_W], [("BACKGROUND", (0, 0), (0, -1), SHADE),
                                                              ("BACKGROUND", (2, 0), (2, -1), SHADE)])
    rows = [[_p(h, "head") for h in ("序号", "项目编码", "项目名称", "金额（元）")]]
    rows += [[_p(i, "cell"), _p(it.get("code"), "cell"), _p(it.get("item"), "cell"),
              _p(yuan(int(it.get("amount_fen") or 0)), "money")]
             for i, it in enumerate(payload.get("items") or [], 1)]
    rows.append([_p("金额合计（大写）", "head"), "", _p(f"人民币{payload.get('amount_in_words') or ''}", "cell"),
                 _p(f"¥{yuan(amount)}", "money")])
    n = len(rows) - 1
    items = _grid(rows, [12 * mm, 34 * mm, w - 12 * mm - 34 * mm - 32 * mm, 32 * mm],
                  [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("SPAN", (0, n), (1, n)),
                   ("BACKGROUND", (0, n), (1, n), SHADE)])
    refs = _grid([
        [_p("执收单位", "label"), _p(f"{dept.get('name') or '—'}（{dept.get('code') or '—'}）"),
         _p("缴款时间", "label"), _p(_local(payload.get("paid_at")))],
        [_p("商户订单号", "label"), _p(payload.get("out_trade_no")),
         _p("支付交易号", "label"), _p(payload.get("transaction_id"))],
    ], [LABEL_W, w / 2 - LABEL_W, LABEL_W, w / 2 - LABEL_W], [("BACKGROUND", (0, 0), (0, -1), SHADE),
                                                              ("BACKGROUND", (2, 0), (2, -1), SHADE)])
    qr_size = 22 * mm
    small = [_p(f"收款单位（开票单位）：{payload.get('issuer') or ISSUER}。本票据为电子票据，与纸质票据具有同等效力。",
                "small"),
             _p(f"电子签名（Ed25519，签名对象为票据内容的规范化 JSON）：{signature}", "small"),
             _p(f"查验地址：{verify_url}（扫码查验，或凭票据号码和校验码查验真伪）", "small")]
    png = qr.render(verify_url, "png") if base_url else b""
    if png:
        foot = Table([[small, Image(io.BytesIO(png), width=qr_size, height=qr_size)]],
                     colWidths=[w - qr_size - 2 * mm, qr_size + 2 * mm])
        foot.setStyle(TableStyle([fonts.TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
        tail = [foot]
    else:
        tail = small
    story = [_p(f"{payload.get('issuer') or ISSUER}监制", "issuer"), _p(payload.get("type") or TITLE, "title"),
             Spacer(1, 3 * mm), head, Spacer(1, 2 * mm), items, Spacer(1, 2 * mm), refs, Spacer(1, 3 * mm), *tail]
    doc.build(story, canvasmaker=fonts.Canvas)
    return buf.getvalue()


async def receipt_pdf(payload: dict, signature: str, key_id: str, base_url: str = "") -> bytes:
    """render_pdf off the event loop (reportlab is CPU-bound)."""
    return await asyncio.to_thread(render_pdf, payload, signature, key_id, base_url=base_url)


def pdf_key(number: str) -> str:
    return f"pdf/payment-receipts/{number.lower()}.pdf"


async def stored_pdf(storage, receipt: Receipt, base_url: str = "") -> bytes:
    """The receipt's PDF from the storage, rendered and put there the first time: a signed receipt never
    changes, so it is rendered once, and every app host serves the same file."""
    key = pdf_key(receipt.number)
    try:
        return await storage.get(key)
    except FileNotFoundError:
        pass
    body = await receipt_pdf(receipt.payload, receipt.signature, receipt.key_id, base_url)
    await storage.put(key, body)
    return body
