import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from codesign import actions
from codesign.models import Iteration


def close_url(iteration):
    return reverse(
        "codesign:iteration_close", args=[iteration.project_id, iteration.number]
    )


def test_first_iteration_is_created(client, project, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:iteration_create", args=[project.pk]),
        {"stage": "bench", "guiding_question": "What should we measure?", "trl": "2"},
    )

    iteration = project.iterations.get()
    assert response.status_code == 302
    assert response["Location"] == iteration.get_absolute_url()
    assert (iteration.number, iteration.stage, iteration.trl, iteration.status) == (
        1,
        "bench",
        2,
        "open",
    )
    assert iteration.direction == "start"


def test_first_iteration_form_renders(client, project, team_member):
    client.force_login(team_member)

    response = client.get(reverse("codesign:iteration_create", args=[project.pk]))

    assert response.status_code == 200
    assert b'name="stage"' in response.content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"stage": "moon", "guiding_question": "Q"}, "Select a valid choice."),
        (
            {"stage": "bench", "guiding_question": "Q", "trl": "0"},
            "greater than or equal to 1",
        ),
        (
            {"stage": "bench", "guiding_question": "Q", "trl": "10"},
            "less than or equal to 9",
        ),
        ({"stage": "bench", "guiding_question": ""}, "This field is required."),
        ({"stage": "bench", "guiding_question": "x" * 501}, "at most 500 characters"),
    ],
)
def test_first_iteration_rejects_bad_input(client, project, organiser, data, message):
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:iteration_create", args=[project.pk]), data
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not project.iterations.exists()


def test_second_first_iteration_is_refused(client, project, organiser, iteration):
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:iteration_create", args=[project.pk]),
        {"stage": "bench", "guiding_question": "Again?"},
    )

    assert "This project already has an iteration." in response.content.decode()
    assert project.iterations.count() == 1


def test_close_and_go_forward(client, iteration, team_member):
    client.force_login(team_member)

    response = client.post(
        close_url(iteration),
        {"stage": "bedside", "guiding_question": "Does it fit daily life?", "trl": "5"},
    )

    iteration.refresh_from_db()
    new = iteration.project.iterations.get(number=2)
    assert response.status_code == 302
    assert response["Location"] == new.get_absolute_url()
    assert iteration.status == "closed" and iteration.closed_at is not None
    assert (new.stage, new.direction, new.status, new.trl) == (
        "bedside",
        "forward",
        "open",
        5,
    )
    assert new.back_reason == ""


def test_close_and_go_back_to_same_stage_with_reason(client, iteration, organiser):
    client.force_login(organiser)

    client.post(
        close_url(iteration),
        {
            "stage": "bench",
            "direction": "back",
            "back_reason": "Patients could not read the display.",
            "guiding_question": "Which display works?",
        },
    )

    new = iteration.project.iterations.get(number=2)
    assert (new.stage, new.direction) == ("bench", "back")
    assert new.back_reason == "Patients could not read the display."


def test_direction_is_worked_out_as_back_for_an_earlier_stage(organiser, iteration):
    iteration.stage = "population"
    iteration.save()

    new = actions.close_iteration(
        organiser,
        iteration,
        stage="bedside",
        guiding_question="Q",
        back_reason="Too costly",
    )

    assert new.direction == "back"


def test_going_back_needs_a_reason(client, iteration, organiser):
    client.force_login(organiser)

    response = client.post(
        close_url(iteration),
        {"stage": "bench", "direction": "back", "guiding_question": "Q"},
    )

    assert (
        "Say which open question or doubt sends the cycle back."
        in response.content.decode()
    )
    iteration.refresh_from_db()
    assert iteration.status == "open"
    assert iteration.project.iterations.count() == 1


def test_forward_to_an_earlier_stage_is_refused(organiser, iteration):
    iteration.stage = "bedside"
    iteration.save()

    with pytest.raises(ValidationError) as error:
        actions.close_iteration(
            organiser, iteration, stage="bench", direction="forward"
        )

    assert error.value.message_dict == {
        "direction": ["Going forward means the same or a later stage."]
    }
    iteration.refresh_from_db()
    assert iteration.status == "open"


def test_back_to_a_later_stage_is_refused(organiser, iteration):
    with pytest.raises(ValidationError) as error:
        actions.close_iteration(
            organiser, iteration, stage="bedside", direction="back", back_reason="Why"
        )

    assert "direction" in error.value.message_dict


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"stage": "moon", "guiding_question": "Q"}, "Select a valid choice."),
        (
            {"stage": "bedside", "guiding_question": "Q", "trl": "0"},
            "greater than or equal to 1",
        ),
        (
            {"stage": "bedside", "guiding_question": "Q", "trl": "10"},
            "less than or equal to 9",
        ),
        (
            {"stage": "bedside", "guiding_question": "Q", "direction": "up"},
            "Select a valid choice.",
        ),
    ],
)
def test_close_rejects_bad_input_and_saves_nothing(
    client, iteration, organiser, data, message
):
    client.force_login(organiser)

    response = client.post(close_url(iteration), data)

    assert message in response.content.decode()
    iteration.refresh_from_db()
    assert iteration.status == "open"
    assert iteration.project.iterations.count() == 1


def test_closing_a_closed_iteration_gives_clear_error(client, iteration, organiser):
    client.force_login(organiser)
    client.post(close_url(iteration), {"stage": "bedside", "guiding_question": "Q"})

    response = client.post(
        close_url(iteration), {"stage": "population", "guiding_question": "Q"}
    )

    assert response.status_code == 200
    assert "Iteration 1 is already closed." in response.content.decode()
    assert iteration.project.iterations.count() == 2


def test_close_page_of_a_closed_iteration_says_so(client, iteration, organiser):
    iteration.status = Iteration.Status.CLOSED
    iteration.save()
    client.force_login(organiser)

    response = client.get(close_url(iteration))

    assert "Iteration 1 is already closed." in response.content.decode()
    assert b'name="stage"' not in response.content


def test_close_iteration_action_refuses_unknown_stage_and_bad_trl(organiser, iteration):
    with pytest.raises(ValidationError):
        actions.close_iteration(organiser, iteration, stage="moon")
    with pytest.raises(ValidationError):
        actions.close_iteration(organiser, iteration, stage="bench", trl=10)

    iteration.refresh_from_db()
    assert iteration.status == "open"


def test_close_iteration_action_refuses_a_facilitator(facilitator, iteration):
    with pytest.raises(PermissionDenied):
        actions.close_iteration(facilitator, iteration, stage="bedside")


def test_facilitator_cannot_close_by_http(client, iteration, facilitator):
    client.force_login(facilitator)

    response = client.post(
        close_url(iteration), {"stage": "bedside", "guiding_question": "Q"}
    )

    assert response.status_code == 403
    iteration.refresh_from_db()
    assert iteration.status == "open"


def test_iteration_page_shows_details(client, iteration, facilitator):
    client.force_login(facilitator)

    response = client.get(iteration.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "What should the home kit measure?" in html
    assert "Close this iteration" not in html


def test_unknown_iteration_number_is_not_found(client, iteration, organiser):
    client.force_login(organiser)

    response = client.get(
        reverse("codesign:iteration", args=[iteration.project_id, 99])
    )

    assert response.status_code == 404
