"""E-mails of the co-design core: invitations to join a project's team."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .links import site_url
from .mail import send_safely
from .models import ProjectInvitation
from .text import strip_controls


def send_team_invitation(invitation: ProjectInvitation, language: str) -> bool:
    """Invite someone to the team, in ``language``; whether the mail went out."""
    inviter = invitation.invited_by
    contact = inviter.email if inviter else settings.DEFAULT_FROM_EMAIL
    with translation.override(language):
        context = {
            "invitation": invitation,
            "project": invitation.project,
            "inviter": inviter.public_name if inviter else _("An organiser"),
            "contact": contact,
            "url": site_url() + invitation.get_absolute_url(),
            "site_url": site_url(),
        }
        subject = _("Join the team of %(project)s") % {
            "project": invitation.project.title
        }
        message = EmailMessage(
            strip_controls(f"[Codesign] {subject}"),
            render_to_string("codesign/email/team_invitation.txt", context),
            to=[invitation.email],
            reply_to=[contact] if inviter else None,
        )
    return send_safely(message)
