"""The log's part of a person's data: entries they recorded and notices (issue 14).

Connected to ``codesign.personal_data``'s signals in ``LogConfig.ready``. Log entries
are the project's record, so they stay when their author's account goes; only the
name changes.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import CitationNotice, LogEntry


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def collect_log(sender, user, **kwargs) -> dict:
    """The entries the account recorded and the notices about its cited cards."""
    entries = LogEntry.objects.filter(author=user).select_related("iteration__project")
    notices = CitationNotice.objects.filter(participant__user=user).select_related(
        "entry"
    )
    return {
        "log_entries": [
            {
                "project": entry.iteration.project.title,
                "iteration": entry.iteration.number,
                "kind": entry.kind,
                "title": entry.title,
                "text": entry.body,
                "recorded_as": entry.author_name,
                "recorded_at": _when(entry.created_at),
            }
            for entry in entries
        ],
        "notices": [
            {
                "entry": notice.entry.title if notice.entry else "",
                "card": notice.card_text,
                "not_taken_up_because": notice.reason,
                "created_at": _when(notice.created_at),
                "emailed_at": _when(notice.emailed_at),
                "seen_at": _when(notice.seen_at),
            }
            for notice in notices
        ],
    }


def former_member_name() -> str:
    """What the log says of an author whose account is gone, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_("former team member"))


def anonymise_log(sender, user, **kwargs) -> int:
    """An account goes: its entries stay, recorded by "former team member"."""
    return LogEntry.objects.filter(author=user).update(
        author_name=former_member_name(), author=None
    )
