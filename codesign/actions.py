"""Changes to projects, members and iterations, shared by every entry point.

Each function takes the acting user and cleaned data, checks permission, validates
the whole change before writing anything, and runs in one transaction, so a refused
change leaves nothing half-saved.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import ORGANISERS, RUNS_CYCLE, require_account, require_role
from .models import Iteration, Membership, Project, Stage

Direction = Iteration.Direction


@transaction.atomic
def create_project(
    actor, *, title: str, summary: str = "", involvement_aim: str = ""
) -> Project:
    """Create a project with the actor as its first organiser."""
    require_account(actor)
    project = Project(
        title=title, summary=summary, involvement_aim=involvement_aim, created_by=actor
    )
    project.full_clean()
    project.save()
    Membership.objects.create(
        project=project, user=actor, role=Membership.Role.ORGANISER
    )
    return project


@transaction.atomic
def update_project(
    actor, project: Project, *, title: str, summary: str = "", involvement_aim: str = ""
) -> Project:
    """Change a project's title, summary and involvement aim."""
    require_role(actor, project, ORGANISERS)
    project.title, project.summary = title, summary
    project.involvement_aim = involvement_aim
    project.full_clean()
    project.save(update_fields=["title", "summary", "involvement_aim"])
    return project


def find_account(email: str):
    """The account whose main or verified e-mail address this is, or None.

    An unverified extra address does not count: anyone can type someone else's
    address into their own account.
    """
    verified = Q(emailaddress__email__iexact=email, emailaddress__verified=True)
    return (
        get_user_model()
        .objects.filter(Q(email__iexact=email) | verified)
        .distinct()
        .first()
    )


@transaction.atomic
def add_member(actor, project: Project, *, email: str, role: str) -> Membership:
    """Give the person with this e-mail address a role in the project."""
    require_role(actor, project, ORGANISERS)
    check_role(role)
    user = find_account(email)
    if user is None:
        raise ValidationError(
            {
                "email": _(
                    "No one has an account with this e-mail address. Ask them to sign up first."
                )
            }
        )
    if project.memberships.filter(user=user).exists():
        raise ValidationError(
            {"email": _("This person is already a member of the project.")}
        )
    try:
        with transaction.atomic():
            return Membership.objects.create(project=project, user=user, role=role)
    except IntegrityError:
        # Someone else added the same person a moment ago.
        raise ValidationError(
            {"email": _("This person is already a member of the project.")}
        ) from None


def check_role(role: str) -> None:
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose one of the roles in the list.")})


def check_keeps_an_organiser(membership: Membership, new_role: str | None) -> None:
    """Refuse a change that would leave the project without an organiser."""
    if (
        membership.role != Membership.Role.ORGANISER
        or new_role == Membership.Role.ORGANISER
    ):
        return
    organisers = Membership.objects.select_for_update().filter(
        project_id=membership.project_id, role=Membership.Role.ORGANISER
    )
    if organisers.count() <= 1:
        raise ValidationError(
            _(
                "A project needs at least one organiser. Make someone else organiser first."
            )
        )


@transaction.atomic
def change_member_role(actor, membership: Membership, *, role: str) -> Membership:
    """Give a member another role in the same project."""
    require_role(actor, membership.project, ORGANISERS)
    check_role(role)
    check_keeps_an_organiser(membership, role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(actor, membership: Membership) -> Membership:
    """Take a member out of the project; returns the removed membership."""
    require_role(actor, membership.project, ORGANISERS)
    check_keeps_an_organiser(membership, None)
    membership.delete()
    return membership


def check_trl(trl: int | None) -> None:
    if trl is not None and not 1 <= trl <= 9:
        raise ValidationError(
            {"trl": _("The technology readiness level goes from 1 to 9.")}
        )


def check_stage(stage: str) -> None:
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Choose bench, bedside or population.")})


@transaction.atomic
def start_first_iteration(
    actor,
    project: Project,
    *,
    stage: str,
    guiding_question: str = "",
    trl: int | None = None,
) -> Iteration:
    """Open iteration 1 of a project that has none yet."""
    require_role(actor, project, RUNS_CYCLE)
    check_stage(stage)
    check_trl(trl)
    if project.iterations.exists():
        raise ValidationError(
            _(
                "This project already has an iteration. Close the open one to start the next."
            )
        )
    return Iteration.objects.create(
        project=project,
        number=1,
        stage=stage,
        guiding_question=guiding_question,
        trl=trl,
    )


def direction_between(current: str, new: str, chosen: str = "") -> str:
    """The direction of a move between stages: chosen, or worked out from their order.

    Going back means an earlier stage or another turn at the same stage; going
    forward means the same or a later stage.
    """
    step = Stage.order(new) - Stage.order(current)
    if not chosen:
        return Direction.FORWARD if step >= 0 else Direction.BACK
    if chosen == Direction.FORWARD and step < 0:
        raise ValidationError(
            {"direction": _("Going forward means the same or a later stage.")}
        )
    if chosen == Direction.BACK and step > 0:
        raise ValidationError(
            {
                "direction": _(
                    "Going back means an earlier stage or the same stage again."
                )
            }
        )
    if chosen not in (Direction.FORWARD, Direction.BACK):
        raise ValidationError({"direction": _("Choose forward or back.")})
    return chosen


@transaction.atomic
def close_iteration(
    actor,
    iteration: Iteration,
    *,
    stage: str,
    guiding_question: str = "",
    direction: str = "",
    trl: int | None = None,
    back_reason: str = "",
) -> Iteration:
    """Close the open iteration and open the next one; returns the new iteration."""
    require_role(actor, iteration.project, RUNS_CYCLE)
    current = Iteration.objects.select_for_update().get(pk=iteration.pk)
    if not current.is_open:
        raise ValidationError(
            _("Iteration %(number)s is already closed.") % {"number": current.number}
        )
    check_stage(stage)
    check_trl(trl)
    direction = direction_between(current.stage, stage, direction)
    back_reason = back_reason.strip()
    if direction == Direction.BACK and not back_reason:
        raise ValidationError(
            {"back_reason": _("Say which open question or doubt sends the cycle back.")}
        )
    now = timezone.now()
    current.status = Iteration.Status.CLOSED
    current.closed_at = now
    current.save(update_fields=["status", "closed_at"])
    last = current.project.iterations.aggregate(last=Max("number"))["last"]
    return Iteration.objects.create(
        project_id=current.project_id,
        number=last + 1,
        stage=stage,
        guiding_question=guiding_question,
        trl=trl,
        direction=direction,
        back_reason=back_reason if direction == Direction.BACK else "",
        opened_at=now,
    )


def update_profile(
    actor, *, display_name: str, stakeholder_role: str, preferred_language: str
):
    """Save the actor's own profile fields; no one edits another person's profile."""
    require_account(actor)
    actor.display_name = display_name
    actor.stakeholder_role = stakeholder_role
    actor.preferred_language = preferred_language
    actor.full_clean(exclude=["password", "username", "email"])
    actor.save(update_fields=["display_name", "stakeholder_role", "preferred_language"])
    return actor
