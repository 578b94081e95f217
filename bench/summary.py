"""Figures drawn from all the scenarios together: throughput ratios, memory per idle
socket, and the run measured against the targets of issue 17."""

KB = 1024
PHONES = 1000


def ratios(scenarios: dict, workers: int) -> dict:
    """Our throughput against the references and against one worker."""

    def rate(name: str) -> float:
        return scenarios.get(name, {}).get("deliveries_per_second", 0)

    found = {}
    for kind in ("fan-out burst", "commands burst"):
        ours = rate(f"{kind}, 1 worker")
        for reference in ("naive Channels", "bare websockets"):
            if ours and rate(f"fan-out burst, {reference}"):
                found[f"{kind}, 1 worker / {reference}"] = round(
                    ours / rate(f"fan-out burst, {reference}"), 2
                )
        if workers > 1 and ours:
            found[f"{kind}, {workers} workers / 1 worker"] = round(
                rate(f"{kind}, {workers} workers") / ours, 2
            )
    return found


def idle_memory(scenarios: dict) -> dict:
    """Memory per idle socket for each set of servers, from each server's first clients.

    Later scenarios reuse memory their predecessors freed, so a server counts only in
    the first scenario that connected clients to it (for two workers: the second
    worker, the first having served the one-worker scenarios already).
    """
    seen, found = set(), {}
    for name, result in scenarios.items():
        rows = [row for row in result["idle_rss"] if row["server"] not in seen]
        seen.update(row["server"] for row in result["idle_rss"])
        sockets = sum(row["sockets"] for row in rows)
        if sockets:
            growth = sum(row["rss_after"] - row["rss_before"] for row in rows)
            found[name.split(", ", 1)[1]] = {
                "scenario": name,
                "servers": [row["server"] for row in rows],
                "sockets": sockets,
                "kb_per_socket": round(growth / sockets / KB, 1),
            }
    return found


def target(name: str, figure: str, met: bool | None) -> dict:
    return {"target": name, "figure": figure, "met": met}


def targets(report: dict) -> list[dict]:
    """Issue 17's targets against this run; ``met`` is None when not measured."""
    scenarios, page = report["scenarios"], report.get("page")
    ratio = report["ratios"].get("commands burst, 1 worker / bare websockets")
    storm = scenarios.get("storm, 1 worker")
    sites = [
        found
        for label, found in report["idle_memory"].items()
        if label.endswith(("worker", "workers"))
    ]
    memory = max((found["kb_per_socket"] for found in sites), default=None)
    return [
        target(
            "commands burst / bare websockets >= 1x",
            "" if ratio is None else f"{ratio}x",
            None if ratio is None else ratio >= 1,
        ),
        target(
            "storm p99 <= 100 ms (1 worker)",
            f"{storm['latency_ms']['p99']} ms, {storm['clients']} clients"
            if storm
            else "",
            storm["latency_ms"]["p99"] <= 100 if storm else None,
        ),
        target(
            "board page p50 <= 150 ms",
            f"{page['p50_ms']} ms ({page['cards']} cards)" if page else "",
            page["p50_ms"] <= 150 if page else None,
        ),
        target(
            "snapshot p50 <= 150 ms",
            f"{page['snapshot_p50_ms']} ms ({page['cards']} cards)" if page else "",
            page["snapshot_p50_ms"] <= 150 if page else None,
        ),
        target(
            "board page <= 600 KB",
            f"{page['bytes'] / KB:.0f} KB ({page['bytes']} bytes)" if page else "",
            page["bytes"] <= 600 * KB if page else None,
        ),
        target(
            "memory per idle socket <= 50 KB",
            "" if memory is None else f"{memory} KB (the largest)",
            None if memory is None else memory <= 50,
        ),
        phones(report),
    ]


def phones(report: dict) -> dict:
    """1,000 phones: nothing lost and every client at the final seq, site scenarios."""
    clients = report["options"]["clients"]
    name = f"{PHONES} phones: 0 lost, every client at the final seq"
    if clients < PHONES:
        return target(name, f"--clients {clients}", None)
    site = [
        result
        for label, result in report["scenarios"].items()
        if label.endswith(("worker", "workers"))
    ]
    lost = sum(result["lost"] for result in site)
    at_final = min(result["clients_at_final"] for result in site)
    worst = max(result["latency_ms"]["p99"] for result in site)
    figure = (
        f"{lost} lost in {len(site)} scenarios, at least {at_final} of {clients} "
        f"clients at the final seq in each, p99 up to {worst} ms"
    )
    return target(name, figure, lost == 0 and at_final == clients)
