"""Account hooks: a new account keeps the language its owner signed up in."""

from allauth.account.signals import user_signed_up
from django.conf import settings
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import ngettext_lazy

# Django 5.2 reworded this password message and its Dutch catalogue has not caught up.
# Naming it here puts it in our catalogue, which Django consults first.
DJANGO_MESSAGES_MISSING_IN_DUTCH = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
]


@receiver(user_signed_up)
def remember_signup_language(sender, request, user, **kwargs) -> None:
    """Without this, the default preference would switch a Dutch visitor to English."""
    language = translation.get_language()
    if language in dict(settings.LANGUAGES) and language != user.preferred_language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
