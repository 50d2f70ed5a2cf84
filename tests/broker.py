"""A message broker and Celery workers for the queue tests: the RabbitMQ or Redis of the
machine when one answers, else a Redis server started here for the session (bin/test
installs Debian's redis-server when the machine has neither), as bin/_env.sh does for
PostgreSQL. Workers are real `celery -A diplomacy worker` processes on the test database.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
READY_WITHIN = 120.0  # seconds for a worker to connect (the machine may be loaded)
MSG_NO_BROKER = (
    "no broker answers on 127.0.0.1 (RabbitMQ 5672, Redis 6379) and redis-server is not "
    "installed: run bin/test, which installs Debian's redis-server, or apt-get install it"
)


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def broker_url():
    """The broker's URL: the machine's RabbitMQ, its Redis, or a Redis started now."""
    if _answers(5672):
        yield "amqp://guest:guest@127.0.0.1:5672//"
        return
    if _answers(6379):
        yield "redis://127.0.0.1:6379/15"
        return
    server = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if server is None:
        pytest.fail(MSG_NO_BROKER)
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="test-redis-")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", folder],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not _answers(port):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail(f"redis-server did not start on port {port}")
        time.sleep(0.1)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


def database_url() -> str:
    """The test database, for processes started by a test."""
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Workers:
    """Celery workers started by a test, on a queue of the test's own."""

    def __init__(self, *, broker: str, folder: Path):
        self.broker = broker
        self.queue = f"ingest-test-{uuid.uuid4().hex[:12]}"
        self.folder = folder
        self.processes: list[tuple[subprocess.Popen, Path]] = []

    def env(self) -> dict:
        return {
            **os.environ,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": self.broker,
            "INGEST_QUEUE": self.queue,
        }

    def start(self, count: int = 1) -> None:
        """Start `count` worker processes (one pool process each) and wait until each
        has connected to the broker."""
        started = []
        for _ in range(count):
            n = len(self.processes)
            log = self.folder / f"worker{n}.log"
            process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "celery", "-A", "diplomacy", "worker"),
                    *("--concurrency", "1", "--pool", "prefork", "-Q", self.queue),
                    *("-n", f"test{n}-{self.queue}@%h", "-l", "info"),
                    *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                ],
                cwd=ROOT,
                env=self.env(),
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self.processes.append((process, log))
            started.append((process, log))
        deadline = time.monotonic() + READY_WITHIN
        for process, log in started:
            while " ready." not in log.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"the worker did not start:\n{log.read_text()[-2000:]}")
                time.sleep(0.2)

    def logs(self, tail: int | None = 3000) -> str:
        """What the workers logged (the last `tail` characters of each; None: all)."""
        texts = (log.read_text(errors="replace") for _, log in self.processes)
        return "\n".join(t[-tail:] if tail else t for t in texts)

    def stop(self) -> None:
        for process, _ in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, _ in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        self._queue_delete()

    def _queue_delete(self) -> None:
        from kombu import Connection

        try:
            with Connection(self.broker, connect_timeout=5) as connection:
                connection.default_channel.queue_delete(self.queue)
        except Exception:  # noqa: BLE001 - a queue left behind is harmless: named uniquely
            pass


@pytest.fixture
def workers(broker_url, settings, tmp_path):
    """Workers on the test database (the test is marked django_db(transaction=True), so
    that they see its data); this test's commands publish to their queue."""
    team = Workers(broker=broker_url, folder=tmp_path)
    settings.CELERY_BROKER_URL = broker_url
    settings.CELERY_TASK_DEFAULT_QUEUE = team.queue
    try:
        yield team
    finally:
        team.stop()
