"""The one way a test says that a command or a rule is refused: with exactly one code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from workshop.domain.errors import DomainError


@contextmanager
def refused(code: str) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """The block must be refused with exactly `code` (one code per refusal, never "a or b")."""
    with pytest.raises(DomainError) as caught:
        yield caught
    assert caught.value.code == code, f"refused with {caught.value.code!r}, not {code!r}"
