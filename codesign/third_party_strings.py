"""Dutch wording of allauth and Django strings that our own catalogue overrides.

Our catalogue (LOCALE_PATHS) is consulted before the apps' catalogues, but
makemessages only extracts our own sources. Naming the third-party msgids here puts
them in locale/nl, where they are translated with "je" instead of "u" or "a.u.b.".
Each msgid is copied exactly from the app's own catalogue; this module is never used.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ALLAUTH_ACCOUNT_PAGES = [
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your "
        "spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to "
        "finalize the signup process. If you do not see the verification email in "
        "your main inbox, check your spam folder. Please contact us if you do not "
        "receive the verification email within a few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link "
        "inside that email. If you do not see the verification email in your main "
        "inbox, check your spam folder. Otherwise\ncontact us if you do not receive "
        "it within a few minutes."
    ),
]

# Django's password validators: the errors and the help texts under the field.
DJANGO_PASSWORD_VALIDATORS = [
    # Django 5.2 reworded this message and its Dutch catalogue has not caught up.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop(
        "Your password can’t be too similar to your other personal information."
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
]
