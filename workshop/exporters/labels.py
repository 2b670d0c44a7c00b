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
        "participants_one": "{n} deltagare",
        "group_young": "Unga",
        "group_parent": "Föräldrar",
        "group_professional": "Yrkesverksamma",
        "group_unspecified": "Ingen grupp angiven",
        "discover": "Upptäck",
        "discover_intro": (
            "Det deltagarna tog upp på marknadsplatsen, hur de röstade och tavlan över vilka "
            "roller familjer möter."
        ),
        "define_intro": "Teman, problemformuleringar och prioriteringar.",
        "develop_intro": "Idéer under varje prioriterat tema.",
        "deliver_intro": "Åtgärder, beslut och återkoppling till deltagarna.",
        "phase_report": "Fasrapport: {phase}",
        "contents": "Innehåll",
        "toc_hint": "Innehållsförteckningen fylls i när Word öppnar filen (svara Ja på frågan).",
        "page": "Sida",
        "of": "av",
        "date": "Datum",
        "organisation": "Organisation",
        "status_draft": "Utkast",
        "rounds_heading": "Röstningsomgångar",
        "chart_caption": "Omgång {n}: prickar per ämne (de {shown} första).",
        "chart_alt": "Stapeldiagram: {lines}.",
        "board": "Tavlan",
        "board_intro": "Rollerna runt barnet och familjen, och hur de hänger ihop.",
        "board_caption": "Tavlan med {cards} kort och {links} kopplingar.",
        "board_alt": "Tavlan med rollerna: {titles}.",
        "board_figures": (
            "{cards} kort på tavlan, {links} kopplingar. {answers} svar om vilka roller man mött."
        ),
        "board_most_met": "Oftast mötta roller",
        "board_spread": "Ett svar nämnde {span} roller, i mitten {median}.",
        "role": "Roll",
        "met": "Mötta",
        "feedback": "Återkoppling till deltagarna",
        "fb_did": "Det här gjorde vi",
        "fb_did_text": (
            "{date} träffades {people} i workshoppen ”{title}”. "
            "Ni skrev {topics} och röstade i {rounds}."
        ),
        "n_people": "{n} personer",
        "n_people_one": "{n} person",
        "n_topics": "{n} ämnen",
        "n_topics_one": "{n} ämne",
        "n_rounds": "{n} omgångar",
        "n_rounds_one": "{n} omgång",
        "fb_votes_one": "{n} röst",
        "fb_said": "Det här sa ni",
        "fb_said_text": "Det här fick flest röster i den sista omgången:",
        "fb_said_none": "Ingen omgång är avslutad ännu.",
        "fb_votes": "{n} röster",
        "fb_next": "Det här händer nu",
        "fb_next_empty": (
            "Vad samordnaren har beslutat är inte skrivet ännu. Du får veta mer när det är klart."
        ),
        "fb_ask": "Vem kan jag fråga?",
        "fb_ask_text": "Fråga den som ledde workshoppen.",
        "fb_ask_contact": "Fråga {contact}.",
        "fb_private": "Ingen kan se vem som skrev eller röstade på vad.",
        "define": "Definiera",
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
        "more_topics": "… och {n} ämnen till: alla finns i topics.csv.",
    },
    "en": {
        "report": "Workshop report",
        "draft": "DRAFT – the workshop is still going on",
        "generated": "Made {when}",
        "theme": "Question",
        "participation": "Participation",
        "participants": "{n} participants",
        "participants_one": "{n} participant",
        "group_young": "Young people",
        "group_parent": "Parents",
        "group_professional": "Professionals",
        "group_unspecified": "No group given",
        "discover": "Discover",
        "discover_intro": (
            "What the participants raised on the marketplace, how they voted, and the board of "
            "the roles families meet."
        ),
        "define_intro": "Themes, problem statements and priorities.",
        "develop_intro": "Ideas under each prioritised theme.",
        "deliver_intro": "Actions, decisions and feedback to the participants.",
        "phase_report": "Phase report: {phase}",
        "contents": "Contents",
        "toc_hint": "The table of contents fills in when Word opens the file (answer Yes).",
        "page": "Page",
        "of": "of",
        "date": "Date",
        "organisation": "Organisation",
        "status_draft": "Draft",
        "rounds_heading": "Voting rounds",
        "chart_caption": "Round {n}: dots per topic (the first {shown}).",
        "chart_alt": "Bar chart: {lines}.",
        "board": "The board",
        "board_intro": "The roles around the child and family, and how they connect.",
        "board_caption": "The board with {cards} cards and {links} links.",
        "board_alt": "The board with the roles: {titles}.",
        "board_figures": (
            "{cards} cards on the board, {links} links. "
            "{answers} answers about which roles people met."
        ),
        "board_most_met": "Roles met most often",
        "board_spread": "An answer named {span} roles, {median} in the middle.",
        "role": "Role",
        "met": "Met",
        "feedback": "Feedback to the participants",
        "fb_did": "What we did",
        "fb_did_text": (
            "On {date}, {people} took part in the workshop “{title}”. "
            "You wrote {topics} and voted in {rounds}."
        ),
        "n_people": "{n} people",
        "n_people_one": "{n} person",
        "n_topics": "{n} topics",
        "n_topics_one": "{n} topic",
        "n_rounds": "{n} rounds",
        "n_rounds_one": "{n} round",
        "fb_votes_one": "{n} vote",
        "fb_said": "What you said",
        "fb_said_text": "These got the most votes in the last round:",
        "fb_said_none": "No round has closed yet.",
        "fb_votes": "{n} votes",
        "fb_next": "What happens next",
        "fb_next_empty": (
            "What the coordinator decided is not written yet. You will hear more when it is ready."
        ),
        "fb_ask": "Who can I ask?",
        "fb_ask_text": "Ask the person who led the workshop.",
        "fb_ask_contact": "Ask {contact}.",
        "fb_private": "Nobody can see who wrote or voted for what.",
        "define": "Define",
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
        "more_topics": "… and {n} more topics: every one is in topics.csv.",
    },
}
