"""对账 (app/services/reconciliation.py, scripts/reconcile.py) through the real flow.

Citizens pay traffic fines over HTTP (GET /api/v1/payables, POST /api/v1/payments) and the sandbox's payer
stand-in pays them with "paid_at" yesterday (Beijing time), so they land on yesterday's trade bill; an admin
refund is completed at the sandbox with a "success_time" of yesterday. The service is called with the app's ctx
and downloads the bill from the sandbox through the real adapter.

Other tests of the session (and, on the postgres backend, other sessions sharing the test Redis) may put
transactions on the same days, so assertions are scoped to the ids made here, never to global counts.
"""
from __future__ import annotations

import io
import logging
import secrets
import threading
from datetime import date, datetime, time, timedelta

import httpx
import pytest

from app.errors import Invalid, ProviderError
from app.providers import wechatpay as wp
from app.services.payments import reconciliation
from models import LedgerEntry, Payable, PaymentOrder, ReconciliationReport, Refund
from scripts import reconcile as cli
from tests.factories import admin, demo_citizen

CST = wp.CST


def _yesterday() -> date:
    return datetime.now(CST).date() - timedelta(days=1)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=CST)


async def _money_state() -> dict:
    """Everything reconciliation must never change."""
    return {"orders": await PaymentOrder.all().order_by("id").values(),
            "ledger": await LedgerEntry.all().order_by("id").values(),
            "refunds": await Refund.all().order_by("id").values(),
            "payables": await Payable.all().order_by("id").values()}


async def _unpaid_fine(client) -> tuple[dict, dict]:
    """A demo citizen with an unpaid traffic fine of their own (the first user to look a fine up owns it)."""
    for index in range(9, -1, -1):
        who = await demo_citizen(client, index)
        r = await client.get("/api/v1/payables", headers=who["headers"])
        assert r.status_code == 200, r.text
        fines = [p for p in r.json()["items"] if p["kind"] == "traffic_fine" and p["status"] == "unpaid"]
        if fines:
            return who, fines[0]
    pytest.fail("no demo person has an unpaid traffic fine left")


async def _order(client, who, payable_id) -> dict:
    r = await client.post("/api/v1/payments", headers=who["headers"], json={"payable": payable_id})
    assert r.status_code == 201, r.text
    return r.json()


async def _pay_fine(client, paid_at: datetime, hold: bool = False) -> dict:
    """Pay a fine at the sandbox with success_time `paid_at`; the order row (delivered notification unless hold)."""
    who, fine = await _unpaid_fine(client)
    placed = await _order(client, who, fine["id"])
    no = placed["order"]["out_trade_no"]
    r = await client.post(f"/sandbox/wechatpay/orders/{no}/pay",
                          json={**placed["request_payment"], "paid_at": paid_at.isoformat(), "hold": hold})
    assert r.status_code == 200 and r.json()["trade_state"] == "SUCCESS", r.text
    order = await PaymentOrder.get(out_trade_no=no)
    return {"order": order, "transaction_id": r.json()["transaction_id"], "out_trade_no": no}


def _mine(report: ReconciliationReport, **ids) -> list[dict]:
    """The report's differences about the given ids (transaction_id=…, refund_id=…, out_trade_no=…)."""
    return [d for d in report.differences if any(d.get(k) == v for k, v in ids.items() if v)]


