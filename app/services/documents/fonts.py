"""The one Chinese font every PDF the service produces is set in, embedded as a subset.

reportlab's built-in `STSong-Light` is a CID font that is *not* embedded: a viewer without a Chinese font of its
own (poppler on a bare server, many printers, any archival checker) draws every character as an empty box, and
PDF/A forbids it outright. So the PDFs use a TrueType font instead, which reportlab subsets on embedding (only
the glyphs a document uses go into it: a receipt grows by tens of kilobytes, not by the font's 17 MB).

The font file is not shipped in the repository (WenQuanYi Zen Hei is ~17 MB); it comes from Debian
(`fonts-wqy-zenhei`, installed by .ci/run and the Dockerfile). `ZB_CJK_FONT` (Settings.cjk_font) names another
file; without it the first of DEFAULT_PATHS that exists is used. Only TrueType outlines work: reportlab cannot
embed CFF/PostScript-outline fonts, so Noto Sans CJK's .ttc (CFF inside) is not among the defaults. A .ttc
collection is read at its first face (`subfontIndex`), or at `path#N`.

`register(path)` runs once per process (the registry is process-global and renders run in worker threads, hence
the lock); `ensure()` is what renderers call before they build, and is a flag check after the first call.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT = "ZB-CJK"  # the name the styles use; resolved to the registered file at render time
# A Table sets its cells' font (Helvetica unless told) even when every cell is a Paragraph: put this first in
# every TableStyle so that no base-14 font gets into the PDF.
TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), FONT)
FONT_ENV = "ZB_CJK_FONT"  # -> Settings.cjk_font
DEBIAN_PACKAGE = "fonts-wqy-zenhei"
# TrueType-outline CJK fonts in Debian's usual places, best first.
DEFAULT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",      # fonts-wqy-zenhei
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",    # fonts-wqy-microhei
    "/usr/share/fonts/truetype/arphic/uming.ttc",        # fonts-arphic-uming
    "/usr/share/fonts/truetype/arphic/ukai.ttc",         # fonts-arphic-ukai
)

_lock = threading.Lock()
_registered: dict[str, str] = {}  # FONT -> the file it was registered from
_configured: str | None = None


class FontMissing(RuntimeError):
    """No usable Chinese font: the service cannot render a document that displays anywhere."""


def _split(spec: str) -> tuple[str, int]:
    path, _, index = spec.partition("#")
    return path, int(index) if index.isdigit() else 0


def find(configured: str = "") -> tuple[str, int]:
    """(path, face index) of the font to use: the configured one (which must exist), else the first default."""
    if configured:
        path, index = _split(configured)
        if not Path(path).is_file():
            raise FontMissing(f"{FONT_ENV}={configured!r}: no such font file")
        return path, index
    for path in DEFAULT_PATHS:
        if Path(path).is_file():
            return path, 0
    raise FontMissing(f"no Chinese TrueType font found (looked for {', '.join(DEFAULT_PATHS)}): "
                      f"install the Debian package {DEBIAN_PACKAGE} or set {FONT_ENV} to a .ttf/.ttc file")


def configure(configured: str = "") -> str:
    """Register the font named by Settings.cjk_font (or a default) now, failing clearly if there is none.
    Called at start by the app and the job worker so a missing font stops the process, not a render."""
    global _configured
    _configured = configured
    return ensure()


def ensure() -> str:
    """The registered font's name, registering it first if this process has not yet."""
    if FONT in _registered:
        return FONT
    with _lock:
        if FONT not in _registered:
            configured = _configured if _configured is not None else os.environ.get(FONT_ENV, "")
            path, index = find(configured)
            try:
                pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=index))
            except TTFError as e:  # e.g. a CFF-outline OpenType font, which reportlab cannot embed
                raise FontMissing(f"{path}: not a TrueType-outline font reportlab can embed ({e})") from e
            _registered[FONT] = f"{path}#{index}"
    return FONT


def source() -> str:
    """`path#index` of the registered font (registering it if need be): what pdffonts' name refers to."""
    ensure()
    return _registered[FONT]


class Canvas(canvas.Canvas):
    """reportlab's canvas starting every page in our font: the stock one opens each page with Helvetica (a
    non-embedded base-14 font that then shows in the PDF's fonts even when no text is set in it). Pass it as
    `doc.build(story, canvasmaker=fonts.Canvas)`, or use it instead of `canvas.Canvas`."""

    def __init__(self, *args, **kw):
        kw["initialFontName"] = kw.get("initialFontName") or ensure()  # platypus passes None explicitly
        super().__init__(*args, **kw)
