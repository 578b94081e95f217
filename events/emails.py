"""E-mails to people who register or are invited, in their own language.

Every e-mail about a registration carries its cancellation link, so nobody needs
to log in to give a place back.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from codesign.links import site_url
from codesign.mail import send_safely
from codesign.text import strip_controls

from . import ical
from .models import Invitation, Registration, Session


def _send(
    to: str, language: str, subject: str, context: dict, ics: bytes | None = None
) -> bool:
    """Send one message; whether it went out (a failure is logged, never raised)."""
    with translation.override(language):
        context = {"site_url": site_url(), **context}
        text = render_to_string("events/email/message.txt", context)
        html = render_to_string("events/email/message.html", context)
        message = EmailMultiAlternatives(
            subject=f"[Codesign] {strip_controls(subject)}", body=text, to=[to]
        )
        message.attach_alternative(html, "text/html")
        if ics is not None:
            message.attach("workshop.ics", ics, "text/calendar; charset=utf-8")
        return send_safely(message)


def _about_registration(
    registration: Registration,
    subject: str,
    paragraphs: list[str],
    action: tuple[str, str] | None = None,
    calendar: bool = True,
) -> bool:
    """Send one message about a registration, with the workshop's details and links."""
    workshop = registration.workshop
    sessions = list(workshop.sessions.select_related("workshop"))
    with translation.override(registration.language):
        context = {
            "subject": subject,
            "greeting": _("Hello %(name)s,") % {"name": registration.name},
            "paragraphs": paragraphs,
            "workshop": workshop,
            "sessions": sessions,
            "registration": registration,
            "action_url": action[0] if action else "",
            "action_label": action[1] if action else "",
            "manage_url": registration.manage_url(),
            "cancel_url": registration.cancel_url()
            if registration.status != "cancelled"
            else "",
        }
        ics = (
            ical.build_calendar(sessions, workshop.title)
            if calendar and sessions
            else None
        )
        return _send(registration.email, registration.language, subject, context, ics)


def send_confirmation_request(registration: Registration):
    with translation.override(registration.language):
        url = site_url() + reverse(
            "events:registration_confirm", args=[registration.confirm_token]
        )
        _about_registration(
            registration,
            _("Please confirm your registration for %(title)s")
            % {"title": registration.workshop.title},
            [
                _("Thank you for registering. Please confirm with the button below."),
                _(
                    "The link works for 48 hours. Until you confirm, no place is kept for you."
                ),
            ],
            action=(url, _("Confirm my registration")),
            calendar=False,
        )


def send_already_registered(registration: Registration):
    """Someone registered this address again: tell its owner, with their own link.

    The registration page answers as if the address were new, so only the owner
    of the address learns that it was registered already.
    """
    with translation.override(registration.language):
        paragraphs = [
            _(
                "Someone, perhaps you, tried to register this e-mail address for this "
                "workshop again. You were already registered, so nothing has changed."
            )
        ]
        action = None
        if registration.status == Registration.Status.PENDING:
            paragraphs.append(
                _("You have not confirmed yet. Please confirm with the button below.")
            )
            url = site_url() + reverse(
                "events:registration_confirm", args=[registration.confirm_token]
            )
            action = (url, _("Confirm my registration"))
        else:
            paragraphs.append(
                _("Use the link below to see or cancel your registration.")
            )
        _about_registration(
            registration,
            _("You are already registered for %(title)s")
            % {"title": registration.workshop.title},
            paragraphs,
            action=action,
            calendar=False,
        )


