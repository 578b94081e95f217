"""No viewer ever receives what they may not see now, on any path (issue 11).

A seeded generator drives a board through random commands from two guests, a
facilitator and the team: post, edit, delete, hide, unhide, silent brainstorm, hidden
votes, votes, support requests, reveal, themes, scribe cards and log entries citing
cards. For each viewer (the facilitator, each guest, the projector, a team member
and the public) it collects what that viewer receives on every path — each live
frame as the hub would pick it, a replay from every earlier seq, a snapshot, the
board page, the projector, the control view, the activities part those pages fetch
alone, results, exports, the log's pages and the public "you said, we did" — and
checks it against the rule written out here independently of
``feedback.visibility``: no text, author name, hide reason or support message the
viewer may not see now, and every card text they may see.
"""

import json
import random
import string
from dataclasses import dataclass, field

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.test import Client
from django.urls import reverse

from codesign.log import actions as log_actions
from codesign.models import StakeholderRole
from feedback import actions, activities, facilitation, hub, snapshot, visibility
from feedback.access import board_for
from feedback.fanout import group_name
from feedback.models import (
    Activity,
    Answer,
    BoardEvent,
    Card,
    ModerationAction,
    SupportRequest,
)

from .conftest import Guest, make_board

SEQUENCES = 200
STEPS = 14
STAFF, AUTHOR_A, AUTHOR_B, PROJECTOR, TEAM, PUBLIC = (
    "staff",
    "guest_a",
    "guest_b",
    "projector",
    "team",
    "public",
)


@dataclass
class World:
    """A board under test, its people and every word written on it."""

    board: object
    staff: object
    team: object
    guests: dict
    names: dict
    rng: random.Random
    words: set = field(default_factory=set)
    reasons: dict = field(default_factory=dict)  # reason -> card id
    support: dict = field(default_factory=dict)  # message -> participant id
    frames: dict = field(default_factory=dict)  # viewer -> [(text, allowed)]

    def token(self, kind: str) -> str:
        # Letters only: digits could look like a phone or BSN to the privacy nudge.
        word = kind + "".join(self.rng.choices(string.ascii_lowercase, k=12))
        self.words.add(word)
        return word


def viewer_of(world: World, who: str) -> visibility.Viewer:
    if who == STAFF:
        return visibility.Viewer(staff=True)
    if who in world.guests:
        return visibility.Viewer(participant_id=world.guests[who].participant.pk)
    return visibility.Viewer()


def allowed(world: World, who: str) -> tuple[set, set]:
    """(words the viewer may receive, card texts they must find), by the rule."""
    me = world.guests[who].participant.pk if who in world.guests else None
    may, must = set(), set()
    for card in Card.objects.filter(board=world.board).select_related("participant"):
        own = me is not None and card.participant_id == me
        if who == STAFF or own or not (card.hidden or card.sealed):
            may.add(card.text)
            must.add(card.text)
            may.add(card.participant.display_name)
        if card.hidden and (who == STAFF or own):
            may.add(card.hidden_reason)
    if who == STAFF:
        # The moderation record keeps, for staff, the text a card had when hidden.
        hidden_texts = ModerationAction.objects.filter(board=world.board)
        may |= set(hidden_texts.values_list("card_text", flat=True))
        may |= set(world.reasons) | set(world.names.values())
    for message, asker in world.support.items():
        if who == STAFF or asker == me:
            may.add(message)
    if me is not None:
        may.add(world.guests[who].participant.display_name)
    return may, must


def forbidden_in(world: World, who: str, text: str, may: set) -> list[str]:
    return sorted(word for word in world.words - may if word in text)


# Commands ----------------------------------------------------------------------------


def cards_of(world: World, who=None) -> list[Card]:
    cards = Card.objects.filter(board=world.board).order_by("pk")
    if who is not None:
        cards = cards.filter(participant=world.guests[who].participant)
    return list(cards)


