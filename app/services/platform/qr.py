"""QR codes for case tracking: `{PUBLIC_BASE_URL}/t/{token}` as SVG or PNG, rendered once per token and kept."""
from __future__ import annotations

import io
from functools import lru_cache

import qrcode
import qrcode.image.svg

from app.errors import Invalid

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def track_url(base_url: str, token: str) -> str:
    return f"{base_url}/t/{token}"


@lru_cache(maxsize=4096)
def render(data: str, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise Invalid("格式应为 svg 或 png", field="format")
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2)
    qr.add_data(data)
    qr.make(fit=True)
    buf = io.BytesIO()
    if fmt == "svg":
        qr.make_image(image_factory=qrcode.image.svg.SvgPathImage).save(buf)
    else:
        qr.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue()
