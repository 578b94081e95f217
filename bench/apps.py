from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """The benchmark's app: it brings the ``bench_board`` command."""

    name = "bench"
    verbose_name = _("Benchmark")
