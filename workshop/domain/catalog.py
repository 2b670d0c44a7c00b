"""The role catalogue: about 60 professional titles a family may meet, in Swedish and English.

The data is package data (`workshop/catalog/roles.csv`, derived from the domain brief's
roles.csv with a one-line plain explanation per role); titles vary between municipalities, so it
is an editable default. Reading it needs only the standard library.

Each workshop edits its own copy without touching the project's (which stays versioned with the
code): the facilitator adds, renames and hides roles and adds the workshop's own organisations.
Only the differences are kept (`catalog` in the room state: the roles that differ from the
default or are new, and the own organisations); `effective` lays them over the default. The same
copy travels as CSV (`to_csv` / `from_csv`): the default's columns plus `hidden` and `kind`.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import ClassVar

from .errors import DomainError
from .events import Event, State, empty_slice, event
from .rules import clean_line

# The four sectors around the child, in the order the board and every list show them.
SECTORS = ("kommun", "region", "stat", "civil")


# Lengths of a role's texts (the default's longest title is 85 characters).
TITLE_MAX = 100
ORGANISATION_MAX = 80
EXPLAIN_MAX = 200
AGE_BANDS_MAX = 40
NOTE_MAX = 200
# Roles one workshop's catalogue holds at most, the default's 62 included.
MAX_ROLES = 300
MAX_ORGANISATIONS = 100
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class Role:
    """One professional title: names, sector, organisation and a plain explanation."""

    id: str
    title_sv: str
    title_en: str
    sector: str
    organisation_sv: str
    organisation_en: str
    age_bands: str
    explain_sv: str
    explain_en: str
    note: str = ""
    hidden: bool = False

    def title(self, lang: str) -> str:
        """The title in `lang` (Swedish unless English is asked for)."""
        return self.title_en if lang == "en" else self.title_sv

    def organisation(self, lang: str) -> str:
        """The organisation in `lang`."""
        return self.organisation_en if lang == "en" else self.organisation_sv

    def explain(self, lang: str) -> str:
        """The one-line explanation in `lang`."""
        return self.explain_en if lang == "en" else self.explain_sv


def parse(text: str) -> dict[str, Role]:
    """Roles by id from the catalogue's CSV text; refuses unknown sectors and duplicate ids."""
    roles: dict[str, Role] = {}
    for row in csv.DictReader(io.StringIO(text)):
        fields = {name: (row.get(name) or "").strip() for name in TEXT_FIELDS}
        role = Role(**fields)
        if role.sector not in SECTORS:
            raise ValueError(f"role {role.id!r} has an unknown sector {role.sector!r}")
        if not role.id or role.id in roles:
            raise ValueError(f"role id {role.id!r} is empty or appears twice")
        roles[role.id] = role
    return roles


@functools.cache
def catalogue() -> dict[str, Role]:
    """The default catalogue shipped with the package, read once."""
    text = (resources.files("workshop") / "catalog" / "roles.csv").read_text(encoding="utf-8")
    return parse(text)


# The text columns of roles.csv, in its order; an export adds `hidden` and `kind`.
TEXT_FIELDS = (
    "id",
    "title_sv",
    "title_en",
    "sector",
    "organisation_sv",
    "organisation_en",
    "age_bands",
    "explain_sv",
    "explain_en",
    "note",
)
CSV_COLUMNS = (*TEXT_FIELDS, "hidden", "kind")


@dataclass(frozen=True)
class Organisation:
    """An organisation a workshop added to its catalogue (the default's come with its roles)."""

    id: str
    sector: str
    name_sv: str
    name_en: str


empty_slice("catalog", {"roles": {}, "organisations": {}})


# --- events ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RoleChange(Event):
    role: Role

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["catalog"]["roles"][self.role.id] = dataclasses.asdict(self.role)


@event
@dataclass(frozen=True)
class RoleAdded(_RoleChange):
    """The facilitator added a role to this workshop's catalogue."""

    type: ClassVar[str] = "catalog.role_added"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class RoleRenamed(_RoleChange):
    """The facilitator renamed a role in this workshop (the project's catalogue is unchanged)."""

    type: ClassVar[str] = "catalog.role_renamed"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class RoleHidden(_RoleChange):
    """A role was hidden from this workshop's lists (`role.hidden`), or shown again."""

    type: ClassVar[str] = "catalog.role_hidden"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class OrganisationAdded(Event):
    """The facilitator added one of the workshop's own organisations."""

    type: ClassVar[str] = "catalog.organisation_added"
    same_for_everyone: ClassVar[bool] = True
    organisation: Organisation

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        org = self.organisation
        state["catalog"]["organisations"][org.id] = dataclasses.asdict(org)


