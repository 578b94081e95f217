"""Recording, correcting and reading log entries; the log is append-only."""

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse

from codesign.log import actions as log_actions
from codesign.log.models import Evidence, LogEntry
from codesign.models import Iteration, Project, StakeholderRole
from tests.codesign.log.factories import make_board, make_card, make_theme
from tests.conftest import make_user


@pytest.fixture
def card(board):
    return make_card(board, "I want to know who to call at night.")


def record(actor, iteration, **data):
    fields = {"kind": "decision", "title": "A night line for patients", **data}
    return log_actions.record_entry(actor, iteration, **fields)


def entry_url(iteration, name="entry_create", *args):
    return reverse(
        f"codesign:{name}", args=[iteration.project_id, iteration.number, *args]
    )


def test_record_entry_keeps_a_copy_of_the_cited_card(team_member, iteration, card):
    entry = record(team_member, iteration, cards=[card.pk], body="We add a line.")

    evidence = entry.evidence.get()
    assert (evidence.kind, evidence.text, evidence.role) == (
        "card",
        "I want to know who to call at night.",
        "patient",
    )
    assert evidence.board_prompt == "What matters to you at home?"
    assert entry.author_name == "Tess Team"


def test_citing_a_card_of_another_project_saves_nothing(
    team_member, iteration, outsider
):
    other = Project.objects.create(title="Other")
    other_iteration = Iteration.objects.create(project=other, number=1, stage="bench")
    from codesign.models import Membership

    Membership.objects.create(project=other, user=outsider, role="organiser")
    foreign = make_card(make_board(other, outsider, other_iteration), "Elsewhere")

    with pytest.raises(ValidationError) as error:
        record(team_member, iteration, cards=[foreign.pk])

    assert "only cite cards from the boards of this project" in str(error.value)
    assert LogEntry.objects.count() == 0
    assert Evidence.objects.count() == 0


def test_unknown_kind_is_refused(team_member, iteration):
    with pytest.raises(ValidationError) as error:
        record(team_member, iteration, kind="rumour")

    assert "Choose a kind from the list." in str(error.value)
    assert LogEntry.objects.count() == 0


def test_effect_needs_sign_and_certainty(team_member, iteration):
    with pytest.raises(ValidationError) as error:
        record(team_member, iteration, kind="effect", title="Worry at night")

    assert "positive or negative" in str(error.value)


def test_effect_records_who_is_affected_and_the_mitigating_decision(
    team_member, iteration
):
    decision = record(team_member, iteration)

    effect = record(
        team_member,
        iteration,
        kind="effect",
        title="Alarms at night cause worry",
        effect_sign="negative",
        effect_certainty="observed",
        affected="Patients living alone",
        severity="moderate",
        mitigated_by=str(decision.pk),
    )

    assert (effect.effect_sign, effect.effect_certainty, effect.severity) == (
        "negative",
        "observed",
        "moderate",
    )
    assert effect.affected == "Patients living alone"
    assert effect.mitigated_by == decision


def test_outsider_cannot_record(outsider, iteration):
    with pytest.raises(PermissionDenied):
        record(outsider, iteration)


def test_correction_supersedes_and_keeps_both(team_member, organiser, iteration, card):
    old = record(team_member, iteration, cards=[card.pk])

    new = log_actions.record_entry(
        organiser,
        old.iteration,
        supersedes=old.pk,
        kind="decision",
        title="A night line, staffed by nurses",
    )

    old.refresh_from_db()
    assert new.supersedes == old
    assert old.superseded_by == new
    assert list(LogEntry.objects.current()) == [new]
    assert LogEntry.objects.count() == 2
    assert old.title == "A night line for patients"


def test_an_entry_can_be_corrected_only_once(team_member, iteration):
    old = record(team_member, iteration)
    log_actions.record_entry(
        team_member, old.iteration, supersedes=old.pk, kind="decision", title="Second"
    )

    with pytest.raises(ValidationError) as error:
        log_actions.record_entry(
            team_member,
            old.iteration,
            supersedes=old.pk,
            kind="decision",
            title="Third",
        )

    assert "corrected already" in str(error.value)
    assert LogEntry.objects.count() == 2


def test_superseding_an_entry_of_another_iteration_is_refused(
    team_member, iteration, project
):
    old = record(team_member, iteration)
    second = Iteration.objects.create(project=project, number=2, stage="bedside")

    with pytest.raises(ValidationError) as error:
        record(team_member, second, supersedes=old.pk)

    assert "only correct an entry of this iteration" in str(error.value)
    assert LogEntry.objects.count() == 1


def test_entries_cannot_be_saved_again_or_deleted(team_member, iteration):
    entry = record(team_member, iteration)
    entry.title = "Rewritten"

    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert LogEntry.objects.get().title == "A night line for patients"


def test_admin_shows_entries_read_only(client, team_member, iteration):
    entry = record(team_member, iteration)
    site_admin = make_user("root@example.org")
    site_admin.is_staff = site_admin.is_superuser = True
    site_admin.save()
    client.force_login(site_admin)
    request = RequestFactory().get("/")
    request.user = site_admin
    model_admin = admin.site._registry[LogEntry]

    change = reverse("admin:log_logentry_change", args=[entry.pk])
    delete = reverse("admin:log_logentry_delete", args=[entry.pk])
    posted = client.post(change, {"title": "Rewritten", "kind": "note"})

    assert model_admin.has_change_permission(request, entry) is False
    assert model_admin.has_delete_permission(request, entry) is False
    assert model_admin.has_add_permission(request) is False
    assert client.get(change).status_code == 200
    assert posted.status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert LogEntry.objects.get().title == "A night line for patients"


