"""The demo data: an open board with cards and votes whose code ``make run`` prints."""

from io import StringIO

from django.core.management import call_command

from feedback.models import Board


def test_seed_demo_opens_a_board_and_prints_its_code_once(db):
    first, second = StringIO(), StringIO()

    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)

    board = Board.objects.get()
    assert board.state == Board.State.OPEN
    assert board.session.workshop.title == "Kick-off workshop"
    assert board.cards.count() == 4
    assert sum(board.cards.values_list("votes", flat=True)) == 4
    assert list(board.events.values_list("seq", flat=True)) == list(range(1, 9))
    line = f"Demo board: join code {board.join_code} at http://127.0.0.1:8000/b/{board.join_code}/"
    assert line in first.getvalue()
    assert line in second.getvalue()
