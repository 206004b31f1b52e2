"""Data signatures: a department's signature over a record's canonical JSON, verifiable offline with the
department's public key alone (no PDF, no server).

Two algorithms, chosen by `ZB_DATA_SIGNATURE` (Settings.data_signature):

- `sm2` (the default): SM2 signature with SM3 (GB/T 32918.2 / GM/T 0003.2, hash with Z_A per GM/T 0009 and its
  default ID `1234567812345678`), as the Chinese e-licence standards (GB/T 36901/36903 family) use. The key is the
  department's own SM2 key: embedded mode creates it next to the seal (`ZB_DATA_DIR/seals/<code>.sm2`, hex, 0600);
  production reads it from the file `ZB_SM2_KEYS` names for the department (`code=/path,…`). The arithmetic is
  gmssl's (pure Python, checked in tests against GM/T 0003.5 Annex A); three things around it are ours because
  gmssl 3.2.2 gets them wrong: the nonce comes from `secrets` (gmssl's default draws it from `random.choice`, a
  predictable generator, which leaks the private key), r and s are range-checked before verifying (gmssl does not),
  and the public key is set without its `lstrip("04")`, which also strips a leading 0 or 4 of the x coordinate.
- `ecdsa`: ECDSA P-256 with SHA-256 (`cryptography`), with the department's seal key.

A signature is `{"alg", "key_id", "value"}`: `value` is base64 of the DER `SEQUENCE {r, s}` (GM/T 0009 for SM2,
X9.62 for ECDSA); the public key is `04‖x‖y` hex (SM2) or SubjectPublicKeyInfo DER base64 (ECDSA); `key_id` is
the first 16 hex digits of SHA-256 over the public key's bytes.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from gmssl import sm2, sm3

from app.services.documents.seals import SealMissing, SealStore, _pairs

SM2 = "SM2-SM3"
ECDSA = "ECDSA-P256-SHA256"
ALGORITHMS = {"sm2": SM2, "ecdsa": ECDSA}
SM2_DEFAULT_ID = b"1234567812345678"
_TABLE = sm2.default_ecc_table
_N = int(_TABLE["n"], 16)


def canonical(payload: dict) -> bytes:
    """The exact bytes signed: JSON with keys sorted at every level, no whitespace, non-ASCII as itself, UTF-8
    (the same rules as the e-receipts' canonical form)."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


# ---------------------------------------------------------------- SM2 (gmssl arithmetic)

def sm3_hex(data: bytes) -> str:
    return sm3.sm3_hash(list(data))


def _sm2(private_hex: str, public_hex: str) -> sm2.CryptSM2:
    c = sm2.CryptSM2(private_key=private_hex, public_key="")
    c.public_key = public_hex  # x‖y, 128 hex digits: set directly (see the module docstring)
    return c


def sm2_public(private_hex: str) -> str:
    """`04‖x‖y` of the private key d: [d]G."""
    return "04" + _sm2(private_hex, "")._kg(int(private_hex, 16), _TABLE["g"])


def sm2_z(public_hex: str, uid: bytes = SM2_DEFAULT_ID) -> bytes:
    """Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2, 5.5)."""
    xy = public_hex[2:] if len(public_hex) == 130 else public_hex
    data = (len(uid) * 8).to_bytes(2, "big") + uid + bytes.fromhex(_TABLE["a"] + _TABLE["b"] + _TABLE["g"] + xy)
    return bytes.fromhex(sm3_hex(data))


def sm2_sign(private_hex: str, message: bytes, *, uid: bytes = SM2_DEFAULT_ID,
             k_hex: str | None = None) -> tuple[int, int]:
    """(r, s) of an SM2 signature over `message` with SM3; `k_hex` fixes the nonce (only for the standard's test
    vector), otherwise it is drawn from `secrets` and drawn again in the rare cases the standard says to."""
    public = sm2_public(private_hex)
    e = bytes.fromhex(sm3_hex(sm2_z(public, uid) + message))
    signer = _sm2(private_hex, public[2:])
    while True:
        k = k_hex or f"{secrets.randbelow(_N - 1) + 1:064x}"
        sig = signer.sign(e, k)
        if sig:
            return int(sig[:64], 16), int(sig[64:], 16)
        if k_hex:
            raise ValueError("the given nonce gives no signature")


def sm2_verify(public_hex: str, message: bytes, r: int, s: int, *, uid: bytes = SM2_DEFAULT_ID) -> bool:
    if not (1 <= r < _N and 1 <= s < _N):
        return False
    if len(public_hex) != 130 or not public_hex.startswith("04"):
        return False
    e = bytes.fromhex(sm3_hex(sm2_z(public_hex, uid) + message))
    try:
        return bool(_sm2("", public_hex[2:]).verify(f"{r:064x}{s:064x}", e))
    except (ValueError, TypeError):  # a public key that is not a point gmssl can work with
        return False


# ---------------------------------------------------------------- department keys

@dataclass(frozen=True)
class DataKey:
    algorithm: str  # SM2 or ECDSA
    department: str
    private: object  # hex string (SM2) or an EllipticCurvePrivateKey (ECDSA)
    public: str  # what a verifier needs: 04‖x‖y hex (SM2), SubjectPublicKeyInfo DER base64 (ECDSA)

    @property
    def key_id(self) -> str:
        return key_id(_public_bytes(self.algorithm, self.public))


def _public_bytes(algorithm: str, public: str) -> bytes:
    return bytes.fromhex(public) if algorithm == SM2 else base64.b64decode(public)


def _sm2_file(path: Path) -> str:
    """The SM2 private key (hex) in `path`, created (0600, whole or not at all) if it does not exist."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(f"{secrets.randbelow(_N - 2) + 1:064x}\n")
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    d = path.read_text().strip().lower()
    if len(d) != 64 or not 1 <= int(d, 16) < _N - 1:
        raise SealMissing(f"{path}: not an SM2 private key (64 hex digits)")
    return d


def department_key(store: SealStore, algorithm: str, department: str, name: str | None = None) -> DataKey:
    """The department's data-signing key for `algorithm` (sm2 | ecdsa, as in Settings.data_signature)."""
    alg = ALGORITHMS.get(algorithm)
    if alg is None:
        raise RuntimeError(f"ZB_DATA_SIGNATURE must be one of {', '.join(ALGORITHMS)}, not {algorithm!r}")
    if alg == ECDSA:
        seal = store.seal(department, name)
        spki = seal.key.public_key().public_bytes(serialization.Encoding.DER,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo)
        return DataKey(alg, department, seal.key, base64.b64encode(spki).decode())
    if store.embedded:
        store.seal(department, name)  # the department exists in the store (and its code is checked) first
        d = _sm2_file(store.dir / f"{department}.sm2")
    else:
        path = _pairs(store.settings.sm2_keys).get(department)
        if not path:
            raise SealMissing(f"no SM2 key for department {department!r}: add {department}=/path to ZB_SM2_KEYS")
        d = _sm2_file(Path(path)) if Path(path).exists() else None
        if d is None:
            raise SealMissing(f"{path}: no such SM2 key file")
    return DataKey(alg, department, d, sm2_public(d))


# ---------------------------------------------------------------- sign and verify

def sign(key: DataKey, payload: dict) -> dict:
    """The signature of `payload`'s canonical JSON: {"alg", "key_id", "value"}."""
    message = canonical(payload)
    if key.algorithm == SM2:
        r, s = sm2_sign(key.private, message)
        der = encode_dss_signature(r, s)
    else:
        der = key.private.sign(message, ec.ECDSA(hashes.SHA256()))
    return {"alg": key.algorithm, "key_id": key.key_id, "value": base64.b64encode(der).decode()}


def verify(signature: dict, payload: dict, public: str) -> bool:
    """Whether `signature` is the signature of `payload` under the public key `public` (as DataKey.public).
    Never raises on malformed input: anything that does not check is False."""
    try:
        alg, value = signature["alg"], signature["value"]
        der = base64.b64decode(value, validate=True)
        r, s = decode_dss_signature(der)
        if encode_dss_signature(r, s) != der:  # one encoding only (no trailing bytes, minimal integers)
            return False
        message = canonical(payload)
        if alg == SM2:
            return sm2_verify(public, message, r, s)
        if alg == ECDSA:
            key = serialization.load_der_public_key(base64.b64decode(public, validate=True))
            if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
                return False
            key.verify(der, message, ec.ECDSA(hashes.SHA256()))
            return True
    except (KeyError, TypeError, ValueError, binascii.Error, InvalidSignature):
        return False
    return False
