"""The benchmark's results as plain-text tables (``--json`` prints the dict instead)."""

COLUMNS = [
    ("scenario", None),
    ("events", "events_sent"),
    ("frames/client", "frames_per_client"),
    ("events/client", "events_per_client"),
    ("lost", "lost"),
    ("at final", "clients_at_final"),
    ("p50 ms", ("latency_ms", "p50")),
    ("p95 ms", ("latency_ms", "p95")),
    ("p99 ms", ("latency_ms", "p99")),
    ("deliveries/s", "deliveries_per_second"),
    ("server CPU %", "server_cpu_percent"),
    ("client CPU %", "client_cpu_percent"),
    ("peak RSS MB", "server_peak_rss_mb"),
]


def table(headers: list[str], rows: list[list]) -> str:
    cells = [headers] + [[str(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths))
        )
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def value(result: dict, key):
    if key is None:
        return ""
    if isinstance(key, tuple):
        return result[key[0]][key[1]]
    return result[key]


def render(report: dict) -> str:
    """The report as Markdown for docs/performance.md."""
    # Long on purpose: one template of the report's sections, read top to bottom.
    machine, options = report["machine"], report["options"]
    parts = [
        (
            f"Machine: {machine['cpu']}, {machine['cores']} cores, Python "
            f"{machine['python']}, load average {machine['load_average']} at the "
            f"start, {report.get('load_average_at_end')} at the end"
        ),
        (
            f"Database {machine['database']}, channel layer "
            f"{machine['channel_layer']}, {options['clients']} clients in "
            f"{options['client_procs']} client processes"
        ),
        (
            "CPU % is CPU time over the scenario's wall time, 100 % = one core; "
            "at final: clients holding every event up to the final seq"
        ),
        "",
        table(
            [name for name, _key in COLUMNS],
            [
                [name] + [value(result, key) for _n, key in COLUMNS[1:]]
                for name, result in report["scenarios"].items()
            ],
        ),
    ]
    if "fan-out burst, naive Channels" in report["scenarios"]:
        parts.append(
            f"The references' bursts: naive Channels {options['naive_events']} "
            f"events, bare websockets {options['bare_events']} (--naive-events, "
            "--bare-events; by default about 40,000 and 400,000 deliveries, so they "
            "stay short with many clients: the naive consumer manages about 3,000 a "
            "second)."
        )
    parts += idle_memory(report.get("idle_memory", {}))
    if report.get("ratios"):
        parts += ["", "Burst throughput (events delivered per second) ratios:"]
        parts += [f"  {name}: {ratio}" for name, ratio in report["ratios"].items()]
    if report.get("page"):
        page = report["page"]
        parts += [
            "",
            (
                f"Board page with {page['cards']} cards: p50 {page['p50_ms']} ms "
                f"({page['bytes']} bytes); its snapshot on resume: p50 "
                f"{page['snapshot_p50_ms']} ms ({page['snapshot_bytes']} bytes)"
            ),
        ]
    if report.get("export"):
        parts += [
            "",
            table(
                [
                    "log export",
                    "entries",
                    "seconds",
                    "MB",
                    "peak RSS MB",
                    "RSS growth MB",
                ],
                [
                    [
                        row["format"],
                        row["entries"],
                        row["seconds"],
                        row["megabytes"],
                        row["server_peak_rss_mb"],
                        row["rss_growth_mb"],
                    ]
                    for row in report["export"]
                ],
            ),
        ]
    parts += ["", "Targets of issue 17 in this run:"]
    parts += [
        f"  {MET[row['met']]:<12}  {row['target']}"
        + (f": {row['figure']}" if row["figure"] else "")
        for row in report.get("targets", [])
    ]
    return "\n".join(parts)


MET = {True: "met", False: "not met", None: "not measured"}


def idle_memory(found: dict) -> list[str]:
    """Lines on memory per idle socket, one per set of servers."""
    lines = [
        "",
        (
            "Memory per idle socket (server RSS growth from before the clients "
            "connect until all are synced, before any command; each server's first "
            "clients only, after one warm-up socket):"
        ),
    ]
    lines += [
        (
            f"  {label}: {row['kb_per_socket']} KB per socket ({row['sockets']} "
            f"sockets on {', '.join(row['servers'])}, {row['scenario']})"
        )
        for label, row in found.items()
    ]
    return lines if found else []
