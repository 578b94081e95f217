from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults


def test_not_found_page_is_in_the_site_look(client, project, outsider):
    client.force_login(outsider)

    response = client.get(project.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert 'class="skip-link"' in html


def test_forbidden_page_explains_the_role(client, project, team_member):
    team_member.preferred_language = "nl"
    team_member.save()
    client.force_login(team_member)

    response = client.post(
        reverse("codesign:member_list", args=[project.pk]),
        {"email": "x@example.org", "role": "team"},
    )

    assert response.status_code == 403
    assert "Je rol staat dit niet toe." in response.content.decode()


def test_server_error_page_renders_without_a_request_context():
    request = RequestFactory().get("/")

    response = defaults.server_error(request)

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_bad_request_page_renders(rf, db):
    request = rf.get("/")
    request.user = None

    response = defaults.bad_request(request, Exception("bad"))

    assert response.status_code == 400
    assert "Something is wrong with this request" in response.content.decode()
