"""Loading the shipped reference data (visits/data/*.csv) into the database.

The functions take the model classes as arguments so that migrations can call
them with their historical models. Loading is idempotent: rows are looked up by
natural key and only missing rows or unchanged-by-editors fields are written.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def _split(value: str, sep: str = "|") -> list[str]:
    return [part.strip() for part in value.split(sep) if part.strip()]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def countries_load(*, Country) -> int:
    """Create or refresh every country of countries.csv. Returns the row count."""
    rows = _rows("countries.csv")
    existing = {c.code: c for c in Country.objects.all()}
    for row in rows:
        values = {
            "name_en": row["name_en"],
            "name_vi": row["name_vi"],
            "aliases": _split(row["aliases"]),
            "cities": _split(row["cities"]),
        }
        country = existing.get(row["code"])
        if country is None:
            Country.objects.create(code=row["code"], **values)
        else:
            _refresh(country, values)
    return len(rows)


def countries_extra_load(*, Country) -> int:
    """Create or refresh the codes ISO 3166-1 no longer (or never) lists, from
    countries-extra.csv: former states with their old alpha-2 or a user-assigned code,
    `historical` set (see visits/data/README.md). Needs the `historical` field."""
    rows = _rows("countries-extra.csv")
    existing = {c.code: c for c in Country.objects.filter(code__in=[r["code"] for r in rows])}
    for row in rows:
        values = {
            "name_en": row["name_en"],
            "name_vi": row["name_vi"],
            "aliases": _split(row["aliases"]),
            "cities": _split(row["cities"]),
            "historical": row["historical"] == "1",
        }
        country = existing.get(row["code"])
        if country is None:
            Country.objects.create(code=row["code"], **values)
        else:
            _refresh(country, values)
    return len(rows)


def _extra(Country) -> int:  # noqa: N803 - a model class
    # Migrations before 0013 have no `historical`: 0013 loads these rows itself.
    if not any(f.name == "historical" for f in Country._meta.get_fields()):
        return 0
    return countries_extra_load(Country=Country)


def _refresh(row, values: dict) -> None:
    """Write the shipped values an editor did not correct; save only what changed.

    Historical models of early migrations have no `corrected_fields`: nothing is kept.
    """
    kept = set(getattr(row, "corrected_fields", None) or ())
    changed = [k for k, v in values.items() if k not in kept and getattr(row, k) != v]
    for k in changed:
        setattr(row, k, values[k])
    if changed:
        row.save(update_fields=changed)


def levels_load(*, PartnershipLevel) -> int:
    rows = _rows("levels.csv")
    existing = {lv.code: lv for lv in PartnershipLevel.objects.all()}
    for row in rows:
        values = {
            "rank": int(row["rank"]),
            "name_en": row["name_en"],
            "name_vi": row["name_vi"],
            "aliases": _split(row["aliases"]),
            "color": row.get("color") or "#888888",
        }
        level = existing.get(row["code"])
        if level is None:
            PartnershipLevel.objects.create(code=row["code"], **values)
        else:
            _refresh(level, values)
    return len(rows)


def _fold(text: str) -> str:
    # Imported lazily: the models module is not available to historical models.
    from visits.models import fold

    return fold(text)


def leaders_load(*, Leader, Office, MergedAway=None) -> int:
    """Add the known leaders; an existing leader only gains aliases and offices. A
    leader an editor merged into another is not made again."""
    rows = _rows("leaders.csv")
    merged = set()
    if MergedAway is not None:
        for was in MergedAway.objects.filter(kind="leader").values_list("known_as", flat=True):
            if was.get("name"):
                merged.add((_fold(was["name"]), was.get("country") or None))
    for row in rows:
        aliases = _split(row["aliases"])
        key = _fold(row["name"])
        leader = Leader.objects.filter(name_key=key, country_id=row["country"] or None).first()
        if leader is None and (key, row["country"] or None) in merged:
            continue
        if leader is None:
            leader = Leader(name=row["name"], country_id=row["country"] or None, known=True)
        leader.aliases = sorted(set(leader.aliases) | set(aliases))
        # Historical models have no custom save(): keep the derived keys here too.
        leader.name_key = key
        leader.alias_keys = sorted({_fold(a) for a in [leader.name, *leader.aliases] if _fold(a)})
        leader.save()
        for entry in _split(row["offices"], ";"):
            kind, title, since, until = (entry.split(":") + ["", "", "", ""])[:4]
            Office.objects.get_or_create(
                leader=leader,
                kind=kind.strip(),
                title=title.strip(),
                start=_date(since.strip()),
                defaults={"end": _date(until.strip()), "country_id": leader.country_id},
            )
    return len(rows)


def partnerships_load(*, Partnership, home: str = "VN") -> int:
    """Load vietnam-partnerships.csv; rows an editor corrected are left alone."""
    rows = _rows("vietnam-partnerships.csv")
    for row in rows:
        a, b = sorted([home, row["country"]])
        values = {
            "since": _date(row["since"]),
            "precision": row["precision"] or "day",
            "official_name": row["official_name"],
            "occasion": row["occasion"],
            "source": "reference",
            "source_url": row["source"],
        }
        found = Partnership.objects.filter(
            country_a_id=a, country_b_id=b, level_id=row["level"]
        ).first()
        if found is None:
            Partnership.objects.create(
                country_a_id=a, country_b_id=b, level_id=row["level"], **values
            )
            continue
        changed = False
        for k, v in values.items():
            if k not in found.corrected_fields and getattr(found, k) != v:
                setattr(found, k, v)
                changed = True
        if changed:
            found.save()
    return len(rows)


def reference_load(*, models) -> dict[str, int]:
    """Load everything; `models` is an object with the model classes as attributes."""
    return {
        "countries": countries_load(Country=models.Country) + _extra(models.Country),
        "levels": levels_load(PartnershipLevel=models.PartnershipLevel),
        "leaders": leaders_load(
            Leader=models.Leader,
            Office=models.Office,
            MergedAway=getattr(models, "MergedAway", None),
        ),
        "partnerships": partnerships_load(Partnership=models.Partnership),
    }
