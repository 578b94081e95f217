"""``manage.py bench_board``: servers up, the board seeded, every scenario run.

The embedded default gets a temporary SQLite file (migrated here, removed at the
end), so the developer's database is never touched. With ``DATABASE_URL`` and
``REDIS_URL`` set the configured PostgreSQL and Redis are used, as the scale-out
mode (``--workers 2``) requires; the benchmark's project is deleted afterwards.
"""

import asyncio
import json
import os
import platform
import shutil
import tempfile
import time
import urllib.request

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from websockets.asyncio.client import connect

from . import seed, servers, summary
from .scenarios import percentile, plan_clients, run_clients, summarise, warm_up
from .servers import Monitor


def use_database(path: str) -> None:
    """Point this process at a fresh SQLite file and migrate it."""
    connections.close_all()
    for target in (settings.DATABASES["default"], connections["default"].settings_dict):
        target["NAME"] = path
    call_command("migrate", verbosity=0, interactive=False)


def machine() -> dict:
    model = ""
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    }


KINDS = [("storm", "storm"), ("burst", "commands burst"), ("source", "fan-out burst")]
# The references' bursts are kept to about this many deliveries, so that they stay
# short with many clients: the naive Channels consumer manages about 3,000 a second
# (200 events for 200 clients, 40 for 1,000), the bare server's one frame per event
# keeps the clients busy (2,000 events for 200 clients, 400 for 1,000).
DELIVERIES = {"naive": 40_000, "bare": 400_000}


def timeouts(clients: int) -> dict:
    """How long clients may take to connect and to drain: longer with more clients."""
    return {
        "connect_timeout": 60 + 0.12 * clients,
        "drain_timeout": 30 + 0.06 * clients,
        "idle_timeout": 3,
    }


