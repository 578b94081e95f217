"""URLs of the iteration log, included in the ``codesign`` namespace by codesign/urls.py."""

from django.urls import path

from . import views

ITERATION = "projects/<id:project_id>/iterations/<id:number>/"
urlpatterns = [
    path(f"{ITERATION}log/new/", views.entry_form, name="entry_create"),
    path(
        f"{ITERATION}log/<id:entry_id>/correct/",
        views.entry_form,
        name="entry_correct",
    ),
    path(f"{ITERATION}outcomes/", views.outcomes, name="outcome_list"),
    path(f"{ITERATION}outcomes/mark/", views.mark_outcome, name="outcome_mark"),
    path(
        f"{ITERATION}outcomes/<id:outcome_id>/clear/",
        views.clear_outcome,
        name="outcome_clear",
    ),
    path(
        f"{ITERATION}export/<str:fmt>",
        views.iteration_export,
        name="iteration_export",
    ),
    path(
        "projects/<id:project_id>/export/<str:fmt>",
        views.project_export,
        name="project_export",
    ),
    path(
        "projects/<id:project_id>/reflections/",
        views.reflections,
        name="reflections_edit",
    ),
    path("projects/<id:project_id>/report/", views.report, name="report"),
    path("projects/<id:project_id>/you-said/", views.you_said, name="you_said"),
    path(
        "projects/<id:project_id>/you-said/publish/",
        views.you_said_publish,
        name="you_said_publish",
    ),
    path(
        "projects/<id:project_id>/you-said/public/",
        views.you_said_settings,
        name="you_said_settings",
    ),
    path(
        "projects/<id:project_id>/you-said/public/new-link/",
        views.you_said_link_rotate,
        name="you_said_link_rotate",
    ),
    path("you-said/<token:token>/", views.you_said_public, name="you_said_public"),
]
