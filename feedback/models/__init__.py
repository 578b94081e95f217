"""Live feedback boards: boards, participants, cards, votes, themes and the event log.

See DESIGN.md §3 and §5. One module per part a reader looks for; every name is
importable from ``feedback.models`` as before.
"""

from .activities import ACTIVITIES_MAX, FACES, Activity, ActivityOption, Answer
from .boards import (
    COLUMN_TEMPLATES,
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    Board,
    BoardQuerySet,
    Column,
    Participant,
    new_join_code,
    normalise_join_code,
)
from .cards import CARD_TEXT_MAX, Card, CardQuerySet, Theme, Vote
from .event_log import BoardEvent, ProcessedCommand
from .facilitation import ModerationAction, SupportRequest, VotingRound

__all__ = [
    "ACTIVITIES_MAX",
    "CARD_TEXT_MAX",
    "COLUMN_TEMPLATES",
    "FACES",
    "JOIN_CODE_ALPHABET",
    "JOIN_CODE_LENGTH",
    "Activity",
    "ActivityOption",
    "Answer",
    "Board",
    "BoardEvent",
    "BoardQuerySet",
    "Card",
    "CardQuerySet",
    "Column",
    "ModerationAction",
    "Participant",
    "ProcessedCommand",
    "SupportRequest",
    "Theme",
    "Vote",
    "VotingRound",
    "new_join_code",
    "normalise_join_code",
]
