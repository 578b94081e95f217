"""Counts by stakeholder role as the GRIPP2 report writes them."""

from django.db.models import Count
from django.utils.translation import gettext as _

from feedback import visibility

from ..queries import role_counts

# Who may read the report: the team (exports need a role that runs the cycle).
EXACT = True


def counts_text(rows, exact: bool = EXACT) -> str:
    """Counts per stakeholder role as a sentence part, suppressed outside the team."""
    counts, _total = visibility.suppress_small(dict(role_counts(rows)), exact)
    if not counts:
        return _("none recorded")
    return ", ".join(f"{label} {n}" for label, n in counts.items())


def by_role(queryset):
    """(role, count) rows of a queryset of things that have a stakeholder role."""
    return queryset.values_list("role").annotate(n=Count("id"))
