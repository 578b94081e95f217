"""Demo board: open on the kick-off workshop's first session, with a few cards and votes."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from codesign.models import StakeholderRole
from events.models import Session, Workshop

from . import actions, boards
from .access import BoardAccess
from .models import Board

WORKSHOP_TITLE = "Kick-off workshop"
PROMPT = "What matters to you in the first weeks at home?"
CARDS = [
    (
        "Anna",
        StakeholderRole.PATIENT,
        0,
        "I want to know who to call at night when my weight jumps.",
    ),
    (
        "",
        StakeholderRole.FAMILY,
        1,
        "The cuff is hard to put on alone; my husband needs help.",
    ),
    (
        "Carla",
        StakeholderRole.CLINICIAN,
        2,
        "Send the nurse a weekly summary, not every single value.",
    ),
    (
        "Daan",
        StakeholderRole.ENGINEER,
        3,
        "Does the scale need Wi-Fi, or can it work over mobile data?",
    ),
]


def demo_session(project, organiser) -> Session:
    """The kick-off workshop's first session, created here if the events demo has none."""
    session = (
        Session.objects.filter(
            workshop__project=project, workshop__title=WORKSHOP_TITLE
        )
        .order_by("starts_at")
        .first()
    )
    if session is not None:
        return session
    workshop, _created = Workshop.objects.get_or_create(
        project=project, title=WORKSHOP_TITLE, defaults={"created_by": organiser}
    )
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(
        days=7
    )
    return Session.objects.create(
        workshop=workshop,
        title="Part 1",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


@transaction.atomic
def seed_feedback(demo: dict) -> Board:
    """Create (once) the open demo board with cards and votes; returns it."""
    project, organiser = demo["project"], demo["organiser"]
    board = Board.objects.live().filter(project=project, prompt=PROMPT).first()
    if board is not None:
        return board
    board = boards.create_board(
        organiser,
        project,
        prompt=PROMPT,
        template="retro",
        votes_per_participant=5,
        session=demo_session(project, organiser),
        iteration=project.current_iteration(),
        state=Board.State.OPEN,
        vote_any_time=True,
    )
    columns = list(board.columns.values_list("pk", flat=True))
    people, cards = [], []
    for name, role, column, text in CARDS:
        participant, _key = boards.join_board(board, None, display_name=name, role=role)
        access = BoardAccess(board, None, participant, None)
        ack = actions.post_card(access, columns[column], text)
        people.append(access)
        cards.append(ack.result["card"])
    for access, card in zip(people, [cards[0], cards[0], cards[2], cards[0]]):
        actions.add_vote(access, card)
    return board
