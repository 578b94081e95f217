"""The demo log: entries citing demo cards, an effect, a card not taken up, a loop back."""

from io import StringIO

from django.core.management import call_command

from codesign.log.models import CardOutcome, Evidence, LogEntry
from codesign.models import Project


def test_seed_demo_adds_a_log_with_a_loop_back(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    project = Project.objects.get(title="Home monitoring after heart failure")
    kinds = sorted(
        LogEntry.objects.filter(iteration__project=project).values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["change", "decision", "decision", "effect", "insight", "insight"]
    assert Evidence.objects.filter(card__isnull=False).count() == 5
    effect = LogEntry.objects.get(kind="effect")
    assert effect.mitigated_by.kind == "decision"
    assert CardOutcome.objects.get().reason.startswith("The kit has its own SIM card")
    closed, back = project.iterations.filter(number__in=[2, 3]).order_by("number")
    assert (closed.status, back.direction, back.stage) == ("closed", "back", "bench")
    assert back.back_reason.startswith("People living alone")
