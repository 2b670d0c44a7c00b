"""The reports' own words, in English, translated through the app's one gettext catalogue.

The renderers see plain dictionaries (`LABELS["sv"]["rank"]`); the words come from
messages.po like every text of the pages, so a translator finds them in one place and a word
means the same in the console and in the report ("Status", "Första steget"). `_` and `_plural`
only mark a text for `pybabel extract`; it is translated when a report is made, in the
workshop's language, whatever the language of the request that asked for it. Texts use
str.format placeholders ("{n}"); a count's two forms come from the catalogue's plural rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

from ..catalogues import translations


def _(text: str) -> str:
    return text


def _plural(singular: str, plural: str) -> tuple[str, str]:
    return singular, plural


WORDS: dict[str, str | tuple[str, str]] = {
    "report": _("Workshop report"),
    "draft": _("DRAFT – the workshop is still going on"),
    "generated": _("Made {when}"),
    "theme": _("Question"),
    "participation": _("Participation"),
    "participants": _plural("{n} participant", "{n} participants"),
    "group_young": _("Young people"),
    "group_kommun": _("Municipality"),
    "group_region": _("Region"),
    "group_stat": _("State agency"),
    "group_civil": _("Civil society"),
    "group_other": _("Other"),
    "group_parent": _("Parents"),
    "group_professional": _("Professionals"),
    "group_unspecified": _("No group given"),
    "discover": _("Discover"),
    "discover_intro": _(
        "What the participants raised on the marketplace, how they voted, and the board of "
        "the roles families meet."
    ),
    "define_intro": _("Themes, problem statements and priorities."),
    "develop_intro": _("Ideas under each prioritised theme."),
    "deliver_intro": _("Actions, decisions and feedback to the participants."),
    "phase_report": _("Phase report: {phase}"),
    "contents": _("Contents"),
    "toc_hint": _("The table of contents fills in when Word opens the file (answer Yes)."),
    "page": _("Page"),
    "of": _("of"),
    "date": _("Date"),
    "organisation": _("Organisation"),
    "place": _("Venue"),
    "case_number": _("Case number"),
    "officer": _("Officer"),
    "status_draft": _("Draft"),
    "rounds_heading": _("Voting rounds"),
    "questions_heading": _("Quick questions"),
    "question_n": _("Question {n}"),
    "question_answered": _plural("{n} person answered.", "{n} people answered."),
    "question_median": _("The median is {m}."),
    "question_open": _("The question is still open: its answers come when it closes."),
    "question_col_word": _("Word"),
    "question_col_scale": _("Answer (1 = not at all, 5 = completely)"),
    "question_col_choice": _("Option"),
    "question_count": _("Answers"),
    "chart_caption": _("Round {n}: dots per topic (the first {shown})."),
    "chart_alt": _("Bar chart: {lines}."),
    "board": _("The board"),
    "board_intro": _("The roles around the child and family, and how they connect."),
    "board_caption": _("The board with {cards} cards and {links} links."),
    "board_alt": _("The board with the roles: {titles}."),
    "board_figures": _("{cards} cards on the board, {links} links."),
    "board_most_met": _("Roles met most often, from the families' answers"),
    "journey": _(
        "{answers} families and young people answered which professional roles they met. In "
        "the middle, a family met {titles} professional titles in {organisations} "
        "organisations and had to tell its story again to {retold} of them."
    ),
    "journey_caption": _("Per family: the median, and from the fewest to the most"),
    "journey_what": _("Per family"),
    "journey_median": _("Median"),
    "journey_range": _("Range"),
    "journey_titles": _("Professional titles met"),
    "journey_organisations": _("Organisations met"),
    "journey_retold": _("Told their story again to"),
    "journey_totals": _(
        "Together they met {organisations} different organisations and had to tell their "
        "story again {retold} times."
    ),
    "families": _("Families"),
    "role": _("Role"),
    "met": _("Met"),
    "feedback": _("Feedback to the participants"),
    "fb_did": _("What we did"),
    "fb_did_text": _(
        "On {date}, {people} took part in the workshop “{title}”. You wrote {topics} and "
        "voted in {rounds}."
    ),
    "n_people": _plural("{n} person", "{n} people"),
    "n_topics": _plural("{n} topic", "{n} topics"),
    "n_rounds": _plural("{n} round", "{n} rounds"),
    "fb_said": _("What you said"),
    "fb_said_text": _("These got the most dots in the last round:"),
    "fb_said_none": _("No round has closed yet."),
    "fb_votes": _plural("{n} dot", "{n} dots"),
    "fb_next": _("What happens next"),
    "fb_next_empty": _(
        "What the coordinator decided is not written yet. You will hear more when it is ready."
    ),
    "fb_ask": _("Who can I ask?"),
    "fb_ask_text": _("Ask the person who led the workshop."),
    "fb_ask_contact": _("Ask {contact}."),
    "fb_private": _("Nobody can see who wrote or voted for what."),
    "define": _("Define"),
    "develop": _("Develop"),
    "deliver": _("Deliver"),
    "not_yet": _("Nothing has been recorded in the app for this phase yet."),
    "topics": _("Topics"),
    "no_topics": _("No topics."),
    "also": _("Also: {titles}"),
    "round": _("Round {n}"),
    "round_rules": _(
        "{budget} dots each, at most {cap} on one topic. {voters} participants placed {dots} dots."
    ),
    "round_rules_themes": _(
        "{budget} dots each, at most {cap} on one theme. {voters} participants placed {dots} dots."
    ),
    "chart_title_themes": _("Round {n}: dots per theme"),
    "chart_caption_themes": _("Round {n}: dots per theme (the first {shown})."),
    "round_open": _("The round is still open: its result comes when it closes."),
    "rank": _("Rank"),
    "topic": _("Topic"),
    "dots": _("Dots"),
    "removed": _("(a topic no longer shown)"),
    "no_rounds": _("No voting yet."),
    "privacy": _(
        "This report holds no participant's name: participation is counted per group, dots as "
        "totals."
    ),
    "chart_title": _("Round {n}: dots per topic"),
    "more_lines": _("… and {n} more: the whole ranking is in rounds.csv."),
    "more_topics": _("… and {n} more topics: every one is in topics.csv."),
    "removed_theme": _("(a theme that was deleted)"),
    "theme_rounds_heading": _("Prioritising the themes"),
    "theme_col": _("Theme"),
    "themes_heading": _("Themes and problem statements"),
    "theme_from": _("From the topics: {titles}"),
    "low_hanging": _("Low-hanging fruit: can start at once, within existing means"),
    "low_hanging_heading": _("Low-hanging fruit"),
    "initiator_is": _("Initiator: {who}"),
    "agenda_heading": _("The agenda (Open Space)"),
    "notes_heading": _("Notes: {title}"),
    "took_part": _("Took part: {counts}"),
    "notes_discussion": _("Discussion"),
    "notes_recommendations": _("Recommendations"),
    "notes_next_steps": _("Next steps"),
    "col_time": _("Time"),
    "col_space": _("Room"),
    "col_session": _("Session"),
    "col_going": _("Going"),
    "col_here": _("Came"),
    "actions_heading": _("Actions"),
    "col_what": _("What"),
    "col_who": _("Who (role, organisation)"),
    "col_first_step": _("First step"),
    "col_due": _("Done by"),
    "col_follow_up": _("Follow-up"),
    "col_status": _("Status"),
    "status_planned": _("Planned"),
    "status_started": _("Started"),
    "status_done": _("Done"),
    "status_dropped": _("Dropped"),
    "decisions_heading": _("Decisions"),
    "decision_action": _("About the action: {what}"),
    "feedback_heading": _("Feedback: you said, we do"),
    "col_said": _("You said"),
    "col_did": _("We do"),
    "col_why_not": _("Why not"),
    "col_when": _("When"),
    "outcome_will": _("we will do it"),
    "outcome_done": _("done"),
    "outcome_will_not": _("we will not do it"),
    "outcome_open": _("not decided yet"),
    "places": _("{room} took part in the room and {home} from home."),
    "scale_shier": _("Participation (Shier)"),
    "scale_trappa": _("Delaktighetstrappan (the Swedish participation ladder)"),
    "scale_anonymity": _("Anonymity"),
    "consent_notes": _("Consent: {notes}"),
    # The team that ran the day (only the names of those who agreed to be named).
    "team_heading": _("Who ran the day"),
    "team_owner": _plural("{n} owner", "{n} owners"),
    "team_co_facilitator": _plural("{n} co-facilitator", "{n} co-facilitators"),
    "team_moderator": _plural("{n} moderator", "{n} moderators"),
    "team_note_taker": _plural("{n} note-taker", "{n} note-takers"),
    "team_board_keeper": _plural("{n} board keeper", "{n} board keepers"),
    "team_not_named": _plural("{n} not named", "{n} not named"),
}

# The languages a report is written in; Swedish easy-read (lättläst) is Swedish with the
# overrides of sv_easy.po laid over it.
LANGUAGES = ("sv", "en")


@lru_cache(maxsize=8)
def words_in(language: str) -> dict[str, str]:
    """Every report word in `language`; a count's singular under its key + "_one"."""
    catalogue = translations(language)
    out: dict[str, str] = {}
    for key, text in WORDS.items():
        if isinstance(text, tuple):
            out[key] = catalogue.ngettext(*text, 2)
            out[f"{key}_one"] = catalogue.ngettext(*text, 1)
        else:
            out[key] = catalogue.gettext(text)
    return out


class _Labels(Mapping[str, dict[str, str]]):
    """`LABELS[language]`: the words of one report language, read from the catalogue once."""

    def __getitem__(self, language: str) -> dict[str, str]:
        if language not in LANGUAGES and language != "sv_easy":
            raise KeyError(language)
        return words_in(language)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


LABELS: Mapping[str, dict[str, str]] = _Labels()
