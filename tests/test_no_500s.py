"""No URL answers 5xx: every pattern, filled with odd values, as every role (issue 13).

The crawl walks the resolver, so a new page is covered the day it is added. Each
path parameter gets a real value first, then each odd value in turn; every role
GETs every address, and POSTs odd form values to every address.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from codesign.ids import IdConverter, parse_id
from codesign.log.models import CardOutcome, LogEntry, PublicSummary
from codesign.models import Membership
from events.models import CalendarFeed, Invitation
from feedback.commands import COMMANDS
from tests.codesign.log.factories import make_board, make_card, make_participant
from tests.events.conftest import make_registration, make_session, make_workshop
from tests.feedback.conftest import Guest

ODD_VALUES = ["²", "9" * 25, "-1", "", "x" * 5000, "a\x00b", "%00"]
YEAR_ONE = {"starts_at": "0001-01-01T00:05", "ends_at": "0001-01-01T00:10"}
ODD_FORMS = [
    {"*": "²"},
    {"*": "9" * 25},
    {"*": "a\x00b"},
    {"*": "Line one\rInjected: header", "capacity": "10"},
    {"*": "Valid text", "capacity": "10", "registration_opens_at": ""} | YEAR_ONE,
]
# Names of the fields our forms and commands read; every one gets the odd value.
FIELDS = (
    "card", "column", "theme", "into", "support", "type", "board", "number", "role",
    "title", "text", "name", "email", "display_name", "starts_at", "ends_at", "room",
    "place", "capacity", "membership", "code", "prompt", "votes_per_participant",
    "minutes", "state", "kind", "reason", "fmt",
)  # fmt: skip
# Posted last, so that the other forms still find the workshop, member or card.
DESTRUCTIVE = ("cancel", "remove", "delete", "close", "logout", "decline")
# Django's own admin is not ours to crawl; its pages are tested upstream.
SKIPPED = ("admin/",)


def routes(patterns=None, prefix=""):
    """Every route string under the resolver, with its converters' parameter names."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif "(?P" not in route and not route.startswith(SKIPPED):
            yield route


def fill(route: str, values: dict) -> str:
    """The route with each ``<conv:name>`` replaced by ``values[name]``, quoted."""
    for name, value in values.items():
        for converter in ("id", "str", "path", "slug"):
            route = route.replace(f"<{converter}:{name}>", quote(str(value), safe=""))
    return "/" + route.replace("^", "").replace("$", "")


def parameters(route: str) -> list[str]:
    return [part.split(">")[0].split(":")[1] for part in route.split("<")[1:]]


@pytest.fixture
def world(project, iteration, participant, outsider):
    """One of everything a URL can name, and a client per role."""
    workshop = make_workshop(project)
    session = make_session(workshop, room="Room 1")
    registration = make_registration(workshop, email=participant.email)
    invitation = Invitation.objects.create(workshop=workshop, email="ines@example.org")
    board = make_board(project, project.created_by, iteration)
    guest = Guest(board)
    card = make_card(board, "The cuff is too tight")
    make_participant(board, name="Pat", user=participant)
    entry = LogEntry.objects.create(
        iteration=iteration, kind="decision", title="Smaller cuff", author_name="Olivia"
    )
    outcome = CardOutcome.objects.create(
        project=project,
        iteration=iteration,
        card=card,
        text=card.text,
        reason="Out of scope",
        recorded_by_name="Olivia",
    )
    summary = PublicSummary.objects.create(project=project, enabled=True)
    feed = CalendarFeed.objects.create(user=project.created_by)
    values = {
        "project_id": project.pk,
        "workshop_id": workshop.pk,
        "session_id": session.pk,
        "membership_id": Membership.objects.filter(project=project).first().pk,
        "number": iteration.number,
        "entry_id": entry.pk,
        "outcome_id": outcome.pk,
        "card_id": card.pk,
        "code": board.join_code,
        "fmt": "csv",
    }
    tokens = {
        "events/feeds/": feed.token,
        "events/w/": workshop.public_token,
        "events/invitations/": invitation.token,
        "events/confirm/": registration.confirm_token,
        "events/r/": registration.manage_token,
        "you-said/": summary.token,
    }
    return values, tokens, clients(project, guest, participant, outsider)


