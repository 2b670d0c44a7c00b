"""The rules of a workshop, free of Flask and SQLAlchemy so they can be tested and reused alone."""
