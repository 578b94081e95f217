"""Sending e-mail after a change has been saved, without failing the person's request.

Mail goes out in ``transaction.on_commit``: by then the registration or the notice
is saved, so a mail server that is down must not turn the answer into a 500. A
failure is logged with its traceback (the operator's report) and counted; callers
that keep a "sent" mark leave it unset, so the message can be sent again later.
"""

import logging

from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)

_failures = 0


def send_safely(message: EmailMessage) -> bool:
    """Send ``message``; whether it went out. A failure is logged, never raised."""
    global _failures
    try:
        message.send()
    except Exception:
        _failures += 1
        logger.exception("Could not send e-mail %r to %s", message.subject, message.to)
        return False
    return True


def failure_count() -> int:
    """How many messages this process could not send since it started."""
    return _failures
