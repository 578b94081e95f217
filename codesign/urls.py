"""Site URLs. The public board interfaces (``/join/``, ``/b/<code>/``) come from feedback."""

from django.contrib import admin
from django.urls import include, path

from . import views

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
        # The iteration log's pages keep their names in this namespace.
        path("", include("codesign.log.urls")),
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
