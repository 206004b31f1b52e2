"""Sanic blueprints, one per domain, grouped under /api/v1."""
from sanic import Blueprint

from handlers import admin_catalog, auth, catalog, health, me

api = Blueprint.group(auth.bp, me.bp, catalog.bp, admin_catalog.bp, url_prefix="/api/v1")
blueprints = [health.bp, api]
