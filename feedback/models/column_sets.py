"""Board templates and the feelings a touchpoint map asks for.

A template column is stored by its key and shown in each viewer's language; a column
the organiser typed is shown as typed (issue 15).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Template key -> its columns (key, label); a template without columns asks the
# organiser to name them (the touchpoint map names its touchpoints).
BOARD_TEMPLATES = {
    "retro": [
        ("works", _("What works")),
        ("better", _("What could be better")),
        ("ideas", _("Ideas")),
        ("questions", _("Questions")),
    ],
    "hopes_fears": [("hopes", _("Hopes")), ("fears", _("Fears"))],
    "start_stop_continue": [
        ("start", _("Start")),
        ("stop", _("Stop")),
        ("continue", _("Continue")),
    ],
    "now_next_later": [("now", _("Now")), ("next", _("Next")), ("later", _("Later"))],
    "touchpoints": [],
}
COLUMN_LABELS = {
    key: label for columns in BOARD_TEMPLATES.values() for key, label in columns
}
# Boards made from these templates carry a feeling on every card (the EBCD
# "emotional mapping" step).
EMOTION_TEMPLATES = {"touchpoints"}


class Template(models.TextChoices):
    RETRO = "retro", _("What works / What could be better / Ideas / Questions")
    HOPES_FEARS = "hopes_fears", _("Hopes / Fears")
    START_STOP_CONTINUE = "start_stop_continue", _("Start / Stop / Continue")
    NOW_NEXT_LATER = "now_next_later", _("Now / Next / Later")
    TOUCHPOINTS = "touchpoints", _("Touchpoint map: touchpoints and feelings")
    CUSTOM = "custom", _("My own columns")


class Emotion(models.TextChoices):
    HAPPY = "happy", _("Happy")
    CALM = "calm", _("Calm")
    WORRIED = "worried", _("Worried")
    SAD = "sad", _("Sad")
    ANGRY = "angry", _("Angry")


# Shown with the word, never alone: the icon helps, the word says it.
EMOTION_ICONS = {
    Emotion.HAPPY: "😊",
    Emotion.CALM: "😌",
    Emotion.WORRIED: "😟",
    Emotion.SAD: "😢",
    Emotion.ANGRY: "😠",
}


def emotion_words() -> dict:
    """Each feeling's icon and word in the active language, for pages and scripts."""
    return {
        value: {"icon": EMOTION_ICONS[value], "label": str(label)}
        for value, label in Emotion.choices
    }
