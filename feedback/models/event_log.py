"""The board's ordered event log and the results of commands already run.

Every change to a board goes through ``feedback.actions``, which writes the change and
a ``BoardEvent`` with the board's next ``seq`` in one transaction.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .boards import Board


class BoardEvent(models.Model):
    """The board's ordered event log: ``seq`` is gap-free and strictly increasing."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="events", verbose_name=_("board")
    )
    seq = models.PositiveBigIntegerField(_("sequence number"))
    name = models.CharField(_("name"), max_length=40)
    data = models.JSONField(_("data"), default=dict)
    # Variants for viewers who may not see ``data`` in full: {"owner": participant
    # id, "own": {"name", "data"}, "other": {"name", "data"}}; empty when none.
    audience = models.JSONField(_("audience variants"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["board", "seq"]
        verbose_name = _("board event")
        verbose_name_plural = _("board events")
        constraints = [
            models.UniqueConstraint(fields=["board", "seq"], name="one_event_per_seq")
        ]

    def __str__(self) -> str:
        return f"{self.board_id}#{self.seq} {self.name}"

    def as_message(self, variant: dict | None = None) -> dict:
        """The event as the protocol sends it (DESIGN §5), or one of its variants."""
        return {
            "type": "event",
            "seq": self.seq,
            "name": variant["name"] if variant else self.name,
            "data": variant["data"] if variant else self.data,
            "at": self.at.isoformat(),
        }


class ProcessedCommand(models.Model):
    """A command that succeeded, kept so a retry with its request_id gets the same ack."""

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="+", verbose_name=_("board")
    )
    actor = models.CharField(_("actor"), max_length=40)
    request_id = models.UUIDField(_("request id"))
    command = models.CharField(_("command"), max_length=40)
    seq = models.PositiveBigIntegerField(_("sequence number"))
    result = models.JSONField(_("result"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("processed command")
        verbose_name_plural = _("processed commands")
        constraints = [
            models.UniqueConstraint(
                fields=["board", "actor", "request_id"], name="one_result_per_request"
            )
        ]
