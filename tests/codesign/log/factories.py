"""Boards, cards and themes for the iteration-log tests, made directly in the database."""

import secrets

from django.utils import timezone

from codesign.models import StakeholderRole
from feedback import actions
from feedback.models import Board, Card, Participant, Theme


def make_board(project, user, iteration=None, prompt="What matters to you at home?"):
    return actions.create_board(
        user,
        project,
        prompt=prompt,
        columns=["Ideas"],
        votes_per_participant=3,
        iteration=iteration or project.current_iteration(),
        state=Board.State.OPEN,
    )


def make_participant(board, role=StakeholderRole.PATIENT, name="Anna", user=None):
    return Participant.objects.create(
        board=board,
        user=user,
        guest_key=None if user else secrets.token_urlsafe(24),
        display_name=name,
        role=role,
        consented_at=timezone.now(),
    )


def make_card(board, text, role=StakeholderRole.PATIENT, participant=None, theme=None):
    participant = participant or make_participant(board, role)
    return Card.objects.create(
        board=board,
        column=board.columns.first(),
        participant=participant,
        text=text,
        theme=theme,
    )


def make_theme(board, name):
    return Theme.objects.create(board=board, name=name)
