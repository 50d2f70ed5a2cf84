"""Download benchmark: whole lists as CSV and JSON, streamed by gunicorn, and the export command.

For each --counts value, fills a separate database (default `diplomacy_h2_bench`,
dropped and rebuilt) with that many visits and their meetings, participants,
agreements, articles and evidence (bench/pages_load.py's bulk fill; for counts
above --fill-limit the visits filled are copied inside PostgreSQL, with their
evidence, up to the count), starts gunicorn (one sync worker) on a free port
of 127.0.0.1, and downloads each whole list once. Prints, per download: time to
first byte, seconds, rows, rows/s, MB, and the peak memory (VmHWM, reset before
each download) of the worker that served it; the same for `manage.py export`
(JSON to a pipe, CSV to a zip file), whose peak is the command's own. The load
average of the machine is printed beside every figure.

    .venv/bin/python bench/downloads.py --counts 10000,100000
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pages_load  # noqa: E402  (the bulk fill and gunicorn helpers)

DOWNLOADS = [
    f"/{plural}/?format={fmt}"
    for plural in ("visits", "meetings", "agreements", "leaders", "countries", "articles")
    for fmt in ("csv", "json")
]
# The goals for a download: first bytes within a second, at least 20,000
# rows/s (judged on lists of at least GOAL_MIN_ROWS rows: a list of a few hundred
# rows is over before its rate means anything), memory flat whatever the count.
GOAL_TTFB = 1.0
GOAL_ROWS_PER_S = 20_000
GOAL_MIN_ROWS = 10_000
LAST_LINE = re.compile(rb"# complete: (\d+) \w+\r?\n$")
COUNT = re.compile(rb'"count": (\d+)')


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--counts", default="10000,100000", help="visit counts, comma-separated")
    p.add_argument("--db", default="diplomacy_h2_bench", help="database name (never the main one)")
    p.add_argument(
        "--fill-limit",
        type=int,
        default=100_000,
        help="visits filled in Python; more are copied in SQL",
    )
    p.add_argument(
        "--reuse", action="store_true", help="keep the database when it holds the count already"
    )
    p.add_argument("--port", type=int, default=8120, help="gunicorn's port on 127.0.0.1")
    args = p.parse_args()
    if args.db in ("diplomacy", "postgres", "template0", "template1"):
        p.error(f"refusing to use the database {args.db!r}")
    args.counts = [int(c) for c in args.counts.split(",")]
    return args


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}/{fifteen:.1f}"


def grow(count: int) -> None:
    """Copy the visits (and their evidence) inside PostgreSQL until there are `count`."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM visits_visit")
        have = c.fetchone()[0]
        while have < count:
            n = min(have, count - have)
            c.execute(
                """
                WITH src AS (SELECT * FROM visits_visit ORDER BY id LIMIT %s),
                copied AS (
                  INSERT INTO visits_visit (visitor_country_id, host_country_id, visitor_leader_id,
                    kind, start, start_precision, "end", end_precision, year_settled, cities,
                    invited_by, visitor_office, visitor_role, disagreement, confidence, reviewed,
                    corrected_fields, created_at, updated_at)
                  SELECT visitor_country_id, host_country_id, visitor_leader_id, kind,
                    start + 1, start_precision, "end" + 1, end_precision, year_settled, cities,
                    invited_by, visitor_office, visitor_role, disagreement, confidence, reviewed,
                    corrected_fields, now(), now()
                  FROM src ORDER BY id RETURNING id)
                SELECT count(*) FROM copied
                """,
                [n],
            )
            have += c.fetchone()[0]
        c.execute(
            """
            INSERT INTO visits_evidence
              (article_id, record_key, visit_id, start, "end", sentence, claim)
            SELECT (SELECT min(id) FROM visits_article), 'visit:' || v.id, v.id, 0, 10, 'copied',
              '{}'::jsonb
            FROM visits_visit v WHERE NOT EXISTS
              (SELECT 1 FROM visits_evidence e WHERE e.visit_id = v.id)
            """
        )
    pages_load.vacuum()


