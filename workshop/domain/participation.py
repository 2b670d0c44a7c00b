"""The participation a workshop aims for, its anonymity mode and its consent notes.

Two scales, kept apart on purpose (domain brief): Shier's five levels (Pathways to
participation, 2001), about children's participation, and the Swedish delaktighetstrappa of
municipal citizen dialogue. Municipal papers often call the second "Shier's"; it is not, so the
workshop records one level on each, or none. Each level carries a plain one-line meaning and
what it promises the participants (in English here, in Swedish in the app's one catalogue,
messages.po), so the console can say what the choice commits
the organisers to, and the report can repeat it.

Consent notes are for the organisers (how consent was asked, from whom, for what): phones and the
wall receive the levels and the anonymity mode, never the notes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, empty_slice, event

CONSENT_NOTES_MAX = 2000


def _(text: str) -> str:
    """Marks a text for `pybabel extract`; the services and pages translate it through the
    app's one catalogue, in the reader's language."""
    return text


@dataclass(frozen=True)
class Level:
    """One step of a scale, in English: a name, a one-line meaning and what it promises the
    participants. `scales(translate)` gives them in a reader's language."""

    key: str
    name: str
    meaning: str
    promise: str


# Shier (2001); level 3 is the least that meets article 12 of the Convention on the Rights of the
# Child. The keys are the level numbers, as the literature names them.
SHIER: tuple[Level, ...] = (
    Level(
        "1",
        _("1. Children are listened to"),
        _("We listen when children and young people bring something up themselves."),
        _("We listen to what you say."),
    ),
    Level(
        "2",
        _("2. Children are supported in expressing their views"),
        _("We help children and young people say what they think, in a way that suits them."),
        _("We help you say what you think, in your own way."),
    ),
    Level(
        "3",
        _("3. Children's views are taken into account"),
        _(
            "What children and young people say is weighed when the decision is made. The "
            "least article 12 asks for."
        ),
        _("What you say is weighed in the decision, and afterwards we tell you how."),
    ),
    Level(
        "4",
        _("4. Children are involved in decision-making processes"),
        _("Children and young people take part while the question is prepared and decided."),
        _("You take part while the decision is made, not only when we ask."),
    ),
    Level(
        "5",
        _("5. Children share power and responsibility for decision-making"),
        _("Children and young people decide together with adults and share the responsibility."),
        _("You decide together with us and share the responsibility for the decision."),
    ),
)

# The delaktighetstrappa of municipal citizen dialogue, lowest step first, numbered like
# Shier's levels ("2. Konsultation" is a step of this ladder, not the app's consultation).
TRAPPA: tuple[Level, ...] = (
    Level(
        "information",
        _("1. Information"),
        _("We tell people what will happen and why. Nothing is asked."),
        _("You are told what is decided and why."),
    ),
    Level(
        "konsultation",
        _("2. Consultation"),
        _("We ask what people think about a question we have already framed. We decide."),
        _("We ask what you think and then tell you what we did with the answers."),
    ),
    Level(
        "dialog",
        _("3. Dialogue"),
        _("We talk together to understand the question from several sides."),
        _("We talk with you, listen to each other and explain what we take further."),
    ),
    Level(
        "inflytande",
        _("4. Influence"),
        _("People take part over time and their views shape the proposal."),
        _("What you say shapes the proposal, from start to finish."),
    ),
    Level(
        "medbestammande",
        _("5. Co-determination"),
        _("People decide together with the municipality or region."),
        _("You decide together with us."),
    ),
)

