"""No module over about 400 lines (STYLE.md): a new one fails here, by name.

A module may pass the limit only with an entry below: a ceiling and the reason. Raise
a ceiling only with a reason a reviewer accepts; take an entry out once it is split.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400
SKIPPED = {".venv", "migrations", "tests", "node_modules"}

# path -> (ceiling, why it may pass the limit for now)
ALLOWED = {
    "feedback/consumers.py": (
        410,
        (
            "the socket protocol in one class (connect, frames, commands, resume, "
            "rights); delivery, batching, frames and scope already live elsewhere"
        ),
    ),
    "codesign/models.py": (
        420,
        (
            "users, projects, iterations and team invitations of the core; split "
            "into a package when the next model arrives"
        ),
    ),
}


def module_sizes() -> dict[str, int]:
    sizes = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED & set(relative.parts):
            continue
        with path.open(encoding="utf-8") as handle:
            sizes[relative.as_posix()] = sum(1 for _line in handle)
    return sizes


def test_no_module_is_over_the_limit_unless_allowed():
    sizes = module_sizes()

    too_long = {
        path: lines
        for path, lines in sizes.items()
        if lines > ALLOWED.get(path, (LIMIT, ""))[0]
    }

    assert too_long == {}


def test_every_allowed_module_still_needs_its_entry():
    sizes = module_sizes()

    unneeded = [path for path in ALLOWED if sizes.get(path, 0) <= LIMIT]

    assert unneeded == []
