"""Supervision (效能监管): the dashboard's daily facts and figures."""
