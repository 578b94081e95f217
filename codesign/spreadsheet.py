"""Small helpers for CSV files that people open in spreadsheet programs."""

import unicodedata
from collections.abc import Iterable

# A cell starting with one of these may be run as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class EchoLine:
    """A file-like object whose ``write`` returns the line: csv.writer for streaming."""

    def write(self, value: str) -> str:
        return value


def spreadsheet_safe(value: str) -> str:
    """Keep spreadsheet programs from running text that looks like a formula.

    The check looks past invisible format characters (a zero-width space, a
    byte-order mark) and folds look-alikes such as the full-width "＝" with NFKC,
    since some programs do the same before they decide what a cell holds.
    """
    first = unicodedata.normalize("NFKC", _after_format_characters(value)[:1])[:1]
    return "'" + value if first in FORMULA_STARTS else value


def _after_format_characters(value: str) -> str:
    """``value`` without its leading characters of Unicode category Cf (format)."""
    index = 0
    while index < len(value) and unicodedata.category(value[index]) == "Cf":
        index += 1
    return value[index:]


def safe_row(cells: Iterable) -> list[str]:
    """Every cell of a CSV row as text, through ``spreadsheet_safe``."""
    return [spreadsheet_safe("" if cell is None else str(cell)) for cell in cells]
