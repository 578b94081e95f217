"""Voting that means what it says: rounds count their own votes, new boards wait for
a round, the timer stands still while the board is paused (issue 15)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from feedback import actions, facilitation, life_cycle
from feedback.models import Board, Card
from feedback.results import board_results
from tests.conftest import logged_in

from .conftest import Guest, make_board, staff_access

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class Clock:
    """The time ``timezone.now`` tells, moved by hand."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(START)
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def round_board(project, organiser, iteration):
    return make_board(project, organiser, vote_any_time=False)


@pytest.mark.django_db
def test_a_new_board_refuses_votes_until_a_round_opens(round_board, organiser):
    guest = Guest(round_board)
    column = round_board.columns.first()
    card = actions.post_card(guest.access, column.pk, "Idea").result["card"]

    with pytest.raises(ValidationError) as before:
        actions.add_vote(guest.access, card)
    facilitation.start_round(staff_access(round_board, organiser), 2, True)
    during = actions.add_vote(guest.access, card)

    assert before.value.code == "voting_closed"
    assert during.result["votes_left"] == 1


@pytest.mark.django_db
def test_a_board_that_votes_any_time_takes_votes_at_once(board, guest, column):
    card = actions.post_card(guest.access, column.pk, "Idea").result["card"]

    ack = actions.add_vote(guest.access, card)

    assert (board.vote_any_time, ack.result["votes_left"]) == (True, 2)


@pytest.mark.django_db
def test_a_rounds_counts_exclude_votes_from_before_it(board, facilitator, column):
    author, voter = Guest(board, "Author"), Guest(board, "Voter")
    card = actions.post_card(author.access, column.pk, "Idea").result["card"]
    access = staff_access(board, facilitator)
    facilitation.start_round(access, 3, True)
    actions.add_vote(voter.access, card)

    facilitation.start_round(access, 3, True)
    actions.add_vote(voter.access, card)
    actions.add_vote(voter.access, card)

    def total(voting_round):
        rows = board_results(board, exact=True, voting_round=voting_round)["cards"]
        return rows[0]["total"]

    assert Card.objects.get(pk=card).votes == 2
    assert (total(1), total(2)) == (1, 2)


@pytest.mark.django_db
def test_starting_a_round_sets_every_count_to_zero(board, facilitator, guest, column):
    card = actions.post_card(guest.access, column.pk, "Idea").result["card"]
    actions.add_vote(guest.access, card)

    facilitation.start_round(staff_access(board, facilitator), 3, True)

    assert Card.objects.get(pk=card).votes == 0


@pytest.mark.django_db
def test_the_timer_does_not_move_while_paused(board, facilitator, clock):
    access = staff_access(board, facilitator)
    facilitation.start_timer(access, 5)
    clock.advance(60)

    life_cycle.set_board_state(access, Board.State.PAUSED)
    clock.advance(600)
    paused = Board.objects.get(pk=board.pk)
    life_cycle.set_board_state(access, Board.State.OPEN)
    resumed = Board.objects.get(pk=board.pk)

    assert (paused.timer_ends_at, paused.timer_paused_seconds) == (None, 240)
    assert resumed.timer_ends_at == START + timedelta(seconds=660 + 240)
    assert resumed.timer_paused_seconds is None


@pytest.mark.django_db
def test_closing_stops_the_timer(board, facilitator, clock):
    access = staff_access(board, facilitator)
    facilitation.start_timer(access, 5)

    life_cycle.set_board_state(access, Board.State.CLOSED)

    closed = Board.objects.get(pk=board.pk)
    assert (closed.timer_ends_at, closed.timer_paused_seconds) == (None, None)


@pytest.mark.django_db
def test_add_a_minute_to_a_running_a_paused_and_no_timer(board, facilitator, clock):
    access = staff_access(board, facilitator)

    facilitation.extend_timer(access)
    started = Board.objects.get(pk=board.pk).timer_ends_at
    life_cycle.set_board_state(access, Board.State.PAUSED)
    facilitation.extend_timer(access)
    paused = Board.objects.get(pk=board.pk).timer_paused_seconds

    assert started == START + timedelta(seconds=60)
    assert paused == 120


@pytest.mark.django_db
def test_extend_is_for_facilitators_only(board, guest):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        facilitation.extend_timer(guest.access)

    assert Board.objects.get(pk=board.pk).timer_ends_at is None


@pytest.mark.django_db
def test_a_paused_board_says_only_that_you_cannot_post_or_vote(
    board, facilitator, guest, clock
):
    access = staff_access(board, facilitator)
    facilitation.start_timer(access, 2)
    life_cycle.set_board_state(access, Board.State.PAUSED)

    page = guest.client().get(board.get_absolute_url()).content.decode()

    assert "You can read, but not post or vote." in page
    assert 'id="board-voting" data-open="1" hidden' in page
    assert "Time left: 2:00 (stopped while the board is paused)" in page


@pytest.mark.django_db
def test_at_zero_votes_left_the_vote_buttons_are_off_and_say_why(board, column):
    author, voter = Guest(board, "Author"), Guest(board, "Voter")
    card = actions.post_card(author.access, column.pk, "Idea").result["card"]
    for _ in range(3):
        actions.add_vote(voter.access, card)

    page = voter.client().get(board.get_absolute_url()).content.decode()

    assert 'id="votes-left">0<' in page
    assert (
        f'aria-describedby="text-for-{card}" disabled>Vote</button>'
        '<span class="vote-why">No votes left</span>'
    ) in page


@pytest.mark.django_db
def test_results_show_the_last_round_unless_another_is_chosen(
    board, facilitator, organiser, column
):
    author, voter = Guest(board, "Author"), Guest(board, "Voter")
    card = actions.post_card(author.access, column.pk, "Idea").result["card"]
    access = staff_access(board, facilitator)
    facilitation.start_round(access, 3, True)
    actions.add_vote(voter.access, card)
    facilitation.start_round(access, 3, True)
    actions.add_vote(voter.access, card)
    actions.add_vote(voter.access, card)
    client = logged_in(organiser)
    url = reverse("feedback:board_results", args=[board.join_code])

    last = client.get(url)
    first = client.get(url, {"round": "1"})
    unknown = client.get(url, {"round": "9"})

    assert [row["total"] for row in last.context["results"]["cards"]] == [2]
    assert [row["total"] for row in first.context["results"]["cards"]] == [1]
    assert unknown.context["voting_round"] == 2
    assert '<option value="1" selected>Round 1</option>' in first.content.decode()
