"""Polls, scales and rankings: commands, sealed answers, replays and snapshots (issue 19)."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from codesign.models import StakeholderRole
from feedback import activities, personal_data, snapshot, visibility
from feedback.commands import parse_command
from feedback.models import Activity, Answer, Board, BoardEvent

from .conftest import Guest, staff_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(board, facilitator):
    return staff_access(board, facilitator)


def add(staff, kind="poll", options=("Tablet", "Watch", "Paper"), **settings):
    ack = activities.add_activity(staff, kind, "Which one?", options, **settings)
    return Activity.objects.get(pk=ack.result["activity"])


def open_poll(staff, **settings):
    poll = add(staff, **settings)
    activities.open_activity(staff, poll.pk)
    return poll, [option.pk for option in poll.options.all()]


def test_add_poll_sends_the_activity_to_everyone(board, staff):
    poll = add(staff)

    event = BoardEvent.objects.get(board=board, seq=board.last_seq)
    assert event.name == "activity.added"
    assert event.audience == {}
    assert event.data["question"] == "Which one?"
    assert [o["label"] for o in event.data["options"]] == ["Tablet", "Watch", "Paper"]
    assert poll.state == Activity.State.DRAFT


def test_a_participant_cannot_add_or_open_activities(board, staff):
    guest = Guest(board)
    poll = add(staff)

    with pytest.raises(PermissionDenied):
        activities.add_activity(guest.access, "poll", "Mine?", ["A", "B"])
    with pytest.raises(PermissionDenied):
        activities.open_activity(guest.access, poll.pk)

    assert Activity.objects.get(pk=poll.pk).state == Activity.State.DRAFT


def test_opening_one_activity_closes_the_other(board, staff):
    first, _ = open_poll(staff)
    second = add(staff)

    activities.open_activity(staff, second.pk)

    states = dict(board.activities.values_list("pk", "state"))
    assert states == {first.pk: "closed", second.pk: "open"}


def test_a_changed_answer_counts_once(board, staff):
    poll, options = open_poll(staff)
    guest = Guest(board)

    activities.answer_activity(guest.access, poll.pk, [options[0]])
    activities.answer_activity(guest.access, poll.pk, [options[2]])

    assert list(Answer.objects.values_list("choice", flat=True)) == [[options[2]]]


def test_a_retried_answer_is_acknowledged_once(board, staff):
    poll, options = open_poll(staff)
    guest = Guest(board)
    request_id = str(uuid.uuid4())

    first = activities.answer_activity(guest.access, poll.pk, [options[0]], request_id)
    again = activities.answer_activity(guest.access, poll.pk, [options[1]], request_id)

    assert (again.seq, again.replayed) == (first.seq, True)
    assert Answer.objects.get().choice == [options[0]]


@pytest.mark.parametrize(
    ("mode", "choice", "fits"),
    [
        ({}, [0], True),
        ({}, [0, 1], False),
        ({"multiple": True}, [0, 1], True),
        ({"multiple": True}, [0, 0], False),
        ({}, [], False),
    ],
)
def test_poll_answers_must_fit(board, staff, mode, choice, fits):
    poll, options = open_poll(staff, **mode)
    guest = Guest(board)
    picked = [options[n] for n in choice]

    if fits:
        activities.answer_activity(guest.access, poll.pk, picked)
    else:
        with pytest.raises(ValidationError) as error:
            activities.answer_activity(guest.access, poll.pk, picked)
        assert error.value.code == "invalid"

    assert Answer.objects.count() == (1 if fits else 0)


def test_scale_and_ranking_answers_must_fit(board, staff):
    scale = add(staff, "scale", (), scale="7", low_label="Hard", high_label="Easy")
    activities.open_activity(staff, scale.pk)
    guest = Guest(board)

    activities.answer_activity(guest.access, scale.pk, [7])
    with pytest.raises(ValidationError):
        activities.answer_activity(guest.access, scale.pk, [8])
    ranking = add(staff, "ranking", ("Sleep", "Food", "Walks"))
    activities.open_activity(staff, ranking.pk)
    items = [option.pk for option in ranking.options.all()]
    with pytest.raises(ValidationError):
        activities.answer_activity(guest.access, ranking.pk, items[:2])
    activities.answer_activity(guest.access, ranking.pk, items[::-1])

    assert Answer.objects.get(activity=scale).choice == [7]
    assert Answer.objects.get(activity=ranking).choice == items[::-1]


def test_answers_wait_for_an_open_activity_on_an_open_board(board, staff):
    poll = add(staff)
    guest = Guest(board)
    option = poll.options.first().pk

    with pytest.raises(ValidationError) as closed:
        activities.answer_activity(guest.access, poll.pk, [option])
    activities.open_activity(staff, poll.pk)
    Board.objects.filter(pk=board.pk).update(state=Board.State.PAUSED)
    with pytest.raises(ValidationError) as paused:
        activities.answer_activity(guest.access, poll.pk, [option])

    assert (closed.value.code, paused.value.code) == ("activity_closed", "board_closed")
    assert Answer.objects.count() == 0


def test_unknown_activity_is_not_found(board, staff):
    with pytest.raises(ValidationError) as error:
        activities.open_activity(staff, 999)

    assert error.value.code == "not_found"


def test_an_answer_is_sealed_for_everyone_but_staff_and_the_answerer(board, staff):
    poll, options = open_poll(staff)
    anna, ben = Guest(board, "Anna"), Guest(board, "Ben")

    activities.answer_activity(anna.access, poll.pk, [options[1]])
    event = BoardEvent.objects.get(board=board, seq=board.last_seq)

    def seen_by(viewer):
        return visibility.replay(board, viewer, [event])[0]

    assert seen_by(visibility.Viewer(staff=True))["data"] == {
        "id": poll.pk,
        "answers": 1,
    }
    mine = seen_by(visibility.Viewer(participant_id=anna.participant.pk))
    assert mine["data"] == {"id": poll.pk, "mine": [options[1]]}
    other = seen_by(visibility.Viewer(participant_id=ben.participant.pk))
    assert (other["name"], other["data"]) == ("private", {})
    assert seen_by(visibility.PROJECTOR)["name"] == "private"


def test_snapshot_shows_results_only_after_the_reveal(board, staff):
    poll, options = open_poll(staff)
    guests = [Guest(board, f"G{n}") for n in range(5)]
    for guest in guests:
        activities.answer_activity(guest.access, poll.pk, [options[0]])
    viewer = visibility.Viewer(participant_id=guests[0].participant.pk)

    before = snapshot.board_state(board, viewer)["activities"][0]
    activities.reveal_activity(staff, poll.pk)
    after = snapshot.board_state(board, viewer)["activities"][0]

    assert (before["results"], before["mine"], "answers" in before) == (
        None,
        [options[0]],
        False,
    )
    assert [row["count"] for row in after["results"]["overall"]["rows"]] == [5, 0, 0]
    assert after["state"] == "closed"


def test_the_reveal_sends_suppressed_results_to_others(board, staff):
    poll, options = open_poll(staff)
    for n in range(6):
        role = StakeholderRole.PATIENT if n < 5 else StakeholderRole.CLINICIAN
        activities.answer_activity(
            Guest(board, f"G{n}", role).access, poll.pk, [options[0]]
        )

    activities.reveal_activity(staff, poll.pk)
    event = BoardEvent.objects.get(board=board, seq=board.last_seq)
    staff_view, other = (
        visibility.replay(board, viewer, [event])[0]["data"]["results"]
        for viewer in (visibility.Viewer(staff=True), visibility.PROJECTOR)
    )

    assert [r["role"] for r in staff_view["roles"]] == ["patient", "clinician"]
    assert (other["roles"], other["roles_hidden"], other["answers"]) == ([], True, 6)
    assert other["overall"]["rows"][0]["count"] == 6


def test_the_answer_form_moves_a_ranking_item_up(board):
    action, fields = parse_command(
        "activity.answer", {"activity": 3, "choice": [7, 8, 9], "up": 9}
    )

    assert action is activities.answer_activity
    assert (fields["activity"], fields["choice"]) == (3, [7, 9, 8])
    assert "up" not in fields


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"kind": "poll", "question": "Q", "options": ["A"]}, "invalid"),
        ({"kind": "ranking", "question": "Q", "options": list("ABCDEFGHI")}, "invalid"),
        ({"kind": "scale", "question": "Q"}, "invalid"),
        ({"kind": "poll", "question": "Q", "options": ["A", "B" * 121]}, "too_long"),
    ],
)
def test_the_add_form_keeps_the_limits(data, code):
    with pytest.raises(ValidationError) as error:
        parse_command("activity.add", data)

    assert error.value.code == code


def test_the_add_form_takes_options_one_per_line():
    _action, fields = parse_command(
        "activity.add", {"kind": "poll", "question": "Q", "options": "A\r\n\r\nB\n"}
    )

    assert fields["options"] == ["A", "B"]


def test_a_participants_answers_are_in_their_data_and_go_with_them(board, staff):
    poll, options = open_poll(staff)
    guest = Guest(board)
    activities.answer_activity(guest.access, poll.pk, [options[1]])

    answers = personal_data.participation_data(guest.participant)["answers"]
    personal_data.erase_participant(guest.access)

    assert [(a["question"], a["choice"]) for a in answers] == [
        ("Which one?", [options[1]])
    ]
    assert Answer.objects.count() == 0
