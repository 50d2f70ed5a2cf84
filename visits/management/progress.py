"""Progress of long runs (files, pages, feed entries): a tqdm bar with rate and time
left on a terminal, one plain line per step otherwise (logs, cron, pipes)."""

from __future__ import annotations

MSG_LINE = "{done}/{total} {units} read (last: {name})"


class Progress:
    """Called as progress(done, total, name) by the ingest runner; close() when done."""

    def __init__(self, *, stream, unit: str = "article", units: str | None = None):
        self.stream = stream
        self.unit = unit
        self.units = units or f"{unit}s"
        self.bar = None
        self.tty = bool(getattr(stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.tty:
            units = self.unit if total == 1 else self.units
            line = MSG_LINE.format(done=done, total=total, units=units, name=name)
            self.stream.write(line + "\n")
            return
        if self.bar is None:
            from tqdm import tqdm

            # The raw stream: Django's OutputWrapper would end each redraw with a newline.
            self.bar = tqdm(
                total=total, unit=self.unit, file=getattr(self.stream, "_out", self.stream)
            )
        self.bar.total = max(total, done)
        self.bar.update(done - self.bar.n)
        self.bar.set_postfix_str(name[-40:], refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def progress_for(*, stream, unit: str = "article", units: str | None = None) -> Progress:
    return Progress(stream=stream, unit=unit, units=units)
