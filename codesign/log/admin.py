"""The iteration log in the admin: readable, never editable (the log is append-only)."""

from django.contrib import admin

from .models import CardOutcome, CitationNotice, Evidence, LogEntry, PublicSummary


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shows history; adding, changing and deleting go through the log's own pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("kind", "text", "role", "board_prompt", "theme_name", "starts_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "iteration", "author_name", "created_at")
    list_filter = ("kind",)
    search_fields = ("title", "body")
    inlines = [EvidenceInline]


@admin.register(CardOutcome)
class CardOutcomeAdmin(ReadOnlyAdmin):
    list_display = ("text", "reason", "project", "recorded_by_name", "recorded_at")


@admin.register(CitationNotice)
class CitationNoticeAdmin(ReadOnlyAdmin):
    list_display = ("participant", "entry", "created_at", "emailed_at", "seen_at")


@admin.register(PublicSummary)
class PublicSummaryAdmin(admin.ModelAdmin):
    list_display = ("project", "enabled", "changed_at")
    readonly_fields = ("token",)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("kind", "text", "role", "entry")
    list_filter = ("kind", "role")
