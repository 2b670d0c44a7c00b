"""Headings and phrases of the reports in Swedish and English (plain data, for any renderer)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "report": "Workshoprapport",
        "draft": "UTKAST – workshoppen pågår fortfarande",
        "generated": "Skapad {when}",
        "theme": "Fråga",
        "participation": "Deltagande",
        "participants": "{n} deltagare",
        "group_young": "Unga",
        "group_parent": "Föräldrar",
        "group_professional": "Yrkesverksamma",
        "group_unspecified": "Ingen grupp angiven",
        "discover": "Upptäck",
        "discover_intro": "Ämnen som deltagarna tog upp på marknadsplatsen.",
        "define": "Definiera",
        "define_intro": "Prioriteringar: varje röstningsomgång och dess resultat.",
        "develop": "Utveckla",
        "deliver": "Leverera",
        "not_yet": "Inget har registrerats i appen för den här fasen ännu.",
        "topics": "Ämnen",
        "no_topics": "Inga ämnen.",
        "also": "Även: {titles}",
        "round": "Omgång {n}",
        "round_rules": (
            "{budget} prickar per person, högst {cap} på ett ämne. "
            "{voters} deltagare satte {dots} prickar."
        ),
        "round_open": "Omgången pågår: resultatet kommer när den stängs.",
        "rank": "Plats",
        "topic": "Ämne",
        "dots": "Prickar",
        "removed": "(ett ämne som inte längre visas)",
        "no_rounds": "Ingen röstning ännu.",
        "privacy": (
            "Rapporten innehåller inga namn: deltagande räknas per grupp och röster som summor."
        ),
        "chart_title": "Omgång {n}: prickar per ämne",
        "more_lines": "… och {n} till: hela rangordningen finns i rounds.csv.",
    },
    "en": {
        "report": "Workshop report",
        "draft": "DRAFT – the workshop is still going on",
        "generated": "Made {when}",
        "theme": "Question",
        "participation": "Participation",
        "participants": "{n} participants",
        "group_young": "Young people",
        "group_parent": "Parents",
        "group_professional": "Professionals",
        "group_unspecified": "No group given",
        "discover": "Discover",
        "discover_intro": "Topics the participants raised on the marketplace.",
        "define": "Define",
        "define_intro": "Priorities: every voting round and its result.",
        "develop": "Develop",
        "deliver": "Deliver",
        "not_yet": "Nothing has been recorded in the app for this phase yet.",
        "topics": "Topics",
        "no_topics": "No topics.",
        "also": "Also: {titles}",
        "round": "Round {n}",
        "round_rules": (
            "{budget} dots each, at most {cap} on one topic. "
            "{voters} participants placed {dots} dots."
        ),
        "round_open": "The round is still open: its result comes when it closes.",
        "rank": "Rank",
        "topic": "Topic",
        "dots": "Dots",
        "removed": "(a topic no longer shown)",
        "no_rounds": "No voting yet.",
        "privacy": (
            "This report holds no names: participation is counted per group, votes as totals."
        ),
        "chart_title": "Round {n}: dots per topic",
        "more_lines": "… and {n} more: the whole ranking is in rounds.csv.",
    },
}