@event
@dataclass(frozen=True)
class CatalogImported(Event):
    """The workshop's catalogue was replaced from a CSV file: its whole difference from the
    default, in one event."""

    type: ClassVar[str] = "catalog.imported"
    same_for_everyone: ClassVar[bool] = True
    roles: dict[str, Role]
    organisations: dict[str, Organisation]

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["catalog"] = {
            "roles": {k: dataclasses.asdict(v) for k, v in self.roles.items()},
            "organisations": {k: dataclasses.asdict(v) for k, v in self.organisations.items()},
        }


# --- rules -------------------------------------------------------------------------------


def effective(defaults: Mapping[str, Role], changes: Mapping[str, Role]) -> dict[str, Role]:
    """A workshop's catalogue: the default in its order with the changes laid over it, then the
    workshop's own roles in the order they were added. Hidden roles are kept (cards and answers
    may name them); `visible` leaves them out."""
    merged = {role_id: changes.get(role_id, role) for role_id, role in defaults.items()}
    merged.update({role_id: role for role_id, role in changes.items() if role_id not in merged})
    return merged


def visible(roles: Mapping[str, Role]) -> dict[str, Role]:
    """The roles a workshop's lists offer: every role not hidden."""
    return {role_id: role for role_id, role in roles.items() if not role.hidden}


def slug(text: str, taken: object) -> str:
    """An id made from a name: lowercase letters, digits and dashes, new in `taken`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:30] or "role"
    candidate, n = base, 1
    while candidate in taken:  # type: ignore[operator]
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _sector(value: object) -> str:
    if value not in SECTORS:
        raise DomainError("bad_request", field="sector")
    return str(value)


def new_role(data: Mapping[str, object], taken: Mapping[str, Role]) -> Role:
    """A role the facilitator adds: titles in both languages (the English one may be left out),
    a sector, an organisation and an optional explanation."""
    if len(taken) >= MAX_ROLES:
        raise DomainError("catalog_full", max=MAX_ROLES)
    title_sv = clean_line(
        data.get("title_sv"), field="title_sv", max_length=TITLE_MAX, required=True
    )
    title_en = clean_line(
        data.get("title_en"), field="title_en", max_length=TITLE_MAX, required=False
    )
    org_sv = clean_line(
        data.get("organisation_sv"),
        field="organisation_sv",
        max_length=ORGANISATION_MAX,
        required=True,
    )
    org_en = clean_line(
        data.get("organisation_en"),
        field="organisation_en",
        max_length=ORGANISATION_MAX,
        required=False,
    )
    explain_sv = clean_line(
        data.get("explain_sv"), field="explain_sv", max_length=EXPLAIN_MAX, required=False
    )
    explain_en = clean_line(
        data.get("explain_en"), field="explain_en", max_length=EXPLAIN_MAX, required=False
    )
    return Role(
        id=slug(title_sv, taken),
        title_sv=title_sv,
        title_en=title_en or title_sv,
        sector=_sector(data.get("sector")),
        organisation_sv=org_sv,
        organisation_en=org_en or org_sv,
        age_bands="",
        explain_sv=explain_sv,
        explain_en=explain_en or explain_sv,
    )


def renamed(role: Role, title_sv: object, title_en: object) -> Role:
    """The role under a new name in this workshop; an English title left out stays as it was."""
    sv = clean_line(title_sv, field="title_sv", max_length=TITLE_MAX, required=True)
    en = clean_line(title_en, field="title_en", max_length=TITLE_MAX, required=False)
    return dataclasses.replace(role, title_sv=sv, title_en=en or role.title_en)


def new_organisation(data: Mapping[str, object], taken: Mapping[str, Organisation]) -> Organisation:
    """One of the workshop's own organisations: a sector and a name (English optional)."""
    if len(taken) >= MAX_ORGANISATIONS:
        raise DomainError("catalog_full", max=MAX_ORGANISATIONS)
    name_sv = clean_line(
        data.get("name_sv"), field="name_sv", max_length=ORGANISATION_MAX, required=True
    )
    name_en = clean_line(
        data.get("name_en"), field="name_en", max_length=ORGANISATION_MAX, required=False
    )
    return Organisation(
        id=slug(name_sv, taken),
        sector=_sector(data.get("sector")),
        name_sv=name_sv,
        name_en=name_en or name_sv,
    )


def changes_from(defaults: Mapping[str, Role], roles: Mapping[str, Role]) -> dict[str, Role]:
    """What a workshop keeps so that its catalogue is `roles`: every role that differs from the
    default or is new, and every default role the list leaves out, hidden."""
    changes = {role_id: role for role_id, role in roles.items() if defaults.get(role_id) != role}
    for role_id, role in defaults.items():
        if role_id not in roles:
            changes[role_id] = dataclasses.replace(role, hidden=True)
    return changes


