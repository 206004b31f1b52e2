"""SMS through Aliyun's dysmsapi SendSms (RPC style, signature version 1.0: HMAC-SHA1 over the canonical query).

StringToSign = "POST&%2F&" + percent(canonical query), canonical query = the sorted parameters, each key and
value percent-encoded (RFC 3986: space %20, * %2A, ~ kept); Signature = base64(HMAC-SHA1(secret + "&", it)).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import datetime, timezone
from urllib.parse import quote

import httpx

from app.providers.http import call_json

RETRYABLE = {"isv.BUSINESS_LIMIT_CONTROL", "isp.RAM_PERMISSION_DENY", "isp.SYSTEM_ERROR", "Throttling.User"}


def percent(value: str) -> str:
    return quote(value, safe="-_.~")


def sign(params: dict[str, str], secret: str, method: str = "POST") -> str:
    canonical = "&".join(f"{percent(k)}={percent(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{percent('/')}&{percent(canonical)}"
    return base64.b64encode(hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


class Sms:
    def __init__(self, base: str, access_key_id: str, access_key_secret: str, sign_name: str,
                 http: httpx.AsyncClient):
        self.base, self.key_id, self.secret, self.sign_name, self.http = base, access_key_id, access_key_secret, \
            sign_name, http

    async def send(self, phone: str, template_code: str, params: dict, out_id: str) -> dict:
        """SendSms: Aliyun's answer as is ({"Code": "OK", "BizId", …} or an error Code). `out_id` travels with the
        message (the delivery's dedup key) so that the gateway's receipts can be matched."""
        p = {"AccessKeyId": self.key_id, "Action": "SendSms", "Format": "JSON", "RegionId": "cn-hangzhou",
             "SignatureMethod": "HMAC-SHA1", "SignatureNonce": secrets.token_hex(16), "SignatureVersion": "1.0",
             "Timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": "2017-05-25",
             "PhoneNumbers": phone, "SignName": self.sign_name, "TemplateCode": template_code,
             "TemplateParam": json.dumps(params, ensure_ascii=False), "OutId": out_id[:64]}
        p["Signature"] = sign(p, self.secret)
        return await call_json(self.http, "POST", f"{self.base}/", data=p)
