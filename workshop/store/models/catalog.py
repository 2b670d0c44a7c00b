"""A workshop's own roles and organisations beside the built-in catalogue."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base


class CatalogRole(Base):
    """A role of one workshop's catalogue that differs from the project's default (renamed,
    hidden) or is the workshop's own; `data` is the whole role (domain.catalog.Role)."""

    __tablename__ = "catalog_roles"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "role_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"))
    role_id: Mapped[str] = mapped_column(sa.String(40))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)


class CatalogOrganisation(Base):
    """An organisation a workshop added to its catalogue (domain.catalog.Organisation)."""

    __tablename__ = "catalog_organisations"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "org_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"))
    org_id: Mapped[str] = mapped_column(sa.String(40))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
