from django.urls import path

from . import (
    activity_views,
    control_views,
    data_views,
    life_cycle_views,
    print_views,
    views,
)

app_name = "feedback"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_board, name="board_join"),
    path("b/<str:code>/", views.board, name="board"),
    path("b/<str:code>/present/", views.present, name="board_present"),
    path(
        "b/<str:code>/activities/",
        activity_views.section,
        name="board_activities",
    ),
    path("b/<str:code>/do/", control_views.command, name="board_command"),
    path("b/<str:code>/facilitate/", control_views.facilitate, name="board_facilitate"),
    path("b/<str:code>/results/", control_views.results, name="board_results"),
    path("b/<str:code>/edit/", life_cycle_views.edit, name="board_edit"),
    path("b/<str:code>/copy/", life_cycle_views.copy, name="board_copy"),
    path("b/<str:code>/archive/", life_cycle_views.archive, name="board_archive"),
    path("b/<str:code>/delete/", life_cycle_views.delete, name="board_delete"),
    path("b/<str:code>/poster/", print_views.poster, name="board_poster"),
    path(
        "b/<str:code>/cards-sheet/",
        print_views.cards_sheet,
        name="board_cards_sheet",
    ),
    path("b/<str:code>/print/", print_views.print_board, name="board_print"),
    path(
        "b/<str:code>/export.csv",
        control_views.export,
        {"fmt": "csv"},
        name="board_export_csv",
    ),
    path(
        "b/<str:code>/export.json",
        control_views.export,
        {"fmt": "json"},
        name="board_export_json",
    ),
    path("b/<str:code>/me/", data_views.my_data, name="board_my_data"),
    path(
        "b/<str:code>/me/data.json",
        data_views.my_data_download,
        name="board_my_data_download",
    ),
    path("b/<str:code>/me/erase/", data_views.erase_me, name="board_erase_me"),
    path("b/<str:code>/cards/", views.post_card, name="card_create"),
    path("b/<str:code>/cards/<id:card_id>/edit/", views.edit_card, name="card_edit"),
    path(
        "b/<str:code>/cards/<id:card_id>/delete/",
        views.delete_card,
        name="card_delete",
    ),
    path("b/<str:code>/cards/<id:card_id>/vote/", views.vote, name="vote_add"),
    path("b/<str:code>/cards/<id:card_id>/unvote/", views.unvote, name="vote_remove"),
    path("projects/<id:project_id>/boards/", views.project_boards, name="board_list"),
    path(
        "projects/<id:project_id>/boards/new/", views.create_board, name="board_create"
    ),
]