@pytest.fixture(scope="module")
async def day(client, app):
    """Yesterday's business made through the app: two fines paid, one of them half refunded."""
    bill_date = _yesterday()
    one = await _pay_fine(client, _at(bill_date, 9, 15))
    two = await _pay_fine(client, _at(bill_date, 14, 40))
    for p in (one, two):
        o = await PaymentOrder.get(id=p["order"].id)
        assert o.status == "paid" and o.transaction_id == p["transaction_id"]  # the notification was applied
    a = await admin(client)
    amount = one["order"].amount_fen // 2
    r = await client.post(f"/api/v1/admin/payments/{one['order'].id}/refunds", headers=a["headers"],
                          json={"amount_fen": amount, "reason": "对账测试退款"})
    assert r.status_code == 201, r.text
    out_refund_no = r.json()["out_refund_no"]
    r = await client.post(f"/sandbox/wechatpay/refunds/{out_refund_no}/complete",
                          json={"success_time": _at(bill_date, 16, 5).isoformat()})
    assert r.status_code == 200, r.text
    refund = await Refund.get(out_refund_no=out_refund_no)
    assert refund.status == "success" and refund.refund_id
    entries = await LedgerEntry.filter(order_id__in=[one["order"].id, two["order"].id]).order_by("id")
    assert [e.amount_fen for e in entries] == [one["order"].amount_fen, two["order"].amount_fen, -amount]
    assert all(e.occurred_at.astimezone(CST).date() == bill_date for e in entries)
    return {"date": bill_date, "one": one, "two": two, "refund": refund, "admin": a}


async def test_a_clean_day_has_none_of_our_transactions_in_its_differences(app, day, caplog):
    before = await _money_state()
    seen = []
    with caplog.at_level(logging.INFO, logger="zhangban.reconciliation"):
        report = await reconciliation.reconcile(app.ctx, day["date"], progress=lambda d, t: seen.append((d, t)))
    assert await _money_state() == before

    one, two, refund = day["one"], day["two"], day["refund"]
    assert not _mine(report, transaction_id=one["transaction_id"]), report.differences
    assert not _mine(report, transaction_id=two["transaction_id"]), report.differences
    assert not _mine(report, refund_id=refund.refund_id), report.differences
    s = report.summary
    assert s["bill_date"] == day["date"].isoformat() and s["bill"]["available"] and s["bill"]["totals_agree"]
    assert s["bill"]["payments"] >= 2 and s["bill"]["refunds"] >= 1 and s["matched"] >= 3
    assert s["ledger"]["payments"] >= 2 and s["ledger"]["refunds"] >= 1
    assert s["bill"]["totals"]["count"] == s["bill"]["rows"]
    assert s["differences"] == len(report.differences) == sum(s["by_kind"].values())
    assert s["alert"] == bool(report.differences)
    if not report.differences:  # the usual case: nobody else paid anything yesterday
        assert s["bill"]["payments_fen"] == s["ledger"]["payments_fen"]
        assert s["bill"]["refunds_fen"] == s["ledger"]["refunds_fen"]
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # progress: (done, total) from 0 to the end
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] and all(d <= t for d, t in seen)

    stored = await ReconciliationReport.get(id=report.id)
    assert stored.bill_date == day["date"] and stored.summary == s and stored.differences == report.differences

    again = await reconciliation.reconcile(app.ctx, day["date"])  # re-running: another report, nothing else
    assert again.id != report.id
    assert (await reconciliation.latest(day["date"])).id == again.id
    assert await _money_state() == before
    assert await reconciliation.latest(date(1999, 1, 1)) is None


