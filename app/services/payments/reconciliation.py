"""对账: one day's WeChat Pay trade bill against our ledger (Beijing time).

`reconcile(ctx, bill_date)` downloads WeChat Pay's trade bill of `bill_date` (bill_type ALL) through the
adapter, loads our ledger entries whose occurred_at falls on that Beijing date, and compares them:

- payments by WeChat's transaction_id (微信订单号), then, for what is left, by out_trade_no (商户订单号);
- refunds by WeChat's refund_id (微信退款单号), then by out_refund_no (商户退款单号) — the second key also
  matches a ledger refund recorded without WeChat's id (external_id "refund:{out_refund_no}").

Each difference is a dict {"kind", "item": "payment" | "refund", "transaction_id", "out_trade_no", "refund_id",
"out_refund_no", "ours_fen", "theirs_fen", "ledger_entry_id", "trade_time", "description"} (amounts are
positive fen; a side that lacks the record has None), of one kind:

    missing_here     paid / refunded at WeChat, not in our ledger (of that day)
    missing_there    in our ledger, not on WeChat's bill
    amount_mismatch  on both, with different amounts
    id_mismatch      the same out_trade_no / out_refund_no carries a different WeChat id on each side

A day without a bill (WeChat answers NO_STATEMENT_EXIST: no transactions that day, or the bill is not generated
yet — WeChat publishes it around 10:00 the next day) is an empty bill. One ReconciliationReport is stored per run
(summary: counts and sums on each side, the bill's own summary totals, the number of differences by kind, and
"alert"); any difference is logged at ERROR on "zhangban.reconciliation" and sets summary["alert"]. Nothing else
is written: reconciliation never moves money, so running it again only adds another report.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from app.errors import Invalid
from app.providers import wechatpay as wxpay
from app.services.payments import payments
from models import LedgerEntry, PaymentOrder, ReconciliationReport, Refund

log = logging.getLogger("zhangban.reconciliation")
CST = wxpay.CST
KINDS = ("missing_here", "missing_there", "amount_mismatch", "id_mismatch")
LOGGED_DIFFERENCES = 50  # each difference is logged up to this many per run; the report holds them all

Progress = Callable[[int, int], None]


def beijing_today() -> date:
    return datetime.now(CST).date()


def day_window(bill_date: date) -> tuple[datetime, datetime]:
    """[start, end) of a Beijing calendar day, as aware datetimes."""
    start = datetime.combine(bill_date, time(0), tzinfo=CST)
    return start, start + timedelta(days=1)


def _yuan(fen: int | None) -> str:
    return "—" if fen is None else f"{Decimal(fen) / 100:.2f}"


def _clean_id(value) -> str | None:
    """A bill id field: WeChat writes "0" (or nothing) where a payment row has no refund id."""
    value = (value or "").strip() if isinstance(value, str) else value
    return None if value in (None, "", "0") else str(value)


# ---------------------------------------------------------------- the two sides

async def _download(ctx, bill_date: date) -> dict | None:
    """The parsed bill, or None when WeChat has none for the day (NO_STATEMENT_EXIST)."""
    try:
        return await payments._pay(ctx).download_trade_bill(bill_date)
    except wxpay.WeChatPayError as exc:
        if exc.wx_code == "NO_STATEMENT_EXIST":
            return None
        raise


def _bill_records(rows: list[dict]) -> tuple[list[dict], list[dict], int]:
    """(payments, refunds, other rows) of a bill, each record {"item", "id", "alt", ids…, "fen", "trade_time"}."""
    pays, refs, other = [], [], 0
    for row in rows:
        state = (row.get("trade_state") or "").strip().upper()
        refund_id = _clean_id(row.get("refund_id"))
        out_refund_no = _clean_id(row.get("out_refund_no"))
        base = {"transaction_id": _clean_id(row.get("transaction_id")),
                "out_trade_no": _clean_id(row.get("out_trade_no")), "trade_time": row.get("trade_time")}
        if state == "REFUND" or refund_id or out_refund_no:
            fen = row.get("requested_refund_fen") or row.get("refund_fen") or 0  # what was asked: our Refund amount
            refs.append({**base, "item": "refund", "id": refund_id, "alt": out_refund_no, "refund_id": refund_id,
                        "out_refund_no": out_refund_no, "fen": int(fen)})
        elif state == "SUCCESS":
            fen = row.get("total_fen") or row.get("settlement_total_fen") or 0  # 订单金额: what the order was for
            pays.append({**base, "item": "payment", "id": base["transaction_id"], "alt": base["out_trade_no"],
                         "refund_id": None, "out_refund_no": None, "fen": int(fen)})
        else:  # e.g. REVOKED: no money moved
            other += 1
    return pays, refs, other


def _totals_agree(rows: list[dict], totals: dict) -> bool:
    """The bill's own summary line against its rows."""
    try:
        return (int(totals.get("count", len(rows))) == len(rows)
                and int(totals.get("settlement_total_fen", 0)) == sum(r.get("settlement_total_fen") or 0 for r in rows)
                and int(totals.get("refund_fen", 0)) == sum(r.get("refund_fen") or 0 for r in rows))
    except (TypeError, ValueError):
        return False


