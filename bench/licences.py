"""Issuing speed of the licence PDF: render (reportlab, embedded CJK subset, seal image), declare PDF/A-2b and sign
(pyHanko PAdES, ECDSA P-256) — what the `licences.render_missing` job does per licence — against a bare baseline
measured in the same run: reportlab rendering a one-line page in the same font, unsigned.

    .venv/bin/python bench/licences.py [--count 200] [--rounds 3]

Target (issue 16): ≥ 50 licences/s per worker. One process, one core: the job worker renders licences one after
another. Not run by the test suite; the machine is shared, so compare the ratio, not the rate.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.config import Settings  # noqa: E402
from app.services.documents import datasig, fonts, seals  # noqa: E402
from app.services.licences import pdf as licence_pdf  # noqa: E402


def _bare() -> bytes:
    buf = io.BytesIO()
    c = fonts.Canvas(buf)
    c.setFont(fonts.ensure(), 14)
    c.drawString(72, 760, "住房公积金缴存证明 330402-GJJJCZM-2026-000001")
    c.save()
    return buf.getvalue()


def _licence(seal: seals.Seal, key: datasig.DataKey, n: int) -> bytes:
    payload = {"type": {"code": "GJJJCZM", "name": "住房公积金缴存证明"}, "number": f"330402-GJJJCZM-2026-{n:06d}",
               "holder_kind": "person", "fields": {"holder_name": "王小明", "holder_id_number": "330402199001011234"},
               "issued_at": "2026-12-02 10:00", "valid_from": "2026-12-02", "valid_until": "2027-03-01",
               "issuer": {"code": "gjj", "name": seal.name}, "acceptance_no": f"330402-20261202-{n:06d}"}
    sig = {"alg": datasig.SM2, "key_id": key.key_id, "value": "MEUCIQ…"}  # made at issue time, not here
    return licence_pdf.render_signed(seal, payload, "letter",
                                     [("姓名", "王小明"), ("公民身份号码", "330402199001011234"),
                                      ("办理事项", "住房公积金缴存证明出具")], sig)


def _rate(fn, count: int) -> float:
    start = time.perf_counter()
    for i in range(count):
        fn(i)
    return count / (time.perf_counter() - start)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--count", type=int, default=200)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        store = seals.SealStore(Settings(data_dir=d))
        seal = store.seal("gjj", "示例市住房公积金管理中心")
        key = datasig.department_key(store, "sm2", "gjj")
        _licence(seal, key, 0), _bare()  # warm: font parsed, seal image drawn, signer built
        bare, issued = [], []
        for r in range(a.rounds):
            bare.append(_rate(lambda i: _bare(), a.count))
            issued.append(_rate(lambda i: _licence(seal, key, i + 1), a.count))
            print(f"round {r + 1}: bare page {bare[-1]:.0f}/s, licence (render + PDF/A + PAdES)"
                  f" {issued[-1]:.1f}/s, ratio {issued[-1] / bare[-1]:.3f}")
        b, i = statistics.median(bare), statistics.median(issued)
        print(f"median: licences {i:.1f}/s per process ({'✔' if i >= 50 else '✘'} target ≥ 50/s), "
              f"bare {b:.0f}/s, ratio {i / b:.3f}")


if __name__ == "__main__":
    main()
