"""DingTalk approvals: an instance per opened step, decided from the (sandbox) approver's phone through the
encrypted callback; the official test vector; forged, stale and replayed callbacks; redelivery changes nothing."""
import json
import time

from app.providers.callback_crypto import CallbackCrypto, CallbackError, signature
from app.services.cases.approvals import crypto_for
from models import ApplicationEvent, ApprovalInstance, CallbackEvent, Delivery, DeliveryStatus

SIMPLE = "GJJ005"


def test_official_dingtalk_vector():
    c = CallbackCrypto("123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij", "suite4xxxxxxxxxxxxxxx")
    enc = ("1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9"
           "VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==")
    plain = c.verify("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0", "1445827045067", "nEXhMP4r", enc)
    assert json.loads(plain)["EventType"] == "check_create_suite_url"
    other = CallbackCrypto("123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij", "suite-someone-else")
    try:
        other.decrypt(enc)
        raise AssertionError("a message for another app key was accepted")
    except CallbackError:
        pass
    back = c.reply("success", "1445827045067", "nEXhMP4r")
    assert c.verify(back["msg_signature"], back["timeStamp"], back["nonce"], back["encrypt"]) == "success"


async def _opened_case(flow, notify, person) -> tuple[str, ApprovalInstance]:
    r = await flow.apply(person, SIMPLE)
    no = r.json()["acceptance_no"]
    await flow.accept(person, no)  # the review step opens for 公积金: a work notice and an approval instance
    await notify.drain()
    case = await flow.case(person, no)
    review = next(s for s in case["steps"] if s["key"] == "review")
    inst = await ApprovalInstance.get(step_id=review["id"])
    return no, inst


async def test_step_opened_creates_an_approval_and_agree_approves(client, flow, notify, person):
    no, inst = await _opened_case(flow, notify, person)
    sbx = (await client.get(f"/sandbox/dingtalk/process-instances/{inst.instance_id}")).json()
    assert sbx["processCode"] == "PROC-ZB-GJJ" and sbx["approvers"] == inst.approvers
    assert {"name": "办件编号", "value": no} in sbx["form"]
    notices = (await client.get("/sandbox/dingtalk/work-notices", params={"userid": inst.approvers[0]})).json()
    assert any(no in n["content"] and n["content"].startswith("新的审批任务") for n in notices)

    r = await client.post(f"/sandbox/dingtalk/process-instances/{inst.instance_id}/approve",
                          json={"userid": inst.approvers[-1]})
    assert r.status_code == 200, r.text
    assert [c["success"] for c in r.json()["callbacks"]] == [True, True]  # both pushes answered "success"
    case = await flow.case(person, no)
    assert case["status"] == "approved"
    review = next(s for s in case["steps"] if s["key"] == "review")
    assert review["status"] == "approved"
    assert any(e["actor_role"] == "dingtalk" for e in case["timeline"])
    inst = await ApprovalInstance.get(id=inst.id)
    assert inst.status == "agree" and inst.decided_by == inst.approvers[-1]

    events = await ApplicationEvent.filter(application__acceptance_no=no).count()
    r = await client.post(f"/sandbox/dingtalk/process-instances/{inst.instance_id}/redeliver")
    assert [c["success"] for c in r.json()["callbacks"]] == [True, True]  # acknowledged ...
    assert await ApplicationEvent.filter(application__acceptance_no=no).count() == events  # ... and nothing changed
    assert (await flow.case(person, no))["status"] == "approved"


async def test_refuse_denies(client, flow, notify, person):
    no, inst = await _opened_case(flow, notify, person)
    r = await client.post(f"/sandbox/dingtalk/process-instances/{inst.instance_id}/refuse",
                          json={"remark": "缴存记录不完整"})
    assert r.status_code == 200
    case = await flow.case(person, no)
    assert case["status"] == "denied" and case["timeline"][-1]["note"] == "缴存记录不完整"
    assert (await ApprovalInstance.get(id=inst.id)).status == "refuse"


async def test_decided_on_the_staff_screen_first_then_dingtalk_changes_nothing(client, flow, notify, person):
    from tests.factories import staff_of

    no, inst = await _opened_case(flow, notify, person)
    review = next(s for s in (await flow.case(person, no))["steps"] if s["key"] == "review")
    r = await flow.decide(await staff_of(client, "gjj"), review["id"], "deny", comment="不符合条件")
    assert r.status_code == 200
    await client.post(f"/sandbox/dingtalk/process-instances/{inst.instance_id}/approve")
    assert (await flow.case(person, no))["status"] == "denied"
    assert (await ApprovalInstance.get(id=inst.id)).status == "stale"