def clients(project, guest, participant, outsider) -> dict:
    people = {
        role: Membership.objects.get(project=project, role=role).user
        for role in Membership.Role.values
        if Membership.objects.filter(project=project, role=role).exists()
    }
    people |= {"participant": participant, "outsider": outsider}
    result = {"anonymous": Client(raise_request_exception=False)}
    result["guest"] = guest.client()
    result["guest"].raise_request_exception = False
    for role, user in people.items():
        result[role] = Client(raise_request_exception=False)
        result[role].force_login(user)
    return result


def real_values(route: str, values: dict, tokens: dict) -> dict:
    token = next((t for prefix, t in tokens.items() if route.startswith(prefix)), "x")
    return {name: values.get(name, token) for name in parameters(route)}


def crawl(world) -> list[str]:
    """Every (method, address, role) that answered 5xx."""
    values, tokens, role_clients = world
    failures = []
    for route in routes():
        real = real_values(route, values, tokens)
        addresses = [fill(route, real)] + [
            fill(route, real | {name: odd}) for name in real for odd in ODD_VALUES
        ]
        for role, client in role_clients.items():
            for address in addresses:
                status = client.get(address).status_code
                if status >= 500:
                    failures.append(f"GET {address[:80]} as {role}: {status}")
    return failures


def post_crawl(world) -> list[str]:
    """POST odd form values to every real address, as every role; removals last."""
    values, tokens, role_clients = world
    failures = []
    for route in sorted(routes(), key=lambda r: any(w in r for w in DESTRUCTIVE)):
        address = fill(route, real_values(route, values, tokens))
        for role, client in role_clients.items():
            for form in ODD_FORMS:
                data = {field: form["*"] for field in FIELDS} | form
                status = client.post(address, data).status_code
                if status >= 500:
                    failures.append(f"POST {address[:80]} {form} as {role}: {status}")
    return failures


@pytest.mark.django_db
def test_no_address_answers_5xx_to_odd_values_for_any_role(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    failures = crawl(world) + post_crawl(world)

    assert failures == []


@pytest.mark.django_db
def test_guest_cookie_with_a_non_ascii_digit_is_ignored(project, iteration, organiser):
    client = Client(raise_request_exception=False)
    # http.cookies refuses to set such a name, so it goes into the header as sent.
    cookie = "board_²_guest=x; board_" + "9" * 25 + "_guest=x"

    response = client.get(f"/projects/{project.pk}/you-said/", HTTP_COOKIE=cookie)

    # Ignored: the visitor is a stranger, sent to log in (issue 16).
    assert (
        response["Location"]
        == f"/accounts/login/?next=/projects/{project.pk}/you-said/"
    )


@pytest.mark.django_db
def test_evidence_picker_ignores_a_board_that_is_not_a_number(project, iteration):
    client = Client(raise_request_exception=False)
    client.force_login(project.created_by)
    address = f"/projects/{project.pk}/iterations/{iteration.number}/log/new/"

    statuses = [
        client.get(address, {"board": odd, "theme": odd}).status_code
        for odd in ODD_VALUES
    ]

    assert statuses == [200] * len(ODD_VALUES)


@pytest.mark.django_db
def test_every_board_command_refuses_odd_values_without_5xx(world):
    values, _tokens, role_clients = world
    client = role_clients["organiser"]
    address = f"/b/{values['code']}/do/"

    statuses = {
        (kind, odd): client.post(
            address, {"type": kind} | {field: odd for field in FIELDS}
        ).status_code
        for kind in COMMANDS
        for odd in ODD_VALUES
    }

    assert set(statuses.values()) == {302}


@pytest.mark.parametrize(
    "value, expected",
    [
        ("42", 42),
        (42, 42),
        ("0", 0),
        ("9" * 18, 10**18 - 1),
        (2**63 - 1, 2**63 - 1),
        (2**63, None),
        ("9" * 19, None),
        ("²", None),
        ("٣", None),
        ("-1", None),
        (-1, None),
        ("", None),
        (" 4", None),
        ("4\n", None),
        (True, None),
        (4.0, None),
        (None, None),
        (["4"], None),
    ],
)
def test_parse_id_takes_ascii_digits_within_a_64_bit_key(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("value", ["²", "9" * 19, "-1", "٣"])
def test_the_id_converter_does_not_match_odd_values(value):
    assert re.fullmatch(IdConverter.regex, value) is None