def send_placed(registration: Registration):
    """Tell someone they have a place, or where they are on the waiting list."""
    from .places import waitlist_position

    title = registration.workshop.title
    with translation.override(registration.language):
        if registration.status == Registration.Status.CONFIRMED:
            subject = _("You are registered for %(title)s") % {"title": title}
            paragraphs = [
                _(
                    "Your place is confirmed. The sessions are attached for your calendar."
                )
            ]
        else:
            subject = _("You are on the waiting list for %(title)s") % {"title": title}
            paragraphs = [
                _("The workshop, or the places for your role, are full."),
                _(
                    "You are number %(position)s on the waiting list. We e-mail you as soon as "
                    "a place becomes free."
                )
                % {"position": waitlist_position(registration)},
            ]
        _about_registration(registration, subject, paragraphs)


def send_promotion(registration: Registration):
    with translation.override(registration.language):
        _about_registration(
            registration,
            _("A place is free: you are registered for %(title)s")
            % {"title": registration.workshop.title},
            [
                _(
                    "Someone cancelled, so you now have a place. The sessions are attached."
                )
            ],
        )


@dataclass(frozen=True)
class Difference:
    """One changed detail: its label, the old value and the new one."""

    label: str
    old: object
    new: object


def _shown(value) -> str:
    """A changed value as the reader sees it: times in the site's zone, nothing as such."""
    if isinstance(value, datetime):
        return dateformat.format(timezone.localtime(value), "l j F Y, H:i T")
    return str(value) if value else _("(none)")


def change_lines(differences) -> list[str]:
    """ "Place: old → new", one line per difference, in the active language."""
    return [
        f"{capfirst(str(d.label))}: {_shown(d.old)} → {_shown(d.new)}"
        for d in differences
    ]


def send_change_notice(
    registration: Registration, session: Session | None, differences=()
):
    """Tell a registrant what the organisers changed, old → new, with the new calendar."""
    with translation.override(registration.language):
        if session is None:
            what = _("The organisers changed this workshop:")
        else:
            what = _("The organisers changed the session “%(session)s”:") % {
                "session": session.summary
            }
        _about_registration(
            registration,
            _("Changed: %(title)s") % {"title": registration.workshop.title},
            [
                what,
                *change_lines(differences),
                _("The attached calendar file has the new details."),
            ],
        )


def send_cancellation_notice(registration: Registration, session: Session | None):
    workshop = registration.workshop
    with translation.override(registration.language):
        if session is None:
            subject = _("Cancelled: %(title)s") % {"title": workshop.title}
            paragraphs = [
                _("We are sorry: the organisers have cancelled this workshop.")
            ]
        else:
            subject = _("A session of %(title)s is cancelled") % {
                "title": workshop.title
            }
            paragraphs = [
                _(
                    "We are sorry: the organisers have cancelled the session “%(session)s”."
                )
                % {"session": session.summary}
            ]
        _about_registration(registration, subject, paragraphs)


def send_cancelled(registration: Registration):
    with translation.override(registration.language):
        _about_registration(
            registration,
            _("Your registration for %(title)s is cancelled")
            % {"title": registration.workshop.title},
            [_("You have cancelled your registration. Thank you for letting us know.")],
            calendar=False,
        )


def send_reminder(registration: Registration, session: Session) -> bool:
    """The day-before reminder; whether it went out."""
    with translation.override(registration.language):
        return _about_registration(
            registration,
            _("Reminder: %(title)s starts soon") % {"title": session.summary},
            [
                _(
                    "This is a reminder that the session “%(session)s” starts within a day."
                )
                % {"session": session.summary}
            ],
        )


def send_invitation(invitation: Invitation, language: str):
    workshop = invitation.workshop
    with translation.override(language):
        subject = _("You are invited to %(title)s") % {"title": workshop.title}
        context = {
            "subject": subject,
            "greeting": _("Hello,"),
            "paragraphs": [
                _("You are invited to take part in this co-design workshop."),
                _(
                    "Use the button to register or to let us know you cannot come. "
                    "The link is personal: please do not share it."
                ),
            ],
            "workshop": workshop,
            "sessions": list(workshop.sessions.select_related("workshop")),
            "action_url": invitation.url(),
            "action_label": _("Register or decline"),
        }
        _send(invitation.email, language, subject, context)