# --- CSV -----------------------------------------------------------------------------------

# A cell a spreadsheet would run as a formula gets a leading apostrophe, which import takes off.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CSV_ROWS = 1000


def _safe(cell: str) -> str:
    return f"'{cell}" if cell.startswith(_FORMULA_START) or cell.startswith("'") else cell


def _unsafe(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def to_csv(roles: Mapping[str, Role], organisations: Mapping[str, Organisation]) -> str:
    """The workshop's whole catalogue as CSV: every role (hidden ones marked), then the own
    organisations (`kind` organisation, the name in the organisation columns)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for role in roles.values():
        cells = [getattr(role, name) for name in TEXT_FIELDS]
        writer.writerow([_safe(c) for c in cells] + ["1" if role.hidden else "", "role"])
    for org in organisations.values():
        cells = [org.id, "", "", org.sector, org.name_sv, org.name_en, "", "", "", ""]
        writer.writerow([_safe(c) for c in cells] + ["", "organisation"])
    return out.getvalue()


def from_csv(text: str) -> tuple[dict[str, Role], dict[str, Organisation]]:
    """A catalogue from CSV text, every row checked; the first bad row is refused with its line
    number and column (`bad_catalog_row`), so nothing half-read is ever stored."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise DomainError("bad_catalog_row", line=1, column="") from error
    if header is None or any(name not in header for name in TEXT_FIELDS):
        missing = next((n for n in TEXT_FIELDS if header is None or n not in header), "")
        raise DomainError("bad_catalog_row", line=1, column=missing)
    roles: dict[str, Role] = {}
    organisations: dict[str, Organisation] = {}
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(roles) + len(organisations) >= MAX_CSV_ROWS or len(values) > len(header):
                raise DomainError("bad_catalog_row", line=line, column="")
            row = {
                name: _unsafe(values[n]) if n < len(values) else "" for n, name in enumerate(header)
            }
            if row.get("kind", "") in ("", "role"):
                role = _row_role(row, line)
                if role.id in roles:
                    raise DomainError("bad_catalog_row", line=line, column="id")
                roles[role.id] = role
            elif row["kind"] == "organisation":
                org = _row_organisation(row, line)
                if org.id in organisations:
                    raise DomainError("bad_catalog_row", line=line, column="id")
                organisations[org.id] = org
            else:
                raise DomainError("bad_catalog_row", line=line, column="kind")
    except csv.Error as error:
        raise DomainError("bad_catalog_row", line=reader.line_num, column="") from error
    if len(roles) > MAX_ROLES or len(organisations) > MAX_ORGANISATIONS:
        raise DomainError("catalog_full", max=MAX_ROLES)
    return roles, organisations


_LIMITS = {
    "title_sv": TITLE_MAX,
    "title_en": TITLE_MAX,
    "organisation_sv": ORGANISATION_MAX,
    "organisation_en": ORGANISATION_MAX,
    "age_bands": AGE_BANDS_MAX,
    "explain_sv": EXPLAIN_MAX,
    "explain_en": EXPLAIN_MAX,
    "note": NOTE_MAX,
}
_REQUIRED = ("title_sv", "title_en", "organisation_sv", "organisation_en")


def _cell(row: Mapping[str, str], name: str, line: int, *, required: bool) -> str:
    try:
        return clean_line(
            row.get(name, ""), field=name, max_length=_LIMITS[name], required=required
        )
    except DomainError as error:
        raise DomainError("bad_catalog_row", line=line, column=name) from error


def _row_id(row: Mapping[str, str], line: int) -> str:
    if not _ID.match(row.get("id", "")):
        raise DomainError("bad_catalog_row", line=line, column="id")
    if row.get("sector", "") not in SECTORS:
        raise DomainError("bad_catalog_row", line=line, column="sector")
    if row.get("hidden", "") not in ("", "0", "1"):
        raise DomainError("bad_catalog_row", line=line, column="hidden")
    return row["id"]


def _row_role(row: Mapping[str, str], line: int) -> Role:
    role_id = _row_id(row, line)
    cells = {name: _cell(row, name, line, required=name in _REQUIRED) for name in _LIMITS}
    return Role(id=role_id, sector=row["sector"], hidden=row.get("hidden") == "1", **cells)


def _row_organisation(row: Mapping[str, str], line: int) -> Organisation:
    org_id = _row_id(row, line)
    return Organisation(
        id=org_id,
        sector=row["sector"],
        name_sv=_cell(row, "organisation_sv", line, required=True),
        name_en=_cell(row, "organisation_en", line, required=True),
    )
