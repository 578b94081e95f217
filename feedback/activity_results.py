"""The results of polls, scales and rankings, overall and by stakeholder role.

A poll counts each option, a scale shows how many chose each value and the median,
a ranking orders its items by Borda count (an item in place 1 of n earns n - 1
points, the last none) with each item's mean position. Outside the project team
(``exact`` false) a group's results are shown only when 5 or more people answered,
and results by role only when no role has 1 to 4 answers: otherwise the overall
results minus the shown roles would give a small group's answers away (DESIGN §6,
``visibility.suppress_small``). An anonymous-only activity has no results by role.
"""

import statistics
from collections import Counter, defaultdict

from codesign.models import StakeholderRole

from . import visibility
from .models import Activity, Answer, Board

ROW_HEIGHT = 16


def _bars(rows: list[dict], key: str) -> list[dict]:
    """Each row with its bar for the chart: length (0 to 100, of the largest) and place."""
    top = max((row[key] for row in rows), default=0) or 1
    return [
        dict(row, bar=round(100 * row[key] / top), y=n * ROW_HEIGHT)
        for n, row in enumerate(rows)
    ]


def _poll(activity: Activity, choices: list[list]) -> dict:
    counts = Counter(option for choice in choices for option in choice)
    rows = [
        {"label": option.label, "count": counts[option.pk]}
        for option in activity.options.all()
    ]
    return {"rows": _bars(rows, "count")}


def _scale(activity: Activity, choices: list[list]) -> dict:
    values = [choice[0] for choice in choices]
    counts = Counter(values)
    rows = [
        {
            "label": f"{shown['value']} {shown['face']} {shown['label']}".strip(),
            "count": counts[shown["value"]],
        }
        for shown in activity.value_labels()
    ]
    median = statistics.median(values) if values else None
    return {"rows": _bars(rows, "count"), "median": median}


def _ranking(activity: Activity, choices: list[list]) -> dict:
    options = list(activity.options.all())
    places: dict[int, list[int]] = defaultdict(list)
    for choice in choices:
        for place, option in enumerate(choice, start=1):
            places[option].append(place)
    rows = [
        {
            "label": option.label,
            "points": sum(len(options) - place for place in places[option.pk]),
            "mean": round(statistics.mean(places[option.pk]), 2)
            if places[option.pk]
            else None,
        }
        for option in options
    ]
    rows.sort(key=lambda row: -row["points"])
    return {"rows": _bars(rows, "points")}


TALLIES = {"poll": _poll, "scale": _scale, "ranking": _ranking}


def tally(activity: Activity, choices: list[list]) -> dict:
    """One group's answers summed up: rows for the chart and table, and the count."""
    summed = TALLIES[activity.kind](activity, choices)
    return {
        "answers": len(choices),
        "height": len(summed["rows"]) * ROW_HEIGHT,
        **summed,
    }


def activity_results(activity: Activity, answers: list, exact: bool) -> dict:
    """Overall and per-role results of ``answers`` [(choice, role)], as shown."""
    by_role: dict[str, list] = defaultdict(list)
    for choice, role in answers:
        by_role[role].append(choice)
    small = any(len(group) < visibility.SMALL_COUNT for group in by_role.values())
    enough = exact or len(answers) >= visibility.SMALL_COUNT
    by_role_shown = not activity.anonymous and (exact or not small)
    labels = dict(StakeholderRole.choices)
    roles = [
        {"role": role, "label": str(labels[role]), **tally(activity, by_role[role])}
        for role in labels
        if by_role_shown and by_role.get(role)
    ]
    return {
        "answers": visibility.shown_count(len(answers), exact),
        "overall": tally(activity, [c for c, _ in answers]) if enough else None,
        "roles": roles,
        "roles_hidden": bool(answers) and not activity.anonymous and not by_role_shown,
    }


CHART_KEYS = ("bar", "y", "height")


def _plain(group: dict | None) -> dict | None:
    """A group's results without the chart's geometry, for a copy kept in the log."""
    if group is None:
        return None
    rows = [
        {k: v for k, v in row.items() if k not in CHART_KEYS} for row in group["rows"]
    ]
    return {
        **{k: v for k, v in group.items() if k not in CHART_KEYS},
        "rows": rows,
    }


def cited_results(activities) -> dict[int, dict]:
    """{activity id: results as people outside the team see them}, to cite in the log."""
    answers = answers_of(activities)
    found = {}
    for activity in activities:
        shown = activity_results(activity, answers.get(activity.pk, []), exact=False)
        found[activity.pk] = {
            "kind": activity.kind,
            "answers": shown["answers"],
            "overall": _plain(shown["overall"]),
            "roles": [_plain(group) for group in shown["roles"]],
        }
    return found


def answers_of(activities) -> dict[int, list]:
    """{activity id: [(choice, role)]} for the activities, in one query."""
    rows = Answer.objects.filter(activity__in=activities).values_list(
        "activity_id", "choice", "participant__role"
    )
    found: dict[int, list] = defaultdict(list)
    for activity_id, choice, role in rows:
        found[activity_id].append((choice, role))
    return found


def board_activity_results(board: Board, exact: bool) -> list[dict]:
    """Every revealed activity of the board with its results; sealed ones stay out,
    for the team too: before the reveal only staff know how many answered."""
    activities = list(
        board.activities.filter(revealed=True).prefetch_related("options")
    )
    answers = answers_of(activities)
    return [
        {"activity": a, **activity_results(a, answers.get(a.pk, []), exact)}
        for a in activities
    ]


def activities_state(board: Board, viewer: visibility.Viewer) -> list[dict]:
    """The board's activities as the viewer may see them, in a fixed number of queries."""
    activities = list(board.activities.prefetch_related("options"))
    answers = answers_of(activities)
    mine = {}
    if viewer.participant_id is not None:
        mine = dict(
            Answer.objects.filter(
                activity__board=board, participant_id=viewer.participant_id
            ).values_list("activity_id", "choice")
        )
    views = []
    for activity in activities:
        mine_now = mine.get(activity.pk)
        given = answers.get(activity.pk, [])
        results = None
        if activity.revealed:
            results = activity_results(activity, given, viewer.staff)
        view = visibility.activity_view(
            activity.as_data(), viewer, mine_now, len(given), results
        )
        views.append(dict(view, order=ranked(view["options"], mine_now)))
    return views


def ranked(options: list[dict], mine) -> list[dict]:
    """The options in the order the participant gave them, or as the facilitator did."""
    if not mine:
        return options
    place = {option: n for n, option in enumerate(mine)}
    return sorted(options, key=lambda option: place.get(option["id"], len(place)))
