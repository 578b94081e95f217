"""Activities on the pages without script, and their results by role (issue 19)."""

import pytest
from django.urls import reverse

from codesign.models import StakeholderRole
from feedback import activities
from feedback.activity_results import activity_results, answers_of
from feedback.models import Activity, Answer, Board
from tests.conftest import logged_in

from .conftest import Guest, staff_access

pytestmark = pytest.mark.django_db


def do_url(board) -> str:
    return reverse("feedback:board_command", args=[board.join_code])


def opened(board, facilitator, kind="ranking", options=("Sleep", "Food", "Walks")):
    staff = staff_access(board, facilitator)
    ack = activities.add_activity(staff, kind, "What first?", options, scale="faces")
    activities.open_activity(staff, ack.result["activity"])
    return Activity.objects.get(pk=ack.result["activity"]), staff


def test_facilitator_adds_a_poll_with_a_plain_form(board, facilitator):
    data = {
        "type": "activity.add",
        "kind": "poll",
        "question": "Which prototype?",
        "options": "A\nB\nC",
    }

    response = logged_in(facilitator).post(do_url(board), data)

    assert response.status_code == 302
    poll = Activity.objects.get()
    assert (poll.question, [o.label for o in poll.options.all()]) == (
        "Which prototype?",
        ["A", "B", "C"],
    )


def test_a_participant_cannot_add_an_activity_with_a_form(board):
    guest = Guest(board)
    data = {"type": "activity.add", "kind": "poll", "question": "Q", "options": "A\nB"}

    guest.client().post(do_url(board), data)

    assert Activity.objects.count() == 0


def test_ranking_moves_up_without_script(board, facilitator):
    ranking, _staff = opened(board, facilitator)
    items = [option.pk for option in ranking.options.all()]
    guest = Guest(board)
    client = guest.client()

    client.post(
        do_url(board),
        {
            "type": "activity.answer",
            "activity": ranking.pk,
            "choice": items,
            "up": items[2],
        },
    )
    page = client.get(board.get_absolute_url()).content.decode()

    assert Answer.objects.get().choice == [items[0], items[2], items[1]]
    assert page.index("Walks") < page.index("Food")
    assert ">Your answer is saved. You can change it" in page


def test_faces_show_words_on_the_board_page(board, facilitator):
    opened(board, facilitator, kind="scale", options=())
    guest = Guest(board)

    page = guest.client().get(board.get_absolute_url()).content.decode()

    assert "Very bad" in page and "Very good" in page


def test_results_page_shows_no_results_before_the_reveal(board, facilitator, outsider):
    poll, staff = opened(board, facilitator, "poll", ("Yes", "No"))
    for n in range(5):
        activities.answer_activity(
            Guest(board, f"G{n}").access, poll.pk, [poll.options.first().pk]
        )
    url = reverse("feedback:board_results", args=[board.join_code])

    guest_page = Guest(board).client().get(url).content.decode()
    activities.reveal_activity(staff, poll.pk)
    after = Guest(board, "Late").client().get(url).content.decode()

    assert "What first?" not in guest_page
    assert "What first?" in after
    assert '<svg class="activity-bars"' in after


def answer_by_roles(board, poll, counts: dict) -> None:
    option = poll.options.first().pk
    for role, count in counts.items():
        for n in range(count):
            guest = Guest(board, f"{role}{n}", role)
            activities.answer_activity(guest.access, poll.pk, [option])


@pytest.mark.parametrize("small", [1, 2, 3, 4])
def test_results_by_role_suppress_1_to_4_outside_the_team(board, facilitator, small):
    poll, _staff = opened(board, facilitator, "poll", ("Yes", "No"))
    answer_by_roles(
        board, poll, {StakeholderRole.PATIENT: 6, StakeholderRole.CLINICIAN: small}
    )
    answers = answers_of([poll])[poll.pk]

    team = activity_results(poll, answers, exact=True)
    public = activity_results(poll, answers, exact=False)

    assert [(r["role"], r["answers"]) for r in team["roles"]] == [
        ("patient", 6),
        ("clinician", small),
    ]
    assert (public["roles"], public["roles_hidden"]) == ([], True)
    assert public["overall"]["rows"][0]["count"] == 6 + small


