"""Workshop URLs: organiser pages in the project's space, token links under /events/.

The organiser pages moved from /events/... to /projects/<id>/...; their old addresses
answer with a permanent redirect (``moved``) so bookmarks keep working. Token links
(public workshop pages, registrations, invitations, calendar feeds) went out in
e-mails and calendars and keep their addresses.
"""

from django.urls import path

from . import attendance_views, calendar_views, data_views, public_views, views
from .moved import moved_project_page, moved_session_page, moved_workshop_page

app_name = "events"

PROJECT = "projects/<id:project_id>/"
WORKSHOP = f"{PROJECT}workshops/<id:workshop_id>/"
SESSION = f"{PROJECT}sessions/<id:session_id>/"

project_patterns = [
    path(f"{PROJECT}workshops/", views.workshop_list, name="workshop_list"),
    path(f"{PROJECT}workshops/new/", views.workshop_create, name="workshop_create"),
    path(f"{PROJECT}calendar.ics", calendar_views.project_ics, name="project_ics"),
    path(WORKSHOP, views.workshop_detail, name="workshop"),
    path(f"{WORKSHOP}edit/", views.workshop_edit, name="workshop_edit"),
    path(f"{WORKSHOP}cancel/", views.workshop_cancel, name="workshop_cancel"),
    path(f"{WORKSHOP}calendar.ics", calendar_views.workshop_ics, name="workshop_ics"),
    path(f"{WORKSHOP}sessions/new/", views.session_create, name="session_create"),
    path(
        f"{WORKSHOP}registrations/",
        views.registration_list,
        name="registration_list",
    ),
    path(
        f"{WORKSHOP}registrations.csv",
        views.registration_csv,
        name="registration_export_csv",
    ),
    path(f"{WORKSHOP}invitations/", views.invitation_list, name="invitation_list"),
    path(f"{SESSION}edit/", views.session_edit, name="session_edit"),
    path(f"{SESSION}cancel/", views.session_cancel, name="session_cancel"),
    path(f"{SESSION}calendar.ics", calendar_views.session_ics, name="session_ics"),
    path(f"{SESSION}check-in/", attendance_views.check_in_list, name="check_in"),
    path(
        f"{SESSION}check-in/registrations/<id:registration_id>/",
        attendance_views.check_in_mark,
        name="check_in_mark",
    ),
    path(
        f"{SESSION}check-in/walk-ins/",
        attendance_views.walk_in_add,
        name="walk_in_add",
    ),
    path(
        f"{SESSION}check-in/walk-ins/<id:attendance_id>/remove/",
        attendance_views.walk_in_remove,
        name="walk_in_remove",
    ),
    path(f"{SESSION}check-in.csv", attendance_views.check_in_csv, name="check_in_csv"),
    path(
        f"{WORKSHOP}registrations/<id:registration_id>/compensation/",
        attendance_views.compensation_set,
        name="registration_compensation",
    ),
]

# The organiser pages' addresses before they moved into the project's space.
OLD = "events/"
moved_patterns = [
    path(f"{OLD}{PROJECT}workshops/", moved_project_page("workshop_list")),
    path(f"{OLD}{PROJECT}workshops/new/", moved_project_page("workshop_create")),
    path(f"{OLD}{PROJECT}calendar.ics", moved_project_page("project_ics")),
    path(f"{OLD}workshops/<id:workshop_id>/", moved_workshop_page("workshop")),
    *[
        path(f"{OLD}workshops/<id:workshop_id>/{suffix}", moved_workshop_page(name))
        for suffix, name in [
            ("edit/", "workshop_edit"),
            ("cancel/", "workshop_cancel"),
            ("calendar.ics", "workshop_ics"),
            ("sessions/new/", "session_create"),
            ("registrations/", "registration_list"),
            ("registrations.csv", "registration_export_csv"),
            ("invitations/", "invitation_list"),
        ]
    ],
    path(f"{OLD}sessions/<id:session_id>/edit/", moved_session_page("session_edit")),
    path(
        f"{OLD}sessions/<id:session_id>/cancel/", moved_session_page("session_cancel")
    ),
    path(
        f"{OLD}sessions/<id:session_id>/calendar.ics", moved_session_page("session_ics")
    ),
]

# Personal pages and links that went out by e-mail or into calendars.
personal_and_token_patterns = [
    path(f"{OLD}calendar/", calendar_views.my_calendar, name="calendar"),
    path(
        f"{OLD}calendar/new-address/",
        calendar_views.regenerate_feed,
        name="feed_regenerate",
    ),
    path(
        f"{OLD}feeds/<token:token>/calendar.ics",
        calendar_views.personal_feed,
        name="personal_feed",
    ),
    path(f"{OLD}w/<token:token>/", public_views.workshop_page, name="public_workshop"),
    path(
        f"{OLD}w/<token:token>/calendar.ics",
        calendar_views.public_workshop_ics,
        name="public_workshop_ics",
    ),
    path(
        f"{OLD}w/<token:token>/sessions/<id:session_id>.ics",
        calendar_views.public_session_ics,
        name="public_session_ics",
    ),
    path(
        f"{OLD}invitations/<token:token>/",
        public_views.invitation_page,
        name="invitation",
    ),
    path(
        f"{OLD}invitations/<token:token>/decline/",
        public_views.invitation_decline,
        name="invitation_decline",
    ),
    path(
        f"{OLD}confirm/<token:token>/",
        public_views.confirm_registration,
        name="registration_confirm",
    ),
    path(f"{OLD}r/<token:token>/", public_views.registration_page, name="registration"),
    path(
        f"{OLD}r/<token:token>/cancel/",
        public_views.cancel_registration,
        name="registration_cancel",
    ),
    path(
        f"{OLD}r/<token:token>/data.json",
        data_views.registration_data,
        name="registration_data",
    ),
    path(
        f"{OLD}r/<token:token>/details/",
        data_views.registration_details,
        name="registration_details",
    ),
    path(
        f"{OLD}r/<token:token>/erase/",
        data_views.registration_erase,
        name="registration_erase",
    ),
    path(
        f"{OLD}r/<token:token>/calendar.ics",
        calendar_views.registration_ics,
        name="registration_ics",
    ),
]

urlpatterns = project_patterns + moved_patterns + personal_and_token_patterns
