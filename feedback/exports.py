"""A board's cards as CSV and JSON: open formats for reports (issue 6).

Names of authors are left out unless an organiser asks for them; votes are exact,
since only organisers and facilitators may export.
"""

import csv
import io

from codesign.models import StakeholderRole
from codesign.spreadsheet import spreadsheet_safe

from .models import Board, Card
from .results import votes_by_role

ROLES = list(StakeholderRole.values)


def export_rows(board: Board, names: bool = False) -> list[dict]:
    """One dict per card, in the board's order, with its votes by role."""
    counts = votes_by_role(board)
    cards = Card.objects.filter(board=board).select_related(
        "participant", "column", "theme"
    )
    rows = []
    for card in cards.order_by("column__position", "created_at", "id"):
        counter = counts.get(card.pk, {})
        row = {
            "id": card.pk,
            "column": card.column.title,
            "theme": card.theme.name if card.theme else "",
            "text": card.text,
            "emotion": card.emotion,
            "author_role": card.participant.role,
            "entered_by_facilitator": card.entered_by_id is not None,
            # Every round's votes: a card's own count holds only the current round.
            "votes": sum(counter.values()),
            "votes_by_role": {role: counter.get(role, 0) for role in ROLES},
            "hidden": card.hidden,
            "created_at": card.created_at.isoformat(),
        }
        if names:
            row["author_name"] = card.participant.display_name
        rows.append(row)
    return rows


def export_json(board: Board, names: bool = False) -> dict:
    return {
        "board": {
            "id": board.pk,
            "prompt": board.prompt,
            "state": board.state,
            "created_at": board.created_at.isoformat(),
        },
        "roles": ROLES,
        "cards": export_rows(board, names),
    }


def export_csv(board: Board, names: bool = False) -> str:
    """The cards as CSV: one column per role for the votes by role."""
    out = io.StringIO()
    header = ["id", "column", "theme", "text", "emotion", "author_role"]
    header += ["author_name"] if names else []
    header += ["entered_by_facilitator", "votes"]
    header += [f"votes_{role}" for role in ROLES] + ["hidden", "created_at"]
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    for row in export_rows(board, names):
        by_role = row.pop("votes_by_role")
        text_cells = {
            key: spreadsheet_safe(row[key] or "")
            for key in ("column", "theme", "text", "author_name")
            if key in row
        }
        writer.writerow(
            row | text_cells | {f"votes_{role}": by_role[role] for role in ROLES}
        )
    return out.getvalue()
