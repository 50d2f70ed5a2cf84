"""Production settings: `check --deploy` is clean, and a missing secret is refused."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage(
        "check", "--deploy", DJANGO_SECRET_KEY="k" * 20 + "-production-like-secret-0123456789abcdef"
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_only_postgresql_is_accepted():
    result = manage("check", DJANGO_DEBUG="1", DATABASE_URL="sqlite:///tmp/x.db")
    assert result.returncode != 0
    assert "must point at PostgreSQL" in result.stderr


def test_production_refuses_the_insecure_dev_key_switch():
    """The old DJANGO_INSECURE_DEV_KEY switch no longer lets production start keyless."""
    result = manage("check", DJANGO_INSECURE_DEV_KEY="1")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_the_built_in_development_key():
    from diplomacy.settings import DEV_ONLY_KEY

    result = manage("check", DJANGO_SECRET_KEY=DEV_ONLY_KEY)
    assert result.returncode != 0
    assert "built-in development key" in result.stderr
