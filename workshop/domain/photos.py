"""Photos of a session's flip chart, attached to its notes and shown on the news wall.

The picture itself lives as a file under the instance folder (services/photos.py); the state only
knows which photos a session has and their size, so every screen can lay them out before the
image arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .errors import DomainError
from .events import Event, State, empty_slice, event

# Big enough to read a flip chart on a projector, small enough for an old phone on slow wifi.
MAX_SIDE = 2000
# A flip chart needs a few pictures at most; the cap keeps one session from filling the disk.
PER_SESSION_MAX = 6
# The formats a phone's camera, gallery or screenshot sends. Nothing else is ever opened: Pillow
# knows EPS (it runs Ghostscript on the file), PSD, TIFF and dozens more that no phone sends.
# An iPhone converts its HEIC photos to JPEG when a web page's file picker asks for images.
FORMATS = ("JPEG", "PNG", "WEBP")
# Refused by the canvas the header declares, before a pixel is decoded: a small file can claim
# a huge one (a "decompression bomb": a 186 KB PNG of 7000 x 7000 cost 0.8 GB). A JPEG is decoded
# already scaled down by its decoder (1/2 to 1/8), so a 50 or 108 MP phone photo costs a few MB;
# PNG and WebP have no such mode and decode whole, so their canvas is kept to a screenshot's.
MAX_PIXELS = {"JPEG": 120_000_000, "PNG": 16_800_000, "WEBP": 16_800_000}
# Many phones' JPEGs carry more pictures after the first (a depth map, an HDR gain map: the
# Multi-Picture format); Pillow names such a file MPO. It is a JPEG, and only its first picture
# is kept.
MAX_PIXELS["MPO"] = MAX_PIXELS["JPEG"]
DECODED_SCALED = ("JPEG", "MPO")

empty_slice("photos", {})


def check_size(size: int, limit: int) -> None:
    """Refuse an upload over the configured limit (in bytes), told in whole megabytes."""
    if size > limit:
        raise DomainError("photo_too_large", max=max(1, limit // (1024 * 1024)))


def check_pixels(image_format: str | None, width: int, height: int) -> None:
    """Refuse a format no phone sends, or a canvas too large to decode safely."""
    if image_format not in MAX_PIXELS or width <= 0 or height <= 0:
        raise DomainError("not_a_photo")
    limit = MAX_PIXELS[image_format]
    if width * height > limit:
        raise DomainError("photo_too_many_pixels", max=limit // 1_000_000)


def check_room(count: int) -> None:
    """Refuse a photo past the per-session cap."""
    if count >= PER_SESSION_MAX:
        raise DomainError("too_many_photos", max=PER_SESSION_MAX)


def scaled(width: int, height: int) -> tuple[int, int]:
    """The size after scaling down so the longer side is at most MAX_SIDE (never up)."""
    longest = max(width, height)
    if longest <= MAX_SIDE:
        return width, height
    return max(1, round(width * MAX_SIDE / longest)), max(1, round(height * MAX_SIDE / longest))


@event
@dataclass(frozen=True)
class PhotoAdded(Event):
    """Someone attached a photo (of the flip chart) to a session's notes; also sent again with
    the new session when two sessions are merged, so the photo follows its notes."""

    type: ClassVar[str] = "notes.photo_added"
    same_for_everyone: ClassVar[bool] = True
    photo_id: int
    session_id: int
    width: int
    height: int

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["photos"][str(self.photo_id)] = {
            "session_id": self.session_id,
            "width": self.width,
            "height": self.height,
        }


@event
@dataclass(frozen=True)
class PhotoRemoved(Event):
    """Someone took a photo off a session's notes; its file is deleted."""

    type: ClassVar[str] = "notes.photo_removed"
    same_for_everyone: ClassVar[bool] = True
    photo_id: int

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["photos"].pop(str(self.photo_id), None)
