from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("workshops/<int:workshop_id>/", views.workshop_detail, name="workshop"),
]
