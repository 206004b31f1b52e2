"""A citizen's and a staff member's journey through the demo, over HTTP, as the mini-program and DingTalk would go.

    python3 scripts/journey.py [--base http://127.0.0.1:8000]

Needs a running demo with the provider sandboxes (`./run.sh`, or production mode with ZB_SANDBOX=1) and nothing
but Python's standard library, so it runs with any python3. The sandboxes stand in for the phone: a wx.login code,
the face scan, the payer's confirmation, the DingTalk login. Each step prints what it called and what came back;
the first unexpected answer stops it (exit 1) with the status and body.

Citizen: search → sign in → bind a demo person's identity (level 2) → face verification (level 3) → apply with
consent (uploads, the shared-data reads) → track the case by its QR code's link → book a slot at the hall →
(staff decide) → pay the fee → read the inbox → ask the assistant. Staff: sign in via the DingTalk sandbox →
their open tasks → decide.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

SERVICE = "GA0002"  # 居民身份证换领: shared materials, citizen uploads, a fee, bookable at the 南湖 hall
# A 1×1 PNG: the photo the mini-program would upload (uploads are checked by content, not by name)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


class StepFailed(Exception):
    pass


class Client:
    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def call(self, method: str, path: str, body: dict | None = None, token: str | None = None, *,
             query: dict | None = None, raw: bytes | None = None, content_type: str = "application/json",
             expect: tuple[int, ...] = (200, 201), headers: dict | None = None):
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
        if data is not None:
            req.add_header("Content-Type", content_type)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, payload, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            status, payload, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
        if status not in expect:
            raise StepFailed(f"{method} {path} answered {status}: {payload.decode(errors='replace')[:600]}")
        return json.loads(payload) if "json" in ctype else payload

    def upload(self, token: str, name: str, data: bytes, mime: str) -> str:
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: {mime}\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        return self.call("POST", "/api/v1/uploads", token=token, raw=body,
                         content_type=f"multipart/form-data; boundary={boundary}")["id"]


def step(title: str) -> None:
    print(f"\n== {title}")


def say(*parts) -> None:
    print("  ", *parts)


def _level(c: Client, token: str):
    """The account's real-name level (1 signed in, 2 bound and checked, 3 face-verified)."""
    return c.call("GET", "/api/v1/me", token=token).get("identity", {}).get("level")


def citizen_journey(c: Client) -> dict:
    step("Search the catalog as a citizen would ask")
    found = c.call("GET", "/api/v1/services", query={"q": "身份证过期了怎么办"})
    for s in found["items"][:3]:
        say(s["code"], s["name"])

    step("Sign in: wx.login on the phone (the WeChat sandbox gives the code), then our sign-in")
    code = c.call("POST", "/sandbox/wechat/codes", {})
    token = c.call("POST", "/api/v1/auth/wechat", {"code": code["code"]})["token"]
    say("openid", code["openid"], "→ session token", token[:16] + "…")

    step("Real-name binding (level 2): a demo person, checked against the population database (二要素)")
    person = random.choice(c.call("GET", "/sandbox/shared/people"))
    me = c.call("PUT", "/api/v1/me/identity", {"name": person["name"], "id_number": person["id_number"],
                                                "phone": "13800138000"}, token=token)
    say("demo person:", person["name"], person["id_number"])
    say("bound, shown masked:", me["name"], me["id_number"], me["phone"], "— level", _level(c, token))

    step("Face verification (刷脸核身, level 3): open a session, the phone scans the face, read the result")
    session = c.call("POST", "/api/v1/face/sessions", token=token)
    c.call("POST", f"/sandbox/wechat/face/{session['verify_id']}/complete", {"verify_ret": 10000})
    face = c.call("POST", f"/api/v1/face/sessions/{session['verify_id']}/result", token=token)
    say("passed:", face["passed"], "— level", _level(c, token), "(the person's own records: 免提交 materials, fees)")

    step(f"Apply for {SERVICE} with consent to the shared-data reads (一号申请)")
    preview = c.call("GET", "/api/v1/applications/preview", query={"service": SERVICE}, token=token)
    materials = []
    for m in preview["materials"]:
        if m["source"] == "citizen" and m["required"]:
            materials.append({"name": m["name"], "upload_id": c.upload(token, "photo.png", PNG, "image/png")})
            say("uploaded", m["name"])
        elif m["source"] != "citizen":
            say("from the shared-data platform:", m["name"])
    case = c.call("POST", "/api/v1/applications", {"service": SERVICE, "form": {}, "materials": materials,
                                                   "consent": True}, token=token,
                  headers={"Idempotency-Key": uuid.uuid4().hex})
    no = case["acceptance_no"]
    say("受理编号", no, "status", case["status"])

    step("Track the case by its QR code (跟踪办): the code opens /t/{token}; the page reads the public view")
    svg = c.call("GET", f"/api/v1/applications/{no}/qr", query={"format": "svg"}, token=token)
    track_token = c.call("GET", f"/api/v1/applications/{no}", token=token)["track_token"]
    view = c.call("GET", f"/api/v1/track/{track_token}")
    say(f"QR ({len(svg)} bytes of SVG) → {c.base}/t/{track_token}")
    say(view["service_name"], view["applicant"], view["status_label"],
        *(["due", view["due_date"]] if view.get("due_date") else []))

    step("Book a slot at the service hall (精准预约)")
    hall = next(h for h in c.call("GET", "/api/v1/halls")["items"] if h["code"] == "nanhu")
    days = c.call("GET", f"/api/v1/halls/{hall['id']}/slots", query={"service": SERVICE})["dates"]
    booked = None
    for day in days:
        slots = c.call("GET", f"/api/v1/halls/{hall['id']}/slots", query={"service": SERVICE, "date": day})["slots"]
        free = [s for s in slots if s["remaining"] > 0]
        if free:
            booked = c.call("POST", "/api/v1/appointments",
                            {"hall": hall["id"], "service": SERVICE, "slot": free[-1]["id"]}, token=token)
            break
    if booked is None:
        raise StepFailed("no free slot in the booking window")
    say(booked["hall"]["name"], booked["when"], "booked, check-in code", booked["code"])
    return {"token": token, "no": no, "track_token": track_token, "person": person}


