"""``manage.py bench_board`` keeps working: a tiny run on the embedded default."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TINY = [
    "--clients", "6", "--senders", "2", "--storm-cards", "4", "--storm-votes", "6",
    "--storm-seconds", "1", "--poll-seconds", "1", "--burst-events", "10", "--fanout-events", "30",
    "--naive-events", "5", "--bare-events", "10",
    "--page-cards", "5", "--export-entries", "20", "--client-procs", "2", "--json",
]  # fmt: skip


def test_bench_board_runs_every_scenario_and_loses_nothing():
    # Without DATABASE_URL the benchmark makes its own temporary SQLite database.
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}
    }

    done = subprocess.run(
        [sys.executable, "manage.py", "bench_board", *TINY],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    scenarios = report["scenarios"]
    assert list(scenarios) == [
        "storm, 1 worker",
        "commands burst, 1 worker",
        "fan-out burst, 1 worker",
        "poll storm, 1 worker",
        "fan-out burst, naive Channels",
        "fan-out burst, bare websockets",
    ]
    storm = scenarios["storm, 1 worker"]
    assert (storm["events_sent"], storm["events_per_client"], storm["lost"]) == (
        10,
        10,
        0,
    )
    assert scenarios["commands burst, 1 worker"]["events_sent"] == 10
    assert scenarios["commands burst, 1 worker"]["lost"] == 0
    assert scenarios["fan-out burst, 1 worker"]["events_per_client"] == 30
    assert scenarios["fan-out burst, 1 worker"]["lost"] == 0
    poll = scenarios["poll storm, 1 worker"]
    assert (poll["events_sent"], poll["lost"], poll["answers_stored"]) == (6, 0, 6)
    assert scenarios["fan-out burst, bare websockets"]["events_per_client"] == 10
    assert report["page"]["cards"] == 5
    assert [row["format"] for row in report["export"]] == ["csv", "json", "md"]
    assert "fan-out burst, 1 worker / bare websockets" in report["ratios"]
