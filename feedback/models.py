"""Models of feedback; see DESIGN.md §3."""

from django.db import models  # noqa: F401
