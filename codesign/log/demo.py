"""Demo data of the iteration log: entries citing the demo board's cards."""

from django.db import transaction

from codesign import actions
from codesign.models import Iteration, Stage

from . import actions as log_actions
from .models import LogEntry
from .publish import publish_update

LOG_BACK_REASON = (
    "People living alone could not put the cuff on without help: the cuff needs a "
    "redesign before more patients try the kit at home."
)


@transaction.atomic
def seed_log(demo: dict, board) -> None:
    """Log entries citing the demo board's cards, then a loop back to the bench (once)."""
    # Long on purpose: the demo story reads top to bottom, one entry after another.
    project, organiser = demo["project"], demo["organiser"]
    iteration = board.iteration
    if (
        iteration is None
        or LogEntry.objects.filter(iteration__project=project).exists()
    ):
        return
    night, cuff, summary, wifi = board.cards.order_by("created_at", "id")[:4]

    def record(kind, title, body="", cards=(), **effect):
        return log_actions.record_entry(
            organiser,
            iteration,
            kind=kind,
            title=title,
            body=body,
            cards=cards,
            **effect,
        )

    record(
        "insight",
        "Nights are the hardest part",
        "Patients and carers worry most **at night**, when no one seems to answer.",
        [night.pk],
    )
    night_line = record(
        "decision",
        "A nurse line at night for weight alarms",
        "The heart failure nurses take turns on a night phone from 22:00 to 07:00.",
        [night.pk],
    )
    threshold = record(
        "decision",
        "Nurses get a weekly summary; only a big weight gain raises an alarm",
        "An alarm goes off for more than 2 kg in 3 days. Everything else goes into "
        "a weekly summary for the nurse.",
        [summary.pk],
    )
    record(
        "change",
        "The alarm screen shows the night number",
        "- the number is on the alarm screen\n- and on a sticker on the scale",
        [night.pk],
    )
    record(
        "effect",
        "More calls for the night nurses",
        "Expected in the first weeks, until the alarm threshold settles.",
        effect_sign="negative",
        effect_certainty="anticipated",
        affected="Night nurses on the heart ward",
        severity="moderate",
        mitigated_by=threshold.pk,
    )
    record(
        "insight",
        "The cuff is too hard to put on alone",
        "Carers help now, but many patients live alone.",
        [cuff.pk],
    )
    log_actions.mark_not_taken_up(
        organiser,
        iteration,
        card=wifi.pk,
        reason="The kit has its own SIM card, so it needs neither Wi-Fi nor a phone.",
    )
    publish_update(organiser, project, message="Thank you for the first session!")
    if not project.reflections:
        project.reflections = (
            "Patients and carers set the agenda of the first sessions. Next time we "
            "plan evening sessions, so that working carers can join."
        )
        project.save(update_fields=["reflections"])
    if iteration.is_open and night_line:
        actions.close_iteration(
            organiser,
            iteration,
            stage=Stage.BENCH,
            direction=Iteration.Direction.BACK,
            back_reason=LOG_BACK_REASON,
            guiding_question="Can someone living alone put the cuff on in one go?",
            trl=4,
        )
