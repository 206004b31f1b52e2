"""A licence as a PDF: an A4 certificate (证照) or a 证明 letter with the issuing department's seal image, then
PDF/A-2b and the department's PAdES signature (documents.sign). Pure: everything comes from the arguments."""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.services.documents import fonts, seals, sign
from app.services.documents.fonts import FONT

INK = colors.HexColor("#1f2d3d")
LINE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef2f6")
# The seal picture in pixels: about 150 dpi at its 42 mm. Every render re-encodes it into the PDF, so the larger
# default image would cost about as much as all the rest of the page.
SEAL_PX = 240
_base = ParagraphStyle("zb-lic-base", fontName=FONT, fontSize=11, leading=16, textColor=INK, wordWrap="CJK")
STYLES = {
    "title": ParagraphStyle("zb-lic-title", parent=_base, fontSize=24, leading=34, alignment=TA_CENTER),
    "no": ParagraphStyle("zb-lic-no", parent=_base, fontSize=11, alignment=TA_CENTER),
    "label": ParagraphStyle("zb-lic-label", parent=_base, textColor=colors.HexColor("#52606d")),
    "value": _base,
    "body": ParagraphStyle("zb-lic-body", parent=_base, fontSize=12.5, leading=22, firstLineIndent=25),
    "issuer": ParagraphStyle("zb-lic-issuer", parent=_base, fontSize=12, leading=20, alignment=TA_RIGHT),
    "small": ParagraphStyle("zb-lic-small", parent=_base, fontSize=7, leading=9.5),
}


def _p(text: object, style: str = "value") -> Paragraph:
    return Paragraph(escape("" if text in (None, "") else str(text)) or "—", STYLES[style])


def _validity(p: dict) -> str:
    return f"{p['valid_from']} 至 {p['valid_until']}" if p.get("valid_until") else f"{p['valid_from']} 起长期有效"


def render(seal_name: str, payload: dict, kind: str, rows: list[tuple[str, str]], data_signature: dict) -> bytes:
    """The unsigned PDF of a licence: title, number, fields, validity, issuer with the seal image, and in small
    print the data signature (algorithm, key id, value) over the canonical payload."""
    fonts.ensure()
    buf = io.BytesIO()
    margin = 20 * mm
    title = payload["type"]["name"]
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=22 * mm,
                            bottomMargin=18 * mm, title=f"{title} {payload['number']}", author=seal_name,
                            subject="电子证照" if kind == "certificate" else "证明", creator="掌办")
    w = doc.width
    story: list = [_p(title, "title"), _p(f"编号：{payload['number']}", "no"), Spacer(1, 10 * mm)]
    if kind == "letter":
        holder = dict(rows)
        who = holder.get("姓名") or holder.get("名称") or ""
        story.append(_p(f"兹证明 {who} 的“{payload['type']['name']}”信息如下，特此证明。", "body"))
        story.append(Spacer(1, 6 * mm))
    facts = [[_p(label, "label"), _p(value)] for label, value in rows]
    facts += [[_p("有效期", "label"), _p(_validity(payload))], [_p("受理编号", "label"), _p(payload.get("acceptance_no"))]]
    t = Table(facts, colWidths=[35 * mm, w - 35 * mm])
    t.setStyle(TableStyle([fonts.TABLE_FONT, ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                           ("BACKGROUND", (0, 0), (0, -1), SHADE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    story += [t, Spacer(1, 14 * mm)]
    seal_size = 42 * mm
    issuer = Table([[[_p(f"发证机关：{seal_name}", "issuer"), _p(f"发证日期：{payload['issued_at'][:10]}", "issuer")],
                     Image(io.BytesIO(seals.seal_image(seal_name, size=SEAL_PX)), width=seal_size, height=seal_size)]],
                   colWidths=[w - seal_size, seal_size])
    issuer.setStyle(TableStyle([fonts.TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story += [issuer, Spacer(1, 12 * mm),
              _p("本证照由发证机关以电子印章签署（PDF 数字签名），并对证照数据另行签名，可离线验证："
                 f"算法 {data_signature.get('alg')}，密钥标识 {data_signature.get('key_id')}，"
                 f"签名值 {data_signature.get('value')}。", "small")]
    doc.build(story, canvasmaker=fonts.Canvas)
    return buf.getvalue()


def render_signed(seal: seals.Seal, payload: dict, kind: str, rows: list[tuple[str, str]],
                  data_signature: dict) -> bytes:
    """render(), declared PDF/A-2b and signed with the department's seal certificate (PAdES)."""
    unsigned = render(seal.name, payload, kind, rows, data_signature)
    return sign.sign_pdf(unsigned, seal, reason="电子证照签章", pdfa=True,
                         title=f"{payload['type']['name']} {payload['number']}", author=seal.name,
                         subject="电子证照" if kind == "certificate" else "证明")