def post(world):
    who = world.rng.choice([AUTHOR_A, AUTHOR_B])
    columns = list(world.board.columns.values_list("pk", flat=True))
    actions.post_card(
        world.guests[who].access, world.rng.choice(columns), world.token("card")
    )


def edit(world):
    who = world.rng.choice([AUTHOR_A, AUTHOR_B])
    mine = cards_of(world, who)
    if mine:
        card = world.rng.choice(mine)
        actions.edit_card(world.guests[who].access, card.pk, world.token("edit"))


def delete(world):
    who = world.rng.choice([AUTHOR_A, AUTHOR_B])
    mine = cards_of(world, who)
    if mine:
        actions.delete_card(world.guests[who].access, world.rng.choice(mine).pk)


def hide(world):
    cards = cards_of(world)
    if cards:
        card = world.rng.choice(cards)
        reason = world.token("reason")
        world.reasons[reason] = card.pk
        facilitation.hide_card(world.staff, card.pk, reason)


def unhide(world):
    hidden = [card for card in cards_of(world) if card.hidden]
    if hidden:
        facilitation.unhide_card(world.staff, world.rng.choice(hidden).pk)


def silent(world):
    board = world.board
    board.refresh_from_db()
    facilitation.set_mode(world.staff, True, board.votes_hidden)


def votes_hidden(world):
    board = world.board
    board.refresh_from_db()
    facilitation.set_mode(world.staff, board.silent, True)


def vote(world):
    world.board.refresh_from_db()
    if not world.board.voting_open:
        facilitation.start_round(world.staff, 5, True)
    who = world.rng.choice([AUTHOR_A, AUTHOR_B])
    votable = [card for card in cards_of(world) if visibility.may_vote_on(card)]
    if votable:
        actions.add_vote(world.guests[who].access, world.rng.choice(votable).pk)


def support(world):
    who = world.rng.choice([AUTHOR_A, AUTHOR_B])
    message = world.token("help")
    world.support[message] = world.guests[who].participant.pk
    facilitation.request_support(world.guests[who].access, message)


def reveal(world):
    facilitation.reveal_board(world.staff)


def theme(world):
    cards = cards_of(world)
    # Theme names are the facilitator's words for everyone: not tracked.
    ack = facilitation.create_theme(world.staff, f"Theme {world.rng.randrange(99)}")
    if cards:
        card = world.rng.choice(cards)
        facilitation.assign_theme(world.staff, card.pk, ack.result["theme"])


def scribe(world):
    columns = list(world.board.columns.values_list("pk", flat=True))
    facilitation.scribe_card(
        world.staff, world.rng.choice(columns), world.token("scribe"), "clinician"
    )


def cite(world):
    citable = [card for card in cards_of(world) if visibility.may_vote_on(card)]
    if citable:
        card = world.rng.choice(citable)
        log_actions.record_entry(
            world.team,
            world.board.project.current_iteration(),
            cards=[card.pk],
            kind="decision",
            title="Decision",
            body="",
        )


def poll(world):
    # Questions and options are the facilitator's words for everyone: not tracked;
    # what is sealed is who answered what, and the counts (``sealed_leaks``).
    kind = world.rng.choice(["poll", "scale", "ranking"])
    ack = activities.add_activity(
        world.staff, kind, f"Question {kind}", ["Yes", "No", "Maybe"], scale="faces"
    )
    activities.open_activity(world.staff, ack.result["activity"])


def answer(world):
    open_now = list(Activity.objects.filter(board=world.board, state="open"))
    if open_now:
        activity = open_now[0]
        options = [option.pk for option in activity.options.all()]
        choice = {"poll": options[:1], "scale": [3], "ranking": options[::-1]}
        guest = world.guests[world.rng.choice([AUTHOR_A, AUTHOR_B])]
        activities.answer_activity(guest.access, activity.pk, choice[activity.kind])


def reveal_poll(world):
    activity = Activity.objects.filter(board=world.board, revealed=False).first()
    if activity is not None:
        activities.reveal_activity(world.staff, activity.pk)


