"""Production mode from the environment, checked in a fresh process each time."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "CODESIGN_ENV": "production",
    "SECRET_KEY": "k7#Qz!p2Lr9@Vb4&Xn8^Wm3*Jc6%Hd1(Fg5)Ts0+Ye7=Ua2_Ri9-Oe4~Pw8",
    "ALLOWED_HOSTS": "example.org",
    "SITE_URL": "https://example.org",
}


def manage(*args, **env):
    """Run manage.py in a clean environment with only ``env`` set on top."""
    keep = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        check=False,
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_in_production_mode_reports_nothing():
    result = manage("check", "--deploy", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_without_secret_key_fails_naming_it():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when CODESIGN_ENV=production" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": "k" * 49})

    assert result.returncode != 0
    assert (
        "SECRET_KEY must be at least 50 random characters when CODESIGN_ENV=production"
        in result.stderr
    )


def test_production_accepts_a_secret_key_of_50_characters():
    key = PRODUCTION["SECRET_KEY"][:50]

    result = manage("check", **{**PRODUCTION, "SECRET_KEY": key})

    assert result.returncode == 0, result.stderr


def test_production_without_allowed_hosts_fails_naming_it():
    env = {key: value for key, value in PRODUCTION.items() if key != "ALLOWED_HOSTS"}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when CODESIGN_ENV=production" in result.stderr


def test_embedded_default_passes_the_system_check():
    result = manage("check")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_asgi_application_without_secret_key_fails_naming_it():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    keep = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME"}}

    result = subprocess.run(
        [sys.executable, "-c", "import codesign.asgi"],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set when CODESIGN_ENV=production" in result.stderr


def test_production_without_site_url_fails_naming_it():
    env = {key: value for key, value in PRODUCTION.items() if key != "SITE_URL"}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "SITE_URL must be set when CODESIGN_ENV=production" in result.stderr
