"""Boards, cards and themes for the iteration-log tests, made directly in the database."""

import secrets

from django.test import Client
from django.utils import timezone

from codesign.models import StakeholderRole
from feedback.access import guest_cookie_name, sign_guest_key
from feedback.models import Card, Participant, Theme
from tests.conftest import make_board

__all__ = ["guest_client", "make_board", "make_card", "make_participant", "make_theme"]


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


def guest_client(board, participant) -> Client:
    """A test client that carries the guest cookie of ``participant``."""
    client = Client()
    client.cookies[guest_cookie_name(board)] = sign_guest_key(
        board, participant.guest_key
    )
    return client
