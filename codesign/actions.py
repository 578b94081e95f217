"""Changes to projects, members and iterations, shared by every entry point.

Each function takes the acting user and cleaned data, checks permission, validates
the whole change before writing anything, and runs in one transaction, so a refused
change leaves nothing half-saved.
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import emails
from .access import ORGANISERS, RUNS_CYCLE, require_account, require_role
from .models import (
    Iteration,
    Membership,
    Project,
    ProjectInvitation,
    Stage,
    invitation_token,
)

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


def invitation_refusal(user, invitation: ProjectInvitation) -> str:
    """Why this user cannot accept the invitation now, or "" if nothing stands in the way.

    Only an account with a verified address equal to the invited one may accept:
    the link alone proves nothing, since anyone may have seen it.
    """
    state = invitation.state()
    refusals = {
        ProjectInvitation.State.ACCEPTED: _(
            "This invitation has already been accepted."
        ),
        ProjectInvitation.State.WITHDRAWN: _("This invitation has been withdrawn."),
        ProjectInvitation.State.EXPIRED: _(
            "This invitation has expired. Ask the organiser to send it again."
        ),
    }
    if state in refusals:
        return refusals[state]
    if not user.is_authenticated:
        return ""  # They may still log in or sign up with the invited address.
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        return _(
            "This invitation is for someone else. Log in with the account for the "
            "e-mail address it was sent to."
        )
    return ""


def _send_invitation(invitation: ProjectInvitation) -> None:
    language = get_language()
    transaction.on_commit(lambda: emails.send_team_invitation(invitation, language))


@transaction.atomic
def invite_member(
    actor, project: Project, *, email: str, role: str
) -> ProjectInvitation:
    """Invite the person with this address to the team; the same whether or not they have an account.

    Inviting an address again renews its open invitation (new role, new link).
    """
    require_role(actor, project, ORGANISERS)
    check_role(role)
    email = email.strip().lower()
    # The project row is the lock: two organisers inviting one address at once
    # must not both create an open invitation.
    Project.objects.select_for_update().get(pk=project.pk)
    # Members' addresses are on the members page already: saying so tells nothing new.
    if project.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This person is already a member of the project.")}
        )
    invitation = (
        project.invitations.open().select_for_update().filter(email=email).first()
    )
    if invitation is None:
        invitation = ProjectInvitation(project=project, email=email)
    invitation.role, invitation.invited_by = role, actor
    invitation.token, invitation.created_at = invitation_token(), timezone.now()
    invitation.save()
    _send_invitation(invitation)
    return invitation


def _open_invitation(invitation: ProjectInvitation) -> ProjectInvitation:
    """The invitation locked, refused unless it is neither accepted nor withdrawn."""
    invitation = ProjectInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.withdrawn_at:
        raise ValidationError(
            _("This invitation has already been accepted or withdrawn.")
        )
    return invitation


@transaction.atomic
def resend_invitation(actor, invitation: ProjectInvitation) -> ProjectInvitation:
    """Send an open invitation again with a new link, valid for another 14 days."""
    require_role(actor, invitation.project, ORGANISERS)
    invitation = _open_invitation(invitation)
    invitation.token, invitation.created_at = invitation_token(), timezone.now()
    invitation.save(update_fields=["token", "created_at"])
    _send_invitation(invitation)
    return invitation


@transaction.atomic
def withdraw_invitation(actor, invitation: ProjectInvitation) -> ProjectInvitation:
    """Withdraw an open invitation: its link stops working."""
    require_role(actor, invitation.project, ORGANISERS)
    invitation = _open_invitation(invitation)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    return invitation


@transaction.atomic
def accept_invitation(user, token: str) -> Membership:
    """Make the invited, signed-in person a member in the invited role."""
    require_account(user)
    invitation = (
        ProjectInvitation.objects.select_for_update().filter(token=token).first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    refusal = invitation_refusal(user, invitation)
    if refusal:
        raise ValidationError(refusal)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership, _created = Membership.objects.get_or_create(
        project_id=invitation.project_id, user=user, defaults={"role": invitation.role}
    )
    return membership


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
