"""Placeholder: filled in by the face change."""
from sanic import Blueprint

bp = Blueprint("face")
