from django.contrib import admin

from .models import (
    Activity,
    ActivityOption,
    Board,
    BoardEvent,
    Card,
    Column,
    ModerationAction,
    Participant,
    SupportRequest,
    Theme,
    VotingRound,
)


class ColumnInline(admin.TabularInline):
    model = Column
    extra = 0


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ("prompt", "join_code", "state", "project", "last_seq", "created_at")
    list_filter = ("state",)
    search_fields = ("prompt", "join_code")
    raw_id_fields = ("project", "session", "iteration", "created_by")
    readonly_fields = ("last_seq",)
    inlines = [ColumnInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("public_name", "role", "board", "joined_at")
    raw_id_fields = ("board", "user")
    exclude = ("guest_key",)


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    list_display = ("text", "board", "votes", "hidden", "created_at")
    raw_id_fields = ("board", "column", "participant", "theme", "entered_by")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "board")
    raw_id_fields = ("board",)


@admin.register(BoardEvent)
class BoardEventAdmin(admin.ModelAdmin):
    list_display = ("board", "seq", "name", "at")
    raw_id_fields = ("board",)

    def has_change_permission(self, request, obj=None):
        # The event log is append-only; changing it would break every client's replay.
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "by", "reason", "board")
    raw_id_fields = ("board", "card", "by")

    def has_change_permission(self, request, obj=None):
        # The moderation record says who hid what and why; it is not rewritten.
        return False


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    list_display = ("created_at", "participant", "message", "resolved_at", "board")
    raw_id_fields = ("board", "participant")


@admin.register(VotingRound)
class VotingRoundAdmin(admin.ModelAdmin):
    list_display = (
        "board",
        "number",
        "votes_per_participant",
        "started_at",
        "closed_at",
    )
    raw_id_fields = ("board",)


class ActivityOptionInline(admin.TabularInline):
    model = ActivityOption
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    # Answers are sealed until the reveal and stay out of the admin.
    list_display = ("question", "kind", "state", "revealed", "board")
    list_filter = ("kind", "state")
    raw_id_fields = ("board",)
    inlines = [ActivityOptionInline]
