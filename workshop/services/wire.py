"""What a command's payload may look like on the wire: the strict base classes every feature's
payload classes build on (issue 22: each payload sits beside its command, in the feature's
module, declared with it on `@workshop_command(wire=..., payload=...)`).

Text limits are left to the domain rules (they give the friendlier `too_long`); these models
refuse wrong types, unknown keys and absurd numbers. The socket adapter validates with them
before anything else runs; the API's OpenAPI document shows the same schemas.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..domain import rules

MAX_ID = rules.ID_MAX


class Payload(BaseModel):
    """Strict: no coercion ("1" is not 1, true is not 1), no unknown keys."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Command(Payload):
    """Every command carries a client-made op_id so a retry is answered, not repeated."""

    op_id: str = Field(min_length=1, max_length=64)


class Plain(Command):
    """A command with nothing but its op_id."""


# Topics, votes and themes all name a topic by its id.
class TopicRef(Command):
    topic_id: int = Field(ge=1, le=MAX_ID)
