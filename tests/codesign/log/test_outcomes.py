"""Card outcomes: cited automatically, or marked "not taken up" with a reason."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codesign.log import actions as log_actions
from codesign.log.models import CardOutcome
from codesign.log.queries import still_to_answer
from codesign.models import Iteration, Membership, Project
from tests.codesign.log.factories import make_board, make_card, make_theme


def outcomes_url(iteration, name="outcome_list", *args):
    return reverse(
        f"codesign:{name}", args=[iteration.project_id, iteration.number, *args]
    )


def test_still_to_answer_leaves_out_cited_and_marked_cards(
    team_member, iteration, board
):
    theme = make_theme(board, "Nights")
    cited = make_card(board, "Cited directly")
    in_cited_theme = make_card(board, "In a cited theme", theme=theme)
    marked = make_card(board, "Marked")
    only_noted = make_card(board, "Only in a note")
    waiting = make_card(board, "Waiting")
    log_actions.record_entry(
        team_member, iteration, kind="decision", title="D", cards=[cited.pk]
    )
    log_actions.record_entry(
        team_member, iteration, kind="insight", title="I", themes=[theme.pk]
    )
    log_actions.record_entry(
        team_member, iteration, kind="note", title="N", cards=[only_noted.pk]
    )
    log_actions.mark_not_taken_up(team_member, iteration, card=marked.pk, reason="No")

    texts = [card.text for card in still_to_answer(iteration)]

    assert texts == ["Only in a note", "Waiting"]
    assert in_cited_theme.pk not in [c.pk for c in still_to_answer(iteration)]
    assert waiting.text in texts


def test_a_superseded_citation_no_longer_answers_the_card(
    team_member, iteration, board
):
    card = make_card(board, "Call me")
    old = log_actions.record_entry(
        team_member, iteration, kind="decision", title="D", cards=[card.pk]
    )

    log_actions.record_entry(
        team_member,
        old.iteration,
        supersedes=old.pk,
        kind="decision",
        title="D without it",
    )

    assert [c.text for c in still_to_answer(iteration)] == ["Call me"]


def test_marking_needs_a_reason(team_member, iteration, board):
    card = make_card(board, "Call me")

    with pytest.raises(ValidationError) as error:
        log_actions.mark_not_taken_up(team_member, iteration, card=card.pk, reason=" ")

    assert "Say why" in str(error.value)
    assert CardOutcome.objects.count() == 0


def test_marking_a_card_of_another_project_saves_nothing(
    team_member, iteration, outsider
):
    other = Project.objects.create(title="Other")
    Membership.objects.create(project=other, user=outsider, role="organiser")
    other_iteration = Iteration.objects.create(project=other, number=1, stage="bench")
    foreign = make_card(make_board(other, outsider, other_iteration), "Elsewhere")

    with pytest.raises(ValidationError):
        log_actions.mark_not_taken_up(
            team_member, iteration, card=foreign.pk, reason="No"
        )

    assert CardOutcome.objects.count() == 0


def test_outcomes_page_marks_and_takes_back(client, team_member, iteration, board):
    card = make_card(board, "Add a step counter")
    client.force_login(team_member)

    marked = client.post(
        outcomes_url(iteration, "outcome_mark"),
        {"card": card.pk, "reason": "Out of scope"},
    )
    page = client.get(outcomes_url(iteration)).content.decode()
    outcome = CardOutcome.objects.get()
    cleared = client.post(outcomes_url(iteration, "outcome_clear", outcome.pk))

    assert marked.status_code == 302
    assert "Out of scope" in page
    assert "Nothing is waiting" in page
    assert cleared.status_code == 302
    assert CardOutcome.objects.count() == 0


def test_mark_without_reason_shows_an_error(client, team_member, iteration, board):
    card = make_card(board, "Add a step counter")
    client.force_login(team_member)

    response = client.post(
        outcomes_url(iteration, "outcome_mark"),
        {"card": card.pk, "reason": ""},
        follow=True,
    )

    assert "This field is required." in response.content.decode()
    assert CardOutcome.objects.count() == 0


def test_outcome_pages_refuse_outsiders_and_wrong_methods(
    client, outsider, team_member, iteration
):
    client.force_login(outsider)
    assert client.get(outcomes_url(iteration)).status_code == 404
    assert client.post(outcomes_url(iteration, "outcome_mark")).status_code == 404
    client.force_login(team_member)
    assert client.post(outcomes_url(iteration)).status_code == 405
    assert client.get(outcomes_url(iteration, "outcome_mark")).status_code == 405


def test_outcomes_page_query_count_is_constant(
    client, django_assert_num_queries, team_member, iteration, board
):
    client.force_login(team_member)
    make_card(board, "One", theme=make_theme(board, "T"))
    log_actions.mark_not_taken_up(
        team_member, iteration, card=make_card(board, "Marked").pk, reason="No"
    )
    client.get(outcomes_url(iteration))
    with CaptureQueriesContext(connection) as one:
        client.get(outcomes_url(iteration))
    for n in range(4):
        make_card(board, f"Card {n}", theme=make_theme(board, f"T{n}"))
        log_actions.mark_not_taken_up(
            team_member, iteration, card=make_card(board, f"M{n}").pk, reason="No"
        )

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(outcomes_url(iteration))
    assert len(response.context["cards"]) == 5


def test_a_theme_marked_not_taken_up_answers_its_cards(
    client, team_member, iteration, board
):
    theme = make_theme(board, "Gadgets")
    make_card(board, "A smartwatch", theme=theme)
    client.force_login(team_member)
    before = client.get(outcomes_url(iteration)).content.decode()

    client.post(
        outcomes_url(iteration, "outcome_mark"),
        {"theme": theme.pk, "reason": "Not for this group"},
    )

    outcome = CardOutcome.objects.get()
    assert "Themes still to answer" in before
    assert (outcome.is_theme, outcome.text) == (True, "Gadgets")
    assert list(still_to_answer(iteration)) == []
