"""The domain rules on their own: no database, no Flask."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.refusals import refused
from workshop.domain import rules, voting
from workshop.domain.errors import DomainError


def test_rank_gives_ties_the_same_rank_and_skips_after_them() -> None:
    assert voting.rank({1: 5, 2: 3, 3: 5, 4: 1, 5: 3}) == [
        (1, 1, 5),
        (1, 3, 5),
        (3, 2, 3),
        (3, 5, 3),
        (5, 4, 1),
    ]
    assert voting.rank({}) == []


@pytest.mark.parametrize(
    ("spent", "on_topic", "code"),
    [(5, 0, "over_budget"), (2, 3, "over_topic_limit"), (7, 3, "over_budget")],
)
def test_check_vote_refuses_over_budget_and_over_cap(spent: int, on_topic: int, code: str) -> None:
    with refused(code):
        voting.check_vote(spent=spent, on_topic=on_topic, budget=5, max_per_topic=3)


def test_check_vote_allows_the_last_dot() -> None:
    voting.check_vote(spent=4, on_topic=2, budget=5, max_per_topic=3)


@pytest.mark.parametrize(
    ("budget", "cap"), [(0, 1), (51, 3), (5, 6), (5, 0), (True, 1), ("5", 3), (5.0, 3)]
)
def test_check_budget_refuses_nonsense(budget: object, cap: object) -> None:
    with refused("invalid_budget"):
        rules.check_budget(budget, cap)


def test_merged_dots_keep_up_to_the_cap_and_return_the_rest() -> None:
    assert voting.merged_dots(2, 2, 3) == (3, 1)
    assert voting.merged_dots(1, 1, 3) == (2, 0)
    assert voting.merged_dots(3, 0, 3) == (3, 0)


def test_join_codes_are_six_symbols_of_a_32_symbol_alphabet_without_look_alikes() -> None:
    assert len(set(rules.JOIN_CODE_ALPHABET)) == 32
    assert not set("ILOU") & set(rules.JOIN_CODE_ALPHABET)
    codes = {rules.new_join_code() for _ in range(2000)}
    assert len(codes) > 1990
    assert all(len(c) == 6 and set(c) <= set(rules.JOIN_CODE_ALPHABET) for c in codes)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("abc234", "ABC234"), ("ab-c 234", "ABC234"), ("OIL234", "011234"), (" x7k9mq ", "X7K9MQ")],
)
def test_typed_codes_are_normalised(typed: str, code: str) -> None:
    assert rules.normalise_join_code(typed) == code


@pytest.mark.parametrize("typed", ["", "ABC", "ABCDEFG", "ÅÄÖ123", None, 123456, "U23456"])
def test_bad_codes_are_refused(typed: object) -> None:
    with refused("invalid_code"):
        rules.normalise_join_code(typed)


def test_clean_text_strips_control_characters_and_checks_length() -> None:
    assert (
        rules.clean_text(" a\x00b\x07c\n d ", field="t", max_length=10, required=True) == "abc\n d"
    )
    assert rules.clean_line("a\n  b", field="t", max_length=10, required=True) == "a b"
    # Right-to-left marks are text, not control characters: they stay as typed.
    assert rules.clean_text("\u202eabc", field="t", max_length=10, required=True) == "\u202eabc"
    with refused("too_long") as caught:
        rules.clean_text("x" * 121, field="title", max_length=120, required=True)
    assert caught.value.params["max"] == 120
    with refused("empty"):
        rules.clean_text("  \x00 ", field="title", max_length=120, required=True)
    with refused("bad_request"):
        rules.clean_text(["not", "text"], field="title", max_length=120, required=True)


@given(st.text(max_size=300))
def test_clean_text_never_returns_control_characters_or_too_much(raw: str) -> None:
    try:
        cleaned = rules.clean_text(raw, field="t", max_length=200, required=False)
    except DomainError as error:
        assert error.code == "too_long"
        return
    assert len(cleaned) <= 200
    assert "\x00" not in cleaned and "\r" not in cleaned


def test_the_domain_imports_only_the_standard_library_and_itself() -> None:
    """Absolute imports must name a standard-library module; relative ones must stay inside
    domain/ (`from ..store import` would leave it). import-linter checks the same from the
    package's import graph (tests/unit/test_layers.py)."""
    domain = Path(__file__).resolve().parents[2] / "workshop" / "domain"
    offenders = []
    for path in domain.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level > 1:
                names = ["." * node.level + (node.module or "")]
            else:
                continue
            offenders += [
                f"{path.name}: {name}"
                for name in names
                if name != "__future__" and name.split(".")[0] not in sys.stdlib_module_names
            ]
    assert offenders == []
