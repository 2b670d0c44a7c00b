"""A workshop's own role catalogue: add, rename and hide roles, add organisations, and the same
copy as CSV (export, and an import that stores nothing unless every row is good).

Only the differences from the project's default are stored (catalog_roles, catalog_organisations);
everything that lists roles (the board's palette, the phones' "which have you met", the figures,
the picture) reads `roles_of` and so sees the workshop's catalogue.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import catalog as rules_of
from ..domain.catalog import SECTORS, Organisation, Role, catalogue
from ..domain.errors import DomainError
from ..domain.events import decode
from ..store.db import Database
from ..store.models import CatalogOrganisation, CatalogRole
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import Command


def _changes(session: Session, workshop_id: int) -> dict[str, Role]:
    rows = session.scalars(
        sa.select(CatalogRole.data)
        .where(CatalogRole.workshop_id == workshop_id)
        .order_by(CatalogRole.id)
    )
    return {data["id"]: decode(Role, data) for data in rows}


def _organisations(session: Session, workshop_id: int) -> dict[str, Organisation]:
    rows = session.scalars(
        sa.select(CatalogOrganisation.data)
        .where(CatalogOrganisation.workshop_id == workshop_id)
        .order_by(CatalogOrganisation.id)
    )
    return {data["id"]: decode(Organisation, data) for data in rows}


def roles_of(session: Session, workshop_id: int) -> dict[str, Role]:
    """The workshop's catalogue, hidden roles included (cards and answers may name them)."""
    return rules_of.effective(catalogue(), _changes(session, workshop_id))


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The catalogue part of a snapshot: the workshop's differences from the default."""
    return {
        "catalog": {
            "roles": {k: dataclasses.asdict(v) for k, v in _changes(session, workshop_id).items()},
            "organisations": {
                k: dataclasses.asdict(v) for k, v in _organisations(session, workshop_id).items()
            },
        }
    }


def _keep(ctx: Context, role: Role) -> None:
    row = ctx.session.scalar(
        sa.select(CatalogRole).where(
            CatalogRole.workshop_id == ctx.workshop.id, CatalogRole.role_id == role.id
        )
    )
    if row is None:
        ctx.session.add(
            CatalogRole(workshop_id=ctx.workshop.id, role_id=role.id, data=dataclasses.asdict(role))
        )
    else:
        row.data = dataclasses.asdict(role)
    ctx.session.flush()


def _role(ctx: Context, role_id: object) -> Role:
    role = roles_of(ctx.session, ctx.workshop.id).get(role_id)  # type: ignore[arg-type]
    if role is None:
        raise DomainError("not_found")
    return role


class CatalogRoleAdd(Command):
    title_sv: str
    title_en: str | None = None
    sector: str = Field(max_length=10)
    organisation_sv: str
    organisation_en: str | None = None
    explain_sv: str | None = None
    explain_en: str | None = None


