"""Sockets leaving a board at the same moment (a room closing its laptops).

With Redis each departure awaits its presence message, so departures interleave;
only the last one out may end the board's hub, and never a newer hub.
"""

import asyncio

from feedback import hub as hubs
from feedback.visibility import Viewer


class Socket:
    """The little of a consumer the hub looks at."""

    participant_id = None
    viewer = Viewer()
    role = None
    user_id = None
    live = True


async def slow_presence(board_hub):
    await asyncio.sleep(0.01)


async def test_sockets_leaving_together_end_the_hub_once(monkeypatch):
    monkeypatch.setattr(hubs.BoardHub, "presence_changed", slow_presence)
    sockets = [Socket() for _ in range(5)]
    for socket in sockets:
        hub = await hubs.attach(socket, 9001)

    await asyncio.gather(*(hub.remove(socket) for socket in sockets))

    assert 9001 not in hubs._hubs
    assert hub.subscribers == []
    await asyncio.wait(hub.tasks, timeout=2)
    assert all(task.cancelled() for task in hub.tasks)


async def test_a_socket_joining_while_the_last_leave_keeps_its_new_hub(monkeypatch):
    monkeypatch.setattr(hubs.BoardHub, "presence_changed", slow_presence)
    first, second, newcomer = Socket(), Socket(), Socket()
    old = await hubs.attach(first, 9002)
    await hubs.attach(second, 9002)

    leaving = asyncio.gather(old.remove(first), old.remove(second))
    await asyncio.sleep(0.005)
    hubs._hubs.pop(9002, None)  # As if one departure had already ended it.
    new = await hubs.attach(newcomer, 9002)
    await leaving

    assert new is not old
    assert hubs._hubs[9002] is new
    assert new.subscribers == [newcomer]
    assert old.stopped
    await new.remove(newcomer)
    assert 9002 not in hubs._hubs
