"""``manage.py bench_board``: the live-board benchmark of issue 4 (see bench/)."""

import json
import os
from typing import ClassVar

from django.core.management.base import BaseCommand

from bench.report import render
from bench.runner import run_benchmark


class Command(BaseCommand):
    help = (
        "Measure board fan-out over real WebSockets: the voting storm, the bursts, "
        "the naive Channels and bare websockets references, memory per idle socket "
        "and the board page, against issue 17's targets (docs/performance.md)."
    )
    requires_system_checks: ClassVar[list] = []

    def add_arguments(self, parser):
        add = parser.add_argument
        add("--clients", type=int, default=200, help="WebSocket clients (200)")
        add("--senders", type=int, default=20, help="clients that also send (20)")
        add("--storm-cards", type=int, default=200, help="cards in the storm (200)")
        add("--storm-votes", type=int, default=1000, help="votes in the storm (1000)")
        add("--storm-seconds", type=float, default=20, help="storm length (20)")
        add("--poll-seconds", type=float, default=10, help="poll storm length (10)")
        add("--burst-events", type=int, default=1000, help="burst commands (1000)")
        add("--burst-window", type=int, default=4, help="unacked commands per sender")
        add("--fanout-events", type=int, default=4000, help="fan-out burst (4000)")
        add(
            "--naive-events",
            type=int,
            help="naive burst size (40,000 deliveries: 200 at 200 clients, 40 at 1000)",
        )
        add(
            "--bare-events",
            type=int,
            help="bare burst size (400,000 deliveries: 2000 at 200 clients)",
        )
        add("--page-cards", type=int, default=1000, help="cards on the page (1000)")
        add("--export-entries", type=int, default=10000, help="log entries (10000)")
        add(
            "--client-procs",
            type=int,
            default=max(2, os.cpu_count() or 1),
            help=(
                "client processes (the machine's core count, at least 2: "
                f"{max(2, os.cpu_count() or 1)} here)"
            ),
        )
        add("--workers", type=int, default=1, help="Daphne workers; 2+ needs Redis")
        add("--no-references", dest="references", action="store_false")
        add("--json", action="store_true", help="print the results as JSON")

    def handle(self, *args, **options):
        opts = {
            key: options[key]
            for key in [
                "clients",
                "senders",
                "storm_cards",
                "storm_votes",
                "storm_seconds",
                "poll_seconds",
                "burst_events",
                "burst_window",
                "fanout_events",
                "naive_events",
                "bare_events",
                "page_cards",
                "export_entries",
                "client_procs",
                "workers",
                "references",
            ]
        }
        say = (lambda text: None) if options["json"] else self.stderr.write
        report = run_benchmark(opts, say)
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.stdout.write(render(report))
