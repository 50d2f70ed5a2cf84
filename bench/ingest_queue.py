"""Queue ingest benchmark: a generated corpus through `ingest --queue` and Celery workers.

    .venv/bin/python bench/ingest_queue.py [--articles 600] [--workers 1 2]

For a serial `ingest` and then for each count of workers (fresh database each time):
articles per second from the start of the command to the last article stored, the
steady rate (first to last article stored, without the workers' start), where the
workers' time went (extracting, waiting for the ingest lock, storing), and whether
the export equals the serial ingest's, ids aside. Needs a broker
(CELERY_BROKER_URL, default RabbitMQ on 127.0.0.1). Prints the load average beside
the figures: the machine's other work moves them.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))

from ingest_corpus import corpus_write  # noqa: E402


def normalised(export: dict) -> list[str]:
    """Export rows with ids aside: a meeting's or agreement's visit by its contents."""
    visits = {}
    for row in export["visits"]:
        visits[row["id"]] = json.dumps({k: v for k, v in row.items() if k != "id"}, sort_keys=True)
    rows = [f"visit {v}" for v in visits.values()]
    for kind in ("meetings", "agreements"):
        for row in export[kind]:
            key = {k: v for k, v in row.items() if k != "id"}
            if key.get("visit") is not None:
                key["visit"] = visits[key["visit"]]
            rows.append(f"{kind} {json.dumps(key, sort_keys=True)}")
    return sorted(rows)


def fresh_database(url: str, name: str, env: dict) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True
    )


def export(env: dict) -> list[str]:
    target = OUT / "queue-export.json"
    subprocess.run(
        [sys.executable, "manage.py", "export", "--format", "json", "--output", str(target)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return normalised(json.loads(target.read_text(encoding="utf-8")))


def workers_start(count: int, env: dict) -> list[subprocess.Popen]:
    """`count` worker processes, one pool process each, connected and ready."""
    procs = []
    for n in range(count):
        log = OUT / f"queue-worker{n}.log"
        procs.append(
            (
                subprocess.Popen(
                    [
                        *(sys.executable, "-m", "celery", "-A", "diplomacy", "worker"),
                        *("--concurrency", "1", "-Q", env["INGEST_QUEUE"], "-l", "info"),
                        *("-n", f"bench{n}-{env['INGEST_QUEUE']}@%h", "--without-gossip"),
                        *("--without-mingle", "--without-heartbeat"),
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log.open("w"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                ),
                log,
            )
        )
    for proc, log in procs:
        while " ready." not in log.read_text(errors="replace"):
            if proc.poll() is not None:
                raise SystemExit(f"a worker did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
    return [p for p, _ in procs]


def workers_stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        proc.wait(60)


def breakdown(url: str) -> tuple[float, float, dict]:
    """(first stored, last stored) as epoch seconds and the summed seconds per phase."""
    import psycopg

    with psycopg.connect(url) as conn:
        first, last = conn.execute(
            "SELECT extract(epoch FROM min(finished_at)), extract(epoch FROM max(finished_at)) "
            "FROM visits_ingestitem"
        ).fetchone()
        sums = conn.execute(
            "SELECT sum((seconds->>'extract')::float), sum((seconds->>'lock')::float), "
            "sum((seconds->>'store')::float) FROM visits_ingestitem"
        ).fetchone()
    return float(first), float(last), dict(zip(("extract", "lock", "store"), sums, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--database", default="diplomacy_bench_queue")
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/diplomacy")
    url = base.rsplit("/", 1)[0] + "/" + args.database
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_HTTPS": "0",
        "INGEST_QUEUE": f"ingest-bench-{uuid.uuid4().hex[:8]}",
    }
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
    py = sys.executable
    folder = OUT / "queue-corpus"
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    corpus_write(folder, args.articles)
    print(f"corpus: {args.articles} articles; load average {os.getloadavg()}")

    fresh_database(url, args.database, env)
    t0 = time.perf_counter()
    subprocess.run([py, "manage.py", "ingest", str(folder)], env=env, cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    serial_s = time.perf_counter() - t0
    serial = export(env)
    print(
        f"serial ingest:      {args.articles / serial_s:7.1f} articles/s   "
        f"({len(serial)} records)   load {os.getloadavg()[0]:.2f}"
    )
    for count in args.workers:
        fresh_database(url, args.database, env)
        procs = workers_start(count, env)
        try:
            t0 = time.perf_counter()
            started = time.time()
            result = subprocess.run(
                [py, "manage.py", "ingest", "--queue", "--wait", str(folder)],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            elapsed = time.perf_counter() - t0
        finally:
            workers_stop(procs)
        first, last, phases = breakdown(url)
        same = export(env) == serial
        total = sum(phases.values()) or 1.0
        print(
            f"{count} worker(s):        {args.articles / elapsed:7.1f} articles/s from the "
            f"command's start, {args.articles / max(last - first, 1e-9):7.1f} steady "
            f"(first stored {first - started:.1f} s in)   load {os.getloadavg()[0]:.2f}"
        )
        print(
            "    workers' time: "
            + ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in phases.items())
        )
        print(f"    export equals the serial ingest's: {'yes' if same else 'NO'}")
        if result.returncode != 0:
            print("    the command failed:", result.stderr[-800:])
    print(f"load average at the end {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
