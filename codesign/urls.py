"""Site URLs. The public board interfaces (``/join/``, ``/b/<code>/``) come from feedback."""

from django.contrib import admin
from django.urls import include, path, register_converter

from . import data_views, statement_views, views
from .ids import IdConverter, TokenConverter

# Registered before the includes below import the apps' URL modules that use them.
register_converter(IdConverter, "id")
register_converter(TokenConverter, "token")

core_patterns = (
    [
        path("", views.home, name="home"),
        path("dashboard/", views.dashboard, name="dashboard"),
        path("profile/", views.profile, name="profile"),
        path("profile/data/", data_views.profile_data, name="profile_data"),
        path("profile/delete/", data_views.profile_delete, name="profile_delete"),
        path("projects/new/", views.project_create, name="project_create"),
        path("projects/<id:project_id>/", views.project_detail, name="project"),
        path("projects/<id:project_id>/edit/", views.project_edit, name="project_edit"),
        path(
            "projects/<id:project_id>/data/",
            data_views.project_data,
            name="project_data",
        ),
        path(
            "projects/<id:project_id>/data/retention/",
            data_views.project_retention,
            name="project_retention",
        ),
        path(
            "projects/<id:project_id>/data/apply/",
            data_views.project_retention_apply,
            name="project_retention_apply",
        ),
        path("privacy/", statement_views.privacy, name="privacy"),
        path("accessibility/", statement_views.accessibility, name="accessibility"),
        path("projects/<id:project_id>/members/", views.members, name="member_list"),
        path(
            "projects/<id:project_id>/members/<id:membership_id>/role/",
            views.member_role,
            name="member_role_change",
        ),
        path(
            "projects/<id:project_id>/members/<id:membership_id>/remove/",
            views.member_remove,
            name="member_remove",
        ),
        path(
            "projects/<id:project_id>/invitations/<id:invitation_id>/resend/",
            views.invitation_resend,
            name="invitation_resend",
        ),
        path(
            "projects/<id:project_id>/invitations/<id:invitation_id>/withdraw/",
            views.invitation_withdraw,
            name="invitation_withdraw",
        ),
        path(
            "team-invitations/<token:token>/",
            views.invitation_accept,
            name="invitation_accept",
        ),
        path(
            "projects/<id:project_id>/iterations/new/",
            views.iteration_create,
            name="iteration_create",
        ),
        path(
            "projects/<id:project_id>/iterations/<id:number>/",
            views.iteration_detail,
            name="iteration",
        ),
        path(
            "projects/<id:project_id>/iterations/<id:number>/close/",
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
    path("", include("events.urls")),
    path("", include("feedback.urls")),
    path("", include(core_patterns)),
]
