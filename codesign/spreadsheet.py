"""Small helpers for CSV files that people open in spreadsheet programs."""


class EchoLine:
    """A file-like object whose ``write`` returns the line: csv.writer for streaming."""

    def write(self, value: str) -> str:
        return value


def spreadsheet_safe(value: str) -> str:
    """Keep spreadsheet programs from running text that looks like a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
