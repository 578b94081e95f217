"""`make run` serves a workshop: DEBUG off, and on 0.0.0.0 the room's address (issue 17)."""

import subprocess
from pathlib import Path

from codesign.serving import is_lan_address, served_site

ROOT = Path(__file__).resolve().parents[2]


def make_dry_run(*args: str) -> str:
    """The commands `make run` would run, without running them."""
    return subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout


def test_served_on_every_interface_uses_the_lan_address():
    served = served_site("0.0.0.0", "8000", lan="192.168.1.20")

    assert served.site_url == "http://192.168.1.20:8000"
    assert served.hosts == ["192.168.1.20"]
    assert served.origins == ["http://192.168.1.20:8000"]


def test_served_on_one_address_uses_it():
    served = served_site("127.0.0.1", "8123", lan="192.168.1.20")

    assert served == ("http://127.0.0.1:8123", ["127.0.0.1"], ["http://127.0.0.1:8123"])


def test_lan_addresses_are_private_and_not_loopback():
    addresses = ["192.168.1.20", "10.0.0.5", "127.0.1.1", "8.8.8.8", "", "fe80::1"]

    assert [is_lan_address(a) for a in addresses] == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def test_make_run_serves_with_debug_off_by_default():
    runserver = make_dry_run().splitlines()[-1]

    assert runserver == (
        "DEBUG=0 SERVE_HOST=127.0.0.1 SERVE_PORT=8000 .venv/bin/python manage.py "
        "runserver --noreload 127.0.0.1:8000"
    )


def test_make_run_debug_1_turns_debug_on_and_host_reaches_the_settings():
    runserver = make_dry_run("DEBUG=1", "HOST=0.0.0.0", "PORT=8123").splitlines()[-1]

    assert runserver.startswith("DEBUG=1 SERVE_HOST=0.0.0.0 SERVE_PORT=8123 ")


def test_settings_under_make_runs_environment_have_debug_off_and_its_address():
    script = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SITE_URL, s.CSRF_TRUSTED_ORIGINS, s.ALLOWED_HOSTS[-1])"
    )
    env = dict(
        (word.split("=") for word in make_dry_run("PORT=8123").split()[:3]),
        PATH="/usr/bin:/bin",
    )

    result = subprocess.run(
        [".venv/bin/python", "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )

    assert result.stdout == (
        "False http://127.0.0.1:8123 ['http://127.0.0.1:8123'] testserver\n"
    )
