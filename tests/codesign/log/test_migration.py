"""The log's move to an app of its own keeps every row, and the rights granted on it."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from codesign.log.models import CardOutcome, LogEntry
from tests.codesign.log.factories import make_board, make_card

BEFORE_THE_MOVE = [("codesign", "0003_iteration_log")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def migrate_to_latest() -> None:
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def log_the_old_way(apps, iteration, author, cited, not_taken_up) -> None:
    """An entry citing the card and an outcome, written with the models before the move."""
    entry = apps.get_model("codesign", "LogEntry").objects.create(
        iteration_id=iteration.pk,
        kind="decision",
        title="A nurse line at night",
        author_id=author.pk,
        author_name="Olivia",
    )
    apps.get_model("codesign", "Evidence").objects.create(
        entry=entry, kind="card", card_id=cited.pk, text=cited.text, role="patient"
    )
    apps.get_model("codesign", "CardOutcome").objects.create(
        project_id=iteration.project_id,
        iteration_id=iteration.pk,
        card_id=not_taken_up.pk,
        text=not_taken_up.text,
        reason="The kit has its own SIM card.",
        recorded_by_name="Olivia",
    )


@pytest.mark.django_db(transaction=True)
def test_log_written_before_the_move_reads_the_same_after_it(
    organiser, project, iteration
):
    board = make_board(project, organiser, iteration)
    night, wifi = make_card(board, "Nights are scary"), make_card(board, "Wi-Fi")
    executor = migrate(BEFORE_THE_MOVE)
    old_apps = executor.loader.project_state(BEFORE_THE_MOVE).apps
    log_the_old_way(old_apps, iteration, organiser, cited=night, not_taken_up=wifi)

    migrate_to_latest()

    entry = LogEntry.objects.with_evidence().get()
    assert (entry.iteration, entry.kind, entry.title) == (
        iteration,
        "decision",
        "A nurse line at night",
    )
    assert [(e.card, e.text, e.role) for e in entry.evidence.all()] == [
        (night, "Nights are scary", "patient")
    ]
    outcome = CardOutcome.objects.get()
    assert (outcome.card, outcome.reason) == (wifi, "The kit has its own SIM card.")
    assert list(night.citations.values_list("entry__title", flat=True)) == [
        "A nurse line at night"
    ]


@pytest.mark.django_db(transaction=True)
def test_permissions_on_log_models_follow_them_to_the_log_app():
    ContentType.objects.clear_cache()
    permission = Permission.objects.get(
        codename="add_logentry", content_type__app_label="log"
    )
    migrate(BEFORE_THE_MOVE)
    ContentType.objects.clear_cache()
    assert Permission.objects.get(pk=permission.pk).content_type.app_label == "codesign"

    migrate_to_latest()

    ContentType.objects.clear_cache()
    moved = Permission.objects.get(pk=permission.pk)
    assert (moved.content_type.app_label, moved.content_type.model) == (
        "log",
        "logentry",
    )
    assert not ContentType.objects.filter(
        app_label="codesign", model="logentry"
    ).exists()
