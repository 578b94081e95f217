"""The log's reactions to cards changing on a board: its copies follow the card.

Connected when the app is ready (``LogConfig.ready``); the lower layer (``feedback``)
does not know the log exists.
"""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from .models import CitationNotice, Evidence


@receiver(pre_delete, sender="feedback.Card")
def forget_withdrawn_card(sender, instance, **kwargs):
    """A person may delete what they contributed (DESIGN §8): the log forgets its text."""
    Evidence.objects.filter(card=instance).update(text="")
    CitationNotice.objects.filter(participant_id=instance.participant_id).filter(
        card_text=instance.text
    ).update(card_text="")


@receiver(post_save, sender="feedback.Card")
def follow_edited_card(sender, instance, update_fields=None, **kwargs):
    """An author who edits a card withdraws its earlier words: copies follow the card.

    The privacy nudge asks people to edit out a phone number or a name; the log must
    not keep showing the words they took back (DESIGN §8, issue 11).
    """
    if update_fields is None or "text" not in update_fields:
        return
    copies = Evidence.objects.filter(card=instance)
    CitationNotice.objects.filter(
        participant_id=instance.participant_id,
        card_text__in=list(copies.values_list("text", flat=True)),
    ).update(card_text=instance.text)
    copies.update(text=instance.text)
