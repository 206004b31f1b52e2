"""Stand-ins for the outside systems, mounted with ZB_SANDBOX=1: same paths, shapes, signatures."""
from app.sandbox import dingtalk, shared, sms, wechat, wechatpay

blueprints = [wechat.bp, dingtalk.bp, shared.bp, wechatpay.bp, sms.bp]
