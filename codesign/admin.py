from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Erasure, Iteration, Membership, Project, ProjectInvitation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Profile"),
            {"fields": ("display_name", "stakeholder_role", "preferred_language")},
        ),
    )
    list_display = ("email", "display_name", "stakeholder_role", "is_staff")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "created_at")
    search_fields = ("title",)
    inlines = [MembershipInline]


@admin.register(Iteration)
class IterationAdmin(admin.ModelAdmin):
    list_display = ("project", "number", "stage", "status", "direction")
    list_filter = ("stage", "status")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("project", "user", "role")
    list_filter = ("role",)
    raw_id_fields = ("user",)


@admin.register(ProjectInvitation)
class ProjectInvitationAdmin(admin.ModelAdmin):
    list_display = ("project", "email", "role", "created_at", "accepted_at")
    list_filter = ("role",)
    raw_id_fields = ("invited_by",)
    exclude = ("token",)


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """The erasure record is evidence: it can be read, never changed."""

    list_display = ("at", "kind", "project", "subject", "count", "reason", "by")
    list_filter = ("kind", "reason")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def login_through_accounts(request, extra_context=None):
    """The admin signs in on the site's log-in page, which allauth rate-limits."""
    if request.user.is_authenticated:
        # Only people who are not staff are sent here while signed in.
        raise PermissionDenied
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return redirect_to_login(next_url)


admin.site.login = login_through_accounts