def reference_events(opts, reference: str) -> int:
    """``--naive-events`` or ``--bare-events``, or as many as keep the burst short."""
    given = opts[f"{reference}_events"]
    return given or max(10, DELIVERIES[reference] // max(opts["clients"], 1))


def board_run(kind: str, seeded, workers, opts) -> dict:
    """The storm or the burst on our board, through ``workers``."""
    after = seeded.last_seq()
    path = f"/ws/boards/{seeded.board.join_code}/"
    spec = {
        "board": True,
        "scenario": kind,
        "after": after,
        "senders": opts["senders"],
        "column": seeded.column_id,
        "cards": opts["storm_cards"],
        "votes": opts["storm_votes"],
        "duration": opts["storm_seconds"],
        "count": opts["fanout_events" if kind == "source" else "burst_events"],
        "window": opts["burst_window"],
        "board_id": seeded.board.pk,
        "source_url": f"{workers[0].ws_url}/bench/source/",
        **timeouts(len(seeded.cookies)),
    }
    plan = plan_clients(seeded.cookies, workers, opts["senders"], path)
    run = run_clients(plan, spec, opts["client_procs"], workers, seeded.last_seq)
    return summarise(run, after + 1, seeded.last_seq())


def poll_run(seeded, workers, opts) -> dict:
    """The poll storm: every client a phone answering one poll within the seconds."""
    after = seeded.last_seq()
    activity, options = seed.open_poll(seeded)
    clients = len(seeded.cookies)
    spec = {
        "board": True,
        "scenario": "poll",
        "after": after,
        "senders": clients,
        "activity": activity,
        "options": options,
        "duration": opts["poll_seconds"],
        **timeouts(clients),
    }
    path = f"/ws/boards/{seeded.board.join_code}/"
    plan = plan_clients(seeded.cookies, workers, clients, path)
    run = run_clients(plan, spec, opts["client_procs"], workers, seeded.last_seq)
    result = summarise(run, after + 1, seeded.last_seq())
    return {**result, "answers_stored": seed.answers(activity)}


def relay_run(server, path: str, count: int, opts) -> dict:
    """A burst through a reference server: one sender, every client receiving."""
    spec = {
        "board": False,
        "scenario": "relay",
        "after": 0,
        "final": count,
        "senders": 1,
        "count": count,
        **timeouts(opts["clients"]),
    }
    plan = plan_clients([""] * opts["clients"], [server], 1, path)
    run = run_clients(plan, spec, opts["client_procs"], [server])
    return summarise(run, 1, count)


def fetch(url: str, cookie: str) -> tuple[int, int]:
    """GET ``url``, reading the body in chunks; the status and the size."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    size = 0
    with urllib.request.urlopen(request, timeout=120) as response:
        while chunk := response.read(65536):
            size += len(chunk)
        return response.status, size


def page_run(server, seeded, cards: int, repeats: int = 15) -> dict:
    board, cookie = seed.board_with_cards(seeded, cards)
    url = f"{server.url}/b/{board.join_code}/"
    fetch(url, cookie)  # Warm up templates and connections.
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        status, size = fetch(url, cookie)
        times.append(time.perf_counter() - began)
        if status != 200:
            raise CommandError(f"The board page answered {status}")
    snapshots = [snapshot_time(server, board, cookie) for _ in range(repeats)]
    return {
        "cards": cards,
        "p50_ms": round(1000 * percentile(times, 0.5), 1),
        "bytes": size,
        "snapshot_p50_ms": round(1000 * percentile([s for s, _ in snapshots], 0.5), 1),
        "snapshot_bytes": snapshots[-1][1],
    }


def snapshot_time(server, board, cookie: str) -> tuple[float, int]:
    """Seconds from a ``resume`` far ahead of the board to its snapshot; its size.

    A new socket each time: a socket may ask for two snapshots, then one per interval.
    """

    async def resume() -> tuple[float, int]:
        async with connect(
            f"{server.ws_url}/ws/boards/{board.join_code}/",
            origin=server.url,
            additional_headers={"Cookie": cookie},
            compression=None,
            max_size=None,
            proxy=None,
        ) as socket:
            began = time.perf_counter()
            await socket.send(json.dumps({"type": "resume", "after": 10**12}))
            while '"type":"snapshot"' not in (frame := await socket.recv()):
                pass
            return time.perf_counter() - began, len(frame.encode())

    return asyncio.run(resume())


def export_run(server, seeded, entries: int) -> list[dict]:
    seed.log_of(seeded, entries)
    cookie = seed.session_cookie(seeded.organiser)
    base = f"{server.url}/projects/{seeded.project.pk}/iterations/1/export/"
    rows = []
    for fmt in ("csv", "json", "md"):
        with Monitor([server], interval=0.01) as monitor:
            began = time.perf_counter()
            status, size = fetch(base + fmt, cookie)
            seconds = time.perf_counter() - began
        if status != 200:
            raise CommandError(f"The {fmt} export answered {status}")
        rows.append(
            {
                "format": fmt,
                "entries": entries,
                "seconds": round(seconds, 2),
                "megabytes": round(size / 2**20, 1),
                "server_peak_rss_mb": round(monitor.peak_rss / 2**20, 1),
                "rss_growth_mb": round(
                    (monitor.peak_rss - monitor.start_rss) / 2**20, 1
                ),
            }
        )
    return rows


def start_servers(opts, env) -> dict:
    started = {
        "workers": [
            servers.daphne(servers.CODESIGN_APP, env, f"worker {n + 1}")
            for n in range(opts["workers"])
        ]
    }
    if opts["references"]:
        started["naive"] = servers.daphne(servers.NAIVE_APP, env, "naive Channels")
        started["bare"] = servers.bare(env)
    for server in [*started["workers"], started.get("naive"), started.get("bare")]:
        if server is not None:
            server.wait_ready()
    return started


def warm_servers(running: dict, seeded) -> None:
    """A first socket on each server, so memory per socket leaves out one-off costs."""
    for server in running["workers"]:
        path = f"/ws/boards/{seeded.board.join_code}/"
        warm_up(server.ws_url + path, seeded.cookies[0])
    if "naive" in running:
        warm_up(running["naive"].ws_url + "/ws/naive/", board=False)
        warm_up(running["bare"].ws_url + "/", board=False)


def run_benchmark(opts: dict, say) -> dict:
    """Seed, start the servers, run each scenario and stop them; returns the report."""
    # Long on purpose: the benchmark's steps in order, with the servers stopped in
    # ``finally``; split further, the order would be harder to follow.
    opts = {
        **opts,
        "naive_events": reference_events(opts, "naive"),
        "bare_events": reference_events(opts, "bare"),
    }
    configured = bool(settings.DATABASE_URL)
    if opts["workers"] > 1 and not (settings.DATABASE_URL and settings.REDIS_URL):
        raise CommandError("--workers 2 needs DATABASE_URL (PostgreSQL) and REDIS_URL.")
    folder = tempfile.mkdtemp(prefix="codesign-bench-")
    env = servers.server_env()
    if configured:
        call_command("migrate", verbosity=0, interactive=False)
    else:
        path = os.path.join(folder, "bench.sqlite3")
        use_database(path)
        env = servers.server_env(SQLITE_PATH=path)
    report = {"machine": machine(), "options": opts, "scenarios": {}}
    seeded = seed.seed(opts["clients"])
    connections.close_all()
    running = {}
    try:
        say("Starting servers…")
        running = start_servers(opts, env)
        warm_servers(running, seeded)
        workers = running["workers"]
        scenarios = report["scenarios"]
        for label, group in [("1 worker", workers[:1])] + (
            [(f"{len(workers)} workers", workers)] if len(workers) > 1 else []
        ):
            for kind, name in KINDS:
                say(f"{name} on {label}…")
                scenarios[f"{name}, {label}"] = board_run(kind, seeded, group, opts)
            if opts["poll_seconds"]:
                say(f"poll storm on {label}…")
                scenarios[f"poll storm, {label}"] = poll_run(seeded, group, opts)
        if opts["references"]:
            say("fan-out burst through the naive Channels consumer…")
            scenarios["fan-out burst, naive Channels"] = relay_run(
                running["naive"], "/ws/naive/", opts["naive_events"], opts
            )
            say("fan-out burst through the bare websockets server…")
            scenarios["fan-out burst, bare websockets"] = relay_run(
                running["bare"], "/", opts["bare_events"], opts
            )
        if opts["page_cards"]:
            say("board page…")
            report["page"] = page_run(workers[0], seeded, opts["page_cards"])
        if opts["export_entries"]:
            say("log export…")
            report["export"] = export_run(workers[0], seeded, opts["export_entries"])
        report["ratios"] = summary.ratios(scenarios, len(workers))
        report["idle_memory"] = summary.idle_memory(scenarios)
        report["targets"] = summary.targets(report)
        report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        for server in [s for group in running.values() for s in _list(group)]:
            server.stop()
        if configured:
            seed.remove(seeded)
        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)
    return report


def _list(value):
    return value if isinstance(value, list) else [value]
