"""Demo data for the embedded default: people, a project and its first iterations."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Iteration, Membership, Project, Stage, StakeholderRole

DEMO_PASSWORD = "codesign-demo"
PEOPLE = {
    "organiser": (
        "organiser@example.org",
        "Olivia (organiser)",
        StakeholderRole.CLINICIAN,
    ),
    "facilitator": (
        "facilitator@example.org",
        "Femke (facilitator)",
        StakeholderRole.RESEARCHER,
    ),
}
PROJECT_TITLE = "Home monitoring after heart failure"


def demo_user(email: str, name: str, role: str):
    """A verified demo account, created once and left alone afterwards."""
    user, created = get_user_model().objects.get_or_create(
        email=email,
        defaults={
            "username": email.split("@")[0],
            "display_name": name,
            "stakeholder_role": role,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed_core() -> dict:
    """Create the demo people and project; returns them for the other apps' demo data."""
    people = {key: demo_user(*spec) for key, spec in PEOPLE.items()}
    project, _ = Project.objects.get_or_create(
        title=PROJECT_TITLE,
        defaults={
            "summary": (
                "Patients go home after a stay for heart failure with a scale, a blood "
                "pressure cuff and an app. Together we decide what the kit measures, who "
                "watches the numbers and when a nurse calls."
            ),
            "involvement_aim": (
                "Patients, carers, nurses and cardiologists shape the kit and the care "
                "around it as partners, from the first prototype to the regional roll-out."
            ),
            "created_by": people["organiser"],
        },
    )
    Membership.objects.get_or_create(
        project=project,
        user=people["organiser"],
        defaults={"role": Membership.Role.ORGANISER},
    )
    Membership.objects.get_or_create(
        project=project,
        user=people["facilitator"],
        defaults={"role": Membership.Role.FACILITATOR},
    )
    Iteration.objects.get_or_create(
        project=project,
        number=1,
        defaults={
            "stage": Stage.BENCH,
            "trl": 3,
            "guiding_question": "What should a home kit measure, and what should it leave out?",
            "status": Iteration.Status.CLOSED,
        },
    )
    Iteration.objects.get_or_create(
        project=project,
        number=2,
        defaults={
            "stage": Stage.BEDSIDE,
            "trl": 5,
            "direction": Iteration.Direction.FORWARD,
            "guiding_question": "Does the kit fit into daily life in the first weeks at home?",
        },
    )
    return {"project": project, **people}


LOG_BACK_REASON = (
    "People living alone could not put the cuff on without help: the cuff needs a "
    "redesign before more patients try the kit at home."
)


@transaction.atomic
def seed_log(demo: dict, board) -> None:
    """Log entries citing the demo board's cards, then a loop back to the bench (once)."""
    from . import actions, log_actions
    from .log_models import LogEntry

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