async def test_each_kind_of_difference_is_reported_and_no_money_moves(app, client, day, caplog, monkeypatch):
    bill_date = day["date"]
    # (a) paid there, not here: the sandbox has the payment but holds its notification (never delivered, and
    # nothing polls GET /api/v1/payments/{id}, which would query WeChat and credit it)
    held = await _pay_fine(client, _at(bill_date, 11, 30), hold=True)
    assert (await PaymentOrder.get(id=held["order"].id)).status == "pending"
    # (b) here, not there: a ledger credit with no bill row. This simulates a forged or mistaken credit (a bug,
    # a hand-edited row): the ledger is only written by payments.apply_paid / apply_refund otherwise.
    forged = await LedgerEntry.create(order_id=day["two"]["order"].id, kind="payment", amount_fen=4321,
                                      external_id="4200FORGED" + secrets.token_hex(8).upper(),
                                      occurred_at=_at(bill_date, 13, 0))
    # (c) amount mismatch: our ledger's amount of a real payment changed in the database
    changed = await LedgerEntry.get(external_id=day["two"]["transaction_id"])
    true_amount = changed.amount_fen
    await LedgerEntry.filter(id=changed.id).update(amount_fen=true_amount + 100)
    try:
        before = await _money_state()
        with caplog.at_level(logging.ERROR, logger="zhangban.reconciliation"):
            report = await reconciliation.reconcile(app.ctx, bill_date)
        assert await _money_state() == before  # reconciliation never moves money

        (a,) = _mine(report, transaction_id=held["transaction_id"])
        assert a["kind"] == "missing_here" and a["item"] == "payment"
        assert a["out_trade_no"] == held["out_trade_no"] and a["theirs_fen"] == held["order"].amount_fen
        assert a["ours_fen"] is None and held["transaction_id"] in a["description"]
        assert "我方账本当日没有" in a["description"] and "pending" in a["description"]

        (b,) = _mine(report, transaction_id=forged.external_id)
        assert b["kind"] == "missing_there" and b["ours_fen"] == 4321 and b["theirs_fen"] is None
        assert b["ledger_entry_id"] == forged.id and "微信账单中没有" in b["description"]

        (c,) = _mine(report, transaction_id=day["two"]["transaction_id"])
        assert c["kind"] == "amount_mismatch" and c["theirs_fen"] == true_amount
        assert c["ours_fen"] == true_amount + 100 and c["ledger_entry_id"] == changed.id
        assert c["out_trade_no"] == day["two"]["out_trade_no"] and "金额不一致" in c["description"]

        # the untouched payment and the refund still agree
        assert not _mine(report, transaction_id=day["one"]["transaction_id"])
        assert not _mine(report, refund_id=day["refund"].refund_id)

        s = report.summary
        assert s["alert"] is True and s["differences"] == len(report.differences)
        assert s["by_kind"]["missing_here"] >= 1 and s["by_kind"]["missing_there"] >= 1
        assert s["by_kind"]["amount_mismatch"] >= 1
        errors = [r for r in caplog.records if r.name == "zhangban.reconciliation" and r.levelno == logging.ERROR]
        text = "\n".join(r.getMessage() for r in errors)
        assert held["transaction_id"] in text and forged.external_id in text and "amount_mismatch" in text
        assert (await reconciliation.latest(bill_date)).id == report.id

        # The CLI end to end, in process: its own ctx (settings, HTTP client, vault, adapter) and the real
        # reconcile; the HTTP calls reach the app over ASGI instead of a running server, and the session's
        # database connection is used as is (db.connect / close are the app's).
        monkeypatch.setattr(cli.db, "connect", _noop)
        monkeypatch.setattr(cli.db, "close", _noop)
        out, err = io.StringIO(), io.StringIO()
        code = await cli.run(bill_date, app.ctx.settings, out=out, err=err, transport=httpx.ASGITransport(app=app))
        assert code == cli.EXIT_DIFFERENCES
        printed = out.getvalue()
        assert f"对账日期 {bill_date.isoformat()}" in printed
        for needle in (held["transaction_id"], forged.external_id, "[amount_mismatch]", "[missing_here]"):
            assert needle in printed
        assert "对账 [" in err.getvalue() and "对账 [" not in printed
        assert await _money_state() == before
    finally:
        await LedgerEntry.filter(id=forged.id).delete()
        await LedgerEntry.filter(id=changed.id).update(amount_fen=true_amount)


async def test_ids_are_matched_by_wechat_id_then_by_merchant_number(app, day):
    """A ledger payment whose transaction_id differs from the bill's for the same out_trade_no: id_mismatch; a
    ledger refund recorded without WeChat's refund_id ("refund:{out_refund_no}") matches by out_refund_no."""
    pay = await LedgerEntry.get(external_id=day["one"]["transaction_id"])
    ref = await LedgerEntry.get(external_id=day["refund"].refund_id)
    wrong = "4200WRONG" + secrets.token_hex(8).upper()
    await LedgerEntry.filter(id=pay.id).update(external_id=wrong)
    await LedgerEntry.filter(id=ref.id).update(external_id=f"refund:{day['refund'].out_refund_no}")
    try:
        report = await reconciliation.reconcile(app.ctx, day["date"])
        (d,) = _mine(report, out_trade_no=day["one"]["out_trade_no"])
        assert d["kind"] == "id_mismatch" and d["ledger_entry_id"] == pay.id
        assert d["theirs_fen"] == d["ours_fen"] == pay.amount_fen
        assert day["one"]["transaction_id"] in d["description"] and wrong in d["description"]
        assert not _mine(report, refund_id=day["refund"].refund_id, out_refund_no=day["refund"].out_refund_no)
        assert report.summary["by_kind"]["id_mismatch"] >= 1 and report.summary["alert"] is True
    finally:
        await LedgerEntry.filter(id=pay.id).update(external_id=pay.external_id)
        await LedgerEntry.filter(id=ref.id).update(external_id=ref.external_id)