def _signed(settings, event: dict, timestamp: str | None = None, nonce: str = "n0nce123") -> tuple[dict, dict]:
    crypto = crypto_for(settings)
    ts = timestamp or str(int(time.time() * 1000))
    enc = crypto.encrypt(json.dumps(event))
    return {"msg_signature": signature(settings.dingtalk_callback_token, ts, nonce, enc), "timestamp": ts,
            "nonce": nonce}, {"encrypt": enc}


async def test_forged_stale_and_replayed_callbacks_are_refused(client, flow, notify, person, app):
    no, inst = await _opened_case(flow, notify, person)
    event = {"EventType": "bpms_task_change", "processInstanceId": inst.instance_id, "type": "finish",
             "result": "agree", "staffId": inst.approvers[0]}
    s = app.ctx.settings

    # Forged: encrypted with another key / signed with another token / tampered ciphertext.
    forger = CallbackCrypto(s.dingtalk_callback_token, "x" * 43, s.dingtalk_appkey)
    ts, nonce = str(int(time.time() * 1000)), "abc"
    enc = forger.encrypt(json.dumps(event))
    r = await client.post("/api/v1/dingtalk/callback", json={"encrypt": enc}, params={
        "msg_signature": signature(s.dingtalk_callback_token, ts, nonce, enc), "timestamp": ts, "nonce": nonce})
    assert r.status_code == 403 and r.json()["error"]["code"] == "callback_refused"
    args, body = _signed(s, event)
    r = await client.post("/api/v1/dingtalk/callback", json=body, params={**args, "msg_signature": "0" * 40})
    assert r.status_code == 403
    r = await client.post("/api/v1/dingtalk/callback", json={"encrypt": body["encrypt"][:-8] + "AAAAAAA="}, params=args)
    assert r.status_code == 403
    old = str(int(time.time() * 1000) - 3600_000)
    args_old, body_old = _signed(s, event, timestamp=old)
    r = await client.post("/api/v1/dingtalk/callback", json=body_old, params=args_old)
    assert r.status_code == 403 and r.json()["error"]["code"] == "callback_stale"
    assert (await flow.case(person, no))["status"] == "in_review"

    # A genuine one is applied and answered with the encrypted "success"; the very same request again is a replay.
    r = await client.post("/api/v1/dingtalk/callback", json=body, params=args)
    assert r.status_code == 200
    a = r.json()
    assert crypto_for(s).verify(a["msg_signature"], a["timeStamp"], a["nonce"], a["encrypt"]) == "success"
    assert (await flow.case(person, no))["status"] == "approved"
    r = await client.post("/api/v1/dingtalk/callback", json=body, params=args)
    assert r.status_code == 409 and r.json()["error"]["code"] == "callback_replayed"
    assert await CallbackEvent.filter(signature=args["msg_signature"]).count() == 1


async def test_approval_creation_failure_is_retried(client, flow, notify, person, app):
    r = await flow.apply(person, SIMPLE)
    no = r.json()["acceptance_no"]
    await flow.accept(person, no)
    # DingTalk's token expired meanwhile: the sandbox answers 401 once, the adapter refreshes and retries.
    redis = app.ctx.redis
    keys = [k async for k in redis.scan_iter(match="zb:sbx:dd:at:*")]
    if keys:
        await redis.delete(*keys)
    await notify.drain()
    d = await Delivery.filter(channel="dingtalk_approval").order_by("-id").first()
    assert d.status == DeliveryStatus.SENT and d.attempts == 1
    assert await ApprovalInstance.filter(step_id=int(d.recipient.split(":")[1])).count() == 1


async def test_the_intake_step_opened_at_submission_gets_its_approval_too(client, flow, notify, person):
    """Steps opened by the submission itself have no id yet when their event is written (one statement): the
    event names the step by acceptance number and key, and the sender finds it."""
    no = (await flow.apply(person, SIMPLE)).json()["acceptance_no"]
    await notify.drain()
    case = await flow.case(person, no)
    intake = next(s for s in case["steps"] if s["status"] == "open")
    d = await Delivery.get(channel="dingtalk_approval", recipient=f"step:{no}/{intake['key']}")
    assert d.status == DeliveryStatus.SENT
    inst = await ApprovalInstance.get(step_id=intake["id"])
    r = await client.post(f"/sandbox/dingtalk/process-instances/{inst.instance_id}/approve",
                          json={"userid": inst.approvers[-1]})
    assert r.status_code == 200, r.text
    assert (await flow.case(person, no))["status"] == "in_review"  # accepted from DingTalk, review opened
