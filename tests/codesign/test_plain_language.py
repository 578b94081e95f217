"""Plain language (B1) on the participant's path: Dutch sentences of at most 15 words.

The catalogue is made without source locations, so the participant-facing strings are
found here: the msgids of an explicit list of templates and modules, looked up in
locale/nl/LC_MESSAGES/django.po. Strings not translated yet are skipped; the
translation batch adds them, and this test then reads them too.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_WORDS = 15
PARTICIPANT_TEMPLATES = [
    "_display_prefs.html",
    "_read_aloud.html",
    "codesign/log/you_said.html",
    "events/_facts.html",
    "events/_sessions.html",
    "events/cancel.html",
    "events/check_email.html",
    "events/confirm.html",
    "events/invitation_other.html",
    "events/invitation_used.html",
    "events/public_workshop.html",
    "events/registration.html",
    "feedback/_board_status.html",
    "feedback/_card_template.html",
    "feedback/_field.html",
    "feedback/_form_errors.html",
    "feedback/_state_text.html",
    "feedback/board.html",
    "feedback/card_edit.html",
    "feedback/join.html",
    "feedback/join_board.html",
]
# Modules whose strings reach participants: the board's live messages and cards, the
# forms they fill in, and the e-mails to registrants.
PARTICIPANT_MODULES = [
    "feedback/pages.py",
    "feedback/compact_cards.py",
    "events/emails.py",
    "feedback/privacy.py",
]
# Each entry says why the sentence may stay long. Keep this list short.
ALLOWED: dict[str, str] = {}

TRANSLATE = re.compile(r"""{%\s*trans(?:late)?\s+(["'])(.*?)\1""")
BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?\b(?P<args>[^%]*)%}(?P<body>.*?)"
    r"(?:{%\s*plural\s*%}.*?)?{%\s*endblocktrans(?:late)?\s*%}",
    re.DOTALL,
)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}


def template_msgids(text: str) -> set[str]:
    """The msgids of {% translate %} and {% blocktranslate %} tags, as makemessages writes them."""
    found = {match.group(2) for match in TRANSLATE.finditer(text)}
    for match in BLOCK.finditer(text):
        body = VARIABLE.sub(r"%(\1)s", match.group("body"))
        if "trimmed" in match.group("args"):
            body = " ".join(line.strip() for line in body.splitlines() if line.strip())
        found.add(body)
    return found


def module_msgids(text: str) -> set[str]:
    """The first (singular) string of every gettext call in a Python module."""
    found = set()
    for node in ast.walk(ast.parse(text)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in GETTEXT
            and node.args
            and isinstance(
                node.args[-1 if node.func.id == "pgettext" else 0], ast.Constant
            )
        ):
            found.add(node.args[-1 if node.func.id == "pgettext" else 0].value)
    return found


def participant_msgids() -> set[str]:
    msgids = set()
    for name in PARTICIPANT_TEMPLATES:
        msgids |= template_msgids((ROOT / "templates" / name).read_text("utf-8"))
    for name in PARTICIPANT_MODULES:
        msgids |= module_msgids((ROOT / name).read_text("utf-8"))
    return msgids


def unquote(line: str) -> str:
    return ast.literal_eval(line.strip())


def dutch_catalogue() -> dict[str, list[str]]:
    """msgid → its Dutch translations (two for a plural), from the .po file."""
    catalogue, msgid, strings, field = {}, None, [], None
    lines = (ROOT / "locale/nl/LC_MESSAGES/django.po").read_text("utf-8").splitlines()
    for line in [*lines, ""]:
        if line.startswith("#") or not line.strip():
            if msgid is not None:
                catalogue[msgid] = strings
            msgid, strings, field = None, [], None
        elif line.startswith("msgid "):
            msgid, field = unquote(line[6:]), "msgid"
        elif line.startswith("msgstr"):
            strings.append(unquote(line.split(" ", 1)[1]))
            field = "msgstr"
        elif line.startswith("msgid_plural"):
            field = "plural"
        elif line.startswith('"') and field == "msgid":
            msgid += unquote(line)
        elif line.startswith('"') and field == "msgstr":
            strings[-1] += unquote(line)
    return catalogue


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+|\n+", text) if part.strip()]


def long_dutch_sentences() -> dict[str, str]:
    """Participant-facing msgids whose Dutch has a sentence over ``MAX_WORDS`` words."""
    catalogue = dutch_catalogue()
    found = {}
    for msgid in participant_msgids():
        for translation in catalogue.get(msgid, []):
            for sentence in sentences(translation):
                if len(sentence.split()) > MAX_WORDS:
                    found[msgid] = sentence
    return found


def test_the_participant_strings_are_found():
    msgids = participant_msgids()

    assert "Join the board" in msgids
    assert "You take part as %(name)s." in msgids
    assert "Time is up." in msgids
    assert dutch_catalogue()["Join the board"] == ["Meedoen met het bord"]


def test_dutch_sentences_on_the_participant_path_have_at_most_15_words():
    too_long = long_dutch_sentences()

    assert {m: s for m, s in too_long.items() if m not in ALLOWED} == {}


def test_the_allow_list_stays_short_and_current():
    msgids = participant_msgids()

    assert len(ALLOWED) <= 5
    assert [msgid for msgid in ALLOWED if msgid not in msgids] == []
