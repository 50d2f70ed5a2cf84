"""`manage.py compare_curated`: how often the news agrees with the State Department's lists."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from visits.selectors.curated import Tally, curated_comparison

MSG_WINDOW = "US visits and trips from {start} to {end} (the days the news covers):"
MSG_NO_NEWS = "No dated news is stored: nothing to hold against the lists."
MSG_LINE = (
    "  {label}: {matched} matched ({agreeing} agreeing on days and kind), "
    "{missing} missing from the news, {news_only} news-only; "
    "recall {recall}, precision {precision}."
)
MSG_BAD_DAY = "--{name} {value!r} is not a day (YYYY-MM-DD)"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


class Command(BaseCommand):
    help = (
        "Report how often the ingested news agrees with the curated lists: visits to the "
        "US and trips abroad matched, missing from the news, and told by the news only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", help="first day (YYYY-MM-DD)")
        parser.add_argument("--to", dest="end", help="last day (YYYY-MM-DD)")
        parser.add_argument("--list", action="store_true", help="name every visit counted")

    def handle(self, *args, start=None, end=None, list=False, **options):
        days = {}
        for name, value in (("from", start), ("to", end)):
            try:
                days[name] = dt.date.fromisoformat(value) if value else None
            except ValueError:
                raise CommandError(MSG_BAD_DAY.format(name=name, value=value)) from None
        result = curated_comparison(start=days["from"], end=days["to"])
        if result.start is None or result.end is None:
            self.stdout.write(MSG_NO_NEWS)
            return
        self.stdout.write(MSG_WINDOW.format(start=result.start, end=result.end))
        for label, tally in (("Visits to the US", result.to_us), ("Trips abroad", result.abroad)):
            self.stdout.write(self._line(label, tally))
            if list:
                for what, visits in (
                    ("matched", tally.matched),
                    ("missing from the news", tally.missing),
                    ("news-only", tally.news_only),
                ):
                    for v in visits:
                        self.stdout.write(f"    {what}: {v} (/visits/{v.pk}/)")

    @staticmethod
    def _line(label: str, tally: Tally) -> str:
        return MSG_LINE.format(
            label=label,
            matched=len(tally.matched),
            agreeing=tally.agreeing,
            missing=len(tally.missing),
            news_only=len(tally.news_only),
            recall=_pct(tally.recall),
            precision=_pct(tally.precision),
        )
