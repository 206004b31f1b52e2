"""The CJK font: found, embedded as a subset, and drawn by a viewer that has no Chinese font of its own."""
from __future__ import annotations

import io

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from app.services.documents import fonts
from tests.documents import pdftools


def _page(text: str, font: str) -> bytes:
    buf = io.BytesIO()
    c = fonts.Canvas(buf)
    c.setFont(font, 40)
    c.drawString(50, 700, text)
    c.save()
    return buf.getvalue()


def test_every_font_is_an_embedded_subset():
    rows = pdftools.fonts(_page("受理回执 No.123", fonts.ensure()))
    assert rows and all(r["emb"] == "yes" and r["sub"] == "yes" for r in rows), rows
    assert not any(r["name"] == "Helvetica" for r in rows)  # the canvas no longer opens pages in it


def test_chinese_is_drawn_without_any_system_font():
    a, b = (pdftools.render(_page(s, fonts.ensure())) for s in ("受理回执", "办件查询"))
    text_area = (0, 0, a.width, a.height // 4)
    assert pdftools.ink(a, text_area) > 300 and pdftools.ink(b, text_area) > 300
    # Missing glyphs are all the same box (or nothing): two different strings would draw the same pixels.
    assert a.tobytes() != b.tobytes()
    # The same page renders the same with the machine's fonts available: nothing is substituted.
    assert pdftools.render(_page("受理回执", fonts.ensure()), bare=False).tobytes() == a.tobytes()


def test_the_old_cid_font_is_what_the_check_catches():
    """The control: reportlab's non-embedded STSong-Light draws no glyph on a bare machine, so the checks above
    can fail."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = _page("受理回执", "STSong-Light")
    assert any(r["emb"] == "no" for r in pdftools.fonts(pdf))
    a, b = (pdftools.render(_page(s, "STSong-Light")) for s in ("受理回执", "办件查询"))
    assert a.tobytes() == b.tobytes()


def test_a_missing_or_unusable_font_fails_clearly(tmp_path):
    with pytest.raises(fonts.FontMissing, match="ZB_CJK_FONT"):
        fonts.find(str(tmp_path / "nope.ttf"))
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    assert fonts.find(f"{bad}#2") == (str(bad), 2)


def test_the_default_is_a_debian_font():
    path, index = fonts.find("")
    assert path in fonts.DEFAULT_PATHS and index == 0
    assert fonts.source().startswith(path)
