"""Live feedback boards: boards, participants, cards, votes, themes and the event log.

See DESIGN.md §3 and §5. One module per part a reader looks for; every name is
importable from ``feedback.models`` as before.
"""

from .activities import ACTIVITIES_MAX, FACES, Activity, ActivityOption, Answer
from .boards import (
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
from .column_sets import (
    BOARD_TEMPLATES,
    COLUMN_LABELS,
    EMOTION_ICONS,
    Emotion,
    Template,
    emotion_words,
)
from .event_log import BoardEvent, ProcessedCommand
from .facilitation import ModerationAction, SupportRequest, VotingRound

__all__ = [
    "ACTIVITIES_MAX",
    "BOARD_TEMPLATES",
    "CARD_TEXT_MAX",
    "COLUMN_LABELS",
    "EMOTION_ICONS",
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
    "Emotion",
    "ModerationAction",
    "Participant",
    "ProcessedCommand",
    "SupportRequest",
    "Template",
    "Theme",
    "Vote",
    "VotingRound",
    "emotion_words",
    "new_join_code",
    "normalise_join_code",
]
