"""对账: reconcile one day's WeChat Pay trade bill against our ledger and store a ReconciliationReport.

    python -m scripts.reconcile [--date YYYY-MM-DD]     # default: yesterday, Beijing time

Reads the same environment as `python -m app` (DATABASE_URL, REDIS_URL, ZB_DATA_DIR, WECHATPAY_*, …), connects
to the database, downloads the day's trade bill from the WeChat Pay API base in the settings, compares, stores
the report, prints its summary and every difference. Nothing but the report is written: it never moves money,
and running it again just adds another report.

Exit status: 0 clean, 2 differences found (they are also logged at ERROR on "zhangban.reconciliation"),
1 an error (bad arguments, the bill could not be fetched, WeChat Pay not configured, …).

The sandbox: with the sandbox on and no merchant key configured, the WeChat Pay base URL is the app's own
{PUBLIC_BASE_URL}/sandbox/wechatpay, so the app must be running (and reachable at that address) while this
runs, and both processes must share ZB_SECRET_KEY (and ZB_DATA_DIR / DATABASE_URL): the sandbox's merchant
and platform keys are derived from it. Without it each process generates its own keys, and the run fails
(exit 1) with "未知的微信支付平台证书序列号" (the sandbox's answer is signed with a platform key this process does
not know; the sandbox refuses its signature too). In the embedded mode the sandbox keeps its bills in the
server's in-process Redis, which is one more reason the server must be the one answering. For example:

    ZB_SECRET_KEY=… python -m app &                    # the app with its sandbox, on PUBLIC_BASE_URL / PORT
    ZB_SECRET_KEY=… python -m scripts.reconcile --date 2026-01-05
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import date, timedelta
from types import SimpleNamespace
from typing import TextIO

import httpx

from app import db
from app.config import Settings, load_settings
from app.errors import AppError
from app.providers import wechatpay as wxpay
from app.providers.http import make_client
from app.security import Vault, load_key
from app.services.payments import reconciliation

EXIT_CLEAN, EXIT_ERROR, EXIT_DIFFERENCES = 0, 1, 2


class Bar:
    """A small progress bar on a stream (redrawn in place on a terminal; one final line otherwise)."""

    def __init__(self, stream: TextIO, label: str = "对账", width: int = 30):
        self.stream, self.label, self.width = stream, label, width
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last: tuple[int, int] | None = None
        self.shown = ""

    def __call__(self, done: int, total: int) -> None:
        self.last = (done, total)
        if self.tty:
            line = self._line(done, total)
            if line != self.shown:  # redraw only when it changes (a big bill calls this per record)
                self.stream.write("\r" + line)
                self.stream.flush()
                self.shown = line

    def _line(self, done: int, total: int) -> str:
        frac = min(1.0, done / total) if total else 0.0
        filled = int(frac * self.width)
        return f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}"

    def close(self, finished: bool = True) -> None:
        if self.last is None:
            return
        if self.tty:
            self.stream.write("\n")
        elif finished:
            self.stream.write(self._line(*self.last) + "\n")
        self.stream.flush()


def yesterday() -> date:
    return reconciliation.beijing_today() - timedelta(days=1)


def _yuan(fen) -> str:
    return "—" if fen is None else f"{fen / 100:.2f}"


def print_report(report, out: TextIO) -> None:
    s = report.summary
    bill, ledger = s["bill"], s["ledger"]
    out.write(f"对账日期 {s['bill_date']}（北京时间） 报告 #{report.id}\n")
    if bill["available"]:
        out.write(f"  微信账单：{bill['rows']} 行；支付 {bill['payments']} 笔 {_yuan(bill['payments_fen'])} 元，"
                  f"退款 {bill['refunds']} 笔 {_yuan(bill['refunds_fen'])} 元\n")
        t = bill.get("totals") or {}
        out.write(f"  账单汇总：总交易单数 {t.get('count')}，应结订单总金额 {_yuan(t.get('settlement_total_fen'))} 元，"
                  f"退款总金额 {_yuan(t.get('refund_fen'))} 元，手续费总金额 {t.get('fee')} 元"
                  f"{'' if bill.get('totals_agree', True) else '（与明细不符！）'}\n")
    else:
        out.write("  微信账单：当日无账单（NO_STATEMENT_EXIST），按空账单对账\n")
    out.write(f"  我方账本：支付 {ledger['payments']} 笔 {_yuan(ledger['payments_fen'])} 元，"
              f"退款 {ledger['refunds']} 笔 {_yuan(ledger['refunds_fen'])} 元，净额 {_yuan(ledger['net_fen'])} 元\n")
    out.write(f"  一致 {s['matched']} 笔，差异 {s['differences']} 笔"
              + (f"（{'，'.join(f'{k} {n}' for k, n in s['by_kind'].items() if n)}）" if s["differences"] else "")
              + "\n")
    out.writelines(f"  {i}. [{d['kind']}] {d['description']}\n" for i, d in enumerate(report.differences, 1))
    out.flush()


def build_ctx(settings: Settings, http: httpx.AsyncClient) -> SimpleNamespace:
    """What reconcile needs of the app's ctx: settings, the shared HTTP client, the vault, the WeChat Pay adapter."""
    return SimpleNamespace(settings=settings, http=http,
                           vault=Vault(load_key(settings, settings.data_key, "data.key")),
                           wechatpay=wxpay.from_settings(settings, http))


async def run(bill_date: date, settings: Settings, *, out: TextIO | None = None, err: TextIO | None = None,
              transport: httpx.AsyncBaseTransport | None = None) -> int:
    """Connect, reconcile, print; the exit status. `transport` routes the HTTP calls (tests: the app in-process)."""
    out, err = out or sys.stdout, err or sys.stderr
    bar = Bar(err)
    await db.connect(settings)
    http = make_client(transport)
    try:
        ctx = build_ctx(settings, http)
        if ctx.wechatpay is None:
            err.write("错误：未配置微信支付（WECHATPAY_MCHID / WECHATPAY_PRIVATE_KEY …），也未开启沙箱\n")
            return EXIT_ERROR
        report = await reconciliation.reconcile(ctx, bill_date, progress=bar)
    except AppError as exc:  # ProviderError (the bill could not be fetched), Invalid (a day not yet over)
        bar.close(finished=False)
        err.write(f"错误：{exc.message}\n")
        return EXIT_ERROR
    finally:
        await http.aclose()
        await db.close()
    bar.close()
    print_report(report, out)
    return EXIT_DIFFERENCES if report.differences else EXIT_CLEAN


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # a usage error is an error (1): 2 means "differences found"
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def _day(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    p = _Parser(prog="python -m scripts.reconcile", description=__doc__,
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--date", type=_day, help="the bill date YYYY-MM-DD (Beijing time); default yesterday")
    a = p.parse_args(argv)
    bill_date = a.date or yesterday()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings()
        return asyncio.run(run(bill_date, settings))
    except Exception as exc:  # noqa: BLE001 - the database unreachable, a bad configuration, …: status 1
        sys.stderr.write(f"错误：{type(exc).__name__}: {exc}\n")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
