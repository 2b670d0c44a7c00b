"""The role catalogue: about 60 professional titles a family may meet, in Swedish and English.

The data is package data (`workshop/catalog/roles.csv`, derived from the domain brief's
roles.csv with a one-line plain explanation per role); titles vary between municipalities, so it
is an editable default. Reading it needs only the standard library.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

# The four sectors around the child, in the order the board and every list show them.
SECTORS = ("kommun", "region", "stat", "civil")


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
        fields = {name: (row.get(name) or "").strip() for name in Role.__dataclass_fields__}
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