def staff_journey(c: Client, who: dict) -> None:
    step("Staff: sign in via the DingTalk sandbox and decide the case's open steps (并联 + 串联)")
    directory = c.call("GET", "/sandbox/dingtalk/users")
    tokens: dict[str, str] = {}
    for _ in range(10):  # each round: the steps whose prerequisites are approved
        case = c.call("GET", f"/api/v1/applications/{who['no']}", token=who["token"])
        open_steps = [s for s in case["steps"] if s["status"] == "open"]
        if not open_steps:
            return
        for s in open_steps:
            # The first step (acceptance) is taken at the comprehensive window; the others by their department.
            member = next(m for m in directory if "admin" not in m["roles"] and (
                "window" in m["roles"] if not s["after"] else
                m["department"] == s["department"]["code"] and "staff" in m["roles"]))
            if member["userid"] not in tokens:
                code = c.call("POST", "/sandbox/dingtalk/codes", {"userid": member["userid"]})["code"]
                tokens[member["userid"]] = c.call("POST", "/api/v1/auth/dingtalk", {"code": code})["token"]
                say("signed in:", member["name"], f"({member['department']}, {', '.join(member['roles'])})")
            token = tokens[member["userid"]]
            task, tasks = find_task(c, token, s["id"])
            c.call("POST", f"/api/v1/staff/tasks/{task['id']}/decision",
                   {"decision": "approve", "comment": "材料齐全，同意"}, token=token)
            say(f"{len(tasks)} open task(s); approved:", s.get("name") or s.get("key"))
    raise StepFailed("the case still has open steps after ten rounds")


def find_task(c: Client, token: str, step_id: int) -> tuple[dict, list[dict]]:
    """The step among the staff member's open tasks, oldest first, page by page (a busy hall has more than a page)."""
    seen: list[dict] = []
    page = 1
    while True:
        items = c.call("GET", "/api/v1/staff/tasks", query={"status": "open", "page": page, "page_size": 100},
                       token=token)["items"]
        seen += items
        found = next((t for t in items if t["id"] == step_id), None)
        if found:
            return found, seen
        if len(items) < 100:
            raise StepFailed(f"step {step_id} is not among the open tasks")
        page += 1


def citizen_after(c: Client, who: dict) -> None:
    token, no = who["token"], who["no"]
    case = c.call("GET", f"/api/v1/applications/{no}", token=token)
    say("case status:", case["status"])

    step("Pay the fee (统一公共支付): our order, wx.requestPayment on the phone (the WeChat Pay sandbox)")
    fee = next(p for p in c.call("GET", "/api/v1/payables", token=token)["items"] if p["ref"] == no)
    made = c.call("POST", "/api/v1/payments", {"payable": fee["id"]}, token=token)
    order = made["order"]
    paid = c.call("POST", f"/sandbox/wechatpay/transactions/{order['out_trade_no']}/pay", made["request_payment"])
    say(fee["description"], f"{fee['amount_fen'] / 100:.2f} 元", "→", paid["trade_state"])
    order = c.call("GET", f"/api/v1/payments/{order['id']}", token=token)
    say("our order:", order["status"])

    step("Read the inbox (消息中心): the job worker delivers each event a moment after it happened")
    for _ in range(40):
        inbox = c.call("GET", "/api/v1/me/notifications", token=token)
        if any("支付" in (m.get("title") or "") + (m.get("body") or "") for m in inbox["items"]):
            break
        time.sleep(0.25)
    say("unread", inbox.get("unread"))
    if not inbox["items"]:
        say("(nothing delivered: is a job worker running? `python -m app worker` in production mode)")
    for m in inbox["items"][:5]:
        say("·", m.get("title"), "—", m.get("body") or "")

    step("Ask the assistant")
    session = c.call("POST", "/api/v1/chat/sessions", token=token)["session"]
    for text in ("我的办件", "身份证过期了还能用吗"):
        answer = c.call("POST", f"/api/v1/chat/sessions/{session['id']}/messages", {"text": text}, token=token)
        say("问:", text)
        for reply in answer["replies"][:3]:
            shown = reply.get("text") or f"[{reply.get('title')} · {reply.get('subtitle')}]"
            say("答:", shown[:100].replace("\n", " ") + ("…" if len(shown) > 100 else ""))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--base", default="http://127.0.0.1:8000", help="the demo's base URL")
    a = p.parse_args(argv)
    c = Client(a.base)
    try:
        who = citizen_journey(c)
        staff_journey(c, who)
        citizen_after(c, who)
    except StepFailed as e:
        print(f"\nFAILED: {e}", file=sys.stderr)
        return 1
    except urllib.error.URLError as e:
        print(f"\nno demo at {a.base} ({e.reason}): start it with ./run.sh", file=sys.stderr)
        return 1
    print("\njourney complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
