from django.urls import path

from . import control_views, views

app_name = "feedback"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_board, name="join_board"),
    path("b/<str:code>/", views.board, name="board"),
    path("b/<str:code>/present/", views.present, name="present"),
    path("b/<str:code>/do/", control_views.command, name="command"),
    path("b/<str:code>/facilitate/", control_views.facilitate, name="facilitate"),
    path("b/<str:code>/results/", control_views.results, name="results"),
    path(
        "b/<str:code>/export.csv",
        control_views.export,
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "b/<str:code>/export.json",
        control_views.export,
        {"fmt": "json"},
        name="export_json",
    ),
    path("b/<str:code>/cards/", views.post_card, name="post_card"),
    path("b/<str:code>/cards/<id:card_id>/edit/", views.edit_card, name="edit_card"),
    path(
        "b/<str:code>/cards/<id:card_id>/delete/",
        views.delete_card,
        name="delete_card",
    ),
    path("b/<str:code>/cards/<id:card_id>/vote/", views.vote, name="vote"),
    path("b/<str:code>/cards/<id:card_id>/unvote/", views.unvote, name="unvote"),
    path(
        "projects/<id:project_id>/boards/", views.project_boards, name="project_boards"
    ),
    path(
        "projects/<id:project_id>/boards/new/", views.create_board, name="create_board"
    ),
]
