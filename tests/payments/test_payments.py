import asyncio

from models import LedgerEntry, PaymentOrder
from tests.factories import admin, citizen, demo_citizen, own_order


async def _fine(client, who) -> dict:
    r = await client.get("/api/v1/payables", headers=who["headers"])
    assert r.status_code == 200, r.text
    fines = [p for p in r.json()["items"] if p["kind"] == "traffic_fine" and p["status"] == "unpaid"]
    assert fines, r.json()
    return fines[0]


async def _order(client, who, payable_id) -> dict:
    r = await client.post("/api/v1/payments", headers=who["headers"], json={"payable": payable_id})
    assert r.status_code == 201, r.text
    return r.json()


async def _balance(client, a) -> dict:
    return (await client.get("/api/v1/admin/payments/ledger", headers=a["headers"])).json()


async def test_pay_a_fine_end_to_end(client, app):
    who = await demo_citizen(client, 2)
    fine = await _fine(client, who)
    assert fine["department"]["code"] == "jiaojing" and fine["amount_fen"] > 0
    paid = await _order(client, who, fine["id"])
    params = paid["request_payment"]
    assert params["package"].startswith("prepay_id=") and params["signType"] == "RSA" and params["paySign"]
    again = await _order(client, who, fine["id"])  # a second tap pays the same order
    assert again["order"]["out_trade_no"] == paid["order"]["out_trade_no"]

    no = paid["order"]["out_trade_no"]
    r = await client.post(f"/sandbox/wechatpay/orders/{no}/pay", json=params)
    assert r.status_code == 200, r.text
    order = (await client.get(f"/api/v1/payments/{paid['order']['id']}", headers=who["headers"])).json()
    assert order["status"] == "paid" and order["transaction_id"]
    items = (await client.get("/api/v1/payables", headers=who["headers"])).json()["items"]
    assert next(p for p in items if p["id"] == fine["id"])["status"] == "paid"
    r = await client.post("/api/v1/payments", headers=who["headers"], json={"payable": fine["id"]})
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_paid"
    assert await LedgerEntry.filter(order_id=paid["order"]["id"]).count() == 1


async def test_duplicate_and_out_of_order_notifications_credit_once(client, app):
    who = await demo_citizen(client, 3)
    fine = await _fine(client, who)
    paid = await _order(client, who, fine["id"])
    no = paid["order"]["out_trade_no"]
    r = await client.post(f"/sandbox/wechatpay/orders/{no}/pay", json={"hold": True})
    nid = r.json()["notification"]["id"]
    sends = await asyncio.gather(*[client.post(f"/sandbox/wechatpay/notifications/{nid}/send") for _ in range(5)])
    assert all(s.status_code == 200 for s in sends)
    order = await PaymentOrder.get(out_trade_no=no)
    assert order.status == "paid"
    assert await LedgerEntry.filter(order_id=order.id).count() == 1
    a = await admin(client)
    bal = await _balance(client, a)
    assert bal["ledger_fen"] == bal["orders_fen"]


async def test_forged_stale_and_unknown_notifications_change_nothing(client, app):
    who = await demo_citizen(client, 4)
    fine = await _fine(client, who)
    paid = await _order(client, who, fine["id"])
    no = paid["order"]["out_trade_no"]
    r = await client.post(f"/sandbox/wechatpay/orders/{no}/pay", json={"hold": True})
    nid = r.json()["notification"]["id"]
    note = (await client.get(f"/sandbox/wechatpay/notifications/{nid}")).json()
    body = note["body"]
    import json as jsonlib
    raw = jsonlib.dumps(body).encode()
    import time
    from app.sandbox.wechatpay import sandbox_platform_keys
    serial = next(iter(sandbox_platform_keys(app.ctx.settings)))
    headers = {"Wechatpay-Timestamp": str(int(time.time())), "Wechatpay-Nonce": "x" * 32,
               "Wechatpay-Signature": "Zm9yZ2Vk", "Wechatpay-Serial": serial, "Content-Type": "application/json"}
    r = await client.post("/api/v1/payments/wechatpay/notify", content=raw, headers=headers)
    assert r.status_code == 401 and r.json()["code"] == "FAIL"
    # an unknown serial is a key rotation we missed: 5xx, so that WeChat retries once the key is configured
    r = await client.post("/api/v1/payments/wechatpay/notify", content=raw,
                          headers={**headers, "Wechatpay-Serial": "PUB_KEY_ID_0000"})
    assert r.status_code == 500 and r.json()["code"] == "FAIL"
    old = await client.post(f"/sandbox/wechatpay/notifications/{nid}/send", json={"timestamp": 1700000000})
    assert old.status_code == 200
    assert (await PaymentOrder.get(out_trade_no=no)).status == "pending"
    assert await LedgerEntry.filter(order__out_trade_no=no).count() == 0
    await client.post(f"/sandbox/wechatpay/notifications/{nid}/send")
    assert (await PaymentOrder.get(out_trade_no=no)).status == "paid"


