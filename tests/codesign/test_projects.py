import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codesign.models import Iteration, Membership, Project, Stage
from tests.conftest import make_user


def test_create_project_makes_the_creator_organiser(client, outsider):
    client.force_login(outsider)

    response = client.post(
        reverse("codesign:project_create"),
        {
            "title": "Safer inhalers",
            "summary": "Inhalers for children.",
            "involvement_aim": "Co-design",
        },
    )

    project = Project.objects.get(title="Safer inhalers")
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert list(project.memberships.values_list("user__email", "role")) == [
        ("otto@example.org", "organiser")
    ]
    assert project.created_by == outsider


def test_create_project_form_renders(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("codesign:project_create"))

    assert response.status_code == 200
    assert b'name="title"' in response.content
    assert b'name="involvement_aim"' in response.content


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("x" * 201, "at most 200 characters"),
    ],
)
def test_create_project_rejects_empty_or_long_title(client, outsider, title, message):
    client.force_login(outsider)

    response = client.post(
        reverse("codesign:project_create"), {"title": title, "summary": "s"}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Project.objects.count() == 0
    assert Membership.objects.count() == 0


def test_dashboard_lists_only_my_projects_with_my_role(
    client, project, team_member, outsider
):
    other = Project.objects.create(title="Someone else's project")
    Membership.objects.create(project=other, user=outsider, role="organiser")
    client.force_login(team_member)

    response = client.get(reverse("codesign:dashboard"))

    assert [p.title for p in response.context["projects"]] == [project.title]
    assert "Team" in response.content.decode()
    assert "Someone else" not in response.content.decode()


def add_projects(user, count):
    for index in range(count):
        project = Project.objects.create(title=f"Project {index}")
        Membership.objects.create(project=project, user=user, role="team")
        Iteration.objects.create(project=project, number=1, stage=Stage.BENCH)


def test_dashboard_query_count_is_constant(client, django_assert_num_queries, outsider):
    client.force_login(outsider)
    add_projects(outsider, 1)
    client.get(reverse("codesign:dashboard"))  # Warm up the session and site caches.
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("codesign:dashboard"))

    add_projects(outsider, 4)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("codesign:dashboard"))
    assert len(response.context["projects"]) == 5


def test_dashboard_shows_empty_state(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("codesign:dashboard"))

    assert "You are not in any project yet." in response.content.decode()


def test_project_page_shows_cycle_with_back_reason(client, project, team_member):
    Iteration.objects.create(
        project=project, number=1, stage="bedside", status="closed"
    )
    Iteration.objects.create(
        project=project,
        number=2,
        stage="bench",
        direction="back",
        back_reason="Alarms too noisy",
    )
    client.force_login(team_member)

    response = client.get(project.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="cycle-step cycle-at-bedside cycle-start"' in html
    assert 'class="cycle-step cycle-at-bench cycle-back cycle-open"' in html
    assert "Alarms too noisy" in html
    assert "style=" not in html


def add_iterations(project, count):
    start = project.iterations.count()
    project.iterations.filter(status="open").update(status="closed")
    for number in range(start + 1, start + count + 1):
        Iteration.objects.create(
            project=project,
            number=number,
            stage=Stage.values[number % 3],
            direction="forward",
            status="closed" if number < start + count else "open",
        )


def test_project_page_query_count_is_constant(
    client, django_assert_num_queries, project, organiser
):
    client.force_login(organiser)
    add_iterations(project, 1)
    client.get(project.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(project.get_absolute_url())

    add_iterations(project, 7)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(project.get_absolute_url())
    assert len(response.context["iterations"]) == 8


def test_project_for_other_people_is_not_found(client, project, outsider):
    client.force_login(outsider)

    assert client.get(project.get_absolute_url()).status_code == 404


def test_new_member_sees_the_project(client, project):
    newcomer = make_user("nina@example.org")
    Membership.objects.create(project=project, user=newcomer, role="team")
    client.force_login(newcomer)

    assert client.get(project.get_absolute_url()).status_code == 200


def test_organiser_edits_the_project(client, project, organiser):
    client.force_login(organiser)
    url = reverse("codesign:project_edit", args=[project.pk])

    form = client.get(url)
    response = client.post(
        url, {"title": "Home monitoring 2.0", "summary": "", "involvement_aim": "More"}
    )

    assert 'value="Home monitoring after heart failure"' in form.content.decode()
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.summary, project.involvement_aim) == (
        "Home monitoring 2.0",
        "",
        "More",
    )


def test_edit_refuses_an_empty_title_and_keeps_the_old_one(client, project, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("codesign:project_edit", args=[project.pk]),
        {"title": " ", "summary": "x"},
    )

    assert "This field is required." in response.content.decode()
    project.refresh_from_db()
    assert project.title == "Home monitoring after heart failure"


def test_team_member_cannot_edit_the_project(client, project, team_member):
    client.force_login(team_member)

    response = client.post(
        reverse("codesign:project_edit", args=[project.pk]), {"title": "Mine now"}
    )

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title == "Home monitoring after heart failure"
