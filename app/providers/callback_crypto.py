"""DingTalk (and WeChat) callback message encryption.

signature = SHA-1 hex of the sorted [token, timestamp, nonce, encrypt] concatenated;
encrypt = base64(AES-256-CBC(key, iv=key[:16], PKCS#7 to 32-byte blocks of
          random 16 bytes + 4-byte big-endian length + message + owner key (DingTalk app key / corp id))),
key = base64-decode(EncodingAESKey + "=") (43 characters -> 32 bytes).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 32


class CallbackError(Exception):
    """A callback that fails verification or decryption."""


def signature(token: str, timestamp: str, nonce: str, encrypt: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypt])).encode()).hexdigest()


class CallbackCrypto:
    def __init__(self, token: str, encoding_aes_key: str, owner_key: str):
        if len(encoding_aes_key) != 43:
            raise ValueError("EncodingAESKey must be 43 characters")
        self.token, self.owner = token, owner_key.encode()
        self.key = base64.b64decode(encoding_aes_key + "=")

    def _cipher(self) -> Cipher:
        return Cipher(algorithms.AES(self.key), modes.CBC(self.key[:16]))

    def encrypt(self, message: str, random16: bytes | None = None) -> str:
        msg = message.encode()
        plain = (random16 or os.urandom(16)) + struct.pack(">I", len(msg)) + msg + self.owner
        pad = BLOCK - len(plain) % BLOCK
        enc = self._cipher().encryptor()
        return base64.b64encode(enc.update(plain + bytes([pad]) * pad) + enc.finalize()).decode()

    def decrypt(self, encrypt: str) -> str:
        try:
            raw = base64.b64decode(encrypt, validate=True)
            dec = self._cipher().decryptor()
            plain = dec.update(raw) + dec.finalize()
        except (ValueError, TypeError) as exc:
            raise CallbackError("undecryptable") from exc
        pad = plain[-1] if plain else 0
        if not 1 <= pad <= BLOCK or plain[-pad:] != bytes([pad]) * pad:
            raise CallbackError("bad padding")
        plain = plain[:-pad]
        if len(plain) < 20:
            raise CallbackError("too short")
        (length,) = struct.unpack(">I", plain[16:20])
        message, owner = plain[20:20 + length], plain[20 + length:]
        if len(message) != length or not hmac.compare_digest(owner, self.owner):
            raise CallbackError("not for this app")
        try:
            return message.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CallbackError("not UTF-8") from exc

    def verify(self, msg_signature: str, timestamp: str, nonce: str, encrypt: str) -> str:
        """Check the signature, then decrypt: the plaintext message."""
        expected = signature(self.token, timestamp, nonce, encrypt)
        if not hmac.compare_digest(expected, msg_signature or ""):
            raise CallbackError("bad signature")
        return self.decrypt(encrypt)

    def reply(self, message: str, timestamp: str, nonce: str) -> dict:
        """The encrypted answer DingTalk expects: {"msg_signature", "timeStamp", "nonce", "encrypt"}."""
        enc = self.encrypt(message)
        return {"msg_signature": signature(self.token, timestamp, nonce, enc), "timeStamp": timestamp,
                "nonce": nonce, "encrypt": enc}
