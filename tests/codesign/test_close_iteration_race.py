"""Two people closing the same iteration at once: one wins, the other gets a clear error."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from codesign import actions
from codesign.models import Iteration


@pytest.mark.django_db(transaction=True)
def test_simultaneous_closes_open_exactly_one_next_iteration(
    iteration, organiser, team_member
):
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def close(person):
        try:
            barrier.wait(timeout=10)
            new = actions.close_iteration(
                person, iteration, stage="bedside", guiding_question="Q"
            )
            outcomes.append(f"opened {new.number}")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=close, args=(p,)) for p in (organiser, team_member)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["Iteration 1 is already closed.", "opened 2"]
    assert list(
        Iteration.objects.filter(project=iteration.project).values_list(
            "number", "status"
        )
    ) == [(1, "closed"), (2, "open")]
