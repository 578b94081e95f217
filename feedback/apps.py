from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Live feedback boards")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_delete, post_save

        from codesign.models import Membership

        from .access import close_user_sockets, recheck_member_sockets

        user_logged_out.connect(
            close_user_sockets, dispatch_uid="feedback-close-sockets"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                recheck_member_sockets,
                sender=Membership,
                dispatch_uid=f"feedback-recheck-{signal is post_save}",
            )
        self.join_personal_data()

    def join_personal_data(self):
        """Contribute the boards' part to a person's data and to erasing it."""
        from codesign.personal_data import (
            collect_personal_data,
            erase_account,
            retention_due,
        )
        from codesign.retention import data_held

        from . import personal_data, retention

        collect_personal_data.connect(
            personal_data.collect_participations, dispatch_uid="feedback-collect"
        )
        erase_account.connect(
            personal_data.anonymise_participations, dispatch_uid="feedback-erase"
        )
        retention_due.connect(
            retention.erase_due_board_data, dispatch_uid="feedback-retention"
        )
        data_held.connect(retention.board_data_held, dispatch_uid="feedback-held")
