"""Site URLs. The public board interfaces (``/join/``, ``/b/<code>/``) come from feedback."""

from django.contrib import admin
from django.urls import include, path

from . import views

core_patterns = (
    [
        path("", views.home, name="home"),
        path("dashboard/", views.dashboard, name="dashboard"),
        path("projects/<int:project_id>/", views.project_detail, name="project"),
        path(
            "projects/<int:project_id>/iterations/<int:number>/",
            views.iteration_detail,
            name="iteration",
        ),
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
