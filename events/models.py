"""Models of events; see DESIGN.md §3."""

from django.db import models  # noqa: F401