COMMANDS = [
    post,
    post,
    post,
    edit,
    delete,
    hide,
    unhide,
    silent,
    votes_hidden,
    vote,
    support,
    reveal,
    theme,
    scribe,
    cite,
    poll,
    answer,
    answer,
    reveal_poll,
]


# Paths -------------------------------------------------------------------------------


class Subscriber:
    """What the hub reads of a socket, to pick each frame's variant as it does."""

    def __init__(self, viewer):
        self.viewer = viewer


def json_dicts(value):
    """Every dict inside a decoded JSON value."""
    if isinstance(value, dict):
        yield value
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from json_dicts(item)


def sealed_leaks(world: World, who: str, text: str) -> list[str]:
    """What the viewer received of sealed answers: results of an activity not
    revealed now, someone else's answer, or (outside staff) how many answered."""
    if who == STAFF:
        return []
    revealed = set(
        Activity.objects.filter(board=world.board, revealed=True).values_list(
            "pk", flat=True
        )
    )
    me = world.guests[who].participant.pk if who in world.guests else None
    mine = {
        a: c
        for a, c in Answer.objects.filter(participant_id=me).values_list(
            "activity_id", "choice"
        )
    }
    try:
        decoded = json.loads(text)
    except ValueError:  # a page: a result section only for what is revealed now
        sealed = Activity.objects.filter(board=world.board, revealed=False)
        return [f"result {a.pk}" for a in sealed if f"activity-result-{a.pk}" in text]
    leaks = []
    for found in json_dicts(decoded):
        if found.get("name") == "activity.answered":
            data = found["data"]
            if set(data) != {"id", "mine"} or data["id"] not in mine:
                leaks.append(f"answer {data}")
        if found.get("results") and found.get("id") not in revealed:
            leaks.append(f"results of {found.get('id')}")
        if "kind" in found and "answers" in found:
            leaks.append(f"count of {found.get('id')}")
    return leaks


def live_frames(world: World, events: list[dict]) -> None:
    """Each published event as the hub would write it to each viewer, checked now."""
    for event in events:
        audiences = None
        if event.get("own") is not None or event.get("other") is not None:
            audiences = hub.Audiences(
                event.get("own"), event.get("other"), event.get("owner")
            )
        for who in (STAFF, AUTHOR_A, AUTHOR_B, PROJECTOR, TEAM):
            pick = hub.audience_of(Subscriber(viewer_of(world, who)), audiences)
            text = event["text"] if pick == "full" else getattr(audiences, pick)
            may, _must = allowed(world, who)
            leaked = forbidden_in(world, who, text, may)
            assert not leaked, (who, "live frame", leaked, text)
            sealed = sealed_leaks(world, who, text)
            assert not sealed, (who, "live frame", sealed, text)


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code < 500, (path, response.status_code)
    if response.status_code != 200:
        return ""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def clients(world: World, organiser, team_member) -> dict:
    staff, team = Client(), Client()
    staff.force_login(organiser)
    team.force_login(team_member)
    return {
        STAFF: staff,
        AUTHOR_A: world.guests[AUTHOR_A].client(),
        AUTHOR_B: world.guests[AUTHOR_B].client(),
        TEAM: team,
        PROJECTOR: staff,  # whoever opens the projector, it shows the wall's view
        PUBLIC: Client(),
    }


