"""A board's life cycle: edit, copy, archive and delete a draft (issue 15 item 3)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from codesign.models import StakeholderRole
from feedback import actions, facilitation, life_cycle
from feedback.access import BoardAccess
from feedback.commands import parse_command
from feedback.models import Board, BoardEvent, Card, Column, Participant, Theme
from tests.events.conftest import make_session, make_workshop

from .conftest import Guest, staff_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(project):
    return make_session(make_workshop(project))


def titles(board) -> list[tuple[str, str]]:
    return list(board.columns.values_list("key", "title"))


def edit(board, user, **fields):
    """``board.edit`` as the socket and the pages run it: its form, then its action."""
    action, cleaned = parse_command("board.edit", fields)
    return action(staff_access(board, user), **cleaned)


# Edit -------------------------------------------------------------------------------


def test_edit_a_draft_changes_every_field(draft, organiser, session):
    ack = edit(
        draft,
        organiser,
        prompt="What helps at night?",
        columns=["What works", "Worries", "New one"],
        votes_per_participant=7,
        session=session.pk,
    )

    draft.refresh_from_db()
    event = BoardEvent.objects.get(board=draft, seq=ack.seq)
    assert (draft.prompt, draft.votes_per_participant) == ("What helps at night?", 7)
    assert draft.session == session
    assert titles(draft) == [
        ("works", "What works"),
        ("", "Worries"),
        ("", "New one"),
    ]
    assert event.name == "board.edited"
    assert event.data["prompt"] == "What helps at night?"
    assert event.data["votes_per_participant"] == 7
    assert [c["title"] for c in event.data["columns"]] == [
        "What works",
        "Worries",
        "New one",
    ]


def test_edit_a_draft_removes_empty_columns_at_the_end(draft, organiser):
    edit(draft, organiser, columns=["What works"])

    assert titles(draft) == [("works", "What works")]


def test_edit_refuses_to_remove_a_column_with_cards(draft, organiser):
    last = draft.columns.last()
    facilitation.scribe_card(staff_access(draft, organiser), last.pk, "Paper", "family")

    with pytest.raises(ValidationError) as refused:
        edit(draft, organiser, columns=["What works"])

    assert refused.value.code == "invalid"
    assert draft.columns.count() == 4


def test_edit_an_open_board_changes_question_and_column_titles(board, organiser):
    before = board.last_seq

    ack = edit(
        board,
        organiser,
        prompt="New question",
        columns=["Good", "What could be better", "Ideas", "Questions"],
    )

    board.refresh_from_db()
    assert ack.seq == before + 1 == board.last_seq
    assert board.prompt == "New question"
    assert titles(board) == [
        ("", "Good"),
        ("better", "What could be better"),
        ("ideas", "Ideas"),
        ("questions", "Questions"),
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"votes_per_participant": 9},
        {"columns": ["One", "Two"]},
    ],
)
def test_edit_an_open_board_refuses_changes_to_its_set_up(board, organiser, fields):
    with pytest.raises(ValidationError) as refused:
        edit(board, organiser, prompt="Changed", **fields)

    board.refresh_from_db()
    assert refused.value.code == "invalid"
    assert (board.prompt, board.votes_per_participant) == (
        "What matters to you at home?",
        3,
    )
    assert board.columns.count() == 4


def test_edit_refuses_an_empty_question(draft, organiser):
    with pytest.raises(ValidationError) as refused:
        edit(draft, organiser, prompt="")

    assert refused.value.messages == ["Write the question."]


def test_edit_refuses_a_session_of_another_project(draft, organiser, outsider):
    from codesign.models import Project

    elsewhere = Project.objects.create(title="Elsewhere", created_by=outsider)
    other_session = make_session(make_workshop(elsewhere))

    with pytest.raises(ValidationError) as refused:
        edit(draft, organiser, session=other_session.pk)

    assert refused.value.code == "not_found"


@pytest.mark.parametrize("person", ["team_member", "outsider"])
def test_edit_is_refused_to_team_members_and_outsiders(request, draft, person):
    user = request.getfixturevalue(person)
    access = BoardAccess(draft, user, None, "team" if person == "team_member" else None)

    with pytest.raises(PermissionDenied):
        life_cycle.edit_board(access, prompt="Mine now")

    draft.refresh_from_db()
    assert draft.prompt == "What matters to you at home?"
    assert draft.last_seq == 0


# Copy -------------------------------------------------------------------------------


def arrange_cards(board, organiser):
    """A plain card, a hidden one, a sealed one and a themed one, by two people."""
    anna = Guest(board, "Anna", StakeholderRole.PATIENT)
    carl = Guest(board, "Carl", StakeholderRole.CLINICIAN)
    first, second = board.columns.all()[:2]
    staff = staff_access(board, organiser)
    plain = actions.post_card(anna.access, first.pk, "Calls at night")
    hidden = actions.post_card(carl.access, first.pk, "Rude words")
    facilitation.hide_card(staff, hidden.result["card"], "Abuse")
    themed = actions.post_card(carl.access, second.pk, "Too many cables")
    theme = facilitation.create_theme(staff, "Devices").result["theme"]
    facilitation.assign_theme(staff, themed.result["card"], theme)
    actions.add_vote(anna.access, plain.result["card"])
    facilitation.set_mode(staff, True, False)
    actions.post_card(anna.access, first.pk, "Still sealed")


def test_copy_with_cards_takes_what_everyone_can_read(board, organiser):
    arrange_cards(board, organiser)

    copy = life_cycle.copy_board(staff_access(board, organiser), with_cards=True)

    cards = Card.objects.filter(board=copy).select_related("column", "theme")
    assert copy.join_code != board.join_code
    assert (copy.state, copy.prompt, copy.template) == ("draft", board.prompt, "retro")
    assert titles(copy) == titles(board)
    assert sorted(
        (c.text, c.column.key, c.theme and c.theme.name, c.participant.role, c.votes)
        for c in cards
    ) == [
        ("Calls at night", "works", None, "patient", 0),
        ("Too many cables", "better", "Devices", "clinician", 0),
    ]
    assert list(Theme.objects.filter(board=copy).values_list("name")) == [("Devices",)]
    people = Participant.objects.filter(board=copy)
    assert sorted(people.values_list("role", "display_name", "user")) == [
        ("clinician", "", None),
        ("patient", "", None),
    ]
    assert not any(c.sealed or c.hidden for c in cards)


def test_copy_without_cards_takes_the_set_up_only(board, organiser):
    arrange_cards(board, organiser)

    copy = life_cycle.copy_board(staff_access(board, organiser))

    assert (Card.objects.filter(board=copy).count(), copy.themes.count()) == (0, 0)
    assert copy.participants.count() == 0
    assert (copy.votes_per_participant, copy.vote_any_time) == (3, True)
    assert titles(copy) == titles(board)


def test_copy_keeps_edited_columns(draft, organiser):
    edit(draft, organiser, columns=["What works", "Worries"])

    copy = life_cycle.copy_board(staff_access(draft, organiser))

    assert titles(copy) == [("works", "What works"), ("", "Worries")]


def test_copy_is_refused_to_team_members(board, team_member):
    access = BoardAccess(board, team_member, None, "team")

    with pytest.raises(PermissionDenied):
        life_cycle.copy_board(access, with_cards=True)

    assert Board.objects.count() == 1


# Archive and delete ------------------------------------------------------------------


def test_archive_closes_the_board_and_refuses_every_command(board, organiser):
    guest = Guest(board)
    column = board.columns.first()
    staff = staff_access(board, organiser)

    ack = life_cycle.archive_board(staff)
    refusals = []
    for command in (
        lambda: actions.post_card(guest.access, column.pk, "Late"),
        lambda: life_cycle.set_board_state(staff, "open"),
        lambda: facilitation.create_theme(staff, "Late"),
        lambda: life_cycle.edit_board(staff, prompt="Late"),
    ):
        with pytest.raises(ValidationError) as refused:
            command()
        refusals.append(refused.value.code)

    board.refresh_from_db()
    event = BoardEvent.objects.get(board=board, seq=ack.seq)
    assert refusals == ["board_closed"] * 4
    assert (board.state, board.archived_at is not None) == ("closed", True)
    assert board.last_seq == ack.seq
    assert event.name == "board.archived"
    assert event.data["state"] == "closed"
    assert list(Board.objects.in_use()) == []
    assert list(Board.objects.archived()) == [board]


def test_delete_a_draft_removes_it_and_what_is_on_it(draft, organiser):
    column = draft.columns.first()
    facilitation.scribe_card(
        staff_access(draft, organiser), column.pk, "Paper", "family"
    )

    life_cycle.delete_board(staff_access(draft, organiser))

    assert Board.objects.count() == 0
    assert (Card.objects.count(), Column.objects.count()) == (0, 0)
    assert Participant.objects.count() == 0


def test_delete_refuses_a_board_that_is_not_a_draft(board, organiser):
    with pytest.raises(ValidationError) as refused:
        life_cycle.delete_board(staff_access(board, organiser))

    assert refused.value.code == "invalid"
    assert Board.objects.filter(pk=board.pk).exists()


def test_delete_is_refused_to_team_members(draft, team_member):
    with pytest.raises(PermissionDenied):
        life_cycle.delete_board(BoardAccess(draft, team_member, None, "team"))

    assert Board.objects.filter(pk=draft.pk).exists()
