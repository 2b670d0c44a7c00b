"""Who sends a command: the role decides what they may do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["facilitator", "participant", "wall"]


@dataclass(frozen=True)
class Actor:
    """A connected person: facilitator (user id), participant (participant id) or wall (none)."""

    role: Role
    workshop_id: int
    id: int | None = None

    @property
    def key(self) -> str:
        """How the event log and the op_id table name the actor ("p:12", "u:3", "wall")."""
        return {"facilitator": "u", "participant": "p"}.get(self.role, "wall") + (
            f":{self.id}" if self.id is not None else ""
        )

    @property
    def is_facilitator(self) -> bool:
        return self.role == "facilitator"
