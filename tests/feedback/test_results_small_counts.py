"""Small counts stay small: one rule for results, "you said, we did" and GRIPP2."""

from collections import Counter

import pytest

from codesign.log.gripp2 import counts_text
from codesign.log.queries import shown_roles, shown_size
from feedback.results import board_results, result_row
from feedback.visibility import shown_count, suppress_small

from .conftest import vote_by_roles

pytestmark = pytest.mark.django_db

FEWER = "fewer than 5"


@pytest.mark.parametrize(
    ("count", "outside", "team"),
    [(0, 0, 0), (1, FEWER, 1), (4, FEWER, 4), (5, 5, 5), (12, 12, 12)],
)
def test_one_role_count_at_the_edges(count, outside, team):
    assert shown_count(count, exact=False) == outside
    assert shown_count(count, exact=True) == team


@pytest.mark.parametrize(
    ("by_role", "shown", "total"),
    [
        ({}, {}, 0),
        ({"patient": 0}, {"patient": 0}, 0),
        ({"patient": 1}, {"patient": FEWER}, FEWER),
        ({"patient": 4}, {"patient": FEWER}, FEWER),
        ({"patient": 5}, {"patient": 5}, 5),
        ({"patient": 5, "clinician": 0}, {"patient": 5, "clinician": 0}, 5),
        ({"patient": 5, "clinician": 7}, {"patient": 5, "clinician": 7}, 12),
        ({"patient": 3, "clinician": 10}, {"patient": FEWER, "clinician": 10}, None),
        ({"patient": 1, "clinician": 1}, {"patient": FEWER, "clinician": FEWER}, FEWER),
        ({"patient": 4, "clinician": 1}, {"patient": FEWER, "clinician": FEWER}, None),
    ],
)
def test_total_is_shown_only_when_no_role_is_small(by_role, shown, total):
    assert suppress_small(by_role, exact=False) == (shown, total)


def test_the_team_sees_exact_counts_and_totals():
    assert suppress_small({"patient": 3, "clinician": 10}, exact=True) == (
        {"patient": 3, "clinician": 10},
        13,
    )


@pytest.mark.parametrize(
    "by_role",
    [
        {},
        {"patient": 1},
        {"patient": 4},
        {"patient": 5},
        {"patient": 3, "clinician": 10},
    ],
)
def test_results_you_said_and_gripp2_give_the_same_counts(by_role):
    shown, total = suppress_small(by_role, exact=False)
    labels = {"patient": "Patient", "clinician": "Clinician"}

    row = result_row(Counter(by_role), exact=False, top=10)
    roles = shown_roles([(labels[r], n) for r, n in by_role.items()])
    gripp2 = counts_text(list(by_role.items()), exact=False)

    assert ({r["role"]: r["shown"] for r in row["roles"]}, row["total"]) == (
        shown,
        total,
    )
    assert roles == [(labels[r], n) for r, n in shown.items()]
    expected = ", ".join(f"{labels[r]} {n}" for r, n in shown.items())
    assert gripp2 == (expected or "none recorded")
    assert shown_size(sum(by_role.values()))["count"] == shown_count(
        sum(by_role.values()), exact=False
    )


def test_results_hide_a_total_that_gives_a_small_count_away(board, column):
    vote_by_roles(board, column, {"patient": 3, "clinician": 10})

    outside = board_results(board, exact=False)["cards"][0]
    team = board_results(board, exact=True)["cards"][0]

    assert (outside["total"], outside["votes"]) == (None, 13)
    assert [(r["role"], r["shown"]) for r in outside["roles"]] == [
        ("patient", FEWER),
        ("clinician", 10),
    ]
    assert team["total"] == 13


def test_results_page_shows_a_dash_with_an_explanation(board, guest, column):
    vote_by_roles(board, column, {"patient": 3, "clinician": 10})

    html = guest.client().get(f"/b/{board.join_code}/results/").content.decode()

    assert "13 votes" not in html
    assert 'max="13"' not in html
    assert '<td class="result-count">fewer than 5</td>' in html
    assert '<td class="result-count">10</td>' in html
    assert (
        '<span class="visually-hidden">'
        "Total not shown, so that small groups stay anonymous</span>"
    ) in html


def test_results_page_shows_fewer_than_5_votes_for_a_small_total(board, guest, column):
    vote_by_roles(board, column, {"patient": 1})

    html = guest.client().get(f"/b/{board.join_code}/results/").content.decode()

    assert '<span class="result-total">— fewer than 5 votes</span>' in html


def test_results_page_shows_the_total_when_every_role_is_large(board, guest, column):
    vote_by_roles(board, column, {"patient": 5})

    html = guest.client().get(f"/b/{board.join_code}/results/").content.decode()

    assert '<span class="result-total">— 5 votes</span>' in html
    assert '<td class="result-count">5</td>' in html
