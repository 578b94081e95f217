"""``manage.py bench_board`` keeps working: a tiny run on the embedded default."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.report import render

ROOT = Path(__file__).resolve().parents[2]
TINY = [
    "--clients", "6", "--senders", "2", "--storm-cards", "4", "--storm-votes", "6",
    "--storm-seconds", "1", "--poll-seconds", "1", "--burst-events", "10", "--fanout-events", "30",
    "--naive-events", "5", "--bare-events", "10",
    "--page-cards", "5", "--export-entries", "20", "--client-procs", "2", "--json",
]  # fmt: skip


@pytest.fixture(scope="module")
def report() -> dict:
    """One tiny run's report; without DATABASE_URL it makes its own SQLite database."""
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
    return json.loads(done.stdout)


def test_bench_board_runs_every_scenario_and_loses_nothing(report):
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
    assert report["page"]["snapshot_bytes"] > 0  # the whole snapshot frame arrived
    assert [row["format"] for row in report["export"]] == ["csv", "json", "md"]
    assert "fan-out burst, 1 worker / bare websockets" in report["ratios"]


def test_bench_board_counts_every_client_at_the_final_seq_and_their_cpu(report):
    scenarios = report["scenarios"].values()

    assert {result["clients_at_final"] for result in scenarios} == {6}
    assert {result["client_processes"] for result in scenarios} == {2}
    assert all(result["client_cpu_seconds"] >= 0 for result in scenarios)
    assert all("client_cpu_percent" in result for result in scenarios)


def test_bench_board_measures_idle_socket_memory_on_each_fresh_server(report):
    memory = report["idle_memory"]

    assert list(memory) == ["1 worker", "naive Channels", "bare websockets"]
    assert memory["1 worker"]["scenario"] == "storm, 1 worker"
    assert memory["1 worker"]["servers"] == ["worker 1"]
    assert {found["sockets"] for found in memory.values()} == {6}
    assert all("kb_per_socket" in found for found in memory.values())


def test_bench_board_reports_the_targets_of_issue_17(report):
    text = render(report)

    assert [row["target"] for row in report["targets"]] == [
        "commands burst / bare websockets >= 1x",
        "storm p99 <= 100 ms (1 worker)",
        "board page p50 <= 150 ms",
        "snapshot p50 <= 150 ms",
        "board page <= 600 KB",
        "memory per idle socket <= 50 KB",
        "1000 phones: 0 lost, every client at the final seq",
    ]
    assert report["targets"][-1]["met"] is None
    assert len(report["load_average_at_end"]) == 3
    assert "client CPU %" in text
    assert "Memory per idle socket" in text
    assert "not measured  1000 phones: 0 lost" in text
