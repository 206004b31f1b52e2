"""受理回执 (acceptance receipt) as an A4 PDF: what was applied for, by whom (masked), when, the promised time
limit, the materials received, and the tracking QR code.

`render_receipt` is pure (case view dict in, PDF bytes out); `receipt_pdf` renders it in a worker thread, since
reportlab is CPU-bound. Text is set in the one CJK TrueType font of documents.fonts, embedded as a subset, so the
receipt reads the same in any viewer, with or without Chinese fonts of its own.
"""
from __future__ import annotations

import asyncio
import io
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.services.documents import fonts
from app.services.documents.fonts import FONT
from app.services.platform import qr, workdays

CENTRE = "示例市政务服务中心"

MATERIAL_STATUS = {"received": "已收取", "fetched": "已调取", "missing": "缺失"}
NOT_YET_ACCEPTED = "受理后按工作日计算"
INK = colors.HexColor("#1f2d3d")
LINE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef2f6")

_base = ParagraphStyle("zb-base", fontName=FONT, fontSize=10.5, leading=15, textColor=INK, wordWrap="CJK")
STYLES = {
    "centre": ParagraphStyle("zb-centre", parent=_base, fontSize=12, leading=16, alignment=TA_CENTER),
    "title": ParagraphStyle("zb-title", parent=_base, fontSize=22, leading=30, alignment=TA_CENTER),
    "no": ParagraphStyle("zb-no", parent=_base, fontSize=11, alignment=TA_CENTER),
    "label": ParagraphStyle("zb-label", parent=_base, textColor=colors.HexColor("#52606d")),
    "value": _base,
    "head": ParagraphStyle("zb-head", parent=_base, fontSize=10, leading=14),
    "cell": ParagraphStyle("zb-cell", parent=_base, fontSize=10, leading=14),
    "section": ParagraphStyle("zb-section", parent=_base, fontSize=12.5, leading=18, spaceBefore=6, spaceAfter=4),
    "caption": ParagraphStyle("zb-caption", parent=_base, fontSize=9, leading=12, alignment=TA_CENTER),
}


def _p(text: object, style: str = "value") -> Paragraph:
    """A paragraph of plain text: escaped, since Paragraph reads markup and case data comes from people."""
    return Paragraph(escape("" if text is None else str(text)), STYLES[style])


def _local(iso: str | None) -> str:
    """An ISO timestamp from the case view as Beijing time, or a dash when there is none yet."""
    if not iso:
        return "—"
    return f"{workdays.display(datetime.fromisoformat(iso))}（北京时间）"


def _due(case: dict) -> str:
    return case.get("due_date") or NOT_YET_ACCEPTED


def _source(m: dict) -> str:
    if m.get("exempt") or m.get("source") == "shared":
        label = m.get("dataset_label") or m.get("dataset") or "共享数据"
        return f"免提交（数据来源：{label}）"
    return "申请人提交"


class _QRCode(Flowable):
    """The tracking QR code (a PNG, drawn through ImageReader) with the line under it."""

    def __init__(self, png: bytes, size: float, caption: str):
        super().__init__()
        self.image = ImageReader(io.BytesIO(png))
        self.size, self.caption = size, caption
        self.width, self.height = size, size + 14

    def draw(self) -> None:
        c = self.canv
        c.drawImage(self.image, 0, 14, width=self.size, height=self.size, preserveAspectRatio=True, mask="auto")
        c.setFont(FONT, 9)
        c.setFillColor(INK)
        c.drawCentredString(self.size / 2, 2, self.caption)


