"""Site URLs. The public board interfaces (``/join/``, ``/b/<code>/``) come from feedback."""

from django.contrib import admin
from django.urls import include, path

from . import log_views, views

ITERATION = "projects/<int:project_id>/iterations/<int:number>/"
log_patterns = [
    path(f"{ITERATION}log/new/", log_views.entry_form, name="entry_create"),
    path(
        f"{ITERATION}log/<int:entry_id>/correct/",
        log_views.entry_form,
        name="entry_correct",
    ),
    path(f"{ITERATION}outcomes/", log_views.outcomes, name="outcomes"),
    path(f"{ITERATION}outcomes/mark/", log_views.mark_outcome, name="mark_outcome"),
    path(
        f"{ITERATION}outcomes/<int:outcome_id>/clear/",
        log_views.clear_outcome,
        name="clear_outcome",
    ),
    path(
        f"{ITERATION}export/<str:fmt>",
        log_views.iteration_export,
        name="iteration_export",
    ),
    path(
        "projects/<int:project_id>/export/<str:fmt>",
        log_views.project_export,
        name="project_export",
    ),
    path(
        "projects/<int:project_id>/reflections/",
        log_views.reflections,
        name="reflections",
    ),
    path("projects/<int:project_id>/you-said/", log_views.you_said, name="you_said"),
    path(
        "projects/<int:project_id>/you-said/public/",
        log_views.you_said_settings,
        name="you_said_settings",
    ),
    path("you-said/<str:token>/", log_views.you_said_public, name="you_said_public"),
]

core_patterns = (
    [
        path("", views.home, name="home"),
        path("dashboard/", views.dashboard, name="dashboard"),
        path("profile/", views.profile, name="profile"),
        path("projects/new/", views.project_create, name="project_create"),
        path("projects/<int:project_id>/", views.project_detail, name="project"),
        path(
            "projects/<int:project_id>/edit/", views.project_edit, name="project_edit"
        ),
        path("projects/<int:project_id>/members/", views.members, name="members"),
        path(
            "projects/<int:project_id>/members/<int:membership_id>/role/",
            views.member_role,
            name="member_role",
        ),
        path(
            "projects/<int:project_id>/members/<int:membership_id>/remove/",
            views.member_remove,
            name="member_remove",
        ),
        path(
            "projects/<int:project_id>/iterations/new/",
            views.iteration_create,
            name="iteration_create",
        ),
        path(
            "projects/<int:project_id>/iterations/<int:number>/",
            views.iteration_detail,
            name="iteration",
        ),
        path(
            "projects/<int:project_id>/iterations/<int:number>/close/",
            views.iteration_close,
            name="iteration_close",
        ),
        *log_patterns,
    ],
    "codesign",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("events/", include("events.urls")),
    path("", include("feedback.urls")),
    path("", include(core_patterns)),
]