async def test_a_day_without_a_bill_is_an_empty_bill(app, day):
    """NO_STATEMENT_EXIST (nothing happened that day at WeChat): what our ledger has that day is missing there.
    The day is the Beijing calendar day: [00:00, 24:00) +08:00."""
    bill_date = date(1990, 1, 1) + timedelta(days=secrets.randbelow(3000))
    order = day["one"]["order"]
    times = {"before": _at(bill_date, 0, 0) - timedelta(seconds=1), "first": _at(bill_date, 0, 0),
             "last": _at(bill_date, 23, 59) + timedelta(seconds=59, microseconds=999000),
             "after": _at(bill_date + timedelta(days=1), 0, 0)}
    entries = {k: await LedgerEntry.create(order_id=order.id, kind="payment", amount_fen=500 + i,
                                           external_id=f"4200OLD{i}" + secrets.token_hex(8).upper(), occurred_at=t)
               for i, (k, t) in enumerate(times.items())}
    try:
        before = await _money_state()
        report = await reconciliation.reconcile(app.ctx, bill_date)
        assert await _money_state() == before
        assert report.summary["bill"]["available"] is False and report.summary["bill"]["rows"] == 0
        for k in ("first", "last"):
            (d,) = _mine(report, transaction_id=entries[k].external_id)
            assert d["kind"] == "missing_there" and d["ours_fen"] == entries[k].amount_fen
        for k in ("before", "after"):
            assert not _mine(report, transaction_id=entries[k].external_id), k
        assert report.summary["alert"] is True
    finally:
        await LedgerEntry.filter(id__in=[e.id for e in entries.values()]).delete()


async def test_today_cannot_be_reconciled(app):
    with pytest.raises(Invalid):
        await reconciliation.reconcile(app.ctx, datetime.now(CST).date())
    with pytest.raises(Invalid):
        await reconciliation.reconcile(app.ctx, datetime.now(CST).date() + timedelta(days=3))


# ---------------------------------------------------------------- the CLI: arguments and exit status


async def _noop(*_args, **_kwargs) -> None:
    return None


def _fake_report(bill_date: date, differences: list[dict]) -> ReconciliationReport:
    by_kind = {k: sum(1 for d in differences if d["kind"] == k) for k in reconciliation.KINDS}
    summary = {"bill_date": bill_date.isoformat(), "timezone": "+08:00",
               "bill": {"available": True, "rows": 1, "other_rows": 0, "payments": 1, "payments_fen": 2000,
                        "refunds": 0, "refunds_fen": 0, "totals_agree": True,
                        "totals": {"count": 1, "settlement_total_fen": 2000, "refund_fen": 0, "fee": "0.12000"}},
               "ledger": {"entries": 1, "payments": 1, "payments_fen": 2000, "refunds": 0, "refunds_fen": 0,
                          "net_fen": 2000},
               "matched": 1 - len(differences), "differences": len(differences), "by_kind": by_kind,
               "alert": bool(differences)}
    return ReconciliationReport(bill_date=bill_date, summary=summary, differences=differences)