async def test_refunds_never_exceed_what_was_paid(client, app):
    who = await demo_citizen(client, 5)
    fine = await _fine(client, who)
    paid = await _order(client, who, fine["id"])
    no, oid, total = paid["order"]["out_trade_no"], paid["order"]["id"], paid["order"]["amount_fen"]
    a = await admin(client)
    r = await client.post(f"/api/v1/admin/payments/{oid}/refunds", headers=a["headers"],
                          json={"amount_fen": 1, "reason": "测试退款"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_refundable"
    await client.post(f"/sandbox/wechatpay/orders/{no}/pay", json={})
    r = await client.post(f"/api/v1/admin/payments/{oid}/refunds", headers=a["headers"],
                          json={"amount_fen": total + 1, "reason": "多退"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "refund_too_large"
    r = await client.post(f"/api/v1/admin/payments/{oid}/refunds", headers=a["headers"],
                          json={"amount_fen": total - 100, "reason": "部分退款"})
    assert r.status_code == 201, r.text
    refund = r.json()
    done = await client.post(f"/sandbox/wechatpay/refunds/{refund['out_refund_no']}/complete", json={})
    assert done.status_code == 200, done.text
    entries = await LedgerEntry.filter(order_id=oid).order_by("id").values_list("amount_fen", flat=True)
    assert entries == [total, -(total - 100)]
    r = await client.post(f"/api/v1/admin/payments/{oid}/refunds", headers=a["headers"],
                          json={"amount_fen": 101, "reason": "再退"})
    assert r.status_code == 422
    bal = await _balance(client, a)
    assert bal["ledger_fen"] == bal["orders_fen"]
    c = await citizen(client)
    r = await client.post(f"/api/v1/admin/payments/{oid}/refunds", headers=c["headers"],
                          json={"amount_fen": 1, "reason": "越权"})
    assert r.status_code == 403


async def test_payments_are_private(client):
    who = await demo_citizen(client, 6)
    fine = await _fine(client, who)
    paid = await _order(client, who, fine["id"])
    other = await citizen(client)
    assert (await client.get(f"/api/v1/payments/{paid['order']['id']}", headers=other["headers"])).status_code == 404
    r = await client.post("/api/v1/payments", headers=other["headers"], json={"payable": fine["id"]})
    assert r.status_code == 404
    r = await client.post("/api/v1/payments", headers=other["headers"], json={"payable": "x"})
    assert r.status_code == 422
    unbound = await citizen(client, bind=False)
    assert (await client.get("/api/v1/payables", headers=unbound["headers"])).status_code == 403


async def test_a_case_with_fees_waits_at_its_fee_step_until_paid(client, flow):
    from tests.factories import staff_of
    who = await demo_citizen(client, 0)
    r = await flow.apply(who, "GA0004")  # 临时居民身份证申领: 10 yuan 工本费
    assert r.status_code == 201, r.text
    no = r.json()["acceptance_no"]
    await flow.accept(who, no)
    case = await flow.approve_all(who, no)
    assert case["status"] == "approved"
    lead = await staff_of(client, case["lead_department"]["code"])
    r = await client.post(f"/api/v1/staff/applications/{no}/transition", headers=lead["headers"], json={"to": "issued"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "fee_unpaid"
    fee = next(p for p in (await client.get("/api/v1/payables", headers=who["headers"])).json()["items"]
               if p["kind"] == "application_fee" and p["ref"] == no)
    assert fee["amount_fen"] == 1000 and fee["items"][0]["item"] == "临时居民身份证工本费"
    paid = await _order(client, who, fee["id"])
    await client.post(f"/sandbox/wechatpay/orders/{paid['order']['out_trade_no']}/pay", json={})
    r = await client.post(f"/api/v1/staff/applications/{no}/transition", headers=lead["headers"], json={"to": "issued"})
    assert r.status_code == 200 and r.json()["status"] == "issued"


async def test_the_sandbox_retries_a_refused_notification_by_wechats_schedule(client, app, monkeypatch):
    from app.services.payments import payments
    who = await demo_citizen(client, 7)
    fine = await _fine(client, who)
    paid = await _order(client, who, fine["id"])
    no = paid["order"]["out_trade_no"]
    real, calls = payments.handle_notification, []

    async def down_once(ctx, headers, body):
        calls.append(1)
        if len(calls) == 1:
            raise payments.ProviderError("数据库维护中")
        return await real(ctx, headers, body)

    monkeypatch.setattr(payments, "handle_notification", down_once)
    monkeypatch.setattr(app.ctx, "settings", app.ctx.settings.with_(sandbox_time_scale=0.002))
    r = await client.post(f"/sandbox/wechatpay/transactions/{no}/pay", json={})
    assert r.status_code == 200 and r.json()["notification"]["status"] == 500
    for _ in range(100):
        if (await PaymentOrder.get(out_trade_no=no)).status == "paid":
            break
        await asyncio.sleep(0.05)
    assert (await PaymentOrder.get(out_trade_no=no)).status == "paid" and len(calls) == 2


def _signed_notification(settings, resource: dict, event_id: str) -> tuple[bytes, dict]:
    """A TRANSACTION.SUCCESS notification signed and encrypted with the sandbox platform's keys, as WeChat sends."""
    import secrets
    from datetime import datetime, timezone

    from app.providers import wechatpay as wp
    from app.sandbox import wechatpay as sandbox

    nonce = secrets.token_hex(6)
    envelope = {"id": event_id, "create_time": wp.rfc3339(datetime.now(timezone.utc)),
                "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功",
                "resource": {"original_type": "transaction", "algorithm": "AEAD_AES_256_GCM", "nonce": nonce,
                             "associated_data": "transaction",
                             "ciphertext": wp.aead_encrypt(sandbox.apiv3_key(settings), nonce, "transaction",
                                                           wp.dumps(resource))}}
    body = wp.dumps(envelope)
    key, serial = sandbox.platform_key(settings)
    return body, {"Content-Type": "application/json", **wp.signed_answer_headers(key, serial, body)}


async def test_a_wrong_amount_or_an_unknown_order_credits_nothing(client, app):
    import uuid
    from tests.factories import own_order
    order = await own_order(client)
    base = {"mchid": "1230000109", "appid": app.ctx.settings.wechat_appid, "trade_type": "JSAPI",
            "trade_state": "SUCCESS", "transaction_id": f"4200{uuid.uuid4().int % 10**24:024d}",
            "success_time": "2026-11-25T10:00:00+08:00", "payer": {"openid": "o-test"}}
    wrong = {**base, "out_trade_no": order["out_trade_no"], "amount": {"total": order["amount_fen"] + 1,
                                                                       "payer_total": order["amount_fen"] + 1}}
    body, headers = _signed_notification(app.ctx.settings, wrong, f"EV-{uuid.uuid4().hex}")
    r = await client.post("/api/v1/payments/wechatpay/notify", content=body, headers=headers)
    assert r.status_code == 422 and r.json()["code"] == "FAIL"
    assert (await PaymentOrder.get(id=order["id"])).status == "pending"
    assert await LedgerEntry.filter(order_id=order["id"]).count() == 0
    unknown = {**base, "out_trade_no": "ZBNOSUCHORDER0000000000000", "amount": {"total": 100, "payer_total": 100}}
    body, headers = _signed_notification(app.ctx.settings, unknown, f"EV-{uuid.uuid4().hex}")
    r = await client.post("/api/v1/payments/wechatpay/notify", content=body, headers=headers)
    assert r.status_code == 404 and r.json()["code"] == "FAIL"
    right = {**base, "out_trade_no": order["out_trade_no"], "amount": {"total": order["amount_fen"],
                                                                       "payer_total": order["amount_fen"]}}
    body, headers = _signed_notification(app.ctx.settings, right, f"EV-{uuid.uuid4().hex}")
    r = await client.post("/api/v1/payments/wechatpay/notify", content=body, headers=headers)
    assert r.status_code == 204
    assert (await PaymentOrder.get(id=order["id"])).status == "paid"
    assert await LedgerEntry.filter(order_id=order["id"]).count() == 1


async def test_an_exact_replay_of_a_notification_credits_once(client, app):
    """WeChat Pay's documented behaviour: the same notification may arrive again (its retries, or a replay of the
    captured request within the five minutes its signature is fresh): each is verified and answered 204, and the
    order is credited once. The very same bytes and headers, sent twice."""
    from app.providers import wechatpay as wp
    from app.sandbox.wechatpay import platform_key
    from tests.factories import own_order

    order = await own_order(client)
    no = order["out_trade_no"]
    r = await client.post(f"/sandbox/wechatpay/orders/{no}/pay", json={"hold": True})
    nid = r.json()["notification"]["id"]
    body = (await client.get(f"/sandbox/wechatpay/notifications/{nid}")).json()["body"]
    import json as jsonlib
    raw = jsonlib.dumps(body).encode()
    key, serial = platform_key(app.ctx.settings)
    headers = {"Content-Type": "application/json", **wp.signed_answer_headers(key, serial, raw)}
    answers = [await client.post("/api/v1/payments/wechatpay/notify", content=raw, headers=headers)
               for _ in range(3)]
    assert [a.status_code for a in answers] == [204, 204, 204]
    paid = await PaymentOrder.get(out_trade_no=no)
    assert paid.status == "paid"
    assert await LedgerEntry.filter(order_id=paid.id).count() == 1


async def test_a_notification_and_a_query_credit_a_payment_the_same_way(client, app):
    """Crediting has one definition: whether WeChat Pay's notification credits the payment (on PostgreSQL one
    statement) or the query asking about a late one does (row by row), the order, its ledger entry, its payable and
    the "payment.paid" event and the audit record come out the same."""
    from app.services.payments import payments
    from models import AuditLog, OutboxEvent, Payable

    notified, queried = await own_order(client, 1300), await own_order(client, 1300)
    r = await client.post(f"/sandbox/wechatpay/orders/{notified['out_trade_no']}/pay", json={})
    assert r.status_code == 200, r.text
    r = await client.post(f"/sandbox/wechatpay/orders/{queried['out_trade_no']}/pay", json={"hold": True})
    assert r.status_code == 200, r.text  # paid, its notification held back: only a query learns of it
    await payments.sync(app.ctx, await PaymentOrder.get(out_trade_no=queried["out_trade_no"]))
    for _ in range(100):  # the sandbox notifies us right after the payment
        if await PaymentOrder.exists(out_trade_no=notified["out_trade_no"], status="paid"):
            break
        await asyncio.sleep(0.05)
    for paid in (notified, queried):
        order = await PaymentOrder.get(out_trade_no=paid["out_trade_no"])
        assert order.status == "paid" and order.transaction_id and order.paid_at and order.version == 2
        entries = await LedgerEntry.filter(order_id=order.id).values_list("kind", "amount_fen", "external_id")
        assert entries == [("payment", 1300, order.transaction_id)]
        payable = await Payable.get(id=order.payable_id)
        assert payable.status == "paid" and payable.paid_at == order.paid_at
        events = await OutboxEvent.filter(kind="payment.paid", aggregate=f"payment:{order.out_trade_no}")
        assert [e.payload for e in events] == [{
            "payable_id": payable.id, "user_id": paid["who"]["user"]["id"], "description": "后台任务测试费用",
            "amount_fen": 1300, "out_trade_no": order.out_trade_no}]
        audited = await AuditLog.filter(action="payment", subject_ref=order.out_trade_no).values_list(
            "subject_id", "actor_role", "purpose", "fields_read")
        assert audited == [(paid["who"]["user"]["id"], "system", "payment.paid：后台任务测试费用", ["amount_fen:1300"])]
