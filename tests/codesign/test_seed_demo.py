from io import StringIO

from django.core.management import call_command

from codesign.demo import DEMO_PASSWORD
from codesign.models import Iteration, Membership, Project, User


def counts():
    return (
        User.objects.count(),
        Project.objects.count(),
        Membership.objects.count(),
        Iteration.objects.count(),
    )


def test_seed_demo_is_idempotent(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = counts()

    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    project = Project.objects.get(title="Home monitoring after heart failure")
    assert list(project.iterations.values_list("number", "stage")) == [
        (1, "bench"),
        (2, "bedside"),
        (3, "bench"),  # The log's demo loops back (codesign.log.demo.seed_log).
    ]
    assert User.objects.get(email="organiser@example.org").check_password(DEMO_PASSWORD)
    assert "organiser@example.org" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