def start_gunicorn(port: int, env: dict) -> subprocess.Popen:
    """One sync worker, with a time-out long enough for a million rows."""
    log = open(ROOT / "bench" / "out" / "downloads-gunicorn.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "diplomacy.wsgi", "-b", f"127.0.0.1:{port}"]
        + ["-w", "1", "--timeout", "600", "--log-level", "warning"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if pages_load.request(port, "/levels.css")[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    pages_load.stop(proc)
    raise SystemExit("gunicorn did not start: see bench/out/downloads-gunicorn.log")


def reset_peak(pid: int) -> None:
    """Reset the process's peak resident memory (VmHWM) to its current size."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker_pid(master: int) -> int:
    """The one gunicorn worker: the child of the master."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{master}\n" in text:
            return int(status.parent.name)
    raise SystemExit("no gunicorn worker found")


def fetch(port: int, path: str, pid: int) -> dict:
    """GET `path` whole, timing the first byte and the end, with the worker's peak memory."""
    reset_peak(pid)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t0 = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    first = response.read(1)
    ttfb = time.perf_counter() - t0
    size, tail = 1, first
    while chunk := response.read(1 << 16):
        size += len(chunk)
        tail = (tail + chunk)[-200:]
    seconds = time.perf_counter() - t0
    conn.close()
    found = LAST_LINE.search(tail) or COUNT.search(tail)
    rows = int(found.group(1)) if found else -1
    return {
        "status": response.status,
        "ttfb": ttfb,
        "seconds": seconds,
        "rows": rows,
        "mb": size / 1e6,
        "peak": peak_mb(pid),
    }


def run_export(env: dict, *args: str) -> dict:
    """`manage.py export ARGS`, stdout read from a pipe, under /usr/bin/time for its
    peak memory: the rusage of a child forked from this (large) process would count
    the pages it shared with it before exec."""
    with tempfile.NamedTemporaryFile("r") as peak:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", peak.name, sys.executable, "manage.py", "export"]
            + list(args),
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        first = proc.stdout.read(1)
        ttfb = time.perf_counter() - t0 if first else float("nan")
        size = len(first)
        while chunk := proc.stdout.read(1 << 16):
            size += len(chunk)
        status = proc.wait()
        seconds = time.perf_counter() - t0
        kilobytes = int(peak.read().split()[-1])
    return {
        "status": status,
        "ttfb": ttfb,
        "seconds": seconds,
        "mb": size / 1e6,
        "peak": kilobytes / 1024,
    }


def startup_seconds(env: dict) -> float:
    """How long `manage.py` takes to start (Django set up, nothing exported)."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "help", "export"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - t0


def verdict(r: dict, rows: int, *, ttfb: bool = True) -> str:
    """Whether the download meets the goals of speed (memory is judged across counts)."""
    rate = rows / r["seconds"]
    if rows < GOAL_MIN_ROWS:
        return "(too short to judge)"
    ok = rate >= GOAL_ROWS_PER_S and (not ttfb or r["ttfb"] <= GOAL_TTFB)
    return "met" if ok else "NOT met"


def line(name: str, r: dict, rows: int, *, ttfb: bool = True) -> str:
    shown = "-" if r["ttfb"] != r["ttfb"] else f"{r['ttfb'] * 1e3:.0f}"  # NaN: no stdout
    return (
        f"  {name:28}{shown:>8}{r['seconds']:>8.2f}{rows:>10,}"
        f"{rows / r['seconds']:>10,.0f}{r['mb']:>8.1f}{r['peak']:>9.0f}"
        f"  {verdict(r, rows, ttfb=ttfb):21}{load()}"
    )


HEADER = (
    f"  {'':28}{'ttfb ms':>8}{'s':>8}{'rows':>10}{'rows/s':>10}{'MB':>8}{'peak MB':>9}"
    f"  goal (ttfb <= {GOAL_TTFB:.0f} s, >= {GOAL_ROWS_PER_S:,} rows/s)"
)
PEAKS: dict[int, list[float]] = {}


def bench(count: int, args, env: dict) -> None:
    from django.core.management import call_command
    from django.db import connections

    from visits.models import Agreement, Meeting, Visit

    if args.reuse:
        call_command("migrate", verbosity=0)  # a reused database gets the newer migrations
    have = Visit.objects.count() if args.reuse else 0
    if args.reuse and args.fill_limit <= have <= count and count > args.fill_limit:
        grow(count)  # the filled visits copied up to the count (and their evidence)
    elif not (args.reuse and have == count):
        connections.close_all()
        pages_load.recreate_database(args.db)
        call_command("migrate", verbosity=0)
        pages_load.fill(min(count, args.fill_limit))
        if count > args.fill_limit:
            grow(count)
    visits, meetings, agreements = (
        Visit.objects.count(),
        Meeting.objects.count(),
        Agreement.objects.count(),
    )
    connections.close_all()
    port = args.port
    proc = start_gunicorn(port, env)
    try:
        pid = worker_pid(proc.pid)
        print(f"\n{visits:,} visits, {meetings:,} meetings, {agreements:,} agreements")
        print(f"gunicorn, 1 sync worker, on 127.0.0.1:{port} (start {peak_mb(pid):.0f} MB)")
        print(HEADER)
        for path in DOWNLOADS:
            r = fetch(port, path, pid)
            if r["status"] != 200:
                print(f"  {path}: HTTP {r['status']}")
                continue
            print(line(path, r, r["rows"]))
            PEAKS.setdefault(count, []).append(r["peak"])
    finally:
        pages_load.stop(proc)
    records = visits + meetings + agreements
    print(
        "manage.py export (all visits, meetings and agreements; peak of the command; "
        f"ttfb includes starting manage.py, alone {startup_seconds(env):.1f}s, {load()})"
    )
    print(HEADER)
    # The export's first byte includes starting manage.py: only its rate is judged.
    exported = run_export(env, "--format", "json")
    print(line("--format json (stdout)", exported, records, ttfb=False))
    PEAKS.setdefault(count, []).append(exported["peak"])
    with tempfile.TemporaryDirectory() as tmp:
        target = str(Path(tmp) / "out.zip")
        print(
            line(
                "--format csv (zip)",
                run_export(env, "--format", "csv", "--output", target),
                records,
                ttfb=False,
            )
        )


def main() -> None:
    args = parse_args()
    env = pages_load.configure(args.db)
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    import django

    if not args.reuse:
        pages_load.recreate_database(args.db)
    django.setup()
    print(f"cores: {os.cpu_count()}; {load()} (the machine is shared: figures vary with load)")
    for count in args.counts:
        bench(count, args, env)
    print("\npeak memory of the worker and the export, per visit count (goal: flat):")
    for count, peaks in PEAKS.items():
        print(f"  {count:>10,} visits: {min(peaks):.0f}-{max(peaks):.0f} MB")
    highest = [max(p) for p in PEAKS.values()]
    if len(highest) > 1:
        spread = max(highest) - min(highest)
        flat = "met" if spread <= 0.1 * min(highest) else "NOT met"
        print(f"  highest peaks differ by {spread:.0f} MB across counts: flat memory {flat}")


if __name__ == "__main__":
    main()
