"""Progress of long runs: a bar with rate and time left on a terminal, lines otherwise."""

from __future__ import annotations

import io

from visits.management.progress import progress_for


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_each_step_is_one_plain_line():
    stream = io.StringIO()
    progress = progress_for(stream=stream, unit="entry", units="entries")
    progress(1, 2, "http://127.0.0.1/a")
    progress(2, 2, "http://127.0.0.1/b")
    progress.close()
    assert stream.getvalue().splitlines() == [
        "1/2 entries read (last: http://127.0.0.1/a)",
        "2/2 entries read (last: http://127.0.0.1/b)",
    ]


def test_on_a_terminal_a_bar_shows_count_rate_and_time_left():
    stream = Terminal()
    progress = progress_for(stream=stream, unit="article")
    for done in range(1, 5):
        progress(done, 4, f"seeds/{done}.txt")
    progress.close()
    shown = stream.getvalue()
    assert "\r" in shown and "\n" not in shown.rstrip("\n")  # redrawn in place
    last = shown.rstrip().split("\r")[-1]
    assert "4/4" in last and "100%" in last
    assert "article/s" in last or "s/article" in last  # the rate
    assert "<00:00" in last  # time left
    assert "seeds/4.txt" in last
