"""The kiosk page and the hall display, end to end in headless Chromium (Debian's, driven by Playwright) against
a real server process; screenshots go to var/test-reports/. Plus the display WebSocket on its own."""
import json
import os

import httpx
import pytest
import websockets

from tests.conftest import BACKEND, ROOT
from tests.live import live_server
from tests.factories import citizen, hall_by_code, kiosk, window_clerk

CHROMIUM = "/usr/bin/chromium"
REPORTS = ROOT / "var" / "test-reports"


@pytest.fixture
def live(settings, tmp_path):
    """A real server; check-in open two weeks ahead so that any booked slot can be checked in now."""
    with live_server(settings, tmp_path, ZB_APPT_CHECKIN_MINUTES="20160") as base:
        yield base


async def _booked(c: httpx.AsyncClient, service: str = "GA0002") -> tuple[dict, dict]:
    """A citizen and their appointment at the 南湖 hall, through the live server."""
    who = await citizen(c)
    hall = await hall_by_code(c)
    dates = (await c.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": service})).json()["dates"]
    for day in reversed(dates):
        slots = (await c.get(f"/api/v1/halls/{hall['id']}/slots", params={"service": service, "date": day})).json()
        free = [s for s in slots["slots"] if s["remaining"] > 0]
        if free:
            r = await c.post("/api/v1/appointments", headers=who["headers"],
                             json={"hall": hall["id"], "service": service, "slot": free[-1]["id"]})
            assert r.status_code == 201, r.text
            return who, r.json()
    raise AssertionError("no free slot")


async def _call_next(c: httpx.AsyncClient, hall_id: int, window_name: str) -> dict:
    clerk = await window_clerk(c)
    hall = next(h for h in (await c.get("/api/v1/halls")).json()["items"] if h["id"] == hall_id)
    window = next(w for w in hall["windows"] if w["name"] == window_name)
    r = await c.post(f"/api/v1/staff/windows/{window['id']}/call-next", headers=clerk["headers"])
    assert r.status_code == 200, r.text
    return r.json()


async def test_display_websocket_pushes_each_change(live):
    async with httpx.AsyncClient(base_url=live, timeout=30) as c:
        k = await kiosk(c)
        async with websockets.connect(live.replace("http", "ws") + f"/ws/halls/{k.hall_id}/queue") as ws:
            first = json.loads(await ws.recv())
            assert first["hall"]["name"] == "南湖区行政服务中心"
            t = (await k.post("/api/v1/kiosk/tickets", {"service": "GJJ005"})).json()
            view = json.loads(await ws.recv())
            assert t["number"] in [w["number"] for w in view["waiting"]]
            called = await _call_next(c, k.hall_id, "4号窗口")
            view = json.loads(await ws.recv())
            assert view["calling"][0]["number"] == called["number"] and view["calling"][0]["window"] == "4号窗口"
        with pytest.raises(websockets.exceptions.ConnectionClosed):
            async with websockets.connect(live.replace("http", "ws") + "/ws/halls/99999/queue") as bad:
                await bad.recv()


async def _register_kiosk(c: httpx.AsyncClient, hall_id: int) -> dict:
    """An admin registers a kiosk: its one-time enrolment {"device_id", "code", "url", …}."""
    import uuid

    from tests.factories import admin

    r = await c.post("/api/v1/admin/kiosks", headers=(await admin(c))["headers"],
                     json={"device_id": f"K-{uuid.uuid4().hex[:10]}", "hall": hall_id})
    assert r.status_code == 201, r.text
    return r.json()["enrolment"]


@pytest.fixture
def chromium():
    """Playwright and Debian's chromium, or a skip (a failure on CI), before the live server starts."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("playwright is not installed")
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Debian's chromium at {CHROMIUM} (apt-get install -y chromium)")
        pytest.skip("chromium is not installed")


async def test_kiosk_and_display_pages_in_chromium(chromium, live):
    from playwright.async_api import async_playwright, expect

    REPORTS.mkdir(parents=True, exist_ok=True)
    shot = lambda name: str(REPORTS / f"appointments-{BACKEND}-{name}.png")  # noqa: E731
    async with httpx.AsyncClient(base_url=live, timeout=30) as c:
        k = await kiosk(c)
        who, appt = await _booked(c)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            refused = []  # what the pages' Content-Security-Policy blocked: it must block nothing of their own
            try:
                display = await browser.new_page(viewport={"width": 1280, "height": 720})
                display.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
                await display.goto(f"{live}/display/{k.hall_id}")
                await expect(display.locator("#status")).to_have_text("实时更新")
                await expect(display.locator("#hall")).to_contain_text("南湖区行政服务中心")

                page = await browser.new_page(viewport={"width": 1280, "height": 800})
                page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
                # Not enrolled: out of service, and no setup form (nothing to type a device id or secret into).
                await page.goto(f"{live}/kiosk")
                await expect(page.locator("#unenrolled")).to_be_visible()
                await expect(page.locator("#checkin")).to_be_hidden()
                assert await page.locator("input[type=password], #setup, #setup-secret").count() == 0
                await page.screenshot(path=shot("kiosk-unenrolled"))
                # An administrator registers the kiosk and opens its one-time enrolment link on it.
                enrolment = await _register_kiosk(c, k.hall_id)
                await page.goto(enrolment["url"])
                await expect(page.locator("#hall")).to_contain_text("南湖区行政服务中心")
                await expect(page.locator("#checkin")).to_be_visible()
                assert "enrol" not in page.url  # the link is cleared from the address bar and the history
                assert await page.evaluate("localStorage.getItem('kiosk.device')") == enrolment["device_id"]
                # The same link again (another browser, a photo of the screen): spent.
                other = await browser.new_page()
                await other.goto(enrolment["url"])
                await expect(other.locator("#error")).to_contain_text("启用码无效")
                await expect(other.locator("#unenrolled")).to_be_visible()
                await other.close()

                await page.fill("#code", "ZZZZ2222")
                await page.click("#checkin-btn")
                await expect(page.locator("#error")).to_have_text("没有找到该预约，请核对预约码")
                await page.screenshot(path=shot("kiosk-unknown-code"))

                await page.fill("#code", appt["code"])
                await page.press("#code", "Enter")  # a scanner types the code and Enter
                await expect(page.locator("#ticket-number")).to_have_text(__import__("re").compile(r"^A\d{3}$"))
                await expect(page.locator("#ticket-ahead")).to_contain_text("前面还有")
                number = await page.locator("#ticket-number").text_content()
                await page.screenshot(path=shot("kiosk-checkin"))
                mine = (await c.get(f"/api/v1/appointments/{appt['id']}", headers=who["headers"])).json()
                assert mine["status"] == "checked_in" and mine["ticket"]["number"] == number

                await page.click("button.service[data-code='GJJ005']")
                await expect(page.locator("#ticket-number")).to_have_text(__import__("re").compile(r"^B\d{3}$"))
                await page.screenshot(path=shot("kiosk-walk-in"))

                await expect(display.locator("#waiting")).to_contain_text(number)
                called = await _call_next(c, k.hall_id, "1号窗口")
                assert called["number"] == number  # the appointment goes first
                await expect(display.locator("#now")).to_contain_text(number)
                await expect(display.locator("#now")).to_contain_text("1号窗口")
                await display.screenshot(path=shot("display"))
                assert refused == []
            finally:
                await browser.close()
