"""The privacy and accessibility statements, generated from settings (issue 14)."""

import re
from pathlib import Path

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .retention import default_periods

# The accessibility audit, when someone has written it; the statement summarises it.
AUDIT = Path(settings.BASE_DIR) / "docs" / "accessibility.md"
CRITERION = re.compile(r"[1-4]\.\d{1,2}\.\d{1,2}\b")


def _cells(line: str) -> list[str]:
    return [
        " ".join(cell.replace("`", "").replace("*", "").split())
        for cell in line.strip().strip("|").split("|")
    ]


def read_audit(audit: str) -> dict:
    """The audit's date, how many criteria have each status, and the failing ones.

    The audit lists one criterion per table row: criterion, level, status, notes
    (docs/accessibility.md).
    """
    date = re.search(r"Audit date: \**(\d{4}-\d{2}-\d{2})", audit)
    statuses, failing = {}, []
    for line in audit.splitlines():
        cells = _cells(line) if line.lstrip().startswith("|") else []
        if len(cells) < 4 or not CRITERION.match(cells[0]):
            continue
        criterion, level, status, notes = cells[:4]
        statuses[status] = statuses.get(status, 0) + 1
        if status.lower().startswith("fail"):
            failing.append({"criterion": criterion, "level": level, "notes": notes})
    return {
        "date": date and date.group(1),
        "passes": statuses.get("passes", 0),
        "not_applicable": statuses.get("not applicable", 0),
        "failing": failing,
    }


def _organisation() -> dict:
    return {
        "organisation": settings.ORGANISATION_NAME,
        "contact": settings.PRIVACY_CONTACT_EMAIL,
    }


@require_GET
def privacy(request):
    context = {**_organisation(), **default_periods()}
    return render(request, "codesign/privacy.html", context)


@require_GET
def accessibility(request):
    audit = read_audit(AUDIT.read_text()) if AUDIT.exists() else None
    context = {**_organisation(), "audit": audit}
    return render(request, "codesign/accessibility.html", context)
