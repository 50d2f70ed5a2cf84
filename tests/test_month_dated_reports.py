"""A report dated by its month alone joins the trip of that month it tells again, instead
of standing as a visit of its own with no days (issue 10)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from visits import models

pytestmark = pytest.mark.django_db

DATED = """ date 2025-05-27
Malaysian Prime Minister Anwar Ibrahim paid an official visit to Viet Nam from May 25 to 27.

General Secretary To Lam held talks with Prime Minister Anwar Ibrahim in Hanoi on May 26.
"""
MONTH_ONLY = """ date 2025-05
Prime Minister Anwar Ibrahim of Malaysia wrapped up his official visit to Viet Nam.

He laid a wreath at a war memorial before leaving.
"""
OTHER_MONTH = """ date 2025-07
Prime Minister Anwar Ibrahim of Malaysia wrapped up his official visit to Viet Nam.
"""


def ingest(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_month_dated_report_joins_the_trip_of_that_month(tmp_path):
    ingest(tmp_path, **{"a_dated.txt": DATED, "b_month.txt": MONTH_ONLY})
    (visit,) = models.Visit.objects.filter(visitor_country="MY", host_country="VN")
    sources = set(visit.evidence.values_list("article__source_name", flat=True))
    assert sources == {"a_dated.txt", "b_month.txt"}


def test_a_month_dated_report_of_another_month_stays_apart(tmp_path):
    ingest(tmp_path, **{"a_dated.txt": DATED, "c_july.txt": OTHER_MONTH})
    assert models.Visit.objects.filter(visitor_country="MY", host_country="VN").count() == 2