def test_markdown_body_renders_script_and_html_inert(client, team_member, iteration):
    record(
        team_member,
        iteration,
        body="**Bold** <script>alert(1)</script> [x](javascript:alert(1))",
    )
    client.force_login(team_member)

    html = client.get(iteration.get_absolute_url()).content.decode()

    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def test_entry_form_records_an_entry_citing_cards(client, team_member, iteration, card):
    client.force_login(team_member)

    response = client.post(
        entry_url(iteration),
        {"kind": "insight", "title": "Nights are hard", "cards": [card.pk]},
    )

    entry = LogEntry.objects.get()
    assert response.status_code == 302
    assert response.url == f"{iteration.get_absolute_url()}#entry-{entry.pk}"
    assert entry.evidence.get().card == card


def test_entry_form_shows_an_error_for_a_foreign_card(client, team_member, iteration):
    client.force_login(team_member)

    response = client.post(
        entry_url(iteration), {"kind": "insight", "title": "X", "cards": ["999999"]}
    )

    assert response.status_code == 400
    assert (
        "only cite cards from the boards of this project" in response.content.decode()
    )
    assert LogEntry.objects.count() == 0


def test_entry_form_refuses_an_unknown_kind(client, team_member, iteration):
    client.force_login(team_member)

    response = client.post(entry_url(iteration), {"kind": "gossip", "title": "X"})

    assert response.status_code == 400
    assert LogEntry.objects.count() == 0


def test_entry_form_search_works_without_javascript(
    client, team_member, iteration, board
):
    make_card(board, "The cuff is hard to put on", StakeholderRole.FAMILY)
    make_card(board, "Weekly summary please", StakeholderRole.CLINICIAN)
    chosen = make_card(board, "Scale over mobile data", StakeholderRole.ENGINEER)
    client.force_login(team_member)

    response = client.post(
        entry_url(iteration),
        {"search": "1", "q": "cuff", "title": "Kept title", "cards": [chosen.pk]},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert LogEntry.objects.count() == 0
    assert "The cuff is hard to put on" in html
    assert "Weekly summary please" not in html
    assert "Scale over mobile data" in html  # Chosen cards stay in the list.
    assert 'value="Kept title"' in html


def test_picker_filters_by_role_and_theme(client, team_member, iteration, board):
    theme = make_theme(board, "Nights")
    make_card(board, "Call at night", StakeholderRole.PATIENT, theme=theme)
    make_card(board, "Night shifts are busy", StakeholderRole.CLINICIAN, theme=theme)
    client.force_login(team_member)

    response = client.get(
        entry_url(iteration), {"search": "1", "theme": theme.pk, "role": "clinician"}
    )

    html = response.content.decode()
    assert "Night shifts are busy" in html
    assert "Call at night" not in html


def test_correct_view_creates_a_new_entry(client, team_member, iteration):
    old = record(team_member, iteration)
    client.force_login(team_member)

    response = client.post(
        entry_url(iteration, "entry_correct", old.pk),
        {"kind": "decision", "title": "Corrected title"},
    )

    assert response.status_code == 302
    assert LogEntry.objects.count() == 2
    html = client.get(iteration.get_absolute_url()).content.decode()
    assert "Corrected title" in html
    assert "A night line for patients" in html
    assert f"Corrected by entry {old.superseded_by.pk}." in html


def test_correcting_a_superseded_entry_is_not_found(client, team_member, iteration):
    old = record(team_member, iteration)
    log_actions.record_entry(
        team_member, old.iteration, supersedes=old.pk, kind="decision", title="New"
    )
    client.force_login(team_member)

    response = client.get(entry_url(iteration, "entry_correct", old.pk))

    assert response.status_code == 404


def test_entry_pages_refuse_outsiders(client, outsider, iteration):
    client.force_login(outsider)

    assert client.get(entry_url(iteration)).status_code == 404
    assert client.get(iteration.get_absolute_url()).status_code == 404


def test_entry_form_refuses_wrong_method(client, team_member, iteration):
    client.force_login(team_member)

    assert client.put(entry_url(iteration)).status_code == 405


def test_iteration_log_filters_by_kind_and_role(client, team_member, iteration, board):
    patient_card = make_card(board, "Call me", StakeholderRole.PATIENT)
    clinician_card = make_card(board, "Summaries", StakeholderRole.CLINICIAN)
    record(team_member, iteration, title="Patient decision", cards=[patient_card.pk])
    record(
        team_member, iteration, title="Clinician decision", cards=[clinician_card.pk]
    )
    record(team_member, iteration, kind="note", title="A note")
    client.force_login(team_member)
    url = iteration.get_absolute_url()

    by_role = client.get(url, {"role": "patient"}).context["entries"]
    by_kind = client.get(url, {"kind": "note"}).context["entries"]

    assert [e.title for e in by_role] == ["Patient decision"]
    assert [e.title for e in by_kind] == ["A note"]


def test_iteration_page_query_count_is_constant(
    client, django_assert_num_queries, team_member, iteration, board
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(team_member)
    card = make_card(board, "One")
    record(team_member, iteration, cards=[card.pk])
    client.get(iteration.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(iteration.get_absolute_url())
    for n in range(5):
        decision = record(team_member, iteration, cards=[card.pk], title=f"D{n}")
        correction = log_actions.record_entry(
            team_member,
            decision.iteration,
            supersedes=decision.pk,
            kind="decision",
            title="C",
        )
        record(
            team_member,
            iteration,
            kind="effect",
            title="E",
            effect_sign="positive",
            effect_certainty="anticipated",
            mitigated_by=correction.pk,
        )

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(iteration.get_absolute_url())
    assert len(response.context["entries"]) == 16