@workshop_command(
    wire="catalog.add_role", payload=CatalogRoleAdd, roles=FACILITATOR, permission="board"
)
def add_role(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Add a role to this workshop's catalogue (names, sector, organisation, explanation)."""
    role = rules_of.new_role(data, roles_of(ctx.session, ctx.workshop.id))
    _keep(ctx, role)
    ctx.append(rules_of.RoleAdded(role))
    return {"role": dataclasses.asdict(role)}


class CatalogRoleRef(Command):
    role_id: str = Field(max_length=40)


class CatalogRoleRename(CatalogRoleRef):
    title_sv: str
    title_en: str | None = None


@workshop_command(
    wire="catalog.rename_role", payload=CatalogRoleRename, roles=FACILITATOR, permission="board"
)
def rename_role(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Give a role another name in this workshop; the project's catalogue keeps its own."""
    role = rules_of.renamed(
        _role(ctx, data.get("role_id")), data.get("title_sv"), data.get("title_en")
    )
    _keep(ctx, role)
    ctx.append(rules_of.RoleRenamed(role))
    return {"role": dataclasses.asdict(role)}


class CatalogRoleHide(CatalogRoleRef):
    hidden: bool


@workshop_command(
    wire="catalog.hide_role", payload=CatalogRoleHide, roles=FACILITATOR, permission="board"
)
def hide_role(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Hide a role from this workshop's lists (cards already placed stay), or show it again."""
    hidden = data.get("hidden")
    if not isinstance(hidden, bool):
        raise DomainError("bad_request", field="hidden")
    role = _role(ctx, data.get("role_id"))
    if role.hidden != hidden:
        role = dataclasses.replace(role, hidden=hidden)
        _keep(ctx, role)
        ctx.append(rules_of.RoleHidden(role))
    return {"role": dataclasses.asdict(role)}


class CatalogOrganisationAdd(Command):
    sector: str = Field(max_length=10)
    name_sv: str
    name_en: str | None = None


@workshop_command(
    wire="catalog.add_organisation",
    payload=CatalogOrganisationAdd,
    roles=FACILITATOR,
    permission="board",
)
def add_organisation(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Add one of the workshop's own organisations, to put its roles under."""
    org = rules_of.new_organisation(data, _organisations(ctx.session, ctx.workshop.id))
    ctx.session.add(
        CatalogOrganisation(
            workshop_id=ctx.workshop.id, org_id=org.id, data=dataclasses.asdict(org)
        )
    )
    ctx.session.flush()
    ctx.append(rules_of.OrganisationAdded(org))
    return {"organisation": dataclasses.asdict(org)}


@workshop_command(roles=FACILITATOR, permission="board")
def import_catalogue(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Replace the workshop's catalogue with a CSV file's (as `export_csv` writes it). Every
    row is checked before anything is written; a bad one refuses the whole file."""
    text = data.get("csv")
    if not isinstance(text, str):
        raise DomainError("bad_request", field="csv")
    roles, organisations = rules_of.from_csv(text)
    changes = rules_of.changes_from(catalogue(), roles)
    wid = ctx.workshop.id
    ctx.session.execute(sa.delete(CatalogRole).where(CatalogRole.workshop_id == wid))
    ctx.session.execute(
        sa.delete(CatalogOrganisation).where(CatalogOrganisation.workshop_id == wid)
    )
    ctx.session.flush()
    for role in changes.values():
        ctx.session.add(
            CatalogRole(workshop_id=wid, role_id=role.id, data=dataclasses.asdict(role))
        )
    for org in organisations.values():
        ctx.session.add(
            CatalogOrganisation(workshop_id=wid, org_id=org.id, data=dataclasses.asdict(org))
        )
    ctx.session.flush()
    ctx.append(rules_of.CatalogImported(roles=changes, organisations=organisations))
    return {"roles": len(roles), "organisations": len(organisations)}


# --- reads ---------------------------------------------------------------------------------


def export_csv(db: Database, workshop_id: int) -> str:
    """The workshop's whole catalogue as CSV, formula-like cells neutralised."""
    with db.read() as session:
        return rules_of.to_csv(roles_of(session, workshop_id), _organisations(session, workshop_id))


def workshop_roles(db: Database, workshop_id: int) -> dict[str, Role]:
    """The workshop's catalogue (hidden roles included), read on its own."""
    with db.read() as session:
        return roles_of(session, workshop_id)


def role_entry(role: Role, lang: str) -> dict[str, Any]:
    """A catalogue role in one language, as pages, the API and the picture use it."""
    return {
        "id": role.id,
        "title": role.title(lang),
        "sector": role.sector,
        "organisation": role.organisation(lang),
        "explain": role.explain(lang),
        "age_bands": role.age_bands,
        "hidden": role.hidden,
    }


def roles_in(
    db: Database, workshop_id: int, lang: str, *, hidden: bool = False
) -> list[dict[str, Any]]:
    """The workshop's catalogue in one language, sector by sector (within one, the catalogue's
    own order, roughly by age); hidden roles only when asked for."""
    order = {sector: n for n, sector in enumerate(SECTORS)}
    roles = workshop_roles(db, workshop_id).values()
    entries = [role_entry(role, lang) for role in roles if hidden or not role.hidden]
    return sorted(entries, key=lambda r: order[r["sector"]])


def organisations_in(db: Database, workshop_id: int, lang: str) -> list[dict[str, str]]:
    """Every organisation a role can be put under: the catalogue's and the workshop's own."""
    with db.read() as session:
        roles = roles_of(session, workshop_id).values()
        own = _organisations(session, workshop_id).values()
    found: dict[tuple[str, str], dict[str, str]] = {}
    for role in roles:
        key = (role.sector, role.organisation_sv)
        found.setdefault(
            key,
            {"sector": role.sector, "sv": role.organisation_sv, "en": role.organisation_en},
        )
    for org in own:
        found.setdefault(
            (org.sector, org.name_sv), {"sector": org.sector, "sv": org.name_sv, "en": org.name_en}
        )
    return [{**entry, "name": entry["en" if lang == "en" else "sv"]} for entry in found.values()]
