"""Every core view against every kind of visitor (DESIGN §8)."""

import pytest
from django.urls import reverse


def urls(project, iteration):
    """Each core view: its URL and the methods it accepts."""
    membership = project.memberships.get(role="team")
    pid, number = project.pk, iteration.number
    return {
        "dashboard": (reverse("codesign:dashboard"), {"GET"}),
        "profile": (reverse("codesign:profile"), {"GET", "POST"}),
        "project_create": (reverse("codesign:project_create"), {"GET", "POST"}),
        "project": (reverse("codesign:project", args=[pid]), {"GET"}),
        "project_edit": (reverse("codesign:project_edit", args=[pid]), {"GET", "POST"}),
        "members": (reverse("codesign:member_list", args=[pid]), {"GET", "POST"}),
        "member_role": (
            reverse("codesign:member_role_change", args=[pid, membership.pk]),
            {"POST"},
        ),
        "member_remove": (
            reverse("codesign:member_remove", args=[pid, membership.pk]),
            {"POST"},
        ),
        "iteration_create": (
            reverse("codesign:iteration_create", args=[pid]),
            {"GET", "POST"},
        ),
        "iteration": (reverse("codesign:iteration", args=[pid, number]), {"GET"}),
        "iteration_close": (
            reverse("codesign:iteration_close", args=[pid, number]),
            {"GET", "POST"},
        ),
    }


PROJECT_VIEWS = [
    "project",
    "project_edit",
    "members",
    "member_role",
    "member_remove",
    "iteration_create",
    "iteration",
    "iteration_close",
]

# Who may do what inside a project: view name -> method -> role -> expected status.
# The organiser comes last in each row and removal last of all, because they change
# the memberships.
ROLE_MATRIX = {
    ("project", "GET"): {"facilitator": 200, "team": 200, "organiser": 200},
    ("project_edit", "GET"): {"facilitator": 403, "team": 403, "organiser": 200},
    ("project_edit", "POST"): {"facilitator": 403, "team": 403, "organiser": 200},
    ("members", "GET"): {"facilitator": 200, "team": 200, "organiser": 200},
    ("members", "POST"): {"facilitator": 403, "team": 403, "organiser": 200},
    ("member_role", "POST"): {"facilitator": 403, "team": 403, "organiser": 302},
    ("iteration_create", "GET"): {"facilitator": 403, "team": 200, "organiser": 200},
    ("iteration", "GET"): {"facilitator": 200, "team": 200, "organiser": 200},
    ("iteration_close", "GET"): {"facilitator": 403, "team": 200, "organiser": 200},
    ("iteration_close", "POST"): {"facilitator": 403, "team": 200, "organiser": 200},
    ("member_remove", "POST"): {"facilitator": 403, "team": 403, "organiser": 302},
}


@pytest.fixture
def people(organiser, facilitator, team_member, outsider):
    return {
        "organiser": organiser,
        "facilitator": facilitator,
        "team": team_member,
        "outsider": outsider,
    }


def call(client, method, url):
    return getattr(client, method.lower())(url, {} if method == "POST" else None)


def test_anonymous_visitors_are_sent_to_log_in(client, project, iteration):
    for name, (url, methods) in urls(project, iteration).items():
        for method in methods:
            response = call(client, method, url)

            assert response.status_code == 302, (name, method)
            assert response["Location"].startswith(reverse("account_login")), name


def test_home_is_public(client):
    response = client.get(reverse("codesign:home"))

    assert response.status_code == 200


def test_outsiders_get_not_found_on_every_project_view(
    client, project, iteration, outsider
):
    client.force_login(outsider)
    table = urls(project, iteration)

    for name in PROJECT_VIEWS:
        url, methods = table[name]
        for method in methods:
            assert call(client, method, url).status_code == 404, (name, method)


def test_unknown_project_is_not_found(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("codesign:project", args=[999999]))

    assert response.status_code == 404


def test_roles_get_what_the_matrix_says(client, project, iteration, people):
    table = urls(project, iteration)
    members_page = reverse("codesign:member_list", args=[project.pk])

    for (name, method), expected in ROLE_MATRIX.items():
        for role, status in expected.items():
            client.force_login(people[role])

            response = call(client, method, table[name][0])

            assert response.status_code == status, (name, method, role)
            if status == 302:
                assert response["Location"] == members_page, (name, role)
            if status == 403:
                assert "Not allowed" in response.content.decode(), (name, role)


# Each change by each role: what the page said and whether the change was made.
@pytest.mark.parametrize(
    ("role", "status", "message", "new_role"),
    [
        ("facilitator", 403, "Not allowed", "team"),
        ("team", 403, "Not allowed", "team"),
        ("organiser", 200, "The role is changed.", "facilitator"),
    ],
)
def test_only_an_organiser_changes_a_role(
    client, project, people, role, status, message, new_role
):
    membership = project.memberships.get(role="team")
    url = reverse("codesign:member_role_change", args=[project.pk, membership.pk])
    client.force_login(people[role])

    response = client.post(url, {"role": "facilitator"}, follow=True)

    membership.refresh_from_db()
    assert response.status_code == status
    assert message in response.content.decode()
    assert membership.role == new_role


@pytest.mark.parametrize(
    ("role", "status", "message", "still_member"),
    [
        ("facilitator", 403, "Not allowed", True),
        ("team", 403, "Not allowed", True),
        ("organiser", 200, "The member is removed from the project.", False),
    ],
)
def test_only_an_organiser_removes_a_member(
    client, project, people, role, status, message, still_member
):
    membership = project.memberships.get(role="facilitator")
    url = reverse("codesign:member_remove", args=[project.pk, membership.pk])
    client.force_login(people[role])

    response = client.post(url, follow=True)

    assert response.status_code == status
    assert message in response.content.decode()
    assert project.memberships.filter(pk=membership.pk).exists() == still_member


@pytest.mark.parametrize(
    ("role", "status", "message", "title"),
    [
        ("facilitator", 403, "Not allowed", "Home monitoring after heart failure"),
        ("team", 403, "Not allowed", "Home monitoring after heart failure"),
        ("organiser", 200, "The project is saved.", "Monitoring at home"),
    ],
)
def test_only_an_organiser_edits_the_project(
    client, project, people, role, status, message, title
):
    url = reverse("codesign:project_edit", args=[project.pk])
    data = {
        "title": "Monitoring at home",
        "summary": project.summary,
        "involvement_aim": project.involvement_aim,
    }
    client.force_login(people[role])

    response = client.post(url, data, follow=True)

    project.refresh_from_db()
    assert response.status_code == status
    assert message in response.content.decode()
    assert project.title == title


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_every_view_rejects_wrong_methods(
    client, project, iteration, organiser, method
):
    client.force_login(organiser)
    table = {"home": (reverse("codesign:home"), {"GET"}), **urls(project, iteration)}

    for name, (url, methods) in table.items():
        for wrong in {method, "GET", "POST"} - methods:
            assert call(client, wrong, url).status_code == 405, (name, wrong)
