"""A board and a guest for the iteration-log tests."""

import pytest

from codesign.models import StakeholderRole
from tests.codesign.log.factories import make_board, make_participant


@pytest.fixture
def board(project, organiser, iteration):
    return make_board(project, organiser, iteration)


@pytest.fixture
def guest(board):
    return make_participant(board, StakeholderRole.PATIENT, name="Anna Guest")
