"""Photos of a session's flip chart: checked, cleaned and kept as files, never in the database.

Everything that can refuse an upload without its bytes is asked first (`check_may_upload`: the
room, the session, the cap), then the header: only JPEG, PNG and WebP are opened, and a canvas
too large is refused before a pixel is decoded. A JPEG is decoded already scaled down. The
picture is turned the right way up, scaled and saved again as a fresh JPEG with nothing of the
original's metadata (no EXIF, so no GPS position, camera serial or time; no comment, XMP or ICC
profile). The file goes under <instance>/photos/<workshop_id>/ with a random name; the row names
it.
"""

from __future__ import annotations

import io
import secrets
import shutil
import warnings
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PIL import Image, ImageOps, UnidentifiedImageError
from pydantic import Field

from ..domain import photos as rules_of
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..domain.review import Reviewed
from ..store.db import Database
from ..store.models import AgendaSession, SessionPhoto, Workshop
from .reads import SliceView
from .runner import (
    PEOPLE,
    Context,
    Outcome,
    check_workshop_allows,
    require_role,
    workshop_command,
)
from .wire import MAX_ID, Command

JPEG_QUALITY = 85
# Pillow's own bomb check, at open, agrees with the largest canvas the rules allow.
Image.MAX_IMAGE_PIXELS = max(rules_of.MAX_PIXELS.values())


def clean_picture(raw: bytes) -> tuple[bytes, int, int]:
    """The upload as a new JPEG without metadata, upright, at most MAX_SIDE pixels a side."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # `formats`: Pillow tries no other opener, so no EPS reaches Ghostscript.
            with Image.open(io.BytesIO(raw), formats=rules_of.FORMATS) as probe:
                rules_of.check_pixels(probe.format, *probe.size)
                if probe.format in rules_of.DECODED_SCALED:
                    # libjpeg decodes at 1/2, 1/4 or 1/8 scale, still at least the final size.
                    probe.draft("RGB", rules_of.scaled(*probe.size))
                probe.load()
                upright = ImageOps.exif_transpose(probe)
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        raise DomainError("not_a_photo") from error
    picture = upright
    if picture.mode not in ("RGB", "L"):
        # A transparent PNG gets a white background, as a flip chart has.
        rgba = picture.convert("RGBA")
        picture = Image.new("RGB", rgba.size, "white")
        picture.paste(rgba, mask=rgba.getchannel("A"))
    width, height = rules_of.scaled(*picture.size)
    if (width, height) != picture.size:
        picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    # Pillow's JPEG writer copies a comment, an ICC profile, XMP and EXIF from `info` when
    # the image still carries them: only the pixels go into the new file.
    bare = Image.new(picture.mode, picture.size)
    bare.paste(picture)
    out = io.BytesIO()
    bare.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), width, height


def _folder(db: Database, workshop_id: int) -> Path:
    if db.photo_root is None:
        raise DomainError("server_busy")
    return Path(db.photo_root) / str(int(workshop_id))


def _may_attach(session: sa.orm.Session, workshop_id: int, session_id: object) -> AgendaSession:
    """The agenda session is this workshop's, and it has room for one more photo."""
    if isinstance(session_id, bool) or not isinstance(session_id, int):
        raise DomainError("bad_request", field="session_id")
    agenda_session = session.get(AgendaSession, session_id)
    if agenda_session is None or agenda_session.workshop_id != workshop_id:
        raise DomainError("not_found")
    count = session.scalar(
        sa.select(sa.func.count(SessionPhoto.id)).where(
            SessionPhoto.session_id == agenda_session.id
        )
    )
    rules_of.check_room(count or 0)
    return agenda_session


def check_may_upload(db: Database, actor: Actor, session_id: object) -> None:
    """Refuse now what `add_photo` would refuse after reading and decoding the upload.

    The web adapter asks this before it reads the request's body; `add_photo` asks it all again
    inside its transaction, where it counts.
    """
    require_role(actor, PEOPLE)
    with db.read() as session:
        workshop = session.get(Workshop, actor.workshop_id)
        if workshop is None:
            raise DomainError("not_found")
        check_workshop_allows(session, workshop, actor, open_only=True, takes_input="notes")
        _may_attach(session, workshop.id, session_id)


