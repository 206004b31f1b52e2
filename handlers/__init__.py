"""Sanic blueprints, one per domain, grouped under /api/v1."""
from sanic import Blueprint

from handlers import acceptance_receipts, payment_receipts
from handlers import (admin_catalog, dashboard, delivery, applications, appointments, auth, catalog, chat, complaints,
                      face, halls, health, kiosk, licences, me, notifications, payments, ratings, staff, track,
                      uploads, wechat_push, window)

api = Blueprint.group(auth.bp, delivery.bp, me.bp, catalog.bp, admin_catalog.bp, uploads.bp, face.bp, applications.bp,
                      staff.bp, window.bp, licences.bp, licences.staff_bp, payments.bp, notifications.bp, chat.bp,
                      chat.staff_bp, complaints.bp, ratings.bp, wechat_push.bp, dashboard.bp,
                      appointments.bp, halls.bp, kiosk.bp,
                      url_prefix="/api/v1")
blueprints = [health.bp, track.bp, chat.ws_bp, halls.live, acceptance_receipts.bp, payment_receipts.bp,
              licences.verify_bp, api]
