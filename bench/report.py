"""The benchmark's results as plain-text tables (``--json`` prints the dict instead)."""

COLUMNS = [
    ("scenario", None),
    ("events", "events_sent"),
    ("frames/client", "frames_per_client"),
    ("events/client", "events_per_client"),
    ("lost", "lost"),
    ("p50 ms", ("latency_ms", "p50")),
    ("p95 ms", ("latency_ms", "p95")),
    ("p99 ms", ("latency_ms", "p99")),
    ("deliveries/s", "deliveries_per_second"),
    ("server CPU %", "server_cpu_percent"),
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
    machine = report["machine"]
    parts = [
        (
            f"Machine: {machine['cpu']}, {machine['cores']} cores, Python "
            f"{machine['python']}, load average {machine['load_average']} at the start"
        ),
        (
            f"Database {machine['database']}, channel layer "
            f"{machine['channel_layer']}, {report['options']['clients']} clients"
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
    if report.get("ratios"):
        parts += ["", "Burst throughput (events delivered per second) ratios:"]
        parts += [f"  {name}: {ratio}" for name, ratio in report["ratios"].items()]
    if report.get("page"):
        page = report["page"]
        parts += [
            "",
            (
                f"Board page with {page['cards']} cards: p50 {page['p50_ms']} ms "
                f"({page['bytes']} bytes)"
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
    return "\n".join(parts)
