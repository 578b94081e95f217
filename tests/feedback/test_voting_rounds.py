"""Voting rounds: the allowance holds under parallel votes, closing stops votes."""

import asyncio
import threading
import uuid

import pytest
from channels.db import database_sync_to_async
from django.core.exceptions import ValidationError
from django.db import connection

from feedback import actions, facilitation
from feedback.models import Vote, VotingRound
from feedback.results import board_results

from .conftest import Guest, connect, receive, send, staff_access


@pytest.mark.django_db
def test_round_gives_n_votes_and_closing_stops_votes(board, facilitator, guest, column):
    card = actions.post_card(guest.access, column.pk, "Idea").result["card"]
    access = staff_access(board, facilitator)
    facilitation.start_round(access, 2, True)

    first = actions.add_vote(guest.access, card)
    second = actions.add_vote(guest.access, card)
    with pytest.raises(ValidationError) as used_up:
        actions.add_vote(guest.access, card)
    facilitation.close_round(access)
    with pytest.raises(ValidationError) as closed:
        actions.remove_vote(guest.access, card)

    assert (first.result["votes_left"], second.result["votes_left"]) == (1, 0)
    assert used_up.value.code == "invalid"
    assert closed.value.code == "voting_closed"
    assert VotingRound.objects.get().closed_at is not None


@pytest.mark.django_db
def test_a_new_round_gives_votes_again_and_one_per_card_when_asked(
    board, facilitator, guest, column
):
    card = actions.post_card(guest.access, column.pk, "Idea").result["card"]
    access = staff_access(board, facilitator)
    facilitation.start_round(access, 1, True)
    actions.add_vote(guest.access, card)

    facilitation.start_round(access, 2, False)
    second_round = actions.add_vote(guest.access, card)
    with pytest.raises(ValidationError) as twice:
        actions.add_vote(guest.access, card)

    assert "only one vote" in twice.value.messages[0]
    assert list(Vote.objects.values_list("voting_round", flat=True)) == [1, 2]
    assert second_round.result["votes_left"] == 1


@pytest.mark.django_db
def test_lock_and_unlock_voting(board, facilitator, guest, column):
    card = actions.post_card(guest.access, column.pk, "Idea").result["card"]
    access = staff_access(board, facilitator)

    facilitation.lock_votes(access)
    with pytest.raises(ValidationError) as locked:
        actions.add_vote(guest.access, card)
    facilitation.unlock_votes(access)

    assert locked.value.code == "voting_closed"
    assert actions.add_vote(guest.access, card).result["votes_left"] == 2


@pytest.mark.django_db
def test_results_per_role_are_exact(board, facilitator, column):
    author = Guest(board, "Author")
    a = actions.post_card(author.access, column.pk, "A").result["card"]
    b = actions.post_card(author.access, column.pk, "B").result["card"]
    for n, (role, card, votes) in enumerate(
        [("patient", a, 3), ("clinician", a, 1), ("clinician", b, 2), ("family", b, 2)]
    ):
        voter = Guest(board, f"V{n}", role)
        for _ in range(votes):
            actions.add_vote(voter.access, card)

    results = board_results(board, exact=True)

    rows = {
        row["card"].text: (row["total"], {r["role"]: r["count"] for r in row["roles"]})
        for row in results["cards"]
    }
    assert rows == {
        "A": (4, {"patient": 3, "clinician": 1}),
        "B": (4, {"clinician": 2, "family": 2}),
    }


@pytest.mark.django_db(transaction=True)
def test_allowance_holds_under_parallel_votes_from_threads(board, facilitator, column):
    author = Guest(board, "Author")
    cards = [
        actions.post_card(author.access, column.pk, f"Card {n}").result["card"]
        for n in range(3)
    ]
    facilitation.start_round(staff_access(board, facilitator), 3, True)
    voters = [Guest(board, f"V{n}") for n in range(4)]
    outcomes = []

    def vote(voter, card):
        try:
            actions.add_vote(voter.access, card, str(uuid.uuid4()))
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=vote, args=(voter, cards[n % 3]))
        for voter in voters
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["invalid"] * 20 + ["ok"] * 12
    for voter in voters:
        assert Vote.objects.filter(participant=voter.participant).count() == 3


@pytest.mark.django_db(transaction=True)
async def test_allowance_holds_with_parallel_sockets_of_one_person(
    board, facilitator, column
):
    author = await database_sync_to_async(Guest)(board, "Author")
    card = (
        await database_sync_to_async(actions.post_card)(author.access, column.pk, "X")
    ).result["card"]
    await database_sync_to_async(
        lambda: facilitation.start_round(staff_access(board, facilitator), 2, True)
    )()
    voter = await database_sync_to_async(Guest)(board, "Voter")
    sockets = [await connect(board.join_code, voter.cookie) for _ in range(4)]
    for communicator in sockets:
        await send(communicator, {"type": "resume", "after": 0})

    async def vote_thrice(communicator):
        for _ in range(3):
            await send(
                communicator,
                {"type": "vote.add", "request_id": str(uuid.uuid4()), "card": card},
            )
        replies = []
        while len(replies) < 3:
            frame = await receive(communicator, timeout=10)
            if frame["type"] in ("ack", "error"):
                replies.append(frame.get("code", "ack"))
        return replies

    results = await asyncio.gather(*(vote_thrice(s) for s in sockets))
    replies = [reply for result in results for reply in result]

    assert sorted(replies) == ["ack", "ack"] + ["invalid"] * 10
    count = await database_sync_to_async(
        Vote.objects.filter(participant=voter.participant).count
    )()
    assert count == 2
    for communicator in sockets:
        await communicator.disconnect()
