"""One typed Settings object, read from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path


def _bool(v: str) -> bool:
    return v.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    database_url: str = ""  # empty = embedded SQLite file under data_dir
    # A PostgreSQL streaming replica for read-mostly queries (app/replica.py); empty = every read on the primary
    database_replica_url: str = ""
    replica_sticky_s: float = 10.0  # after a write, that citizen's (or case's, or the catalog's) reads stay primary
    replica_max_lag_s: float = 2.0  # a replica further behind than this is not read from
    replica_retry_s: float = 5.0
    outbox_retention_days: int = 30  # delivered notifications and their outbox events are deleted after this  # after a replica error, read the primary this long before trying it again
    redis_url: str = ""  # empty = in-process Redis (fakeredis with Lua)
    data_dir: str = "./var"
    sandbox: bool | None = None  # None = on in embedded mode, off otherwise
    public_base_url: str = ""  # how citizens and providers reach us; default http://host:port
    secret_key: str = ""  # signs session tokens; embedded mode creates one in data_dir
    data_key: str = ""  # base64 32-byte AES key for personal data; embedded mode creates one in data_dir
    receipt_key: str = ""  # base64 32-byte Ed25519 seed signing e-receipts; embedded mode creates one in data_dir
    audit_key: str = ""  # base64 32-byte Ed25519 seed: the audit chain's key and checkpoints (docs/audit.md)
    # File storage (app/providers/storage.py): "local" ({data_dir}/uploads) or "s3" (MinIO, Ceph, a cloud bucket)
    storage_backend: str = "local"
    s3_endpoint: str = ""  # e.g. http://minio:9000; empty = AWS
    s3_bucket: str = ""
    s3_access_key: str = ""
    s3_secret_key: str = ""
    s3_region: str = "us-east-1"
    s3_prefix: str = ""
    token_ttl: int = 7 * 24 * 3600
    staff_token_ttl: int = 12 * 3600
    auth_rate_limit: int = 30  # auth requests per client per window
    auth_rate_window: int = 60
    track_rate_limit: int = 120  # public tracking views per client address per minute (per worker)
    real_ip_header: str = ""  # e.g. X-Real-IP when behind a proxy that sets it; empty = the socket peer
    max_body: int = 12 * 1024 * 1024
    region_code: str = "330402"
    # Providers
    wechat_appid: str = "wx5a8b0c1d2e3f4a5b"
    wechat_secret: str = "sandbox-wechat-secret"
    wechat_api_base: str = ""  # default https://api.weixin.qq.com, or the sandbox
    dingtalk_appkey: str = "dingsandboxappkey"
    dingtalk_appsecret: str = "sandbox-dingtalk-secret"
    dingtalk_oapi_base: str = ""  # default https://oapi.dingtalk.com, or the sandbox
    dingtalk_api_base: str = ""  # default https://api.dingtalk.com, or the sandbox
    dingtalk_agent_id: str = "2000000001"  # the micro-app that sends work notices and approvals
    dingtalk_callback_token: str = "sandbox-callback-token"  # event subscription token
    dingtalk_aes_key: str = "zbSandboxEncodingAesKey0123456789abcdefghij"  # EncodingAESKey, 43 characters
    dingtalk_process_codes: str = ""  # "department=PROC-…,…"; a department without one: PROC-ZB-<DEPARTMENT>
    wechat_templates: str = ""  # "scene=templateId,…" overriding the sandbox template ids (notifications.TEMPLATES)
    sms_api_base: str = ""  # Aliyun dysmsapi endpoint; default https://dysmsapi.aliyuncs.com, or the sandbox
    sms_access_key_id: str = "sandbox-sms-key"
    sms_access_key_secret: str = "sandbox-sms-secret"
    sms_sign_name: str = "掌办"
    notify_max_attempts: int = 8  # deliveries become dead letters after this many tries
    notify_backoff: float = 10.0  # seconds before the first retry; doubles each try (capped at one hour)
    notify_poll: float = 0.2  # the delivery pump's idle wait in seconds
    notify_lease: float = 60.0  # a claimed delivery comes due again after this (its sender died)
    wechatpay_mchid: str = ""  # empty + sandbox: the sandbox merchant
    wechatpay_appid: str = ""  # empty = wechat_appid
    wechatpay_api_base: str = ""  # default https://api.mch.weixin.qq.com, or the sandbox
    wechatpay_private_key: str = ""  # PEM text or a path to apiclient_key.pem
    wechatpay_cert_serial: str = ""
    wechatpay_apiv3_key: str = ""  # 32 characters
    wechatpay_platform_keys: str = ""  # "PUB_KEY_ID_…=pub.pem,CERTSERIAL=cert.pem"
    courier_api_base: str = ""  # SF Express open platform; default https://sfapi.sf-express.com, or the sandbox
    courier_partner_id: str = ""  # 顾客编码; empty = the sandbox's
    courier_check_word: str = ""  # 校验码; empty = the sandbox's
    courier_monthly_card: str = ""  # 月结卡号
    sandbox_time_scale: float = 1.0  # sandboxes wait this fraction of the real delays (WeChat Pay's notify retries)
    shared_data_base: str = ""  # the 数据共享交换平台; default the sandbox when it is on
    shared_data_app_id: str = "zhangban"
    shared_data_app_secret: str = "sandbox-shared-secret"
    seed_on_start: bool | None = None  # None = in embedded mode
    run_jobs: bool | None = None  # the job worker inside the app process; None = on in embedded mode
    log_level: str = "INFO"
    # Chat, complaints and ratings
    chat_max_chars: int = 500  # longest chat message
    chat_rate_limit: int = 20  # chat messages per user per minute
    chat_retention_days: int = 180  # transcripts are deleted this long after their last message
    chat_hours: str = "09:00-17:00"  # staff agents' business hours on working days (Beijing time)
    complaint_days: int = 5  # working days to answer a complaint
    rectification_days: int = 10  # working days to rectify after a bad rating
    wechat_push_token: str = "sandbox-push-token"  # 消息推送 Token
    wechat_push_aes_key: str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # EncodingAESKey (43 characters)
    wechat_passive_timeout: float = 4.0  # seconds to answer a push passively; later answers go by custom/send
    # Appointments (精准预约) and the hall queue
    appt_gate: str = "redis"  # "redis": the Lua gate before the database; "db": row locks only (benchmark baseline)
    appt_days: int = 7  # bookable days ahead; the next day is released at appt_release_hour each day
    appt_release_hour: int = 8  # Beijing time
    appt_per_window: int = 1  # places per slot for each window that handles the service
    appt_max_active: int = 3  # active appointments per person
    appt_cancel_minutes: int = 60  # cancelling closes this long before the slot
    appt_checkin_minutes: int = 60  # kiosk check-in opens this long before the slot
    appt_grace_minutes: int = 15  # not checked in this long after the slot start: a no-show
    appt_no_show_limit: int = 3  # this many no-shows …
    appt_no_show_days: int = 90  # … within this many days …
    appt_suspend_days: int = 30  # … suspend booking for this many days
    kiosk_max_skew: int = 300  # seconds a kiosk's signed timestamp may differ from ours
    # Documents: the PDF font, 电子印章 (seal certificates) and data signatures (app/services/documents/)
    cjk_font: str = ""  # a TrueType .ttf/.ttc (path, or path#face); empty = Debian's WenQuanYi Zen Hei and the like
    seal_ca_cert: str = ""  # production: the seal CA certificate (PEM) verifiers trust
    seal_p12: str = ""  # production: "department=/path/seal.p12,…", each department's seal key and certificate
    seal_p12_password: str = ""  # opens every file in seal_p12
    sm2_keys: str = ""  # production: "department=/path/key,…", each a 64-hex-digit SM2 private key
    data_signature: str = "sm2"  # signs licence data: "sm2" (SM2 with SM3, 国密) or "ecdsa" (ECDSA P-256)

    @property
    def embedded(self) -> bool:
        return not self.database_url and not self.redis_url

    @property
    def sandbox_on(self) -> bool:
        return self.embedded if self.sandbox is None else self.sandbox

    @property
    def seed_on_start_on(self) -> bool:
        return self.embedded if self.seed_on_start is None else self.seed_on_start

    @property
    def run_jobs_on(self) -> bool:
        return self.embedded if self.run_jobs is None else self.run_jobs

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite://{Path(self.data_dir).resolve() / 'zhangban.sqlite3'}"

    @property
    def dialect(self) -> str:
        return "postgres" if self.db_url.startswith(("postgres", "asyncpg")) else "sqlite"

    @property
    def base_url(self) -> str:
        return (self.public_base_url or f"http://{self.host}:{self.port}").rstrip("/")

    def provider_base(self, name: str) -> str:
        own = {"wechat": self.wechat_api_base, "dingtalk_oapi": self.dingtalk_oapi_base,
               "dingtalk_api": self.dingtalk_api_base, "shared_data": self.shared_data_base,
               "sms": self.sms_api_base}[name]
        if own:
            return own.rstrip("/")
        if self.sandbox_on:
            sandbox = {"wechat": "wechat", "dingtalk_oapi": "dingtalk", "dingtalk_api": "dingtalk/api",
                       "shared_data": "shared", "sms": "sms"}[name]
            return f"{self.base_url}/sandbox/{sandbox}"
        # The shared-data platform has no public address: without one configured its queries fail.
        return {"wechat": "https://api.weixin.qq.com", "dingtalk_oapi": "https://oapi.dingtalk.com",
                "dingtalk_api": "https://api.dingtalk.com", "sms": "https://dysmsapi.aliyuncs.com"}.get(name, "")

    def with_(self, **kw) -> "Settings":
        return replace(self, **kw)


ENV = {
    "host": "HOST", "port": "PORT", "workers": "WORKERS", "database_url": "DATABASE_URL",
    "database_replica_url": "DATABASE_REPLICA_URL", "replica_sticky_s": "ZB_REPLICA_STICKY",
    "replica_max_lag_s": "ZB_REPLICA_MAX_LAG", "replica_retry_s": "ZB_REPLICA_RETRY",
    "outbox_retention_days": "ZB_OUTBOX_RETENTION_DAYS",
    "redis_url": "REDIS_URL", "data_dir": "ZB_DATA_DIR", "sandbox": "ZB_SANDBOX",
    "public_base_url": "PUBLIC_BASE_URL", "secret_key": "ZB_SECRET_KEY", "data_key": "ZB_DATA_KEY", "receipt_key": "ZB_RECEIPT_KEY",
    "audit_key": "ZB_AUDIT_KEY", "storage_backend": "ZB_STORAGE", "s3_endpoint": "S3_ENDPOINT",
    "s3_bucket": "S3_BUCKET", "s3_access_key": "S3_ACCESS_KEY", "s3_secret_key": "S3_SECRET_KEY",
    "s3_region": "S3_REGION", "s3_prefix": "S3_PREFIX", "courier_api_base": "COURIER_API_BASE",
    "courier_partner_id": "COURIER_PARTNER_ID", "courier_check_word": "COURIER_CHECK_WORD",
    "courier_monthly_card": "COURIER_MONTHLY_CARD",
    "token_ttl": "ZB_TOKEN_TTL", "staff_token_ttl": "ZB_STAFF_TOKEN_TTL",
    "auth_rate_limit": "ZB_AUTH_RATE_LIMIT", "auth_rate_window": "ZB_AUTH_RATE_WINDOW",
    "max_body": "ZB_MAX_BODY", "track_rate_limit": "ZB_TRACK_RATE_LIMIT", "real_ip_header": "ZB_REAL_IP_HEADER", "region_code": "ZB_REGION_CODE",
    "wechat_appid": "WECHAT_APPID", "wechat_secret": "WECHAT_SECRET", "wechat_api_base": "WECHAT_API_BASE",
    "dingtalk_appkey": "DINGTALK_APPKEY", "dingtalk_appsecret": "DINGTALK_APPSECRET",
    "dingtalk_oapi_base": "DINGTALK_OAPI_BASE", "dingtalk_api_base": "DINGTALK_API_BASE",
    "dingtalk_agent_id": "DINGTALK_AGENT_ID", "dingtalk_callback_token": "DINGTALK_CALLBACK_TOKEN",
    "dingtalk_aes_key": "DINGTALK_AES_KEY", "dingtalk_process_codes": "DINGTALK_PROCESS_CODES",
    "wechat_templates": "WECHAT_TEMPLATES", "sms_api_base": "SMS_API_BASE", "sms_access_key_id": "SMS_ACCESS_KEY_ID",
    "sms_access_key_secret": "SMS_ACCESS_KEY_SECRET", "sms_sign_name": "SMS_SIGN_NAME",
    "notify_max_attempts": "ZB_NOTIFY_MAX_ATTEMPTS", "notify_backoff": "ZB_NOTIFY_BACKOFF", "notify_poll": "ZB_NOTIFY_POLL",
    "notify_lease": "ZB_NOTIFY_LEASE",
    "wechatpay_mchid": "WECHATPAY_MCHID", "wechatpay_appid": "WECHATPAY_APPID",
    "wechatpay_api_base": "WECHATPAY_API_BASE", "wechatpay_private_key": "WECHATPAY_PRIVATE_KEY",
    "wechatpay_cert_serial": "WECHATPAY_CERT_SERIAL", "wechatpay_apiv3_key": "WECHATPAY_APIV3_KEY",
    "wechatpay_platform_keys": "WECHATPAY_PLATFORM_KEYS", "sandbox_time_scale": "ZB_SANDBOX_TIME_SCALE",
    "shared_data_base": "SHARED_DATA_BASE", "shared_data_app_id": "SHARED_DATA_APP_ID",
    "shared_data_app_secret": "SHARED_DATA_APP_SECRET",
    "seed_on_start": "ZB_SEED", "run_jobs": "ZB_RUN_JOBS", "log_level": "LOG_LEVEL",
    "chat_max_chars": "ZB_CHAT_MAX_CHARS", "chat_rate_limit": "ZB_CHAT_RATE_LIMIT",
    "chat_retention_days": "ZB_CHAT_RETENTION_DAYS", "chat_hours": "ZB_CHAT_HOURS",
    "complaint_days": "ZB_COMPLAINT_DAYS", "rectification_days": "ZB_RECTIFICATION_DAYS",
    "wechat_push_token": "WECHAT_PUSH_TOKEN", "wechat_push_aes_key": "WECHAT_PUSH_AES_KEY",
    "wechat_passive_timeout": "ZB_WECHAT_PASSIVE_TIMEOUT",
    "appt_gate": "ZB_APPT_GATE", "appt_days": "ZB_APPT_DAYS", "appt_release_hour": "ZB_APPT_RELEASE_HOUR",
    "appt_per_window": "ZB_APPT_PER_WINDOW", "appt_max_active": "ZB_APPT_MAX_ACTIVE",
    "appt_cancel_minutes": "ZB_APPT_CANCEL_MINUTES", "appt_grace_minutes": "ZB_APPT_GRACE_MINUTES",
    "appt_checkin_minutes": "ZB_APPT_CHECKIN_MINUTES",
    "appt_no_show_limit": "ZB_APPT_NO_SHOW_LIMIT", "appt_no_show_days": "ZB_APPT_NO_SHOW_DAYS",
    "appt_suspend_days": "ZB_APPT_SUSPEND_DAYS", "kiosk_max_skew": "ZB_KIOSK_MAX_SKEW",
    "cjk_font": "ZB_CJK_FONT", "seal_ca_cert": "ZB_SEAL_CA_CERT", "seal_p12": "ZB_SEAL_P12",
    "seal_p12_password": "ZB_SEAL_P12_PASSWORD", "sm2_keys": "ZB_SM2_KEYS", "data_signature": "ZB_DATA_SIGNATURE",
}


def load_settings(environ: dict | None = None, **overrides) -> Settings:
    """Read Settings from the environment (ENV maps each field to its variable)."""
    environ = os.environ if environ is None else environ
    kw: dict = {}
    types = {f.name: f.type for f in fields(Settings)}
    for name, var in ENV.items():
        raw = environ.get(var)
        if raw is None or raw == "":
            continue
        t = types[name]
        if "float" in t:
            kw[name] = float(raw)
        elif "int" in t:
            kw[name] = int(raw)
        elif "bool" in t:
            kw[name] = _bool(raw)
        else:
            kw[name] = raw
    kw.update(overrides)
    return Settings(**kw)
