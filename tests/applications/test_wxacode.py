"""小程序码 (getwxacodeunlimit): the WeChat adapter against the sandbox, which answers a real PNG QR code.

No QR decoder is installed (the ones on PyPI need zbar, ZXing or OpenCV), so the image is checked module by module
against the QR matrix that qrcode computes for the expected payload: that pins what the image encodes.
"""
import io

import pytest
import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from app.errors import Invalid
from app.sandbox.wechat import wxacode_payload

PAGE = "pages/track/track"
SANDBOX = "/sandbox/wechat/wxa/getwxacodeunlimit"


def encodes(png: bytes, text: str) -> bool:
    """Does the QR code in `png` (error correction M, 4-module quiet zone, scaled) carry exactly `text`?"""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    img = Image.open(io.BytesIO(png)).convert("L")
    n, (w, h) = len(matrix), img.size
    return all((img.getpixel((int((x + 0.5) * w / n), int((y + 0.5) * h / n))) < 128) == dark
               for y, row in enumerate(matrix) for x, dark in enumerate(row))


async def test_the_adapter_answers_a_png_qr_code_of_the_scene(app):
    scene = "t=Ab3_x-9Zq"
    png = await app.ctx.wechat.wxacode_unlimited(scene, PAGE)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == (430, 430)
    assert wxacode_payload(scene, PAGE) == f"https://mp.weixin.qq.com/a/~{scene}?page={PAGE}"
    assert encodes(png, wxacode_payload(scene, PAGE))
    assert not encodes(png, wxacode_payload("t=Ab3_x-9Zr", PAGE))  # the check tells scenes apart

    small = await app.ctx.wechat.wxacode_unlimited("x" * 32, PAGE, width=280)  # 32 is the most allowed
    assert Image.open(io.BytesIO(small)).size == (280, 280) and encodes(small, wxacode_payload("x" * 32, PAGE))


@pytest.mark.parametrize("scene", ["a" * 40, "a" * 33, "", "含中文", "has space", "tab\there"])
async def test_a_scene_wechat_would_refuse_is_a_422_on_scene(app, scene):
    with pytest.raises(Invalid) as err:
        await app.ctx.wechat.wxacode_unlimited(scene, PAGE)
    assert err.value.status == 422 and err.value.field == "scene"


async def test_a_json_error_from_wechat_is_mapped(app):
    with pytest.raises(Invalid) as err:  # the sandbox answers 41030 as JSON instead of an image
        await app.ctx.wechat.wxacode_unlimited("ok", "/pages/track/track")
    assert err.value.field == "page"


async def test_a_stale_token_is_refreshed_for_the_raw_call(app):
    await app.ctx.redis.set(f"zb:token:wechat:{app.ctx.settings.wechat_appid}", "stale-token", ex=600)
    png = await app.ctx.wechat.wxacode_unlimited("refresh", PAGE)
    assert png.startswith(b"\x89PNG") and encodes(png, wxacode_payload("refresh", PAGE))


async def test_the_sandbox_checks_the_token_and_the_scene_like_wechat(client, app):
    body = {"scene": "abc", "page": PAGE, "width": 430, "check_path": False, "env_version": "release"}
    r = await client.post(SANDBOX, params={"access_token": "forged"}, json=body)
    assert r.headers["content-type"].startswith("application/json") and r.json()["errcode"] == 40001
    token = {"access_token": await app.ctx.wechat.access_token()}
    r = await client.post(SANDBOX, params=token, json={**body, "scene": "a" * 40})
    assert r.json()["errcode"] == 40169
    r = await client.post(SANDBOX, params=token, json={**body, "env_version": "beta"})
    assert r.json()["errcode"] == 40097
    r = await client.post(SANDBOX, params=token, json=body)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png" and r.content.startswith(b"\x89PNG")
