from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogConfig(AppConfig):
    name = "codesign.log"
    label = "log"
    verbose_name = _("Iteration log")