async def _ledger_records(bill_date: date) -> tuple[list[dict], list[dict]]:
    """(payments, refunds) of our ledger on that Beijing day, in the bill records' shape (amounts positive)."""
    # In UTC: SQLite keeps datetimes as UTC text and compares the filter value as text.
    start, end = (t.astimezone(UTC) for t in day_window(bill_date))
    entries = await LedgerEntry.filter(occurred_at__gte=start, occurred_at__lt=end).order_by("id").values(
        "id", "kind", "amount_fen", "external_id", "occurred_at", "order__out_trade_no", "order__transaction_id")
    refund_ids = [e["external_id"] for e in entries if e["kind"] == "refund"]
    refunds_by_id = dict(await Refund.filter(refund_id__in=refund_ids).values_list("refund_id", "out_refund_no")) \
        if refund_ids else {}
    pays, refs = [], []
    for e in entries:
        when = e["occurred_at"].astimezone(CST).strftime("%Y-%m-%d %H:%M:%S")
        base = {"ledger_entry_id": e["id"], "out_trade_no": e["order__out_trade_no"], "trade_time": when,
                "fen": abs(e["amount_fen"])}
        if e["kind"] == "refund":
            ext = e["external_id"]
            no_id = ext.startswith("refund:")  # recorded without WeChat's refund_id (see payments.apply_refund)
            out_refund_no = ext[len("refund:"):] if no_id else refunds_by_id.get(ext)
            refs.append({**base, "item": "refund", "id": None if no_id else ext, "alt": out_refund_no,
                        "refund_id": None if no_id else ext, "out_refund_no": out_refund_no,
                        "transaction_id": e["order__transaction_id"]})
        else:
            pays.append({**base, "item": "payment", "id": e["external_id"], "alt": e["order__out_trade_no"],
                         "transaction_id": e["external_id"], "refund_id": None, "out_refund_no": None})
    return pays, refs


# ---------------------------------------------------------------- matching

def _index(records: list[dict]) -> dict[str, dict]:
    """Records by id; a repeated id (a bill listing one transaction twice) adds up, so it shows as a mismatch."""
    out: dict[str, dict] = {}
    for r in records:
        key = r["id"] or f"alt:{r['alt']}"
        if key in out:
            out[key] = {**out[key], "fen": out[key]["fen"] + r["fen"]}
        else:
            out[key] = dict(r)
    return out