@workshop_command(
    roles=PEOPLE,
    permission="notes",
    open_only=True,
    takes_input="notes",
    reviewed=Reviewed("photo", ("file_name",)),
)
def _attach(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Record a photo already written as a file (only `add_photo` calls this, with its own
    file name: it is not a socket command)."""
    session = _may_attach(ctx.session, ctx.workshop.id, data.get("session_id"))
    row = SessionPhoto(
        workshop_id=ctx.workshop.id,
        session_id=session.id,
        file_name=data["file_name"],
        width=data["width"],
        height=data["height"],
    )
    ctx.session.add(row)
    ctx.session.flush()
    ctx.append(
        rules_of.PhotoAdded(
            photo_id=row.id, session_id=session.id, width=row.width, height=row.height
        )
    )
    return {"photo_id": row.id, "session_id": session.id}


def add_photo(
    db: Database, actor: Actor, op_id: object, session_id: object, raw: bytes, max_bytes: int
) -> Outcome:
    """Check, clean and keep an uploaded photo, and attach it to a session's notes."""
    rules_of.check_size(len(raw), max_bytes)
    picture, width, height = clean_picture(raw)
    folder = _folder(db, actor.workshop_id)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.jpg"
    path = folder / name
    path.write_bytes(picture)
    data = {"session_id": session_id, "file_name": name, "width": width, "height": height}
    try:
        outcome = _attach(db, actor, op_id, data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if outcome.replayed:
        path.unlink(missing_ok=True)  # the first upload with this op_id is the one kept
    return outcome


def _forget_removed_file(db: Database, actor: Actor, outcome: Outcome) -> None:
    name = outcome.result.pop("file_name", None)
    if name:
        forget_file(db, actor.workshop_id, name)


# Uploads come over HTTP (`add_photo`); a removal is a socket command.
class PhotoRemove(Command):
    photo_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(
    wire="notes.remove_photo",
    payload=PhotoRemove,
    roles=PEOPLE,
    permission="notes",
    open_only=True,
    after=_forget_removed_file,
)
def remove_photo(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take a photo off a session's notes; its file is deleted once the removal is committed."""
    photo_id = data.get("photo_id")
    if isinstance(photo_id, bool) or not isinstance(photo_id, int):
        raise DomainError("bad_request", field="photo_id")
    row = ctx.session.get(SessionPhoto, photo_id)
    if row is None or row.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    ctx.session.delete(row)
    ctx.append(rules_of.PhotoRemoved(photo_id=row.id))
    return {"photo_id": row.id, "file_name": row.file_name}


def follow_merge(ctx: Context, source_id: int, target_id: int) -> None:
    """Two sessions merged: the source's photos move to the target, as its notes do."""
    rows = ctx.session.scalars(
        sa.select(SessionPhoto)
        .where(SessionPhoto.session_id == source_id)
        .order_by(SessionPhoto.id)
    ).all()
    for row in rows:
        row.session_id = target_id
        ctx.append(
            rules_of.PhotoAdded(
                photo_id=row.id, session_id=target_id, width=row.width, height=row.height
            )
        )
    ctx.session.flush()


def photo_file(db: Database, workshop_id: int, photo_id: int) -> Path | None:
    """The file of a photo of this workshop, or None (another workshop's photo is not found)."""
    with db.read() as session:
        row = session.get(SessionPhoto, photo_id)
        if row is None or row.workshop_id != workshop_id:
            return None
        name = row.file_name
    return file_of(db, workshop_id, name)


def file_of(db: Database, workshop_id: int, file_name: str) -> Path | None:
    """A picture file of this workshop by its stored name, if it is there."""
    path = _folder(db, workshop_id) / Path(file_name).name
    return path if path.is_file() else None


def forget_file(db: Database, workshop_id: int, file_name: str) -> None:
    """Delete a picture file (a photo taken off, or a held one dropped), after the commit."""
    (_folder(db, workshop_id) / Path(file_name).name).unlink(missing_ok=True)


def delete_files(db: Database, workshop_id: int) -> None:
    """Every photo file of a deleted workshop."""
    if db.photo_root is not None:
        shutil.rmtree(_folder(db, workshop_id), ignore_errors=True)


def read_slice(session: sa.orm.Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """Every photo's session and size, for a snapshot (the pictures come over HTTP)."""
    rows = session.scalars(
        sa.select(SessionPhoto).where(SessionPhoto.workshop_id == workshop_id)
    ).all()
    return {
        "photos": {
            str(r.id): {"session_id": r.session_id, "width": r.width, "height": r.height}
            for r in rows
        }
    }