def test_results_by_role_are_shown_when_every_role_has_5(board, facilitator):
    poll, _staff = opened(board, facilitator, "poll", ("Yes", "No"))
    answer_by_roles(
        board, poll, {StakeholderRole.PATIENT: 5, StakeholderRole.CLINICIAN: 7}
    )

    public = activity_results(poll, answers_of([poll])[poll.pk], exact=False)

    assert [(r["role"], r["answers"]) for r in public["roles"]] == [
        ("patient", 5),
        ("clinician", 7),
    ]


def test_fewer_than_five_answers_show_no_results_outside_the_team(board, facilitator):
    poll, _staff = opened(board, facilitator, "poll", ("Yes", "No"))
    answer_by_roles(board, poll, {StakeholderRole.PATIENT: 4})

    public = activity_results(poll, answers_of([poll])[poll.pk], exact=False)

    assert (public["answers"], public["overall"], public["roles"]) == (
        "fewer than 5",
        None,
        [],
    )


def test_scale_median_and_ranking_borda(board, facilitator):
    staff = staff_access(board, facilitator)
    scale = activities.add_activity(staff, "scale", "Easy?", (), scale="5").result
    ranking = activities.add_activity(staff, "ranking", "Order", ("A", "B", "C")).result
    scale, ranking = (
        Activity.objects.get(pk=scale["activity"]),
        Activity.objects.get(pk=ranking["activity"]),
    )
    a, b, c = (option.pk for option in ranking.options.all())

    scale_results = activity_results(
        scale, [([1], "patient"), ([4], "patient"), ([5], "patient")], exact=True
    )
    ranked = activity_results(
        ranking, [([b, a, c], "patient"), ([b, c, a], "clinician")], exact=True
    )

    assert scale_results["overall"]["median"] == 4
    assert [row["count"] for row in scale_results["overall"]["rows"]] == [1, 0, 0, 1, 1]
    assert [
        (r["label"], r["points"], r["mean"]) for r in ranked["overall"]["rows"]
    ] == [
        ("B", 4, 1),
        ("A", 1, 2.5),
        ("C", 1, 2.5),
    ]


def test_anonymous_activity_has_no_results_by_role(board, facilitator):
    staff = staff_access(board, facilitator)
    ack = activities.add_activity(staff, "poll", "Q", ("A", "B"), anonymous=True)
    poll = Activity.objects.get(pk=ack.result["activity"])

    team = activity_results(poll, [([poll.options.first().pk], "patient")], True)

    assert (team["roles"], team["roles_hidden"]) == ([], False)


def test_a_board_is_created_with_a_set_of_activities(project, facilitator, iteration):
    response = logged_in(facilitator).post(
        f"/projects/{project.pk}/boards/new/",
        {
            "prompt": "Three prototypes",
            "template": "retro",
            "votes_per_participant": 3,
            "activity_set": "prototype_feedback",
        },
    )

    board = Board.objects.get()
    assert response.status_code == 302
    assert [
        (a.kind, a.question, a.scale, [o.label for o in a.options.all()])
        for a in board.activities.all()
    ] == [
        ("scale", "How was Prototype A to use?", "faces", []),
        ("scale", "How was Prototype B to use?", "faces", []),
        ("scale", "How was Prototype C to use?", "faces", []),
        (
            "poll",
            "Which prototype would you take home?",
            "",
            ["Prototype A", "Prototype B", "Prototype C"],
        ),
    ]


def test_an_unknown_activity_set_is_refused(project, facilitator, iteration):
    response = logged_in(facilitator).post(
        f"/projects/{project.pk}/boards/new/",
        {
            "prompt": "Q",
            "template": "retro",
            "votes_per_participant": 3,
            "activity_set": "nope",
        },
    )

    assert response.status_code == 200
    assert Board.objects.count() == 0