def _facts(case: dict, width: float) -> Table:
    subject = case.get("subject") or {}
    applicant = case.get("applicant") or {}
    lead = case.get("lead_department") or {}
    rows = [
        ("受理编号", case.get("acceptance_no")),
        ("一件事" if subject.get("kind") == "bundle" else "办理事项", subject.get("name")),
        ("牵头部门", lead.get("name")),
        ("申请人", applicant.get("name")),
        ("身份证号", applicant.get("id_number")),  # the masked value: the view never carries the full one
        ("提交时间", _local(case.get("submitted_at"))),
        ("受理时间", _local(case.get("accepted_at"))),
        ("办理状态", case.get("status_label")),
        ("承诺时限", f"承诺 {case.get('promised_days')} 个工作日"),
        ("承诺办结日期", _due(case)),
    ]
    label_w = 26 * mm
    t = Table([[_p(k, "label"), _p(v if v not in (None, "") else "—")] for k, v in rows],
              colWidths=[label_w, width - label_w])
    t.setStyle(TableStyle([
        fonts.TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def _materials(case: dict, width: float) -> Table:
    mats = [m for m in case.get("materials") or [] if m.get("status") != "replaced"]
    widths = [13 * mm, width * 0.36, None, 18 * mm]
    widths[2] = width - sum(w for w in widths if w)
    data = [[_p(h, "head") for h in ("序号", "材料名称", "提交方式", "状态")]]
    data += [[_p(i, "cell"), _p(m.get("name"), "cell"), _p(_source(m), "cell"),
              _p(MATERIAL_STATUS.get(m.get("status"), m.get("status")), "cell")]
             for i, m in enumerate(mats, 1)]
    if not mats:
        data.append([_p("—", "cell"), _p("无", "cell"), _p("", "cell"), _p("", "cell")])
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([
        fonts.TABLE_FONT,
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return t


def render_receipt(case: dict, qr_png: bytes, centre: str, *, generated_at: datetime | None = None) -> bytes:
    """The receipt of a case view (applications.detail) as PDF bytes; `qr_png` is the tracking QR code (empty
    bytes: none is drawn). No I/O: everything it shows comes from its arguments."""
    fonts.ensure()
    generated = workdays.display(generated_at or datetime.now(timezone.utc))
    acceptance_no = case.get("acceptance_no") or ""
    buf = io.BytesIO()
    margin = 18 * mm
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=16 * mm,
                            bottomMargin=22 * mm, title=f"受理回执 {acceptance_no}", author=centre,
                            subject="受理回执", creator="掌办")
    width = doc.width

    def footer(canvas, d) -> None:
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.5)
        canvas.line(margin, 17 * mm, A4[0] - margin, 17 * mm)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(INK)
        canvas.drawString(margin, 12.5 * mm, f"生成时间：{generated}（北京时间）")
        canvas.drawRightString(A4[0] - margin, 12.5 * mm, f"第 {d.page} 页")
        canvas.drawString(margin, 8 * mm, f"本回执为电子回执，由{centre}在线出具；"
                                          "办理进度以扫码或凭受理编号查询的结果为准。")
        canvas.restoreState()

    story: list = [_p(centre, "centre"), Spacer(1, 2 * mm), _p("受理回执", "title"),
                   _p(f"受理编号：{acceptance_no}", "no"), Spacer(1, 6 * mm)]
    qr_size = 38 * mm
    if qr_png:
        left = width - qr_size - 6 * mm
        top = Table([[_facts(case, left), _QRCode(qr_png, qr_size, "扫码查看办理进度")]],
                    colWidths=[left, width - left])
        top.setStyle(TableStyle([fonts.TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(top)
    else:
        story.append(_facts(case, width))
    story += [Spacer(1, 6 * mm), _p("已收取材料", "section"), _materials(case, width), Spacer(1, 6 * mm),
              _p("请妥善保管本回执。承诺办结日期按工作日计算，补正材料期间不计入办理时限。", "label")]
    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=fonts.Canvas)
    return buf.getvalue()


def _build(case: dict, base_url: str, centre: str) -> bytes:
    token = case.get("track_token")
    png = qr.render(qr.track_url(base_url, token), "png") if token else b""
    return render_receipt(case, png, centre)


async def receipt_pdf(case: dict, base_url: str, centre: str = CENTRE) -> bytes:
    """The receipt of a case view, its QR code and PDF rendered off the event loop."""
    return await asyncio.to_thread(_build, case, base_url, centre)
