"""Sealed and hidden cards are not evidence: the log offers, cites and shows none."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from codesign.log import actions as log_actions
from codesign.log.models import CardOutcome, Evidence, LogEntry, PublicSummary
from codesign.log.publish import publish_update
from codesign.log.queries import search_evidence, still_to_answer, themes_to_answer
from feedback.models import Card
from tests.codesign.log.factories import (
    guest_client,
    make_card,
    make_theme,
)
from tests.conftest import logged_in

NOTHING = {"cards": [], "themes": [], "sessions": []}
HIDDEN_TEXT = "Call Mia Jansen on 06-12345678"
SEALED_TEXT = "My sealed idea before the reveal"
VISIBLE_TEXT = "A night nurse to call"


@pytest.fixture
def cards(board):
    """A visible, a hidden and a sealed card, in one theme."""
    theme = make_theme(board, "Nights")
    visible = make_card(board, VISIBLE_TEXT, theme=theme)
    hidden = make_card(board, HIDDEN_TEXT, theme=theme)
    sealed = make_card(board, SEALED_TEXT, theme=theme)
    Card.objects.filter(pk=hidden.pk).update(hidden=True)
    Card.objects.filter(pk=sealed.pk).update(sealed=True)
    return {"visible": visible, "hidden": hidden, "sealed": sealed, "theme": theme}


@pytest.fixture
def cited_then_withdrawn(team_member, iteration, board, cards):
    """A decision and an outcome citing cards that were hidden or sealed afterwards.

    Cards cannot be cited once hidden or sealed; the log's copy of their text
    stays, as it does for citations recorded before the card was hidden.
    """
    later_hidden = make_card(board, HIDDEN_TEXT + " (later)")
    later_sealed = make_card(board, SEALED_TEXT + " (later)")
    marked = make_card(board, "Marked, then hidden")
    log_actions.record_entry(
        team_member,
        iteration,
        kind="decision",
        title="Night line",
        cards=[cards["visible"].pk, later_hidden.pk, later_sealed.pk],
    )
    log_actions.mark_not_taken_up(
        team_member, iteration, card=marked.pk, reason="Out of scope"
    )
    publish_update(team_member, iteration.project)
    Card.objects.filter(pk__in=[later_hidden.pk, marked.pk]).update(hidden=True)
    Card.objects.filter(pk=later_sealed.pk).update(sealed=True)
    return [HIDDEN_TEXT, SEALED_TEXT, "Marked, then hidden"]


def assert_free_of(text: str, withdrawn: list[str]):
    for secret in withdrawn:
        assert secret not in text


def test_evidence_picker_offers_only_citable_cards(project, cards):
    chosen = {**NOTHING, "cards": [cards["hidden"].pk, cards["sealed"].pk]}

    picker = search_evidence(project, {}, chosen)

    assert [card.text for card in picker["cards"]] == [VISIBLE_TEXT]
    assert picker["chosen_cards"] == []


def test_evidence_picker_page_shows_no_hidden_or_sealed_text(
    team_member, iteration, cards
):
    url = reverse("codesign:entry_create", args=[iteration.project_id, 1])

    html = logged_in(team_member).get(url, {"q": "e"}).content.decode()

    assert VISIBLE_TEXT in html
    assert_free_of(html, [HIDDEN_TEXT, SEALED_TEXT])


def test_evidence_search_ignores_control_characters(team_member, iteration, cards):
    url = reverse("codesign:entry_create", args=[iteration.project_id, 1])

    # PostgreSQL refuses NUL in a query: the search drops control characters first.
    response = logged_in(team_member).get(url, {"q": "e\x00"})

    assert response.status_code == 200
    assert VISIBLE_TEXT in response.content.decode()


def test_still_to_answer_leaves_out_hidden_and_sealed_cards(
    team_member, iteration, cards
):
    url = reverse("codesign:outcome_list", args=[iteration.project_id, 1])

    html = logged_in(team_member).get(url).content.decode()

    assert [card.text for card in still_to_answer(iteration)] == [VISIBLE_TEXT]
    assert [(t.name, t.card_count) for t in themes_to_answer(iteration)] == [
        ("Nights", 1)
    ]
    assert VISIBLE_TEXT in html
    assert_free_of(html, [HIDDEN_TEXT, SEALED_TEXT])


@pytest.mark.parametrize("which", ["sealed", "hidden"])
def test_citing_a_sealed_or_hidden_card_is_refused(
    team_member, iteration, cards, which
):
    with pytest.raises(ValidationError) as refused:
        log_actions.record_entry(
            team_member,
            iteration,
            kind="decision",
            title="Night line",
            cards=[cards["visible"].pk, cards[which].pk],
        )

    assert refused.value.code == "not_citable"
    assert refused.value.messages == [
        "A hidden card, or a card that is sealed until the reveal, cannot be evidence."
    ]
    assert LogEntry.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_marking_a_sealed_card_not_taken_up_is_refused(team_member, iteration, cards):
    with pytest.raises(ValidationError) as refused:
        log_actions.mark_not_taken_up(
            team_member, iteration, card=cards["sealed"].pk, reason="Later"
        )

    assert refused.value.code == "not_citable"
    assert CardOutcome.objects.count() == 0


def test_citing_a_sealed_card_through_the_form_shows_the_error(
    team_member, iteration, cards
):
    url = reverse("codesign:entry_create", args=[iteration.project_id, 1])
    data = {"kind": "decision", "title": "Night line", "cards": [cards["sealed"].pk]}

    response = logged_in(team_member).post(url, data)

    assert response.status_code == 400
    assert "cannot be evidence" in response.content.decode()
    assert LogEntry.objects.count() == 0


def test_a_theme_citation_notifies_only_authors_of_citable_cards(
    team_member, iteration, cards
):
    entry = log_actions.record_entry(
        team_member, iteration, kind="decision", title="D", themes=[cards["theme"].pk]
    )
    publish_update(team_member, iteration.project)

    assert [n.card_text for n in entry.notices.all()] == [VISIBLE_TEXT]


def test_participants_you_said_is_free_of_hidden_and_sealed_text(
    iteration, board, guest, cited_then_withdrawn
):
    url = reverse("codesign:you_said", args=[iteration.project_id])

    html = guest_client(board, guest).get(url).content.decode()

    assert VISIBLE_TEXT in html
    assert "Night line" in html
    assert_free_of(html, cited_then_withdrawn)
    assert "Out of scope" not in html


def test_public_you_said_is_free_of_hidden_and_sealed_text(
    project, cited_then_withdrawn
):
    summary = PublicSummary.objects.create(project=project, enabled=True)

    html = Client().get(reverse("codesign:you_said_public", args=[summary.token]))
    html = html.content.decode()

    assert VISIBLE_TEXT in html
    assert_free_of(html, cited_then_withdrawn)
    assert "Out of scope" not in html


def test_members_log_pages_show_the_citation_without_its_text(
    team_member, iteration, cited_then_withdrawn
):
    client = logged_in(team_member)

    log = client.get(iteration.get_absolute_url()).content.decode()
    outcomes = client.get(
        reverse("codesign:outcome_list", args=[iteration.project_id, 1])
    ).content.decode()

    assert VISIBLE_TEXT in log
    assert log.count("(not shown: the card is hidden or sealed)") == 2
    assert outcomes.count("(not shown: the card is hidden or sealed)") == 1
    assert "Out of scope" in outcomes
    assert_free_of(log + outcomes, cited_then_withdrawn)


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "gripp2.md", "gripp2.html"])
def test_exports_are_free_of_hidden_and_sealed_text(
    team_member, iteration, cited_then_withdrawn, fmt
):
    url = reverse("codesign:project_export", args=[iteration.project_id, fmt])

    response = logged_in(team_member).get(url)
    text = b"".join(response.streaming_content).decode()

    assert response.status_code == 200
    assert VISIBLE_TEXT in text
    assert_free_of(text, cited_then_withdrawn)


def test_json_export_keeps_the_citation_without_its_text(
    team_member, iteration, cited_then_withdrawn
):
    url = reverse("codesign:project_export", args=[iteration.project_id, "json"])

    response = logged_in(team_member).get(url)
    data = json.loads(b"".join(response.streaming_content))

    assert [e["text"] for e in data["entries"][0]["evidence"]] == [VISIBLE_TEXT, "", ""]
    assert data["not_taken_up"] == []


def test_gripp2_counts_only_citable_cards(team_member, iteration, cited_then_withdrawn):
    url = reverse("codesign:project_export", args=[iteration.project_id, "gripp2.md"])

    response = logged_in(team_member).get(url)
    text = b"".join(response.streaming_content).decode()

    assert "Shaped by: Patient 1." in text
    assert "(not shown" not in text
