"""Photo rules without a database: size, canvas, per-session cap, scaling."""

from __future__ import annotations

import pytest

from tests.support.refusals import refused
from workshop.domain import photos


def test_the_size_limit_is_told_in_megabytes() -> None:
    photos.check_size(8 * 1024 * 1024, 8 * 1024 * 1024)
    with refused("photo_too_large") as caught:
        photos.check_size(8 * 1024 * 1024 + 1, 8 * 1024 * 1024)
    assert caught.value.params == {"max": 8}


@pytest.mark.parametrize("size", [(0, 10), (10, -1)])
def test_an_empty_canvas_is_not_a_photo(size: tuple[int, int]) -> None:
    with refused("not_a_photo"):
        photos.check_pixels("JPEG", *size)


@pytest.mark.parametrize("image_format", ["EPS", "PSD", "TIFF", "GIF", "BMP", None])
def test_only_the_formats_phones_send_are_photos(image_format: str | None) -> None:
    with refused("not_a_photo"):
        photos.check_pixels(image_format, 640, 480)


def test_a_canvas_is_refused_by_what_its_format_costs_to_decode() -> None:
    # A 48 MP phone photo is a JPEG, decoded at 1/4 scale; the same canvas as PNG is a bomb.
    photos.check_pixels("JPEG", 8064, 6048)
    photos.check_pixels("MPO", 8064, 6048)  # a JPEG with a depth or HDR gain map after it
    photos.check_pixels("PNG", 1290, 2796)  # a phone's screenshot
    photos.check_pixels("WEBP", 4000, 3000)
    with refused("photo_too_many_pixels") as caught:
        photos.check_pixels("PNG", 7000, 7000)
    assert caught.value.params == {"max": 16}
    with refused("photo_too_many_pixels"):
        photos.check_pixels("JPEG", 20_000, 20_000)


def test_a_session_holds_a_few_photos() -> None:
    photos.check_room(photos.PER_SESSION_MAX - 1)
    with refused("too_many_photos"):
        photos.check_room(photos.PER_SESSION_MAX)


def test_scaling_keeps_the_shape_and_never_enlarges() -> None:
    assert photos.scaled(4032, 3024) == (2000, 1500)
    assert photos.scaled(1000, 3000) == (667, 2000)
    assert photos.scaled(800, 600) == (800, 600)
