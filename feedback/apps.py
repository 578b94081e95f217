from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Live feedback boards")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from .access import close_user_sockets

        user_logged_out.connect(
            close_user_sockets, dispatch_uid="feedback-close-sockets"
        )
