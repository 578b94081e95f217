"""Template helpers of the iteration log."""

from django import template

from codesign.safe_markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Render an entry's simple Markdown safely."""
    return render_markdown(text)
