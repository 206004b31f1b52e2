"""Stand-ins for the outside systems, mounted with ZB_SANDBOX=1: same paths, shapes, signatures."""
from app.sandbox import dingtalk, shared, sms, wechat, wechat_push, wechatpay

blueprints = [wechat.bp, wechat_push.bp, dingtalk.bp, shared.bp, wechatpay.bp, sms.bp]
