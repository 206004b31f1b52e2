"""Make the seal material production loads (电子印章), for a staging system or until the real seal platform's
certificates arrive: a seal CA, one PKCS#12 file per department, and one SM2 data-signing key per department.

    python -m scripts.seals OUT_DIR [--password PW] [--departments app/seed/data/departments.json]

Writes OUT_DIR/ca.pem (the CA certificate: give it to verifiers and to ZB_SEAL_CA_CERT), OUT_DIR/ca.key.pem (the
CA's private key: keep it offline), OUT_DIR/<code>.p12 and OUT_DIR/<code>.sm2 (mode 0600), then prints the
environment lines (ZB_SEAL_CA_CERT, ZB_SEAL_P12, ZB_SEAL_P12_PASSWORD, ZB_SM2_KEYS). An existing CA in OUT_DIR is
reused, so departments added later get certificates from the same CA. Embedded mode needs none of this: it makes
its own under ZB_DATA_DIR/seals at first start.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from app.services.documents import datasig, seals

DEPARTMENTS = Path(__file__).resolve().parent.parent / "app" / "seed" / "data" / "departments.json"


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def make(out: Path, password: str, departments: list[tuple[str, str]]) -> dict[str, str]:
    """Create (or extend) the seal material in `out`; returns the environment variables that load it."""
    out.mkdir(parents=True, exist_ok=True)
    ca_cert, ca_key = out / "ca.pem", out / "ca.key.pem"
    if ca_cert.exists() and ca_key.exists():
        key = serialization.load_pem_private_key(ca_key.read_bytes(), password=None)
        ca = x509.load_pem_x509_certificate(ca_cert.read_bytes())
    else:
        key, ca = seals.make_ca()
        _write(ca_key, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
        ca_cert.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    p12s, sm2s = [], []
    for code, name in departments:
        p12, sm2 = out / f"{code}.p12", out / f"{code}.sm2"
        if not p12.exists():
            dkey, cert = seals.make_seal_certificate(key, ca, code, seals.seal_name(name))
            seal = seals.Seal(code, seals.seal_name(name), cert, dkey, (ca,))
            _write(p12, seals.to_pkcs12(seal, password.encode() or None))
        if not sm2.exists():
            _write(sm2, f"{secrets.randbelow(datasig._N - 2) + 1:064x}\n".encode())
        p12s.append(f"{code}={p12.resolve()}")
        sm2s.append(f"{code}={sm2.resolve()}")
    return {"ZB_SEAL_CA_CERT": str(ca_cert.resolve()), "ZB_SEAL_P12": ",".join(p12s),
            "ZB_SEAL_P12_PASSWORD": password, "ZB_SM2_KEYS": ",".join(sm2s)}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m scripts.seals", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path)
    p.add_argument("--password", default=None, help="for the PKCS#12 files; default: a new random one")
    p.add_argument("--departments", type=Path, default=DEPARTMENTS)
    a = p.parse_args(argv)
    departments = [(d["code"], d["name"]) for d in json.loads(a.departments.read_text())]
    env = make(a.out, a.password if a.password is not None else secrets.token_urlsafe(18), departments)
    for k, v in env.items():
        print(f"{k}={v}")
    print(f"# {len(departments)} departments; keep {a.out / 'ca.key.pem'} offline", file=sys.stderr)


if __name__ == "__main__":
    main()