def _pair(theirs: list[dict], ours: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """(matched pairs, only on the bill, only in our ledger): by WeChat's id first, then by the merchant's number."""
    there, here = _index(theirs), _index(ours)
    pairs = [(there.pop(k), here.pop(k)) for k in list(there) if k in here]
    here_by_alt = {}
    for k, r in here.items():
        if r["alt"]:
            here_by_alt.setdefault(r["alt"], k)
    for k in list(there):
        alt = there[k]["alt"]
        hk = here_by_alt.pop(alt, None) if alt else None
        if hk is not None and hk in here:
            pairs.append((there.pop(k), here.pop(hk)))
    return pairs, list(there.values()), list(here.values())


def _ids(r: dict) -> str:
    if r["item"] == "refund":
        return (f"微信退款单号 {r['refund_id'] or '—'}，商户退款单号 {r['out_refund_no'] or '—'}，"
                f"商户订单号 {r['out_trade_no'] or '—'}")
    return f"微信订单号 {r['transaction_id'] or '—'}，商户订单号 {r['out_trade_no'] or '—'}"


def _difference(kind: str, there: dict | None, here: dict | None, description: str) -> dict:
    src = there or here
    return {"kind": kind, "item": src["item"],
            "transaction_id": (there or {}).get("transaction_id") or (here or {}).get("transaction_id"),
            "out_trade_no": (there or {}).get("out_trade_no") or (here or {}).get("out_trade_no"),
            "refund_id": (there or {}).get("refund_id") or (here or {}).get("refund_id"),
            "out_refund_no": (there or {}).get("out_refund_no") or (here or {}).get("out_refund_no"),
            "ours_fen": here["fen"] if here else None, "theirs_fen": there["fen"] if there else None,
            "ledger_entry_id": here["ledger_entry_id"] if here else None,
            "trade_time": (there or here)["trade_time"], "description": description}


async def _missing_here_note(r: dict, bill_date: date) -> str:
    """Where our side stands on a bill record we lack (read only): the ledger of another day, the order's state."""
    if r["id"]:
        other = await LedgerEntry.get_or_none(external_id=r["id"])
        if other is not None:
            day = other.occurred_at.astimezone(CST).date()
            if day != bill_date:
                return f"；我方账本记于 {day.isoformat()}（跨日）"
    if r["item"] == "payment" and r["out_trade_no"]:
        order = await PaymentOrder.get_or_none(out_trade_no=r["out_trade_no"])
        if order is None:
            return "；我方无此商户订单号"
        return f"；我方订单状态为 {order.status.value}（支付通知可能未送达或未处理）"
    if r["item"] == "refund" and r["out_refund_no"]:
        refund = await Refund.get_or_none(out_refund_no=r["out_refund_no"])
        if refund is None:
            return "；我方无此退款单"
        return f"；我方退款单状态为 {refund.status.value}（退款通知可能未送达或未处理）"
    return ""


# ---------------------------------------------------------------- the run

async def reconcile(ctx, bill_date: date, progress: Progress | None = None) -> ReconciliationReport:
    """Reconcile one Beijing day (before today) and store the report; see the module docstring."""
    if bill_date >= beijing_today():
        raise Invalid("只能对已结束的日期对账（北京时间今天之前）", field="bill_date")
    steps = {"done": 0, "total": 3}  # download, ledger, store; the comparisons are added once known

    def step(n: int = 1) -> None:
        steps["done"] += n
        if progress is not None:
            progress(steps["done"], steps["total"])

    if progress is not None:
        progress(0, steps["total"])
    bill = await _download(ctx, bill_date)
    rows = bill["rows"] if bill else []
    step()
    bill_pay, bill_ref, other_rows = _bill_records(rows)
    our_pay, our_ref = await _ledger_records(bill_date)
    step()

    differences: list[dict] = []
    matched = 0
    for item, theirs, ours in (("payment", bill_pay, our_pay), ("refund", bill_ref, our_ref)):
        pairs, only_there, only_here = _pair(theirs, ours)
        steps["total"] += len(pairs) + len(only_there) + len(only_here)
        what = "支付" if item == "payment" else "退款"
        for there, here in pairs:
            problems = []
            if there["id"] and here["id"] and there["id"] != here["id"]:
                field = "微信订单号" if item == "payment" else "微信退款单号"
                differences.append(_difference("id_mismatch", there, here, (
                    f"{what}的{field}不一致：微信账单为 {there['id']}，我方账本为 {here['id']}"
                    f"（{'商户订单号' if item == 'payment' else '商户退款单号'} {there['alt']}，"
                    f"账本记录 #{here['ledger_entry_id']}）")))
                problems.append("id")
            if there["fen"] != here["fen"]:
                differences.append(_difference("amount_mismatch", there, here, (
                    f"{what}金额不一致：微信账单 {_yuan(there['fen'])} 元，我方账本 {_yuan(here['fen'])} 元"
                    f"（{_ids(there)}，账本记录 #{here['ledger_entry_id']}）")))
                problems.append("amount")
            if not problems:
                matched += 1
            step()
        for there in only_there:
            note = await _missing_here_note(there, bill_date)
            differences.append(_difference("missing_here", there, None, (
                f"微信账单有{what} {_yuan(there['fen'])} 元（{_ids(there)}，{there['trade_time']}），"
                f"我方账本当日没有这笔{what}{note}")))
            step()
        for here in only_here:
            differences.append(_difference("missing_there", None, here, (
                f"我方账本记有{what} {_yuan(here['fen'])} 元（{_ids(here)}，账本记录 #{here['ledger_entry_id']}，"
                f"{here['trade_time']}），微信账单中没有")))
            step()

    totals = bill["summary"] if bill else None
    totals_agree = _totals_agree(rows, totals) if totals is not None else True
    by_kind = {k: sum(1 for d in differences if d["kind"] == k) for k in KINDS}
    summary = {
        "bill_date": bill_date.isoformat(), "timezone": "+08:00",
        "bill": {"available": bill is not None, "rows": len(rows), "other_rows": other_rows,
                 "payments": len(bill_pay), "payments_fen": sum(r["fen"] for r in bill_pay),
                 "refunds": len(bill_ref), "refunds_fen": sum(r["fen"] for r in bill_ref),
                 "totals": totals, "totals_agree": totals_agree},
        "ledger": {"entries": len(our_pay) + len(our_ref),
                   "payments": len(our_pay), "payments_fen": sum(r["fen"] for r in our_pay),
                   "refunds": len(our_ref), "refunds_fen": sum(r["fen"] for r in our_ref),
                   "net_fen": sum(r["fen"] for r in our_pay) - sum(r["fen"] for r in our_ref)},
        "matched": matched, "differences": len(differences), "by_kind": by_kind,
        "alert": bool(differences) or not totals_agree,
    }
    report = await ReconciliationReport.create(bill_date=bill_date, summary=summary, differences=differences)
    step()

    if not totals_agree:
        log.error("reconciliation %s (report %s): the bill's summary line disagrees with its rows: %s",
                  bill_date, report.id, totals)
    if differences:
        log.error("reconciliation %s (report %s): %d differences (%s)", bill_date, report.id, len(differences),
                  ", ".join(f"{k} {n}" for k, n in by_kind.items() if n))
        for d in differences[:LOGGED_DIFFERENCES]:
            log.error("reconciliation %s %s: %s", bill_date, d["kind"], d["description"])
        if len(differences) > LOGGED_DIFFERENCES:
            log.error("reconciliation %s: %d more differences in report %s", bill_date,
                      len(differences) - LOGGED_DIFFERENCES, report.id)
    else:
        log.info("reconciliation %s (report %s): clean, %d matched", bill_date, report.id, matched)
    return report


async def latest(bill_date: date) -> ReconciliationReport | None:
    """The most recent report of a day, or None."""
    return await ReconciliationReport.filter(bill_date=bill_date).order_by("-created_at", "-id").first()
