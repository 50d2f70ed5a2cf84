"""Worker processes of `ingest --workers` end with their parent (issue 9 item 13)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from visits.management.commands.ingest import MSG_STOPPED

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
GONE_WITHIN = 2.0  # seconds
STARTING = 0.3  # seconds after the workers appear: they are importing spaCy

# Twenty short reports, written for this test: a leader, a place, a day.
PEOPLE = [
    ("Prime Minister Pham Minh Chinh", "Canberra", "Australia"),
    ("President Luong Cuong", "Santiago", "Chile"),
    ("Foreign Minister Bui Thanh Son", "Wellington", "New Zealand"),
    ("Prime Minister Pham Minh Chinh", "Kuala Lumpur", "Malaysia"),
]


def _article(n: int) -> str:
    who, city, country = PEOPLE[n % len(PEOPLE)]
    day = 1 + n
    return (
        f" date 2025-03-{day:02d}\n"
        f"Report number {n}: {who} arrives in {city}\n\n"
        f"{who} landed in {city} on March {day} for a two-day official visit to {country}, "
        f"the first stop of a tour planned for many months.\n\n"
        f"During the stay the delegation will discuss trade, education and farm exports, "
        f"officials said in a short statement on the eve of the trip (item {n}).\n"
    )


def _database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _children(pid: int) -> set[int]:
    """The pids whose parent is `pid`, from /proc (psutil is not installed)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(p) for p in task.read_text().split())
        except OSError:
            pass
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for init to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    state = stat.rsplit(")", 1)[1].split()[0]
    return state not in ("Z", "X")


def _start(folder: Path) -> tuple[subprocess.Popen, set[int]]:
    """`ingest --workers 2 folder` in a subprocess, and its pool workers once they exist."""
    for n in range(20):
        (folder / f"report_{n:02d}.txt").write_text(_article(n), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DATABASE_URL"] = _database_url()
    parent = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", "--workers", str(WORKERS), str(folder)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 90
    # Both pool workers, caught while they start up (import spaCy, load the
    # pipeline): the longest time a worker goes without reading its task queue.
    while time.monotonic() < deadline and parent.poll() is None:
        workers = {p for p in _children(parent.pid) if "spawn_main" in _cmdline(p)}
        if len(workers) == WORKERS:
            break
        time.sleep(0.02)
    time.sleep(STARTING)
    return parent, workers


def _stop(parent: subprocess.Popen, workers: set[int]) -> None:
    for pid in workers:  # only the workers this test started
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    if parent.poll() is None:
        parent.kill()
        parent.wait()
    parent.stderr.close()


def _left_after(workers: set[int], seconds: float) -> set[int]:
    since = time.monotonic()
    while time.monotonic() - since < seconds and any(_alive(p) for p in workers):
        time.sleep(0.05)
    return {p for p in workers if _alive(p)}


@pytest.mark.django_db(transaction=True)
def test_workers_exit_within_two_seconds_of_their_parent_being_killed(tmp_path):
    parent, workers = _start(tmp_path)
    try:
        assert parent.poll() is None, parent.stderr.read().decode()
        assert len(workers) == WORKERS, f"workers seen: {workers}"
        parent.send_signal(signal.SIGKILL)
        assert parent.wait(timeout=10) == -signal.SIGKILL
        left = _left_after(workers, GONE_WITHIN)
        assert not left, f"workers {left} outlived their killed parent by {GONE_WITHIN} s"
    finally:
        _stop(parent, workers)


@pytest.mark.django_db(transaction=True)
def test_sigterm_ends_the_run_with_a_message_and_its_workers_with_it(tmp_path):
    parent, workers = _start(tmp_path)
    try:
        assert parent.poll() is None, parent.stderr.read().decode()
        assert len(workers) == WORKERS, f"workers seen: {workers}"
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(timeout=30) == 128 + signal.SIGTERM
        err = parent.stderr.read().decode()
        assert MSG_STOPPED.format(signal="SIGTERM") in err
        assert "Traceback" not in err
        left = _left_after(workers, GONE_WITHIN)
        assert not left, f"workers {left} outlived the stopped run by {GONE_WITHIN} s"
    finally:
        _stop(parent, workers)
