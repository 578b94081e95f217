"""Reads of the iteration log that several pages share, each in a fixed number of queries."""

from collections import defaultdict
from datetime import UTC, datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from codesign.access import RUNS_CYCLE
from codesign.ids import parse_id
from codesign.models import Iteration, Project, StakeholderRole
from codesign.text import strip_controls
from events.attendance import attendance_by_iteration
from events.models import Registration, Session
from feedback import visibility
from feedback.access import guest_key_from_cookies
from feedback.models import Activity, Board, Card, Participant, Theme

from .forms import LogFilterForm
from .models import (
    ANSWERING_KINDS,
    DID_KINDS,
    CardOutcome,
    CitationNotice,
    EntryKind,
    Evidence,
    LogEntry,
)

PICKER_LIMIT = 50
# Before the first publication nothing is on the page: nothing was saved before this.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def role_counts(rows) -> list[tuple[str, int]]:
    """(role label, count) pairs in the fixed role order, from (role, count) rows."""
    counts = dict(rows)
    return [
        (label, counts[value])
        for value, label in StakeholderRole.choices
        if counts.get(value)
    ]


def cycle_iterations(project: Project, iterations: list[Iteration]) -> list[Iteration]:
    """The project's iterations with counts for the timeline added, in six queries."""
    sessions = dict(
        Session.objects.filter(workshop__project=project)
        .values_list("workshop__iteration")
        .annotate(n=Count("id"))
    )
    cards = dict(
        project_cards(project).values_list("board__iteration").annotate(n=Count("id"))
    )
    roles = defaultdict(list)
    for it, role, n in (
        Participant.objects.filter(board__project=project)
        .values_list("board__iteration", "role")
        .annotate(n=Count("id"))
    ):
        roles[it].append((role, n))
    attended = attendance_by_iteration(project)
    entries = defaultdict(int)
    for it, kind, n in (
        LogEntry.objects.current()
        .filter(iteration__project=project, kind__in=DID_KINDS)
        .values_list("iteration", "kind")
        .annotate(n=Count("id"))
    ):
        entries[(it, kind)] = n
    for iteration in iterations:
        iteration.session_count = sessions.get(iteration.pk, 0)
        iteration.card_count = cards.get(iteration.pk, 0)
        iteration.participants_by_role = role_counts(roles[iteration.pk])
        iteration.attendees_by_role = role_counts(attended.get(iteration.pk, []))
        iteration.decision_count = entries[(iteration.pk, EntryKind.DECISION)]
        iteration.change_count = entries[(iteration.pk, EntryKind.CHANGE)]
    return iterations


