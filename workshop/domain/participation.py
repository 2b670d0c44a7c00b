"""The participation a workshop aims for, its anonymity mode and its consent notes.

Two scales, kept apart on purpose (domain brief): Shier's five levels (Pathways to
participation, 2001), about children's participation, and the Swedish delaktighetstrappa of
municipal citizen dialogue. Municipal papers often call the second "Shier's"; it is not, so the
workshop records one level on each, or none. Each level carries a plain one-line meaning and
what it promises the participants, in Swedish and English, so the console can say what the
choice commits the organisers to, and the report can repeat it.

Consent notes are for the organisers (how consent was asked, from whom, for what): phones and the
wall receive the levels and the anonymity mode, never the notes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, empty_slice, event

CONSENT_NOTES_MAX = 2000


@dataclass(frozen=True)
class Level:
    """One step of a scale: a name, a one-line meaning and what it promises participants."""

    key: str
    name_sv: str
    name_en: str
    meaning_sv: str
    meaning_en: str
    promise_sv: str
    promise_en: str

    def name(self, lang: str) -> str:
        """The name in `lang` (Swedish unless English is asked for)."""
        return self.name_en if lang == "en" else self.name_sv

    def meaning(self, lang: str) -> str:
        """The one-line meaning in `lang`."""
        return self.meaning_en if lang == "en" else self.meaning_sv

    def promise(self, lang: str) -> str:
        """What the level promises the participants, in `lang`."""
        return self.promise_en if lang == "en" else self.promise_sv


# Shier (2001); level 3 is the least that meets article 12 of the Convention on the Rights of the
# Child. The keys are the level numbers, as the literature names them.
SHIER: tuple[Level, ...] = (
    Level(
        "1",
        "1. Barn blir lyssnade på",
        "1. Children are listened to",
        "Vi lyssnar när barn och unga själva tar upp något.",
        "We listen when children and young people bring something up themselves.",
        "Vi lyssnar på det du säger.",
        "We listen to what you say.",
    ),
    Level(
        "2",
        "2. Barn får stöd att uttrycka sina åsikter",
        "2. Children are supported in expressing their views",
        "Vi hjälper barn och unga att säga vad de tycker, på ett sätt som passar dem.",
        "We help children and young people say what they think, in a way that suits them.",
        "Vi hjälper dig att säga vad du tycker, på ditt sätt.",
        "We help you say what you think, in your own way.",
    ),
    Level(
        "3",
        "3. Barns åsikter beaktas",
        "3. Children's views are taken into account",
        "Det barn och unga säger vägs in när beslutet fattas. Lägsta nivån enligt artikel 12.",
        "What children and young people say is weighed when the decision is made. "
        "The least article 12 asks for.",
        "Det du säger vägs in i beslutet, och vi berättar sedan hur.",
        "What you say is weighed in the decision, and afterwards we tell you how.",
    ),
    Level(
        "4",
        "4. Barn är med i beslutsprocessen",
        "4. Children are involved in decision-making processes",
        "Barn och unga är med när frågan bereds och beslutet fattas.",
        "Children and young people take part while the question is prepared and decided.",
        "Du är med när beslutet tas fram, inte bara när vi frågar.",
        "You take part while the decision is made, not only when we ask.",
    ),
    Level(
        "5",
        "5. Barn delar makt och ansvar för beslut",
        "5. Children share power and responsibility for decision-making",
        "Barn och unga beslutar tillsammans med vuxna och delar ansvaret.",
        "Children and young people decide together with adults and share the responsibility.",
        "Du bestämmer tillsammans med oss och delar ansvaret för beslutet.",
        "You decide together with us and share the responsibility for the decision.",
    ),
)

# The delaktighetstrappa of municipal citizen dialogue, lowest step first.
TRAPPA: tuple[Level, ...] = (
    Level(
        "information",
        "Information",
        "Information",
        "Vi berättar vad som ska hända och varför. Ingen fråga ställs.",
        "We tell people what will happen and why. Nothing is asked.",
        "Du får veta vad som bestäms och varför.",
        "You are told what is decided and why.",
    ),
    Level(
        "konsultation",
        "Konsultation",
        "Consultation",
        "Vi frågar vad människor tycker om en fråga vi redan har formulerat. Vi beslutar.",
        "We ask what people think about a question we have already framed. We decide.",
        "Vi frågar vad du tycker och berättar sedan vad vi gjorde med svaren.",
        "We ask what you think and then tell you what we did with the answers.",
    ),
    Level(
        "dialog",
        "Dialog",
        "Dialogue",
        "Vi samtalar med varandra för att förstå frågan från flera håll.",
        "We talk together to understand the question from several sides.",
        "Vi pratar med dig, lyssnar på varandra och förklarar vad vi tar vidare.",
        "We talk with you, listen to each other and explain what we take further.",
    ),
    Level(
        "inflytande",
        "Inflytande",
        "Influence",
        "Människor är med över tid och deras synpunkter formar förslaget.",
        "People take part over time and their views shape the proposal.",
        "Det du säger formar förslaget, från början till slut.",
        "What you say shapes the proposal, from start to finish.",
    ),
    Level(
        "medbestammande",
        "Medbestämmande",
        "Co-determination",
        "Människor beslutar tillsammans med kommunen eller regionen.",
        "People decide together with the municipality or region.",
        "Du är med och bestämmer.",
        "You decide together with us.",
    ),
)

# How participants appear (docs/privacy.md): anonymous by default; a nickname that only its owner
# and the room see; or professionals named by their organisation. Reports count by group in
# every mode, and no mode ever asks a child for a name (domain brief).
ANONYMITY: tuple[Level, ...] = (
    Level(
        "anonymous",
        "Anonymt",
        "Anonymous",
        "Inga namn. Vi räknar bara hur många från varje grupp.",
        "No names. We only count how many came from each group.",
        "Ingen kan se vem som skrev eller röstade på vad.",
        "Nobody can see who wrote or voted for what.",
    ),
    Level(
        "nickname",
        "Smeknamn",
        "Nickname",
        "Den som vill kan välja ett smeknamn. Det kommer aldrig med i rapporten.",
        "Anyone who wants to may pick a nickname. It never goes into the report.",
        "Du väljer själv om du vill ha ett smeknamn. Ditt riktiga namn behövs aldrig.",
        "You choose whether to use a nickname. Your real name is never needed.",
    ),
    Level(
        "named_by_organisation",
        "Yrkesverksamma med organisation",
        "Professionals by organisation",
        "Yrkesverksamma anges med sin organisation. Barn, unga och föräldrar är anonyma.",
        "Professionals are shown with their organisation. Children, young people and parents "
        "stay anonymous.",
        "Om du är här i ditt arbete syns din organisation, inte ditt namn.",
        "If you are here for your work, your organisation is shown, not your name.",
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


def promises(info: ParticipationInfo, lang: str) -> list[str]:
    """What the chosen levels and mode promise the participants, one sentence each."""
    chosen = (
        level(SHIER, info.shier),
        level(TRAPPA, info.trappa),
        level(ANONYMITY, info.anonymity),
    )
    return [item.promise(lang) for item in chosen if item is not None]


def scales(lang: str) -> dict[str, list[dict[str, str]]]:
    """Both scales and the anonymity modes in `lang`, for forms and reports."""
    return {
        name: [
            {
                "key": item.key,
                "name": item.name(lang),
                "meaning": item.meaning(lang),
                "promise": item.promise(lang),
            }
            for item in scale
        ]
        for name, scale in (("shier", SHIER), ("trappa", TRAPPA), ("anonymity", ANONYMITY))
    }
