"""Photo rules without a database: size, canvas, per-session cap, scaling."""

from __future__ import annotations

import pytest

from workshop.domain import photos
from workshop.domain.errors import DomainError


def test_the_size_limit_is_told_in_megabytes() -> None:
    photos.check_size(8 * 1024 * 1024, 8 * 1024 * 1024)
    with pytest.raises(DomainError) as refused:
        photos.check_size(8 * 1024 * 1024 + 1, 8 * 1024 * 1024)
    assert (refused.value.code, refused.value.params) == ("photo_too_large", {"max": 8})


@pytest.mark.parametrize("size", [(0, 10), (10_000, 10_000)])
def test_an_empty_or_huge_canvas_is_not_a_photo(size: tuple[int, int]) -> None:
    with pytest.raises(DomainError, match="not_a_photo"):
        photos.check_pixels(*size)


def test_a_session_holds_a_few_photos() -> None:
    photos.check_room(photos.PER_SESSION_MAX - 1)
    with pytest.raises(DomainError, match="too_many_photos"):
        photos.check_room(photos.PER_SESSION_MAX)


def test_scaling_keeps_the_shape_and_never_enlarges() -> None:
    assert photos.scaled(4032, 3024) == (2000, 1500)
    assert photos.scaled(1000, 3000) == (667, 2000)
    assert photos.scaled(800, 600) == (800, 600)
