"""Keys, personal-data encryption (AES-256-GCM + keyed blind index), masking and session tokens."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.config import Settings
from app.errors import Unauthorized
from models.users import Role

ROLES = frozenset(r.value for r in Role)
SUB = re.compile(r"[1-9][0-9]{0,17}")  # a user id: a positive 64-bit integer, ASCII digits only


KEY_ENV = {"data.key": "ZB_DATA_KEY", "secret.key": "ZB_SECRET_KEY", "receipt.key": "ZB_RECEIPT_KEY"}


def private_file(path: Path) -> None:
    """Create `path` if missing, readable and writable by its owner only (0600), and take group and other
    permissions away from an existing one (a key file or database made before, or copied in with a loose mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)


def _key_from_file(path: Path) -> bytes:
    """Read a base64 key file, creating it (0600) on first use: the embedded mode's key store."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(base64.b64encode(secrets.token_bytes(32)).decode())
    private_file(path)  # one made before with a looser mode is tightened
    return base64.b64decode(path.read_text().strip())


def load_key(settings: Settings, configured: str, filename: str) -> bytes:
    env = KEY_ENV.get(filename, filename)
    if configured:
        try:
            key = base64.b64decode(configured, validate=True)
        except ValueError:
            raise RuntimeError(f"{env} is not base64 (`python -m app keys` makes one)") from None
    elif settings.embedded:
        key = _key_from_file(Path(settings.data_dir) / filename)
    else:
        raise RuntimeError(f"production mode needs {env} set (base64 of 32 random bytes; `python -m app keys`)")
    if len(key) != 32:
        raise RuntimeError(f"{env}: the key must be 32 bytes (base64 of 32 random bytes)")
    return key


class Vault:
    """Encrypts personal data fields. The blind index (HMAC-SHA256 with a derived key) finds a value without
    decrypting; the associated data binds each ciphertext to its field so values cannot be swapped."""

    def __init__(self, key: bytes):
        self._aead = AESGCM(key)
        self._index_key = hmac.new(key, b"zhangban blind index v1", hashlib.sha256).digest()

    def encrypt(self, field: str, value: str) -> str:
        nonce = secrets.token_bytes(12)
        ct = self._aead.encrypt(nonce, value.encode(), field.encode())
        return "v1." + base64.urlsafe_b64encode(nonce + ct).decode()

    def decrypt(self, field: str, token: str) -> str:
        raw = base64.urlsafe_b64decode(token.split(".", 1)[1])
        return self._aead.decrypt(raw[:12], raw[12:], field.encode()).decode()

    def blind_index(self, field: str, value: str) -> str:
        return hmac.new(self._index_key, f"{field}:{value}".encode(), hashlib.sha256).hexdigest()


def mask_id_number(v: str) -> str:
    return v[:4] + "*" * (len(v) - 8) + v[-4:] if len(v) > 8 else "*" * len(v)


def mask_phone(v: str) -> str:
    return v[:3] + "****" + v[-4:] if len(v) >= 11 else "*" * len(v)


def mask_name(v: str) -> str:
    """张三 -> 张*, 张小三 -> 张*三, 欧阳小明 -> 欧**明."""
    if len(v) <= 1:
        return v
    if len(v) == 2:
        return v[0] + "*"
    return v[0] + "*" * (len(v) - 2) + v[-1]


@dataclass(frozen=True)
class Claims:
    user_id: int
    role: str
    department: str | None
    exp: int


class Tokens:
    """HS256 JWTs carrying the user id, role and department; they expire.

    A client sends the same token with every request of its session, so each worker remembers the claims of the
    tokens it has verified (up to VERIFIED_MAX of them) until they expire: a token is immutable and signed, so its
    claims cannot differ the second time; only its expiry is checked again."""

    VERIFIED_MAX = 20_000

    def __init__(self, key: bytes):
        self._key = key
        self._verified: dict[str, Claims] = {}

    def issue(self, user_id: int, role: str, department: str | None, ttl: int) -> tuple[str, int]:
        exp = int(time.time()) + ttl
        payload = {"sub": str(user_id), "role": role, "dep": department, "exp": exp, "iat": int(time.time())}
        return jwt.encode(payload, self._key, algorithm="HS256"), exp

    def verify(self, token: str) -> Claims:
        claims = self._verified.get(token)
        if claims is not None:
            if claims.exp > time.time():
                return claims
            del self._verified[token]
        claims = self._decode(token)
        if len(self._verified) >= self.VERIFIED_MAX:
            self._verified.clear()  # simplest bound: start over (each token costs one more decode)
        self._verified[token] = claims
        return claims

    def _decode(self, token: str) -> Claims:
        try:
            p = jwt.decode(token, self._key, algorithms=["HS256"], options={"require": ["exp", "sub"]})
        except jwt.ExpiredSignatureError:
            raise Unauthorized("登录已过期，请重新登录", code="token_expired")
        except jwt.PyJWTError:
            raise Unauthorized("登录凭证无效，请重新登录", code="token_invalid")
        # Signed with our key is not enough: a token we did not issue (a leaked key, an old format) must still have
        # our claims' shapes, or it is as invalid as a bad signature (never a KeyError or ValueError, a 500).
        sub, role, dep, exp = p.get("sub"), p.get("role"), p.get("dep"), p.get("exp")
        if not (isinstance(sub, str) and SUB.fullmatch(sub) and role in ROLES and (dep is None or isinstance(dep, str))
                and isinstance(exp, int)):
            raise Unauthorized("登录凭证无效，请重新登录", code="token_invalid")
        return Claims(int(sub), role, dep, exp)
