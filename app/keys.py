"""Production secrets: which must be set before the service starts with the sandbox off, and fresh ones.

`problems(settings)` lists every secret that is missing, malformed or still the built-in sandbox value (the
sandbox's Token, EncodingAESKeys and app secrets are public: they are in this repository). `python -m app`
(serve and worker) prints them all and exits before any worker starts. `python -m app keys` prints a fresh set of
the secrets we generate ourselves, in .env form; the ones a platform issues (WeChat AppSecret, DingTalk AppSecret,
the SMS AccessKey secret, the shared-data platform's app secret, WeChat Pay's merchant keys) are listed empty,
to be filled in from that platform's console.
"""
from __future__ import annotations

import base64
import binascii
import re
import secrets
import string
from dataclasses import dataclass, fields

from app.config import ENV, Settings

AES43 = re.compile(r"^[A-Za-z0-9]{43}$")
TOKEN = re.compile(r"^[A-Za-z0-9]{3,32}$")  # WeChat's and DingTalk's callback Token: 3-32 letters and digits


@dataclass(frozen=True)
class Secret:
    field: str  # Settings field
    kind: str  # key32 | seed32 | aes43 | token | issued
    note: str  # what it is, for the .env comment and the error line
    key_file: bool = False  # the embedded mode keeps it in a file under ZB_DATA_DIR when it is not set

    @property
    def env(self) -> str:
        return ENV[self.field]


SECRETS = [
    Secret("secret_key", "key32", "signs session tokens (base64 of 32 random bytes)", key_file=True),
    Secret("data_key", "key32", "encrypts personal data at rest (base64 of 32 random bytes); keep and back it up "
           "for as long as the database lives", key_file=True),
    Secret("receipt_key", "seed32", "signs e-receipts (base64 of a 32-byte Ed25519 seed)", key_file=True),
    Secret("audit_key", "seed32", "signs the audit chain's checkpoints and keys its row hashes (base64 of a 32-byte "
           "Ed25519 seed; docs/audit.md); keep it as long as the audit log", key_file=True),
    Secret("wechat_push_token", "token", "WeChat message push Token (3-32 letters and digits; enter it in the "
           "mini-program console, 消息推送)"),
    Secret("wechat_push_aes_key", "aes43", "WeChat message push EncodingAESKey (43 letters and digits; safe mode)"),
    Secret("dingtalk_callback_token", "token", "DingTalk event subscription Token (enter it in the DingTalk "
           "developer console)"),
    Secret("dingtalk_aes_key", "aes43", "DingTalk event subscription aes_key (43 letters and digits)"),
    Secret("wechat_secret", "issued", "the mini-program's AppSecret (WeChat console)"),
    Secret("dingtalk_appsecret", "issued", "the DingTalk app's AppSecret (DingTalk developer console)"),
    Secret("sms_access_key_secret", "issued", "the Aliyun SMS AccessKey secret (Aliyun RAM console)"),
    Secret("shared_data_app_secret", "issued", "the app secret the shared-data platform (数据共享交换平台) issued"),
]
PAYMENT_SECRETS = [  # required once WeChat Pay is configured (WECHATPAY_MCHID or WECHATPAY_PRIVATE_KEY set)
    ("wechatpay_mchid", "the merchant number (商户号)"),
    ("wechatpay_private_key", "the merchant API private key (PEM text or the path of apiclient_key.pem)"),
    ("wechatpay_cert_serial", "the merchant API certificate's serial number"),
    ("wechatpay_apiv3_key", "the APIv3 key (32 characters)"),
    ("wechatpay_platform_keys", "WeChat Pay's platform public keys (PUB_KEY_ID_…=pub.pem or SERIAL=cert.pem)"),
]
_DEFAULTS = {f.name: f.default for f in fields(Settings)}


def _b64_32(value: str) -> bool:
    try:
        return len(base64.b64decode(value, validate=True)) == 32
    except (binascii.Error, ValueError):
        return False


def _malformed(secret: Secret, value: str) -> str | None:
    if secret.kind in ("key32", "seed32") and not _b64_32(value):
        return "is not base64 of 32 bytes"
    if secret.kind == "aes43" and not AES43.match(value):
        return "is not 43 letters and digits"
    if secret.kind == "token" and not TOKEN.match(value):
        return "is not 3-32 letters and digits"
    return None


def problems(settings: Settings) -> list[str]:
    """One line per secret that stops a start with the sandbox off ([] with the sandbox on)."""
    if settings.sandbox_on:
        return []
    out = []
    for s in SECRETS:
        value = getattr(settings, s.field) or ""
        if not value:
            if not (s.key_file and settings.embedded):
                out.append(f"{s.env} is not set: {s.note}")
        elif _DEFAULTS[s.field] and value == _DEFAULTS[s.field]:
            out.append(f"{s.env} is not set (it has the built-in sandbox value, which is public): {s.note}")
        elif reason := _malformed(s, value):
            out.append(f"{s.env} {reason}: {s.note}")
    if settings.wechatpay_mchid or settings.wechatpay_private_key:
        for name, note in PAYMENT_SECRETS:
            value = getattr(settings, name) or ""
            if not value:
                out.append(f"{ENV[name]} is not set (WeChat Pay is configured): {note}")
            elif name == "wechatpay_apiv3_key" and len(value.encode()) != 32:
                out.append(f"{ENV[name]} is not 32 characters: {note}")
    return out


def aes43() -> str:
    """A fresh EncodingAESKey: 43 letters and digits (the consoles accept no other), 32 bytes once decoded."""
    while True:
        key = base64.b64encode(secrets.token_bytes(32)).decode().rstrip("=")
        if AES43.match(key):
            return key


def generate() -> dict[str, str]:
    """A fresh value for every secret we generate ourselves, by variable name."""
    alnum = string.ascii_letters + string.digits
    make = {"key32": lambda: base64.b64encode(secrets.token_bytes(32)).decode(),
            "seed32": lambda: base64.b64encode(secrets.token_bytes(32)).decode(),
            "aes43": aes43,
            "token": lambda: "".join(secrets.choice(alnum) for _ in range(32))}
    return {s.env: make[s.kind]() for s in SECRETS if s.kind != "issued"}


def refuse_to_start(settings: Settings) -> None:
    """With the sandbox off, stop here (exit status 2, no traceback) naming every secret that is not ready."""
    import sys

    found = problems(settings)
    if not found:
        return
    print("zhangban: refusing to start with the sandbox off: these secrets must be set first", file=sys.stderr)
    for line in found:
        print(f"  {line}", file=sys.stderr)
    print("`python -m app keys` prints fresh ones in .env form (the platform-issued ones come from each platform's "
          "console); see docs/production.md.", file=sys.stderr)
    raise SystemExit(2)


def env_block() -> str:
    """`python -m app keys`: the generated secrets and the issued ones to fill in, as a .env file."""
    lines = ["# Zhangban production secrets, made by `python -m app keys`. Keep this file out of git and back it",
             "# up: ZB_DATA_KEY decrypts the personal data in the database.",
             "# Generated here:"]
    fresh = generate()
    for s in SECRETS:
        if s.kind != "issued":
            lines += [f"# {s.note}", f"{s.env}={fresh[s.env]}"]
    lines.append("# Issued by each platform: fill these in from its console.")
    for s in SECRETS:
        if s.kind == "issued":
            lines += [f"# {s.note}", f"{s.env}="]
    lines.append("# WeChat Pay (only when payments are on): all of these, or none.")
    for name, note in PAYMENT_SECRETS:
        lines.append(f"# {ENV[name]}=    # {note}")
    return "\n".join(lines) + "\n"
