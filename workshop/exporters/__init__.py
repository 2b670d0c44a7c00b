"""Renderers that turn plain data (never a database session) into files for reports."""
