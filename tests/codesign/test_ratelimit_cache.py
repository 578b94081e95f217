"""The budgets count in one cache client per process, not one per socket.

Django keeps a cache client per thread and per asyncio task; a board socket's task
lasts as long as the socket, so counting through ``django.core.cache.cache`` gave every
socket a Redis connection of its own (docs/performance.md, "1,000 phones").
"""

import asyncio
import contextvars
import threading

from asgiref.sync import sync_to_async

from codesign.ratelimit import Budget, counts


async def test_tasks_and_threads_count_in_the_same_cache_client():
    async def client_in_a_task():
        return await sync_to_async(counts)()

    # Each in a context of its own, as each socket's task is (Daphne starts them).
    tasks = [
        asyncio.create_task(client_in_a_task(), context=contextvars.Context())
        for _ in range(3)
    ]
    found = await asyncio.gather(*tasks)
    from_thread = []
    thread = threading.Thread(target=lambda: from_thread.append(counts()))
    thread.start()
    thread.join()

    assert len({id(client) for client in [*found, *from_thread]}) == 1


def test_a_budget_spends_what_it_charged():
    budget = Budget("test-shared", allowed=2, seconds=60)

    budget.charge("192.0.2.7")
    assert not budget.spent("192.0.2.7")
    budget.charge("192.0.2.7")

    assert budget.spent("192.0.2.7")
    assert not budget.spent("192.0.2.8")
