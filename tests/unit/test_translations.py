"""Every text the app can show has its Swedish translation (the parent reading Swedish)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "workshop" / "translations" / "sv" / "LC_MESSAGES" / "messages.po"


def test_every_extracted_text_has_a_swedish_translation(tmp_path: Path) -> None:
    template = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [pybabel, "-q", "extract", "-F", "workshop/translations/babel.cfg", "-k", "lazy_gettext"]
        + ["-k", "_plural:1,2"]
        + ["-o", str(template), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as file:
        wanted = [message.id for message in read_po(file) if message.id]
    with CATALOG.open("rb") as file:
        swedish = read_po(file)

    def translated(message_id: str | tuple[str, ...]) -> bool:
        found = swedish.get(message_id)
        if found is None:
            return False
        forms = found.string if isinstance(found.string, tuple) else (found.string,)
        # A plural needs every form ("1 prick", "2 prickar"), not only the first.
        return all(forms) and isinstance(message_id, tuple) == isinstance(found.id, tuple)

    untranslated = [message_id for message_id in wanted if not translated(message_id)]
    assert len(wanted) > 100
    assert untranslated == []


EASY = ROOT / "workshop" / "translations" / "sv_easy.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def test_every_easy_read_override_replaces_a_swedish_text_and_keeps_its_placeholders() -> None:
    # An override for a msgid that no longer exists would silently never show; one that drops
    # or renames a placeholder would break the message at run time.
    with CATALOG.open("rb") as file:
        swedish = read_po(file)
    with EASY.open("rb") as file:
        easy = read_po(file)
    overrides = [message for message in easy if message.id]
    assert len(overrides) > 50
    problems = []
    for message in overrides:
        ordinary = swedish.get(message.id)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if ordinary is None or not all(forms):
            problems.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = {p for text in ids for p in PLACEHOLDER.findall(text)}
        if any(set(PLACEHOLDER.findall(form)) != wanted for form in forms):
            problems.append(message.id)
    assert problems == []


def test_every_report_word_keeps_its_placeholders_in_every_language() -> None:
    """A report word whose Swedish (or easy-read) text drops "{n}" or renames it would raise
    when the report is written; one that loses its translation would come out in English."""
    from workshop.exporters.labels import LABELS, WORDS

    braces = re.compile(r"\{\w+\}")
    english = LABELS["en"]
    problems = []
    for language in ("sv", "sv_easy"):
        words = LABELS[language]
        for key in english:
            if set(braces.findall(words[key])) != set(braces.findall(english[key])):
                problems.append((language, key))
    assert problems == []
    assert len(english) > len(WORDS) > 100
    # Words that read the same in both languages are few and known ("Region", "Status",
    # "1 moderator").
    same = {key for key in english if LABELS["sv"][key] == english[key]}
    known = {"group_region", "organisation", "n_people_one", "col_status", "team_moderator_one"}
    assert same <= known, same
