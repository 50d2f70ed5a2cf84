"""compare_curated on news and list fixtures of our own: matched, missing from the
news, news-only, and the window the news covers."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import ingest
from visits.selectors.curated import curated_comparison
from visits.services.curated.store import curated_import

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "curated"


@pytest.fixture
def stored(tmp_path):
    folder = tmp_path / "state-department"
    shutil.copytree(FIXTURES / "small", folder)
    news = tmp_path / "news"
    shutil.copytree(FIXTURES / "news", news)
    for f in (FIXTURES / "news_more").iterdir():
        shutil.copy(f, news / f.name)
    ingest(news)
    curated_import(path=folder)


def names(visits) -> set[str]:
    return {f"{v.visitor_country_id}>{v.host_country_id}" for v in visits}


def test_news_is_held_against_the_list_over_the_days_it_covers(stored):
    result = curated_comparison()
    assert (str(result.start), str(result.end)) == ("2025-02-06", "2025-06-20")
    # To the US: New Zealand matched (but the days and kind differ), Chile news-only.
    assert names(result.to_us.matched) == {"NZ>US"} and result.to_us.agreeing == 0
    assert names(result.to_us.news_only) == {"CL>US"}
    assert result.to_us.missing == []
    # Abroad: the Secretary's Japan trip matched and agrees; the President's Malaysia
    # trip is missing from the news.
    assert names(result.abroad.matched) == {"US>JP"} and result.abroad.agreeing == 1
    assert names(result.abroad.missing) == {"US>MY"}
    assert (result.abroad.recall, result.abroad.precision) == (0.5, 1.0)
    assert (result.to_us.recall, result.to_us.precision) == (1.0, 0.5)


def test_the_command_reports_the_figures(stored):
    out = io.StringIO()
    call_command("compare_curated", "--list", stdout=out)
    text = out.getvalue()
    assert "US visits and trips from 2025-02-06 to 2025-06-20" in text
    assert (
        "Visits to the US: 1 matched (0 agreeing on days and kind), 0 missing from the news, "
        "1 news-only; recall 100%, precision 50%." in text
    )
    assert "Trips abroad: 1 matched (1 agreeing on days and kind), 1 missing" in text
    assert "news-only: Rosa Ferrer to United States" in text


def test_a_window_given_narrows_it(stored):
    out = io.StringIO()
    call_command("compare_curated", "--from", "2025-06-01", "--to", "2025-06-30", stdout=out)
    assert (
        "Visits to the US: 0 matched (0 agreeing on days and kind), 0 missing from the news, "
        "1 news-only" in out.getvalue()
    )


def test_a_bad_day_is_named():
    with pytest.raises(CommandError, match="--from '2025-02-30' is not a day"):
        call_command("compare_curated", "--from", "2025-02-30")


def test_without_news_it_says_so():
    out = io.StringIO()
    call_command("compare_curated", stdout=out)
    assert "No dated news is stored" in out.getvalue()
