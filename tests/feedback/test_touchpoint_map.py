"""The touchpoint map end to end, and template columns in each viewer's language."""

import csv
import io
import json

import pytest
from channels.db import database_sync_to_async
from django.urls import reverse

from codesign.models import StakeholderRole
from tests.conftest import logged_in

from .conftest import Guest, connect, make_board, receive, receive_until, send

pytestmark = pytest.mark.django_db(transaction=True)

TOUCHPOINTS = "Phone call from the clinic\nFirst home visit"


def create_map(client, project) -> str:
    """The organiser creates a touchpoint map through the form; returns its code."""
    url = reverse("feedback:board_create", args=[project.pk])
    response = client.post(
        url,
        {
            "prompt": "How did the first week at home feel?",
            "template": "touchpoints",
            "custom_columns": TOUCHPOINTS,
            "votes_per_participant": "3",
            "open_now": "on",
        },
    )
    assert response.status_code == 302
    return response["Location"].split("/")[2]


async def post_with_feeling(guest, column, text, emotion):
    communicator = await connect(guest.board.join_code, guest.cookie)
    await send(communicator, {"type": "resume", "after": 0})
    await receive_until(communicator, "synced")
    command = {"type": "card.create", "request_id": None, "column": column}
    await send(communicator, command | {"text": text, "emotion": emotion})
    frames = await receive_until(communicator, "ack")
    created = await _card_created(communicator, frames)
    await communicator.disconnect()
    return created


async def _card_created(communicator, frames) -> dict:
    """The ``card.created`` event, whether the ack came before it or after."""
    while True:
        items = [item for frame in frames for item in frame.get("items", [frame])]
        found = [item for item in items if item.get("name") == "card.created"]
        if found:
            return found[0]
        frames = [await receive(communicator)]


async def test_touchpoint_map_from_phones_to_results_and_exports(
    project, organiser, iteration
):
    client = await database_sync_to_async(logged_in)(organiser)
    code = await database_sync_to_async(create_map)(client, project)
    board = await database_sync_to_async(lambda: project.boards.get(join_code=code))()
    columns = await database_sync_to_async(
        lambda: list(board.columns.values_list("pk", "key", "title"))
    )()
    people = [
        ("patient", StakeholderRole.PATIENT, columns[0][0], "worried"),
        ("carer", StakeholderRole.FAMILY, columns[0][0], "worried"),
        ("nurse", StakeholderRole.CLINICIAN, columns[1][0], "calm"),
    ]
    for name, role, column, emotion in people:
        guest = await database_sync_to_async(Guest)(board, name, role)
        created = await post_with_feeling(guest, column, f"{name} says", emotion)
        assert created["data"]["emotion"] == emotion

    results = await database_sync_to_async(client.get)(f"/b/{code}/results/")
    as_json = await database_sync_to_async(client.get)(f"/b/{code}/export.json")
    as_csv = await database_sync_to_async(client.get)(f"/b/{code}/export.csv")

    assert [(key, title) for _pk, key, title in columns] == [
        ("", "Phone call from the clinic"),
        ("", "First home visit"),
    ]
    feelings = [
        (
            row["column"].title,
            [
                (e["emotion"], e["total"], {r["role"]: r["count"] for r in e["roles"]})
                for e in row["emotions"]
            ],
        )
        for row in results.context["emotions"]
    ]
    assert feelings == [
        ("Phone call from the clinic", [("worried", 2, {"patient": 1, "family": 1})]),
        ("First home visit", [("calm", 1, {"clinician": 1})]),
    ]
    assert "😟 Worried" in results.content.decode()
    exported = json.loads(as_json.content)["cards"]
    assert [(c["column"], c["emotion"], c["author_role"]) for c in exported] == [
        ("Phone call from the clinic", "worried", "patient"),
        ("Phone call from the clinic", "worried", "family"),
        ("First home visit", "calm", "clinician"),
    ]
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    assert [row["emotion"] for row in rows] == ["worried", "worried", "calm"]


def test_feelings_are_refused_on_a_board_that_does_not_ask(board, guest, column):
    from django.core.exceptions import ValidationError

    from feedback import actions

    with pytest.raises(ValidationError) as refused:
        actions.post_card(guest.access, column.pk, "Idea", emotion="happy")

    assert refused.value.code == "invalid"


def test_feelings_are_radio_buttons_on_the_map_page(project, organiser, iteration):
    board = make_board(project, organiser, columns=["Waiting room"])
    board.template = "touchpoints"
    board.save(update_fields=["template"])

    page = Guest(board).client().get(board.get_absolute_url()).content.decode()

    assert "<legend>How did it feel?</legend>" in page
    assert 'type="radio" name="emotion" value="worried"' in page
    assert "😟 Worried" in page


def test_template_columns_are_stored_by_key_and_shown_in_dutch(board, guest):
    english = guest.client().get(board.get_absolute_url())
    dutch = guest.client().get(board.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl")

    keys = list(board.columns.values_list("key", "title"))
    assert keys == [
        ("works", "What works"),
        ("better", "What could be better"),
        ("ideas", "Ideas"),
        ("questions", "Questions"),
    ]
    assert [c["title"] for c in english.context["state"]["columns"]] == [
        "What works",
        "What could be better",
        "Ideas",
        "Questions",
    ]
    assert [c["title"] for c in dutch.context["state"]["columns"]] == [
        "Wat werkt",
        "Wat kan beter",
        "Ideeën",
        "Vragen",
    ]
    assert dutch.context["strings"]["column_labels"]["better"] == "Wat kan beter"