def pages_of(world: World, who: str, client: Client) -> dict:
    board, code = world.board, world.board.join_code
    project = board.project
    number = project.current_iteration().number
    paths = {"results": f"/b/{code}/results/"}
    section = f"/b/{code}/activities/?view="
    if who == PROJECTOR:
        return {
            "projector": page(client, f"/b/{code}/present/"),
            "projector activities": page(client, section + "present"),
        }
    if who == PUBLIC:
        summary = log_actions.set_public_summary(
            world.team_owner, project, enabled=True
        )
        return {"public": page(client, f"/you-said/{summary.token}/")}
    paths["board"] = f"/b/{code}/"
    paths["activities"] = section + "board"
    paths["you_said"] = reverse("codesign:you_said", args=[project.pk])
    if who in (STAFF, TEAM):
        log = {"project_id": project.pk, "number": number}
        paths["picker"] = reverse("codesign:entry_create", kwargs=log)
        paths["outcomes"] = reverse("codesign:outcome_list", kwargs=log)
        paths["iteration"] = reverse("codesign:iteration", args=[project.pk, number])
        paths["csv"] = f"/b/{code}/export.csv"
        paths["json"] = f"/b/{code}/export.json"
        for fmt in ("md", "csv", "json"):
            paths[f"log.{fmt}"] = reverse(
                "codesign:project_export", args=[project.pk, fmt]
            )
    if who == STAFF:
        paths["control"] = f"/b/{code}/facilitate/"
        paths["control activities"] = section + "facilitate"
    return {name: page(client, path) for name, path in paths.items()}


def socket_paths(world: World, who: str) -> dict:
    """A snapshot and a replay from every earlier seq, as the consumer builds them."""
    board = world.board
    board.refresh_from_db()
    viewer = viewer_of(world, who)
    events = list(BoardEvent.objects.filter(board=board).order_by("seq"))
    found = {"snapshot": json.dumps(snapshot.board_state(board, viewer))}
    for after in range(board.last_seq):
        replayed = visibility.replay(board, viewer, events[after:])
        found[f"replay after {after}"] = json.dumps(replayed)
    return found


def check_everything(world: World, http: dict) -> None:
    for who in (STAFF, AUTHOR_A, AUTHOR_B, PROJECTOR, TEAM, PUBLIC):
        may, must = allowed(world, who)
        if who == PUBLIC:  # the public sees at most what the wall shows
            may, must = allowed(world, PROJECTOR)[0], set()
        found = pages_of(world, who, http[who])
        if who != PUBLIC:
            found |= socket_paths(world, who)
        for path, text in found.items():
            leaked = forbidden_in(world, who, text, may)
            assert not leaked, (who, path, leaked)
            sealed = sealed_leaks(world, who, text)
            assert not sealed, (who, path, sealed)
        shown = (
            found.get("snapshot", "")
            + found.get("board", "")
            + found.get("projector", "")
        )
        missing = sorted(word for word in must if word not in shown)
        assert not missing, (who, "missing", missing)


@pytest.mark.parametrize("seed", range(SEQUENCES))
def test_no_viewer_receives_what_they_may_not_see(
    seed,
    project,
    organiser,
    facilitator,
    team_member,
    iteration,
    settings,
    django_capture_on_commit_callbacks,
):
    # Frames are read off the group as the hub would get them: in memory, in any pass.
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    }
    board = make_board(project, organiser)
    rng = random.Random(seed)
    guests = {
        AUTHOR_A: Guest(board, f"Ann{seed}nameA", StakeholderRole.PATIENT),
        AUTHOR_B: Guest(board, f"Bob{seed}nameB", StakeholderRole.FAMILY),
    }
    world = World(
        board=board,
        staff=board_for(facilitator, board, {}),
        team=team_member,
        guests=guests,
        names={who: guest.participant.display_name for who, guest in guests.items()},
        rng=rng,
    )
    world.words |= set(world.names.values())
    world.team_owner = organiser
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(group_name(board.pk), channel)

    for _step in range(STEPS):
        before = BoardEvent.objects.filter(board=board).count()
        with django_capture_on_commit_callbacks(execute=True):
            rng.choice(COMMANDS)(world)
        published = BoardEvent.objects.filter(board=board).count() - before
        messages = []  # one per transaction, with its events
        while sum(len(message["events"]) for message in messages) < published:
            messages.append(async_to_sync(layer.receive)(channel))
        live_frames(world, [e for message in messages for e in message["events"]])

    check_everything(world, clients(world, organiser, team_member))
    assert SupportRequest.objects.filter(board=board).count() == len(world.support)
