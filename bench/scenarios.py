"""The benchmark's runs: client processes against servers, and what they measured.

``run_clients`` spreads the clients over a few client processes (``bench.load``),
starts them together and, once the senders are done, tells them the final ``seq``
to wait for. ``summarise`` turns what every client saw into the reported figures:
losses, latency from a command's send to its event's arrival at each client, and
deliveries per second, each event counted even when it came in a batched frame.
"""

import multiprocessing
import queue
import time

from . import load
from .servers import Monitor, Server

READY_TIMEOUT = 120


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def plan_clients(cookies: list[str], servers: list[Server], senders: int, path: str):
    """Clients spread over the servers in turn; the first ``senders`` also send.

    Each client lists every server, its own first: after a crash it reconnects to
    the next one.
    """
    urls = [f"{server.ws_url}{path}" for server in servers]
    plan = []
    for n, cookie in enumerate(cookies):
        own = n % len(urls)
        plan.append(
            {
                "urls": urls[own:] + urls[:own],
                "cookie": cookie,
                "sender": n if n < senders else None,
            }
        )
    return plan


def run_clients(plan, spec, processes, servers, final_seq=None):
    """Run one scenario; returns every client's stats, the server monitor and t0.

    ``final_seq`` is called once all senders are done and gives the last ``seq``
    every client must reach; without it ``spec["final"]`` is known in advance.
    """
    context = multiprocessing.get_context("spawn")
    ready, results = context.Queue(), context.Queue()
    go, final = context.Event(), context.Value("q", spec.get("final", -1))
    groups = [plan[i::processes] for i in range(processes) if plan[i::processes]]
    children = [
        context.Process(
            target=load.main,
            args=({**spec, "clients": group}, ready, go, final, results),
            daemon=True,
        )
        for group in groups
    ]
    for child in children:
        child.start()
    try:
        wait_ready(ready, results, children)
        with Monitor(servers) as monitor:
            started = time.monotonic()
            go.set()
            stats = collect(results, len(children), final, final_seq)
    finally:
        for child in children:
            child.join(timeout=10)
            if child.is_alive():
                child.terminate()
    return stats, monitor, started


def wait_ready(ready, results, children) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    for _ in children:
        while True:
            try:
                ready.get(timeout=0.5)
                break
            except queue.Empty:
                check_failed(results)
                if any(child.exitcode is not None for child in children):
                    raise RuntimeError("a client process ended before connecting")
                if time.monotonic() > deadline:
                    raise RuntimeError("client processes did not connect in time")


def check_failed(results) -> None:
    try:
        kind, detail = results.get_nowait()
    except queue.Empty:
        return
    raise RuntimeError(f"a client process {kind}: {detail}")


def collect(results, count: int, final, final_seq) -> list[dict]:
    sent, done, stats = 0, 0, []
    while done < count:
        kind, detail = results.get(timeout=300)
        if kind == "failed":
            raise RuntimeError(f"a client process failed: {detail}")
        if kind == "sent":
            sent += 1
            if sent == count and final_seq is not None:
                final.value = final_seq()
        else:
            done += 1
            stats.extend(detail)
    return stats


def summarise(stats: list[dict], first: int, final: int, started: float, monitor):
    """The figures of one scenario from what each client saw."""
    sent_at: dict[int, float] = {}
    for client in stats:
        sent_at.update(client["sent_at"])
    expected = final - first + 1
    latencies, received, last = [], 0, started
    for client in stats:
        for seq, arrived in client["arrivals"].items():
            if first <= seq <= final:
                received += 1
                last = max(last, arrived)
                if seq in sent_at:
                    latencies.append(arrived - sent_at[seq])
    clients = len(stats)
    seconds = max(last - started, 1e-9)
    return {
        "clients": clients,
        "events_sent": expected,
        "frames_per_client": round(sum(c["frames"] for c in stats) / clients, 1),
        "events_per_client": round(received / clients, 1),
        "lost": expected * clients - received,
        "resumes": sum(c["resumes"] for c in stats),
        "reconnects": sum(c["reconnects"] for c in stats),
        "errors": sum(sum(c["errors"].values()) for c in stats),
        "latency_ms": {
            name: round(1000 * percentile(latencies, q), 1)
            for name, q in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))
        },
        "seconds": round(seconds, 2),
        "deliveries_per_second": round(received / seconds),
        **monitor.as_dict(),
    }
