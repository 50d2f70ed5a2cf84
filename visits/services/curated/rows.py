"""Reading the Office of the Historian's XML: visits to the US and trips abroad, each a
CuratedRow with its file and line, and each country slug mapped to a country code.

No database here. A row that cannot be read is a RowError naming file, line and id."""

from __future__ import annotations

import csv
import datetime as dt
import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATASET = "state-department"
VISITS, TRAVELS = "visits", "travels"
PAGE_VISITS = "https://history.state.gov/departmenthistory/visits/{slug}"
PAGE_TRAVELS = "https://history.state.gov/departmenthistory/travels/{role}/{who}"
SLUGS_CSV = "countries.csv"  # slug -> code, in the dataset folder we ship
MSG_NO_FOLDER = "{path}: no visits/ or travels/ folder of the State Department's data here"
MSG_BAD_XML = "{where}: not well-formed XML ({reason}); nothing in this file was imported"
MSG_MISSING = "{where}: {tag} #{id}: no <{field}>"
MSG_BAD_DATE = "{where}: {tag} #{id}: <{field}> {value!r} is not a date (YYYY-MM-DD)"
MSG_END_BEFORE = "{where}: {tag} #{id}: ends ({end}) before it starts ({start})"
MSG_SLUG = "{where}: {tag} #{id}: country slug {slug!r} is not in {table}"
MSG_NO_ID = "{where}: {tag} without a numeric <id>"


class RowError(ValueError):
    """A row that cannot be imported, with the reason naming file, line and id."""


@dataclass(frozen=True)
class CuratedRow:
    """One row: a visit of a foreign leader to the US, or a trip abroad of a US
    President or Secretary of State. `source_name` is its identity, (dataset, id)."""

    list_name: str  # visits or travels
    id: int
    where: str  # file:line
    start: dt.date
    end: dt.date
    slug: str
    country_label: str
    person: str  # "Prime Minister Kyriakos Mitsotakis", or a traveller's name
    text: str  # description (visits) or remarks (travels), spaces normalised
    role: str = ""  # travels: president or secretary
    who: str = ""  # travels: the traveller's slug
    locale: str = ""  # travels: the cities

    @property
    def source_name(self) -> str:
        return f"{DATASET}/{self.list_name}#{self.id}"

    @property
    def url(self) -> str:
        if self.list_name == VISITS:
            return PAGE_VISITS.format(slug=self.slug)
        return PAGE_TRAVELS.format(role=self.role, who=self.who)


@dataclass
class Read:
    rows: list[CuratedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: int = 0


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _xml_records(path: Path, tag: str) -> Iterator[tuple[int, dict[str, str], dict]]:
    """(line, {child: text}, attributes) of each <tag> element, read with expat so
    that every record knows its line."""
    parser = xml.parsers.expat.ParserCreate()
    out: list[tuple[int, dict[str, str], dict]] = []
    stack: list[str] = []
    current: dict | None = None
    attrs: dict = {}
    line = 0
    text: list[str] = []

    def start(name, attributes):
        nonlocal current, attrs, line, text
        if name == tag:
            current, attrs, line = {}, dict(attributes), parser.CurrentLineNumber
        elif current is not None and len(stack) == 2:
            text = []
            if attributes.get("id"):
                current[f"{name}@id"] = attributes["id"]
        stack.append(name)

    def end(name):
        nonlocal current
        stack.pop()
        if name == tag and current is not None:
            out.append((line, current, attrs))
            current = None
        elif current is not None and len(stack) == 2:
            current[name] = "".join(text)

    def chars(data):
        text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    with open(path, "rb") as f:
        parser.ParseFile(f)
    return iter(out)


def _date(value: str, *, where: str, tag: str, id: int, name: str) -> dt.date:
    value = value.strip()
    if not value:
        raise RowError(MSG_MISSING.format(where=where, tag=tag, id=id, field=name))
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise RowError(MSG_BAD_DATE.format(where=where, tag=tag, id=id, field=name, value=value))


def _row(path: Path, root: Path, line: int, values: dict, attrs: dict, tag: str) -> CuratedRow:
    where = f"{path.relative_to(root)}:{line}"
    raw_id = values.get("id", "").strip()
    if not raw_id.isdigit():
        raise RowError(MSG_NO_ID.format(where=where, tag=tag))
    id = int(raw_id)
    start = _date(values.get("start-date", ""), where=where, tag=tag, id=id, name="start-date")
    end_raw = values.get("end-date", "").strip()
    end = _date(end_raw, where=where, tag=tag, id=id, name="end-date") if end_raw else start
    if end < start:
        raise RowError(MSG_END_BEFORE.format(where=where, tag=tag, id=id, end=end, start=start))
    country = "from" if tag == "visit" else "country"
    slug = values.get(f"{country}@id", "").strip()
    if not slug:
        raise RowError(MSG_MISSING.format(where=where, tag=tag, id=id, field=f"{country} id="))
    person = _clean(values.get("visitor" if tag == "visit" else "name"))
    if not person:
        field_name = "visitor" if tag == "visit" else "name"
        raise RowError(MSG_MISSING.format(where=where, tag=tag, id=id, field=field_name))
    common = {
        "id": id,
        "where": where,
        "start": start,
        "end": end,
        "slug": slug,
        "country_label": _clean(values.get(country)),
        "person": person,
    }
    if tag == "visit":
        return CuratedRow(list_name=VISITS, text=_clean(values.get("description")), **common)
    return CuratedRow(
        list_name=TRAVELS,
        text=_clean(values.get("remarks")),
        role=(attrs.get("role") or values.get("role") or "").strip(),
        who=(attrs.get("who") or "").strip(),
        locale=_clean(values.get("locale")),
        **common,
    )


def rows_read(*, path: Path) -> Read:
    """Every row of the visits/ and travels/ folders under `path`, sorted by file.
    Rows that cannot be read are in `errors`, named; the others are read."""
    read = Read()
    files = [(p, "visit") for p in sorted((path / "visits").glob("*.xml"))]
    for sub in ("president-travels", "secretary-travels"):
        files += [(p, "trip") for p in sorted((path / "travels" / sub).glob("*.xml"))]
    if not files:
        raise RowError(MSG_NO_FOLDER.format(path=path))
    for file, tag in files:
        read.files += 1
        try:
            records = list(_xml_records(file, tag))
        except (xml.parsers.expat.ExpatError, OSError) as exc:
            read.errors.append(MSG_BAD_XML.format(where=file.relative_to(path), reason=exc))
            continue
        for line, values, attrs in records:
            try:
                read.rows.append(_row(file, path, line, values, attrs, tag))
            except RowError as exc:
                read.errors.append(str(exc))
    return read


@dataclass(frozen=True)
class SlugRule:
    code: str
    before: dt.date | None  # the rule holds for rows starting before this day
    note: str


def slugs_load(*, path: Path) -> dict[str, list[SlugRule]]:
    """The slug table shipped beside the data: slug -> rules, the dated ones first."""
    table: dict[str, list[SlugRule]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            before = dt.date.fromisoformat(row["before"]) if row["before"].strip() else None
            table.setdefault(row["slug"].strip(), []).append(
                SlugRule(code=row["code"].strip(), before=before, note=row["note"].strip())
            )
    for rules in table.values():
        rules.sort(key=lambda r: (r.before is None, r.before or dt.date.max))
    return table


def slug_code(table: dict[str, list[SlugRule]], slug: str, day: dt.date) -> str | None:
    """The country a slug names on `day` ('russia' before 26 December 1991: SU)."""
    for rule in table.get(slug, ()):
        if rule.before is None or day < rule.before:
            return rule.code
    return None
