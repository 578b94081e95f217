from django.urls import path

from . import calendar_views, public_views, views

app_name = "events"
urlpatterns = [
    # Project members and organisers
    path(
        "projects/<id:project_id>/workshops/",
        views.workshop_list,
        name="workshop_list",
    ),
    path(
        "projects/<id:project_id>/workshops/new/",
        views.workshop_create,
        name="workshop_create",
    ),
    path(
        "projects/<id:project_id>/calendar.ics",
        calendar_views.project_ics,
        name="project_ics",
    ),
    path("workshops/<id:workshop_id>/", views.workshop_detail, name="workshop"),
    path("workshops/<id:workshop_id>/edit/", views.workshop_edit, name="workshop_edit"),
    path(
        "workshops/<id:workshop_id>/cancel/",
        views.workshop_cancel,
        name="workshop_cancel",
    ),
    path(
        "workshops/<id:workshop_id>/calendar.ics",
        calendar_views.workshop_ics,
        name="workshop_ics",
    ),
    path(
        "workshops/<id:workshop_id>/sessions/new/",
        views.session_create,
        name="session_create",
    ),
    path(
        "workshops/<id:workshop_id>/registrations/",
        views.registration_list,
        name="registration_list",
    ),
    path(
        "workshops/<id:workshop_id>/registrations.csv",
        views.registration_csv,
        name="registration_export_csv",
    ),
    path(
        "workshops/<id:workshop_id>/invitations/",
        views.invitation_list,
        name="invitation_list",
    ),
    path("sessions/<id:session_id>/edit/", views.session_edit, name="session_edit"),
    path(
        "sessions/<id:session_id>/cancel/", views.session_cancel, name="session_cancel"
    ),
    path(
        "sessions/<id:session_id>/calendar.ics",
        calendar_views.session_ics,
        name="session_ics",
    ),
    # Personal calendar
    path("calendar/", calendar_views.my_calendar, name="calendar"),
    path(
        "calendar/new-address/", calendar_views.regenerate_feed, name="feed_regenerate"
    ),
    path(
        "feeds/<str:token>/calendar.ics",
        calendar_views.personal_feed,
        name="personal_feed",
    ),
    # Anyone with the link: no account needed
    path("w/<str:token>/", public_views.workshop_page, name="public_workshop"),
    path(
        "w/<str:token>/calendar.ics",
        calendar_views.public_workshop_ics,
        name="public_workshop_ics",
    ),
    path(
        "w/<str:token>/sessions/<id:session_id>.ics",
        calendar_views.public_session_ics,
        name="public_session_ics",
    ),
    path("invitations/<str:token>/", public_views.invitation_page, name="invitation"),
    path(
        "invitations/<str:token>/decline/",
        public_views.invitation_decline,
        name="invitation_decline",
    ),
    path(
        "confirm/<str:token>/",
        public_views.confirm_registration,
        name="registration_confirm",
    ),
    path("r/<str:token>/", public_views.registration_page, name="registration"),
    path(
        "r/<str:token>/cancel/",
        public_views.cancel_registration,
        name="registration_cancel",
    ),
    path(
        "r/<str:token>/calendar.ics",
        calendar_views.registration_ics,
        name="registration_ics",
    ),
]
