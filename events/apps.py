from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Workshops and sessions")

    def ready(self):
        from codesign.personal_data import (
            collect_personal_data,
            erase_account,
            retention_due,
        )
        from codesign.retention import data_held

        from . import personal_data, retention

        collect_personal_data.connect(
            personal_data.collect_registrations, dispatch_uid="events-collect"
        )
        erase_account.connect(
            personal_data.anonymise_registrations, dispatch_uid="events-erase"
        )
        retention_due.connect(
            retention.erase_due_registrations, dispatch_uid="events-retention"
        )
        data_held.connect(retention.registrations_held, dispatch_uid="events-held")
        retention_due.connect(
            retention.erase_due_walk_ins, dispatch_uid="events-walk-ins-retention"
        )
        data_held.connect(retention.walk_ins_held, dispatch_uid="events-walk-ins-held")
