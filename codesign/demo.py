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
    # Long on purpose: the demo project is written out as data, field by field.
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