def log_context(params, project: Project, iteration: Iteration) -> dict:
    """What the iteration page shows of its log, filtered by the GET form."""
    filters = LogFilterForm(params or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    return {
        "filters": filters,
        "entries": iteration_log(iteration, **chosen),
        "can_export": project.membership.role in RUNS_CYCLE,
    }


def iteration_log(iteration: Iteration, *, kind: str = "", role: str = ""):
    """The iteration's log, oldest first, history included, filtered as asked."""
    entries = iteration.log_entries.with_evidence()
    if kind in EntryKind.values:
        entries = entries.filter(kind=kind)
    if role in StakeholderRole.values:
        entries = entries.citing_role(role)
    return entries.order_by("created_at", "id")


def project_cards(project: Project):
    """The project's cards that the log may offer, cite or show: citable ones only."""
    return visibility.citable(Card.objects.filter(board__project=project))


SEARCH_MAX = 200


def _matching(project: Project, params: dict):
    """The citable cards and the themes that match the picker's search and filters."""
    # A search is typed text: no control characters (PostgreSQL refuses NUL), and short.
    query = strip_controls(params.get("q") or "")[:SEARCH_MAX]
    cards = project_cards(project).select_related("participant", "board", "theme")
    themes = Theme.objects.filter(board__project=project).select_related("board")
    if query:
        cards = cards.filter(Q(text__icontains=query) | Q(theme__name__icontains=query))
        themes = themes.filter(name__icontains=query)
    if (board_id := parse_id(params.get("board"))) is not None:
        cards = cards.filter(board_id=board_id)
        themes = themes.filter(board_id=board_id)
    if (theme_id := parse_id(params.get("theme"))) is not None:
        cards = cards.filter(theme_id=theme_id)
        themes = themes.filter(pk=theme_id)
    if params.get("role") in StakeholderRole.values:
        cards = cards.filter(participant__role=params["role"])
    return cards, themes


def search_evidence(project: Project, params: dict, selected: dict) -> dict:
    """Cards, themes, sessions and revealed activities for the picker, chosen first."""
    cards, themes = _matching(project, params)
    chosen_cards = (
        project_cards(project)
        .filter(pk__in=selected["cards"])
        .select_related("participant", "board", "theme")
    )
    return {
        "chosen_cards": list(chosen_cards),
        "cards": list(
            cards.exclude(pk__in=selected["cards"]).order_by("-created_at")[
                :PICKER_LIMIT
            ]
        ),
        "chosen_themes": list(
            Theme.objects.filter(
                board__project=project, pk__in=selected["themes"]
            ).select_related("board")
        ),
        "themes": list(
            themes.exclude(pk__in=selected["themes"]).order_by(
                "board_id", "position", "id"
            )[:PICKER_LIMIT]
        ),
        "chosen_sessions": selected["sessions"],
        "chosen_activities": selected.get("activities", []),
        # Only revealed results may be evidence (``actions.find_evidence``).
        "activities": list(
            Activity.objects.filter(board__project=project, revealed=True)
            .select_related("board")
            .order_by("board_id", "position", "id")
        ),
        "sessions": list(
            Session.objects.filter(workshop__project=project)
            .select_related("workshop")
            .order_by("starts_at")
        ),
        "boards": list(project.boards.order_by("-created_at")),
        "all_themes": list(
            Theme.objects.filter(board__project=project).order_by("board_id", "id")
        ),
    }


def still_to_answer(iteration: Iteration):
    """Cards of the iteration's boards that nothing answers yet, in one query."""
    cited = Evidence.objects.filter(
        entry__kind__in=ANSWERING_KINDS, entry__superseded_by__isnull=True
    )
    return (
        visibility.citable(Card.objects.filter(board__iteration=iteration))
        .exclude(Exists(cited.filter(card=OuterRef("pk"))))
        .exclude(Exists(cited.filter(theme=OuterRef("theme"))))
        .exclude(Exists(CardOutcome.objects.filter(card=OuterRef("pk"))))
        .exclude(Exists(CardOutcome.objects.filter(theme=OuterRef("theme"))))
        .select_related("participant", "board", "theme")
        .order_by("board_id", "theme_id", "created_at", "id")
    )


def themes_to_answer(iteration: Iteration):
    """Themes of the iteration's boards that nothing cites or marks yet, in one query."""
    cited = Evidence.objects.filter(
        entry__kind__in=ANSWERING_KINDS, entry__superseded_by__isnull=True
    )
    return (
        Theme.objects.filter(board__iteration=iteration)
        .exclude(Exists(cited.filter(theme=OuterRef("pk"))))
        .exclude(Exists(CardOutcome.objects.filter(theme=OuterRef("pk"))))
        .select_related("board")
        .annotate(card_count=Count("cards", filter=Q(cards__in=_citable_cards())))
        .order_by("board_id", "position", "id")
    )


def _citable_cards():
    return visibility.citable(Card.objects.all()).values("pk")


def shown_size(count: int) -> dict:
    """A count as people outside the team may see it (``visibility.shown_count``)."""
    shown = visibility.shown_count(count, exact=False)
    return {"count": shown, "small": shown != count}


def you_said(project: Project, at, own_cards=frozenset()) -> dict:
    """What "you said, we did" shows as published at ``at``: insights, decisions and
    changes with the cards behind them, and what was not taken up.

    The page is for participants and the public, so it shows what anyone outside the
    team may see: nothing saved after the latest publication, no hidden or sealed
    card, not even a copy the log kept of it, and small counts suppressed.
    """
    evidence = Evidence.objects.filter(
        kind__in=[Evidence.Kind.CARD, Evidence.Kind.THEME]
    ).shown()
    entries = list(
        LogEntry.objects.published(at)
        .filter(iteration__project=project, kind__in=ANSWERING_KINDS)
        .select_related("iteration")
        .prefetch_related(Prefetch("evidence", queryset=evidence.order_by("id")))
        .order_by("iteration__number", "created_at", "id")
    )
    themes = [e.theme_id for entry in entries for e in entry.evidence.all()]
    theme_sizes = dict(
        visibility.citable(Card.objects.filter(theme__in=[t for t in themes if t]))
        .values_list("theme")
        .annotate(n=Count("id"))
    )
    for entry in entries:
        for item in entry.evidence.all():
            item.mine = item.card_id in own_cards
            item.size = shown_size(theme_sizes.get(item.theme_id, 0))
    roles = (
        Participant.objects.filter(board__project=project)
        .values_list("role")
        .annotate(n=Count("id"))
    )
    return {
        "entries": entries,
        "not_taken_up": list(
            CardOutcome.objects.filter(project=project, recorded_at__lte=at or EPOCH)
            .shown()
            .select_related("iteration")
        ),
        "roles": shown_roles(role_counts(roles)),
    }


def shown_roles(counts: list[tuple[str, int]]) -> list[tuple[str, object]]:
    """(label, count) pairs with counts of 1 to 4 suppressed (``suppress_small``)."""
    shown, _total = visibility.suppress_small(dict(counts), exact=False)
    return list(shown.items())


def has_unseen_citations(participant: Participant | None) -> bool:
    """Whether the team cited one of this person's cards since their last visit."""
    if participant is None:
        return False
    return CitationNotice.objects.filter(
        participant__in=_same_person(participant), seen_at=None
    ).exists()


def _same_person(participant: Participant):
    """The person's board identities: all boards of a user, or this guest's own."""
    if participant.user_id is not None:
        return participant.user.board_participations.values("pk")
    return [participant.pk]


def took_part(project: Project, user, cookies) -> list[Participant] | None:
    """The visitor's board identities in the project, or None if they never took part.

    A project member, a registered workshop participant, a signed-in board
    participant or a guest with a valid board cookie took part.
    """
    participants = []
    if user.is_authenticated:
        participants = list(
            Participant.objects.filter(board__project=project, user=user)
        )
    board_ids = [
        board_id
        for name in cookies
        if name.startswith("board_") and name.endswith("_guest")
        if (board_id := parse_id(name[len("board_") : -len("_guest")])) is not None
    ]
    keys = [
        key
        for board in Board.objects.filter(project=project, pk__in=board_ids)
        if (key := guest_key_from_cookies(board, cookies))
    ]
    if keys:
        participants += list(
            Participant.objects.filter(board__project=project, guest_key__in=keys)
        )
    if participants:
        return participants
    if user.is_authenticated and (
        project.memberships.filter(user=user).exists()
        or Registration.objects.filter(
            workshop__project=project,
            status=Registration.Status.CONFIRMED,
        )
        .filter(Q(user=user) | Q(email__iexact=user.email))
        .exists()
    ):
        return []
    return None
