"""Placeholder: filled in by the uploads change."""
from sanic import Blueprint

bp = Blueprint("uploads")
