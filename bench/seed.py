"""What the benchmark puts in its database: a board with guests, a board of 1,000
cards, and an iteration log of 10,000 entries. ``remove`` deletes it all again."""

import itertools
import secrets
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client as HttpClient
from django.utils import timezone

from codesign.log.models import LogEntry
from codesign.models import Iteration, Membership, Project, Stage, StakeholderRole
from feedback import boards
from feedback.access import guest_cookie_name, sign_guest_key
from feedback.activities import new_activity
from feedback.models import Activity, Answer, Board, Card, Participant

ROLES = [role for role, _label in StakeholderRole.choices]


@dataclass
class Seeded:
    """The benchmark's project, its organiser and the board the clients use."""

    organiser: object
    project: Project
    iteration: Iteration
    board: Board
    cookies: list[str]

    @property
    def column_id(self) -> int:
        return self.board.columns.order_by("position").first().pk

    def last_seq(self) -> int:
        return Board.objects.get(pk=self.board.pk).last_seq


def guests(board: Board, count: int) -> list[str]:
    """``count`` guest participants of the board; the cookie header of each."""
    now = timezone.now()
    keys = [secrets.token_urlsafe(24) for _ in range(count)]
    Participant.objects.bulk_create(
        Participant(
            board=board,
            guest_key=key,
            display_name=f"Guest {n}",
            role=role,
            consented_at=now,
        )
        for n, (key, role) in enumerate(zip(keys, itertools.cycle(ROLES)))
    )
    name = guest_cookie_name(board)
    return [f"{name}={sign_guest_key(board, key)}" for key in keys]


def new_board(organiser, project: Project, iteration: Iteration, prompt: str) -> Board:
    return boards.create_board(
        organiser,
        project,
        prompt=prompt,
        template="retro",
        votes_per_participant=30000,
        iteration=iteration,
        state=Board.State.OPEN,
        vote_any_time=True,
    )


def seed(clients: int) -> Seeded:
    """A project with an open board and ``clients`` guests on it."""
    tag = uuid.uuid4().hex[:8]
    organiser = get_user_model().objects.create_user(
        username=f"bench-{tag}",
        email=f"bench-{tag}@example.org",
        display_name="Benchmark organiser",
    )
    project = Project.objects.create(
        title=f"Benchmark {tag}", summary="bench_board", created_by=organiser
    )
    Membership.objects.create(
        project=project, user=organiser, role=Membership.Role.ORGANISER
    )
    iteration = Iteration.objects.create(
        project=project, number=1, stage=Stage.BENCH, guiding_question="Benchmark"
    )
    board = new_board(organiser, project, iteration, "Voting storm")
    cookies = guests(board, clients)
    # The fan-out burst's events show this card (bench.site.commit_events).
    Card.objects.create(
        board=board,
        column=board.columns.order_by("position").first(),
        participant=Participant.objects.filter(board=board).first(),
        text="The night nurse should be reachable by phone.",
    )
    return Seeded(organiser, project, iteration, board, cookies)


def board_with_cards(seeded: Seeded, count: int) -> tuple[Board, str]:
    """A second board holding ``count`` cards; its join code and a guest's cookie."""
    board = new_board(seeded.organiser, seeded.project, seeded.iteration, "Big board")
    cookies = guests(board, 50)
    people = list(Participant.objects.filter(board=board))
    columns = list(board.columns.all())
    Card.objects.bulk_create(
        Card(
            board=board,
            column=columns[n % len(columns)],
            participant=people[n % len(people)],
            text=f"Card {n}: the night nurse should be reachable by phone.",
            votes=n % 7,
        )
        for n in range(count)
    )
    return board, cookies[0]


def log_of(seeded: Seeded, count: int) -> None:
    """``count`` log entries in the benchmark's iteration."""
    kinds = itertools.cycle(["insight", "decision", "change", "note"])
    LogEntry.objects.bulk_create(
        (
            LogEntry(
                iteration=seeded.iteration,
                kind=kind,
                title=f"Entry {n}",
                body="Patients asked for a night-time number; *we* added one.",
                author=seeded.organiser,
                author_name="Benchmark organiser",
            )
            for n, kind in zip(range(count), kinds)
        ),
        batch_size=1000,
    )


def session_cookie(user) -> str:
    client = HttpClient()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def open_poll(seeded: Seeded) -> tuple[int, list[int]]:
    """An open poll on the board for the poll storm: its id and its options' ids."""
    poll = new_activity(seeded.board, "poll", "Which one?", ["A", "B", "C"])
    Activity.objects.filter(pk=poll.pk).update(state=Activity.State.OPEN)
    return poll.pk, list(poll.options.values_list("pk", flat=True))


def answers(activity: int) -> int:
    """How many answers the poll holds: one per phone when none was lost."""
    return Answer.objects.filter(activity_id=activity).count()


def remove(seeded: Seeded) -> None:
    """Delete the benchmark's project, boards and organiser (PostgreSQL runs)."""
    seeded.project.delete()
    seeded.organiser.delete()
