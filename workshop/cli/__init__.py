"""The `workshop` command, one module per command group: database, facilitator accounts,
workshops (create, demo, purge, export, roles), serve and setup."""

from __future__ import annotations

from . import accounts, database, serving, setup, workshops
from .base import main
from .database import upgrade_database
from .serving import is_loopback_url, lan_address
from .workshops import DEMO_EMAIL, ensure_demo

__all__ = [
    "DEMO_EMAIL",
    "accounts",
    "database",
    "ensure_demo",
    "is_loopback_url",
    "lan_address",
    "main",
    "serving",
    "setup",
    "upgrade_database",
    "workshops",
]
