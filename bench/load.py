"""One client process of the benchmark: its share of the clients and senders.

The parent (``bench.scenarios``) starts a few of these so that parsing frames does
not make one client process the bottleneck. Each connects its clients, reports
ready, waits for the common start, runs its senders through the scenario, then waits
until every client has every event up to the final ``seq`` (resuming where needed)
and sends back what each client saw.
"""

import asyncio
import json
import os
import random
import time

from websockets.asyncio.client import connect

from .clients import Client

RELAY_EVENT = (
    '{"type":"event","seq":%d,"name":"card.created","data":{"id":%d,"column":1,'
    '"text":"Burst card %d","author":{"name":"Guest","role":"patient"},"votes":0,'
    '"theme":null,"hidden":false,"created_at":"2026-11-29T10:00:00+00:00"},'
    '"at":"2026-11-29T10:00:00.000+00:00"}'
)


def share(count: int, index: int, total: int) -> int:
    """Sender ``index``'s part of ``count`` commands split over ``total`` senders."""
    return count // total + (1 if index < count % total else 0)


def storm_kinds(cards: int, votes: int) -> list[str]:
    """Cards spread evenly among the votes, a card first so votes have a target."""
    total = cards + votes
    return [
        "card"
        if cards and (k == 0 or (k * cards) // total != ((k - 1) * cards) // total)
        else "vote"
        for k in range(total)
    ]


async def storm_sender(client: Client, index: int, spec: dict, started: float):
    total = spec["senders"]
    kinds = storm_kinds(
        share(spec["cards"], index, total), share(spec["votes"], index, total)
    )
    step = spec["duration"] / max(len(kinds), 1)
    offset = step * index / total
    own: list[int] = []
    waiting = []
    for k, kind in enumerate(kinds):
        await asyncio.sleep(max(0.0, started + offset + k * step - time.monotonic()))
        if kind == "card":
            future = client.command(
                "card.create", column=spec["column"], text=f"Storm card {index}.{k}"
            )
            future.add_done_callback(
                lambda f: own.append(f.result()["result"]["card"]) if f.result() else 0
            )
        else:
            while not own:
                await asyncio.sleep(0.01)
            future = client.command("vote.add", card=random.choice(own))
        waiting.append(future)
    await asyncio.gather(*waiting)


async def burst_sender(client: Client, index: int, spec: dict, started: float):
    window = asyncio.Semaphore(spec["window"])

    async def one(k: int):
        async with window:
            await client.command(
                "card.create", column=spec["column"], text=f"Burst card {index}.{k}"
            )

    count = share(spec["count"], index, spec["senders"])
    await asyncio.gather(*(one(k) for k in range(count)))


async def relay_sender(client: Client, index: int, spec: dict, started: float):
    first = spec["after"] + 1
    for k in range(share(spec["count"], index, spec["senders"])):
        seq = first + k * spec["senders"] + index
        await client.relay(seq, RELAY_EVENT % (seq, seq, seq))


async def source_sender(client: Client, index: int, spec: dict, started: float):
    """Ask the benchmark's event source for the fan-out burst (sender 0 only)."""
    if index:
        return
    async with connect(spec["source_url"], proxy=None, max_size=None) as source:
        order = {"board": spec["board_id"], "count": spec["count"], "batch": 50}
        await source.send(json.dumps(order))
        reply = json.loads(await source.recv())
    for first, last, committed_at in reply["committed"]:
        for seq in range(first, last + 1):
            client.sent_at[seq] = committed_at


async def poll_sender(client: Client, index: int, spec: dict, started: float):
    """One phone answering the poll once, at its moment within the storm."""
    at = spec["duration"] * index / max(spec["senders"], 1)
    await asyncio.sleep(max(0.0, started + at - time.monotonic()))
    choice = [random.choice(spec["options"])]
    await client.command("activity.answer", activity=spec["activity"], choice=choice)


SENDERS = {
    "storm": storm_sender,
    "poll": poll_sender,
    "burst": burst_sender,
    "relay": relay_sender,
    "source": source_sender,
}


async def wait_for_final(clients: list[Client], final, spec: dict) -> None:
    """Until every client has every event, resuming the late ones now and then."""
    known_at = None
    while not all(client.done.is_set() for client in clients):
        now = time.monotonic()
        if known_at is None and final.value >= 0:
            known_at = now
            for client in clients:
                client.expect(final.value)
        if known_at is not None:
            quiet = now - max(client.last_arrival for client in clients)
            if now - known_at > spec["drain_timeout"] or (
                not spec["board"] and quiet > spec["idle_timeout"]
            ):
                return
            if spec["board"] and quiet > 1.0:
                for client in clients:
                    if not client.done.is_set() and not client.resuming:
                        client.resume()
        await asyncio.sleep(0.05)


async def run(spec: dict, ready, go, final, results) -> None:
    board = spec["board"]
    clients = [
        Client(c["urls"], c.get("cookie", ""), spec["after"], board)
        for c in spec["clients"]
    ]
    tasks = [asyncio.create_task(client.run()) for client in clients]
    await asyncio.wait_for(
        asyncio.gather(*(client.synced.wait() for client in clients)),
        spec["connect_timeout"],
    )
    ready.put(os.getpid())
    await asyncio.to_thread(go.wait)
    started = time.monotonic()
    # This process's own CPU from the start on (all threads), as the server's is.
    cpu_at_start = time.process_time()
    sender = SENDERS[spec["scenario"]]
    await asyncio.gather(
        *(
            sender(client, c["sender"], spec, started)
            for client, c in zip(clients, spec["clients"])
            if c.get("sender") is not None
        )
    )
    results.put(("sent", os.getpid()))
    await wait_for_final(clients, final, spec)
    for client in clients:
        await client.stop()
    await asyncio.gather(*tasks, return_exceptions=True)
    cpu_seconds = time.process_time() - cpu_at_start
    results.put(("done", ([client.stats() for client in clients], cpu_seconds)))


def main(spec: dict, ready, go, final, results) -> None:
    """Entry point of a client process (``multiprocessing``, spawn)."""
    try:
        asyncio.run(run(spec, ready, go, final, results))
    except BaseException as error:  # The parent must hear of it, not wait forever.
        results.put(("failed", f"{type(error).__name__}: {error}"))
        raise