# How participants appear (docs/privacy.md): anonymous by default; a nickname that only its owner
# and the room see; or professionals named by their organisation. Reports count by group in
# every mode, and no mode ever asks a child for a name (domain brief).
ANONYMITY: tuple[Level, ...] = (
    Level(
        "anonymous",
        _("Anonymous"),
        _("No names. We only count how many came from each group."),
        _("Nobody can see who wrote or voted for what."),
    ),
    Level(
        "nickname",
        _("Nickname"),
        _("Anyone who wants to may pick a nickname. It never goes into the report."),
        _("You choose whether to use a nickname. Your real name is never needed."),
    ),
    Level(
        "named_by_organisation",
        _("Professionals by organisation"),
        _(
            "Professionals are shown with their organisation. Children, young people and "
            "parents stay anonymous."
        ),
        _("If you are here for your work, your organisation is shown, not your name."),
    ),
)

SHIER_KEYS = tuple(level.key for level in SHIER)
TRAPPA_KEYS = tuple(level.key for level in TRAPPA)
ANONYMITY_KEYS = tuple(level.key for level in ANONYMITY)
DEFAULT_ANONYMITY = "anonymous"


@dataclass(frozen=True)
class ParticipationInfo:
    """The levels aimed for (empty: not chosen yet), the anonymity mode and the consent notes."""

    shier: str = ""
    trappa: str = ""
    anonymity: str = DEFAULT_ANONYMITY
    consent_notes: str = ""


empty_slice("participation", dataclasses.asdict(ParticipationInfo()))


@event
@dataclass(frozen=True)
class ParticipationChanged(Event):
    """The facilitator set the participation levels aimed for (Shier and the
    delaktighetstrappa, apart), the anonymity mode or the consent notes. Phones and the wall
    receive it without the consent notes."""

    type: ClassVar[str] = "participation.changed"
    participation: ParticipationInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["participation"] = dataclasses.asdict(self.participation)

    def public(self) -> Event:
        """The notes are the organisers' own."""
        return ParticipationChanged(dataclasses.replace(self.participation, consent_notes=""))


def public_slice(info: ParticipationInfo) -> ParticipationInfo:
    """What phones and the wall hold: everything but the consent notes."""
    return dataclasses.replace(info, consent_notes="")


def clean_participation(data: Mapping[str, Any]) -> ParticipationInfo:
    """The settings after the rules: a known level on each scale or none, a known mode."""
    shier = data.get("shier") or ""
    if shier not in ("", *SHIER_KEYS):
        raise DomainError("bad_request", field="shier")
    trappa = data.get("trappa") or ""
    if trappa not in ("", *TRAPPA_KEYS):
        raise DomainError("bad_request", field="trappa")
    anonymity = data.get("anonymity") or DEFAULT_ANONYMITY
    if anonymity not in ANONYMITY_KEYS:
        raise DomainError("bad_request", field="anonymity")
    notes = rules.clean_text(
        data.get("consent_notes"),
        field="consent_notes",
        max_length=CONSENT_NOTES_MAX,
        required=False,
    )
    return ParticipationInfo(
        shier=str(shier), trappa=str(trappa), anonymity=str(anonymity), consent_notes=notes
    )


def level(scale: tuple[Level, ...], key: str) -> Level | None:
    """The level of `scale` named `key`, or None when none was chosen."""
    return next((item for item in scale if item.key == key), None)


def promises(info: ParticipationInfo, translate: Callable[[str], str]) -> list[str]:
    """What the chosen levels and mode promise the participants, one sentence each."""
    chosen = (
        level(SHIER, info.shier),
        level(TRAPPA, info.trappa),
        level(ANONYMITY, info.anonymity),
    )
    return [translate(item.promise) for item in chosen if item is not None]


def scales(translate: Callable[[str], str]) -> dict[str, list[dict[str, str]]]:
    """Both scales and the anonymity modes through `translate` (the reader's catalogue), for
    forms and reports."""
    return {
        name: [
            {
                "key": item.key,
                "name": translate(item.name),
                "meaning": translate(item.meaning),
                "promise": translate(item.promise),
            }
            for item in scale
        ]
        for name, scale in (("shier", SHIER), ("trappa", TRAPPA), ("anonymity", ANONYMITY))
    }
