"""Serving the app: gunicorn driven from Python (server.py) with its guarded worker (worker.py)."""
