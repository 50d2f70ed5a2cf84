"""The pair, year and level then each record should store (migration 0019), worked out
afresh by the ORM as the pages did before they were stored, and the check that every
record stores them: for tests/test_stored_for_pages.py and the integrity state machine."""

from django.db.models import Max, Min, OuterRef
from django.db.models.functions import Coalesce, ExtractYear, Greatest, Least

from visits import models, selectors


def _participants(agg):
    present = models.Participation.objects.filter(
        meeting=OuterRef("pk"), leader__country__isnull=False
    )
    return selectors.per_row(present, group="meeting", value=agg("leader__country_id"))


def _parties(agg):
    parties = models.Agreement.parties.through.objects.filter(agreement=OuterRef("pk"))
    return selectors.per_row(parties, group="agreement", value=agg("country_id"))


def expected(model) -> dict[int, tuple]:
    """{pk: (pair_a, pair_b, year, level then)} by the definitions the pages used before
    the values were stored."""
    if model is models.Visit:
        qs = model.objects.annotate(
            ea=Least("visitor_country_id", "host_country_id"),
            eb=Greatest("visitor_country_id", "host_country_id"),
        )
        day = "start"
    elif model is models.Meeting:
        qs = model.objects.annotate(
            ea=Coalesce(
                Least("visit__visitor_country_id", "visit__host_country_id"), _participants(Min)
            ),
            eb=Coalesce(
                Greatest("visit__visitor_country_id", "visit__host_country_id"),
                _participants(Max),
            ),
        )
        day = "date"
    else:
        qs = model.objects.annotate(ea=_parties(Min), eb=_parties(Max))
        day = "date"
    qs = qs.annotate(
        ey=ExtractYear(day),
        el=selectors.level_at(a=OuterRef("ea"), b=OuterRef("eb"), day=OuterRef(day)),
    )
    return {r[0]: tuple(r[1:]) for r in qs.values_list("pk", "ea", "eb", "ey", "el")}


def stored(model) -> dict[int, tuple]:
    return {
        r[0]: tuple(r[1:])
        for r in model.objects.values_list("pk", "pair_a", "pair_b", "year", "level_then")
    }


def assert_stored_right():
    for model in (models.Visit, models.Meeting, models.Agreement):
        assert stored(model) == expected(model), model.__name__
