"""The 受理回执 PDF through HTTP: who may get it, what it says (masked identity only), the tracking QR code."""
import io
from datetime import datetime, timezone

from PIL import Image
from pypdf import PdfReader

from app.services.cases import acceptance_receipts
from app.services.platform import qr, workdays
from tests.factories import admin, staff_of

SIMPLE = "GJJ005"  # 住房公积金缴存证明出具: one department, both materials from shared data (免提交)


def receipt_url(no: str) -> str:
    return f"/api/v1/applications/{no}/receipt.pdf"


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


async def submitted(flow, who) -> dict:
    r = await flow.apply(who, SIMPLE, upload_all=False)
    assert r.status_code == 201, r.text
    return r.json()


async def test_the_receipt_is_an_inline_pdf_with_the_masked_applicant(client, flow, person):
    case = await submitted(flow, person)
    no = case["acceptance_no"]
    r = await client.get(receipt_url(no), headers=person["headers"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == f'inline; filename="receipt-{no}.pdf"'
    assert "no-store" in r.headers["cache-control"]
    assert r.content.startswith(b"%PDF")
    box = PdfReader(io.BytesIO(r.content)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = text_of(r.content)
    masked = case["applicant"]["id_number"]
    assert "*" in masked and masked != person["id_number"]
    for expected in ("受理回执", acceptance_receipts.CENTRE, no, case["subject"]["name"], case["lead_department"]["name"],
                     case["applicant"]["name"], masked, case["status_label"],
                     f"承诺 {case['promised_days']} 个工作日", "受理后按工作日计算", "扫码查看办理进度", "生成时间",
                     "电子回执"):
        assert expected in text, expected
    assert person["id_number"] not in text and person["name"] not in text
    submitted_at = datetime.fromisoformat(case["submitted_at"]).astimezone(workdays.CN)
    assert submitted_at.strftime("%Y-%m-%d %H:%M") in text  # Beijing time
    for m in case["materials"]:
        assert m["name"] in text
        if m["exempt"]:
            assert f"免提交（数据来源：{m['dataset_label']}）" in text


async def test_the_qr_code_on_the_receipt_is_the_cases_tracking_link(client, app, flow, person):
    case = await submitted(flow, person)
    r = await client.get(receipt_url(case["acceptance_no"]), headers=person["headers"])
    images = PdfReader(io.BytesIO(r.content)).pages[0].images
    assert len(images) == 1
    want = Image.open(io.BytesIO(qr.render(qr.track_url(app.ctx.settings.base_url, case["track_token"]), "png")))
    got = images[0].image
    assert got.size == want.size and got.convert("L").tobytes() == want.convert("L").tobytes()


async def test_once_accepted_the_receipt_shows_the_acceptance_time_and_due_date(client, flow, person):
    no = (await submitted(flow, person))["acceptance_no"]
    case = await flow.accept(person, no)
    assert case["due_date"] and case["accepted_at"]
    text = text_of((await client.get(receipt_url(no), headers=person["headers"])).content)
    assert case["due_date"] in text and "受理后按工作日计算" not in text
    accepted_at = datetime.fromisoformat(case["accepted_at"]).astimezone(workdays.CN)
    assert accepted_at.strftime("%Y-%m-%d %H:%M") in text
    assert case["status_label"] in text


async def test_only_those_who_may_see_the_case_get_its_receipt(client, flow, person, stranger):
    case = await submitted(flow, person)
    url = receipt_url(case["acceptance_no"])
    assert (await client.get(url)).status_code == 401
    r = await client.get(url, headers=stranger["headers"])
    assert r.status_code == 404 and r.json()["error"]["code"] == "application_not_found"
    r = await client.get(receipt_url("330402-20260101-999999"), headers=person["headers"])
    assert r.status_code == 404 and r.json()["error"]["code"] == "application_not_found"
    other = next(d["code"] for d in (await client.get("/api/v1/departments")).json()["items"]
                 if d["code"] not in {case["lead_department"]["code"], "zhengwu"})
    assert (await client.get(url, headers=(await staff_of(client, other))["headers"])).status_code == 404
    for who in (await staff_of(client, case["lead_department"]["code"]), await admin(client)):
        r = await client.get(url, headers=who["headers"])
        assert r.status_code == 200 and r.content.startswith(b"%PDF")
        text = text_of(r.content)
        assert case["applicant"]["id_number"] in text and person["id_number"] not in text


def test_case_text_is_not_read_as_markup_and_a_case_without_a_qr_code_still_renders():
    case = {"acceptance_no": "330402-20260101-000001", "subject": {"name": "<b>测试</b> & 事项", "kind": "bundle"},
            "status_label": "已提交，待受理", "lead_department": {"name": "示例市测试局"}, "promised_days": 3,
            "submitted_at": "2026-01-01T01:02:00+00:00", "accepted_at": None, "due_date": None,
            "applicant": {"name": "王*明", "id_number": "3304**********1234"},
            "materials": [{"name": "申请表", "source": "citizen", "exempt": False, "status": "received"},
                          {"name": "旧材料", "source": "citizen", "exempt": False, "status": "replaced"}],
            "track_token": None}
    pdf = acceptance_receipts.render_receipt(case, b"", "示例市政务服务中心",
                                  generated_at=datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc))
    text = text_of(pdf)
    assert "<b>测试</b> & 事项" in text and "一件事" in text
    assert "2026-01-01 09:02" in text and "2026-01-02 11:04" in text  # Beijing time
    assert "申请人提交" in text and "已收取" in text and "旧材料" not in text
    assert "扫码查看办理进度" not in text and not PdfReader(io.BytesIO(pdf)).pages[0].images


async def test_the_receipt_embeds_its_font_and_reads_the_same_without_chinese_fonts(client, flow, person):
    """pdffonts: every font embedded (a subset); pdftoppm on a machine with no fonts at all draws the Chinese
    text exactly as with the system's fonts, and draws it (the title band has ink)."""
    from tests.documents import pdftools

    case = await submitted(flow, person)
    pdf = (await client.get(receipt_url(case["acceptance_no"]), headers=person["headers"])).content
    rows = pdftools.fonts(pdf)
    assert rows and all(r["emb"] == "yes" and r["sub"] == "yes" for r in rows), rows
    bare, full = pdftools.render(pdf, dpi=50), pdftools.render(pdf, dpi=50, bare=False)
    assert bare.tobytes() == full.tobytes()
    title_band = (0, int(bare.height * 0.05), bare.width, int(bare.height * 0.12))  # 示例市政务服务中心 / 受理回执
    assert pdftools.ink(bare, title_band) > 200
