from django.contrib import admin

from .models import CalendarFeed, Invitation, Registration, Reminder, Session, Workshop


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title", "starts_at", "ends_at", "room", "status"]


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "visibility", "capacity", "status"]
    list_filter = ["status", "visibility", "involvement_level"]
    search_fields = ["title", "project__title"]
    inlines = [SessionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "workshop", "role", "status", "placed_at"]
    list_filter = ["status", "role"]
    search_fields = ["name", "email", "workshop__title"]
    raw_id_fields = ["user", "invitation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "workshop", "role_hint", "status", "invited_at"]
    list_filter = ["status"]
    search_fields = ["email", "workshop__title"]


admin.site.register(Reminder)
admin.site.register(CalendarFeed)
