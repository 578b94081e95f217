"""The layer contracts in .importlinter hold, and they are live: an upward import fails."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["codesign", "events", "feedback", "bench", "tests"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_tree(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.html", "*.json"),
        )
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def add_import(tree: Path, module: str, statement: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text() + f"\n{statement}\n")


def test_the_real_tree_keeps_every_contract():
    done = lint_imports(ROOT)

    assert done.returncode == 0, done.stdout + done.stderr


def test_core_importing_feedback_breaks_the_layers(tmp_path):
    tree = copy_of_tree(tmp_path)
    add_import(tree, "codesign.spreadsheet", "import feedback.models  # noqa")

    done = lint_imports(tree)

    assert done.returncode == 1
    assert (
        "The core, events and feedback are layers, bottom to top BROKEN" in done.stdout
    )


def test_feedback_importing_the_log_breaks_its_contract(tmp_path):
    tree = copy_of_tree(tmp_path)
    add_import(tree, "feedback.pages", "import codesign.log.models  # noqa")

    done = lint_imports(tree)

    assert done.returncode == 1
    assert "Nothing below the iteration log imports it BROKEN" in done.stdout


def test_events_importing_the_benchmark_breaks_its_contract(tmp_path):
    tree = copy_of_tree(tmp_path)
    add_import(tree, "events.ical", "import bench.seed  # noqa")

    done = lint_imports(tree)

    assert done.returncode == 1
    assert "The site never imports the benchmark or the tests BROKEN" in done.stdout
