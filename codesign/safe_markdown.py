"""Simple Markdown for log entries, rendered so that no script or HTML gets through."""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# Raw HTML in the source is shown as text; links and images keep only safe schemes.
_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def render_markdown(text: str) -> SafeString:
    """HTML for a Markdown text, cleaned with nh3 after rendering."""
    html = _renderer.render(text or "")
    return mark_safe(nh3.clean(html, url_schemes={"http", "https", "mailto"}))


def escape_markdown(text: str) -> str:
    """Plain text (a card, a name) that Markdown shows exactly as written."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))
