"""Stand-ins for the outside systems, mounted with ZB_SANDBOX=1: same paths, shapes, signatures."""
from app.sandbox import courier, dingtalk, shared_data, sms, wechat, wechat_push, wechatpay

blueprints = [courier.bp, wechat.bp, wechat_push.bp, dingtalk.bp, shared_data.bp, wechatpay.bp, sms.bp]
