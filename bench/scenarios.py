"""The benchmark's runs: client processes against servers, and what they measured.

``run_clients`` spreads the clients over a few client processes (``bench.load``),
starts them together and, once the senders are done, tells them the final ``seq``
to wait for. ``summarise`` turns what every client saw into the reported figures:
losses, latency from a command's send to its event's arrival at each client, and
deliveries per second, each event counted even when it came in a batched frame,
the CPU the client processes took, and the servers' memory with every client
connected and idle.
"""

import asyncio
import multiprocessing
import queue
import time
from dataclasses import dataclass

from . import load
from .clients import Client
from .servers import Monitor, Server


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


@dataclass
class Run:
    """What one scenario's run gave: every client's stats and the processes' costs."""

    stats: list[dict]
    monitor: Monitor
    started: float
    client_cpu_seconds: float
    client_processes: int
    idle_rss: list[dict]


def warm_up(url: str, cookie: str = "", board: bool = True) -> None:
    """One socket connects, syncs and leaves, before the servers' memory is read.

    A server's first socket pays once for what every later one shares (a database
    connection, threads, lazy imports); that is not memory per socket.
    """

    async def once() -> None:
        client = Client([url], cookie, 0, board)
        running = asyncio.create_task(client.run())
        await asyncio.wait_for(client.synced.wait(), 30)
        await client.stop()
        await running

    asyncio.run(once())


def run_clients(plan, spec, processes, servers, final_seq=None) -> Run:
    """Run one scenario: client processes connect, start together and drain.

    ``final_seq`` is called once all senders are done and gives the last ``seq``
    every client must reach; without it ``spec["final"]`` is known in advance. The
    servers' memory is read before the clients connect and once all are synced,
    before anything is sent (``idle_rss``).
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
    before = [server.rss() for server in servers]
    for child in children:
        child.start()
    try:
        wait_ready(ready, results, children, spec["connect_timeout"])
        idle = idle_rss(plan, servers, before)
        with Monitor(servers) as monitor:
            started = time.monotonic()
            go.set()
            stats, cpu = collect(results, len(children), final, final_seq)
    finally:
        for child in children:
            child.join(timeout=10)
            if child.is_alive():
                child.terminate()
    return Run(stats, monitor, started, cpu, len(children), idle)


def idle_rss(plan, servers, before: list[int]) -> list[dict]:
    """Each server's memory before its clients came and now, with its socket count."""
    return [
        {
            "server": server.name,
            "sockets": sum(c["urls"][0].startswith(server.ws_url + "/") for c in plan),
            "rss_before": rss,
            "rss_after": server.rss(),
        }
        for server, rss in zip(servers, before)
    ]


def wait_ready(ready, results, children, timeout: float) -> None:
    deadline = time.monotonic() + timeout
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


def collect(results, count: int, final, final_seq) -> tuple[list[dict], float]:
    """Every client's stats and the client processes' CPU seconds, once all are done."""
    sent, done, stats, cpu = 0, 0, [], 0.0
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
            stats.extend(detail[0])
            cpu += detail[1]
    return stats, cpu


def summarise(run: Run, first: int, final: int) -> dict:
    """The figures of one scenario from what each client saw."""
    stats, started, monitor = run.stats, run.started, run.monitor
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
        "clients_at_final": sum(client["top"] >= final for client in stats),
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
        "client_processes": run.client_processes,
        "client_cpu_seconds": round(run.client_cpu_seconds, 2),
        "client_cpu_percent": round(
            100 * run.client_cpu_seconds / monitor.wall_seconds, 1
        ),
        "idle_rss": run.idle_rss,
    }
