"""Automated accessibility checks for browser tests (DESIGN §9), with axe-core.

Usage in a browser test: ``assert axe_violations(page) == []``.
"""

from axe_playwright_python.sync_playwright import Axe

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def axe_violations(page, tags=WCAG_AA) -> list[str]:
    """The WCAG 2.2 AA rules the page breaks, as "rule-id: first offending element"."""
    options = {
        "runOnly": {"type": "tag", "values": tags},
        "resultTypes": ["violations"],
    }
    results = _axe.run(page, options=options)
    return [
        f"{violation['id']}: {violation['nodes'][0]['html'][:120]}"
        for violation in results.response["violations"]
    ]
