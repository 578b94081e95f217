import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.conftest import make_user


def test_every_core_model_is_in_the_admin():
    models = apps.get_app_config("codesign").get_models()

    missing = [
        model.__name__ for model in models if not admin.site.is_registered(model)
    ]

    assert missing == []


@pytest.mark.parametrize("model", ["user", "project", "membership", "iteration"])
def test_admin_lists_load_for_a_site_admin(client, iteration, model):
    admin_user = make_user("admin@example.org")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)

    response = client.get(reverse(f"admin:codesign_{model}_changelist"))

    assert response.status_code == 200


def test_admin_is_closed_to_ordinary_members(client, organiser):
    client.force_login(organiser)

    response = client.get(reverse("admin:codesign_project_changelist"))

    assert response.status_code == 302
