"""The database's tables, one module per feature; everything is importable from here, as the
services, the migrations' metadata and the tests do (`from ..store.models import Topic`)."""

from __future__ import annotations

from .accounts import ApiToken, LoginSession, PasswordLink, User
from .agenda import (
    AgendaGoing,
    AgendaHere,
    AgendaSession,
    AgendaSlot,
    AgendaSpace,
    AgendaTimer,
    Announcement,
    SessionNotes,
    SessionPhoto,
)
from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow
from .board import Board, BoardAnswer, BoardCard, BoardLink, BoardUndo
from .carry import CarriedTheme
from .catalog import CatalogOrganisation, CatalogRole
from .consultation import FeedbackItem, WorkshopTemplate
from .deliver import ActionCard, Decision, Participation
from .follow_up import ActionUpdate
from .opening import OpeningCircle
from .phases import Idea, Theme, ThemeTopic, ThemeVote
from .process import Process, ProcessStep
from .questions import QuestionAnswer, QuickQuestion
from .reports import ReportDetails
from .review import HeldInput
from .team import ReportName, TeamChange, TeamInvitation, TeamMember
from .topics import Topic
from .voting import Vote, VotingRound
from .workshops import Event, Participant, ProcessedCommand, RoomMode, Workshop

__all__ = [
    "ActionCard",
    "ActionUpdate",
    "AgendaGoing",
    "AgendaHere",
    "AgendaSession",
    "AgendaSlot",
    "AgendaSpace",
    "AgendaTimer",
    "Announcement",
    "ApiToken",
    "Base",
    "Board",
    "BoardAnswer",
    "BoardCard",
    "BoardLink",
    "BoardUndo",
    "CarriedTheme",
    "CatalogOrganisation",
    "CatalogRole",
    "Decision",
    "Event",
    "FeedbackItem",
    "HeldInput",
    "Idea",
    "LoginSession",
    "NEVER_REUSE_IDS",
    "OpeningCircle",
    "Participant",
    "Participation",
    "PasswordLink",
    "Process",
    "ProcessStep",
    "ProcessedCommand",
    "QuestionAnswer",
    "QuickQuestion",
    "ReportDetails",
    "ReportName",
    "RoomMode",
    "SessionNotes",
    "SessionPhoto",
    "TeamChange",
    "TeamInvitation",
    "TeamMember",
    "Theme",
    "ThemeTopic",
    "ThemeVote",
    "Topic",
    "User",
    "UtcDateTime",
    "Vote",
    "VotingRound",
    "Workshop",
    "WorkshopTemplate",
    "utcnow",
]
