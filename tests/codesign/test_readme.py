"""The README starts with the two commands and documents every environment variable."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_variables() -> set[str]:
    source = (ROOT / "codesign" / "settings.py").read_text()
    calls = r"(?:environ\.get|required|env_list|env_\w+)\(\s*\"([A-Z][A-Z0-9_]+)\""
    return set(re.findall(calls, source))


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()

    first_block = readme.split("```sh\n", 1)[1].split("```", 1)[0]

    assert [line.split()[0:2] for line in first_block.splitlines()] == [
        ["make", "run"],
        ["make", "test"],
    ]


def test_readme_documents_every_environment_variable():
    readme = (ROOT / "README.md").read_text()

    missing = sorted(name for name in settings_variables() if f"`{name}`" not in readme)

    assert len(settings_variables()) >= 15
    assert missing == []
