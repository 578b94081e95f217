"""What Codesign holds about a person, and erasing it: one hook each layer joins.

The core may not import the layers above it (STYLE.md), so each layer connects its
receivers to these signals in its ``AppConfig.ready`` (issue 14):

- ``collect_personal_data(user)``: a receiver returns a dict of its part of the
  person's download (docs/personal-data-export.md), keyed by kind of record;
- ``erase_account(user)``: a receiver anonymises what its layer holds about the
  account and returns how many records it changed;
- ``retention_due(project, now, dry_run, by)``: a receiver erases what the project's
  retention periods no longer allow at ``now``, records an ``Erasure`` (reason: the
  retention rule; ``by`` the organiser who asked, or None for cron) and returns
  ``{kind: count}``; with ``dry_run`` it changes nothing and returns the same counts
  (``codesign.retention``).

Receivers run inside the caller's transaction, so an erasure is whole or not at all.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Erasure, Membership, Project

collect_personal_data = Signal()
erase_account = Signal()
retention_due = Signal()

FORMAT = "codesign-personal-data/1"


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def core_data(user) -> dict:
    """The profile and project memberships of an account."""
    return {
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "stakeholder_role": user.stakeholder_role,
            "preferred_language": user.preferred_language,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "memberships": [
            {
                "project": membership.project.title,
                "project_id": membership.project_id,
                "role": membership.role,
                "added_at": _when(membership.added_at),
            }
            for membership in user.memberships.select_related("project")
        ],
    }


def personal_data(user) -> dict:
    """Everything Codesign holds about an account, from every layer, as JSON data."""
    data = {"format": FORMAT, "exported_at": _when(timezone.now())}
    data.update(core_data(user))
    for _receiver, part in collect_personal_data.send(sender=Project, user=user):
        data.update(part)
    return data


def sole_organiser_of(user) -> list[Project]:
    """The projects that would have no organiser left without this person."""
    organiser = Membership.Role.ORGANISER
    theirs = Membership.objects.filter(user=user, role=organiser).values("project")
    return list(
        Project.objects.filter(pk__in=theirs)
        .annotate(
            organisers=Count("memberships", filter=Q(memberships__role=organiser))
        )
        .filter(organisers=1)
        .order_by("title")
    )


def delete_account(actor, password: str) -> Erasure:
    """A person deletes their own account; what others rely on stays, anonymised."""
    if not actor.check_password(password):
        raise ValidationError(_("That is not your password."), code="password")
    blocking = sole_organiser_of(actor)
    if blocking:
        raise ValidationError(
            _(
                "You are the last organiser of %(projects)s. Make someone else "
                "organiser there first, then delete your account."
            )
            % {"projects": ", ".join(f"“{p.title}”" for p in blocking)},
            code="last_organiser",
        )
    with transaction.atomic():
        replies = erase_account.send(sender=Project, user=actor)
        count = sum(changed for _receiver, changed in replies)
        count += actor.memberships.count() + 1
        erasure = Erasure.objects.create(
            kind=Erasure.Kind.ACCOUNT,
            subject=f"account {actor.pk}",
            count=count,
            reason=Erasure.Reason.REQUEST,
        )
        get_user_model().objects.filter(pk=actor.pk).delete()
    return erasure