@pytest.fixture
def fake_cli(monkeypatch, settings):
    """scripts.reconcile.main with the database calls stubbed and reconcile replaced; main runs in a thread of
    its own (it calls asyncio.run, which must not touch the test session's event loop)."""
    calls, behaviour = [], {"differences": [], "raise": None}

    async def fake_reconcile(ctx, bill_date, progress=None):
        calls.append({"date": bill_date, "ctx": ctx})
        if progress:
            progress(0, 3)
            progress(3, 3)
        if behaviour["raise"]:
            raise behaviour["raise"]
        return _fake_report(bill_date, behaviour["differences"])

    monkeypatch.setattr(cli, "load_settings", lambda: settings)
    monkeypatch.setattr(cli.db, "connect", _noop)
    monkeypatch.setattr(cli.db, "close", _noop)
    monkeypatch.setattr(cli.reconciliation, "reconcile", fake_reconcile)

    def main(argv):
        result = {}

        def target():
            try:
                result["code"] = cli.main(argv)
            except SystemExit as exc:
                result["exit"] = exc.code

        t = threading.Thread(target=target)
        t.start()
        t.join(30)
        return result

    return main, calls, behaviour


def test_cli_exit_status_and_arguments(fake_cli, capsys):
    main, calls, behaviour = fake_cli
    assert main(["--date", "2026-01-05"]) == {"code": 0}
    assert calls[-1]["date"] == date(2026, 1, 5)
    ctx = calls[-1]["ctx"]
    assert ctx.wechatpay is not None and ctx.wechatpay.http is ctx.http and ctx.vault is not None
    out = capsys.readouterr().out
    assert "对账日期 2026-01-05" in out and "差异 0 笔" in out

    assert main([]) == {"code": 0}  # default: yesterday, Beijing time
    assert calls[-1]["date"] == _yesterday()

    behaviour["differences"] = [{"kind": "missing_here", "item": "payment", "transaction_id": "4200X",
                                 "out_trade_no": "ZBX", "refund_id": None, "out_refund_no": None,
                                 "ours_fen": None, "theirs_fen": 2000, "ledger_entry_id": None,
                                 "trade_time": "2026-01-05 10:00:00", "description": "微信账单有支付 20.00 元…"}]
    assert main(["--date", "2026-01-05"]) == {"code": 2}
    assert "[missing_here] 微信账单有支付 20.00 元" in capsys.readouterr().out

    behaviour["raise"] = ProviderError("微信支付连接失败：ConnectError")
    assert main(["--date", "2026-01-05"]) == {"code": 1}
    assert "微信支付连接失败" in capsys.readouterr().err

    n = len(calls)
    for bad in (["--date", "2026-13-01"], ["--date", "20260105"], ["--date"], ["--nope"]):
        assert main(bad) == {"exit": 1}, bad  # a usage error is 1: 2 means differences
    assert len(calls) == n


def test_cli_progress_bar():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty = Tty()
    bar = cli.Bar(tty, width=10)
    for done in range(5):
        bar(done, 4)
    bar(4, 4)  # unchanged: not redrawn
    bar.close()
    assert tty.getvalue().count("\r") == 5 and tty.getvalue().endswith("[##########] 4/4\n")
    plain = io.StringIO()
    bar = cli.Bar(plain, width=4)
    bar(1, 2)
    bar(2, 2)
    bar.close()
    assert plain.getvalue() == "对账 [####] 2/2\n"  # not a terminal: one final line


async def test_the_latest_report_of_a_day_through_http(client, app):
    from datetime import date, timedelta

    from app.services.payments import reconciliation
    from tests.factories import admin, citizen
    day = date(2026, 1, 5)
    report = await reconciliation.reconcile(app.ctx, day)
    a = await admin(client)
    r = await client.get(f"/api/v1/admin/payments/reconciliation/{day.isoformat()}", headers=a["headers"])
    assert r.status_code == 200 and r.json()["id"] == report.id
    assert (await client.get("/api/v1/admin/payments/reconciliation/2026-13-01", headers=a["headers"])).status_code == 422
    none = (day - timedelta(days=3650)).isoformat()
    assert (await client.get(f"/api/v1/admin/payments/reconciliation/{none}", headers=a["headers"])).status_code == 404
    c = await citizen(client)
    assert (await client.get(f"/api/v1/admin/payments/reconciliation/{day.isoformat()}", headers=c["headers"])).status_code == 403
