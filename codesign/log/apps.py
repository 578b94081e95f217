from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogConfig(AppConfig):
    name = "codesign.log"
    label = "log"
    verbose_name = _("Iteration log")

    def ready(self):
        from codesign.personal_data import collect_personal_data, erase_account

        # The log follows the cards it cites (receivers connect on import).
        from . import personal_data, receivers  # noqa: F401

        collect_personal_data.connect(
            personal_data.collect_log, dispatch_uid="log-collect"
        )
        erase_account.connect(personal_data.anonymise_log, dispatch_uid="log-erase")
