"""The integrity harness's world: a pool of articles in two versions, a folder that
ingest reads, the operations an editor or an operator can perform, a pk-free
snapshot of the record, and the invariants that must hold after every step.

Both the state machine (test_state_machine.py) and the sequences it found
(test_found_sequences.py) drive the project only through these functions, which
call the real `ingest` and `load_reference` commands and the admin's editing
services.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db.models import F

from visits import models
from visits.services import editing, undo

POOL_DIR = Path(__file__).resolve().parent / "pool"

# Articles of the pool: four files, and the two lines of one JSON Lines file.
# nz_*: three reports (two English, one Vietnamese) of one trip, Pham Minh Chinh
# to New Zealand, 9-11 March 2025; digest:nz is a fourth, known by its URL.
# cl_visit: another trip (Luong Cuong to Chile). digest:call: a phone call,
# known by its content hash (it has neither id nor URL).
FILES = ("nz_talks", "nz_arrival", "nz_vi", "cl_visit")
JSONL = "digest.jsonl"
LINES = ("digest:nz", "digest:call")
ARTICLES = FILES + LINES
VERSIONS = (1, 2)
FILE_NAMES = ("report.txt", "sub/report.txt", "moved/nz.txt", "renamed.txt", "z/last.txt")


def version_text(*, article: str, version: int) -> str:
    """A file's text, or a JSON Lines article's line (without its newline)."""
    suffix = "" if version == 1 else ".v2"
    if article in LINES:
        lines = (POOL_DIR / f"digest{suffix}.jsonl").read_text(encoding="utf-8").splitlines()
        return lines[LINES.index(article)]
    return (POOL_DIR / f"{article}{suffix}.txt").read_text(encoding="utf-8")


def filler_line(n: int) -> str:
    """A JSON Lines article without diplomatic content, different for every n."""
    text = f"The city flower show opened its gates for the {n}th spring in a row."
    return json.dumps({"text": text, "date": "2025-02-01"})


def quiet(command: str, *args) -> str:
    """Run a management command; a non-zero exit fails with its output."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        raise AssertionError(
            f"manage.py {command} {' '.join(map(str, args))} exited {exc.code}:\n"
            f"{out.getvalue()}\n{err.getvalue()}"
        ) from None
    return out.getvalue()


@dataclass
class Folder:
    """The folder given to ingest: where each file is and what the .jsonl holds."""

    root: Path
    paths: dict[str, str] = field(default_factory=dict)  # article -> path in the folder
    versions: dict[str, int] = field(default_factory=dict)  # article -> version written
    jsonl: list[str] = field(default_factory=list)  # entries: an article name or a raw line
    fillers: int = 0

    def write(self, *, article: str, version: int) -> None:
        """Put `version` of `article` in the folder (a new file takes the article's name)."""
        self.versions[article] = version
        if article in LINES:
            if article not in self.jsonl:
                self.jsonl.append(article)
            self._write_jsonl()
            return
        rel = self.paths.setdefault(article, f"{article}.txt")
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(version_text(article=article, version=version), encoding="utf-8")

    def move(self, *, article: str, name: str) -> bool:
        """Move a file unchanged to `name`; False when that place is taken."""
        if name in self.paths.values() or article not in self.paths:
            return False
        source, target = self.root / self.paths[article], self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        source.rename(target)
        self.paths[article] = name
        return True

    def insert_line(self, *, above: int, blank: bool) -> None:
        """Insert a blank line or a filler article above entry `above` of the .jsonl."""
        if blank:
            line = ""
        else:
            self.fillers += 1
            line = filler_line(self.fillers)
        self.jsonl.insert(min(above, len(self.jsonl)), "\x00" + line)
        self._write_jsonl()

    def _write_jsonl(self) -> None:
        lines = [
            entry[1:]
            if entry.startswith("\x00")
            else version_text(article=entry, version=self.versions[entry])
            for entry in self.jsonl
        ]
        (self.root / JSONL).write_text("\n".join(lines) + "\n", encoding="utf-8")

    def ingest(self) -> str:
        return quiet("ingest", self.root)


# --- The record, described without primary keys ---------------------------------


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _evidence(record) -> tuple:
    return tuple(sorted(record.evidence.values_list("article__source_name", "record_key")))


def _meeting(meeting: models.Meeting) -> tuple:
    people = tuple(sorted(meeting.participation_set.values_list("leader__name", "office")))
    return (
        "meeting",
        meeting.kind,
        _day(meeting.date),
        meeting.date_precision,
        meeting.year_settled,
        meeting.country_id or "",
        meeting.city,
        meeting.venue,
        people,
        tuple(sorted(meeting.corrected_fields)),
        _evidence(meeting),
    )


def _agreement(agreement: models.Agreement) -> tuple:
    return (
        "agreement",
        agreement.kind,
        agreement.level_id or "",
        _day(agreement.date),
        agreement.date_precision,
        agreement.title,
        agreement.document_count,
        tuple(sorted(agreement.parties.values_list("code", flat=True))),
        tuple(sorted(agreement.corrected_fields)),
        _evidence(agreement),
    )


def _visit(visit: models.Visit) -> tuple:
    return (
        "visit",
        visit.visitor_country_id,
        visit.host_country_id,
        visit.visitor_leader.name if visit.visitor_leader else "",
        visit.kind,
        _day(visit.start),
        visit.start_precision,
        _day(visit.end),
        visit.end_precision,
        visit.year_settled,
        tuple(sorted(visit.cities)),
        visit.invited_by,
        tuple(sorted(visit.corrected_fields)),
        _evidence(visit),
        tuple(sorted(_meeting(m) for m in visit.meetings.all())),
        tuple(sorted(_agreement(a) for a in visit.agreements.all())),
    )


def snapshot() -> tuple:
    """Every visit (with its meetings and agreements), every meeting and agreement of
    no visit, and the partnerships agreements wrote: sorted tuples, no ids."""
    visits = sorted(_visit(v) for v in models.Visit.objects.select_related("visitor_leader"))
    meetings = sorted(_meeting(m) for m in models.Meeting.objects.filter(visit=None))
    agreements = sorted(_agreement(a) for a in models.Agreement.objects.filter(visit=None))
    partnerships = sorted(
        models.Partnership.objects.exclude(source=models.PartnershipSource.REFERENCE).values_list(
            "country_a_id", "country_b_id", "level_id", "since", "source"
        )
    )
    return (tuple(visits), tuple(meetings), tuple(agreements), tuple(partnerships))


def describe_difference(before: tuple, after: tuple) -> str:
    """The rows only in `before` and only in `after`, one a line."""
    lines = []
    for label, old, new in zip(
        ("visits", "meetings of no visit", "agreements of no visit", "partnerships"),
        before,
        after,
        strict=True,
    ):
        gone = [row for row in old if row not in new]
        came = [row for row in new if row not in old]
        for row in gone:
            lines.append(f"  - {label}: {row}")
        for row in came:
            lines.append(f"  + {label}: {row}")
    return "\n".join(lines) or "  (the same rows, in other numbers)"


def articles_state() -> frozenset:
    """What the stored articles are: (identity, content hash) of each."""
    return frozenset(models.Article.objects.values_list("source_name", "content_hash"))


# --- What editors do, as the admin does it ------------------------------------------

# (model, field): a value the editor writes, from the record as it is.
CORRECTIONS = {
    (models.Visit, "kind"): lambda r: "working" if r.kind != "working" else "state",
    (models.Visit, "invited_by"): lambda r: "the Governor-General",
    (models.Visit, "cities"): lambda r: ["Christchurch"],
    (models.Visit, "end"): lambda r: (
        (r.end or r.start or dt.date(2025, 3, 11)) + dt.timedelta(days=1)
    ),
    (models.Meeting, "kind"): lambda r: "reception" if r.kind != "reception" else "talks",
    (models.Meeting, "city"): lambda r: "Rotorua",
    (models.Meeting, "date"): lambda r: dt.date(2025, 3, 12),
    (models.Agreement, "title"): lambda r: "Memorandum on school exchanges",
    (models.Agreement, "document_count"): lambda r: 7,
    (models.Leader, "honorific"): lambda r: "H.E.",
    (models.Leader, "name"): lambda r: f"{r.name} (checked)",
    (models.PartnershipLevel, "color"): lambda r: "#123456",
}
EVIDENCED = (models.Visit, models.Meeting, models.Agreement)


@dataclass(frozen=True)
class Correction:
    model: type
    pk: object
    field: str
    value: object


def record_correct(*, model: type, pk, field: str) -> Correction:
    """Change one field the way the admin's change form does, and say what was written."""
    record = model.objects.get(pk=pk)
    value = CORRECTIONS[(model, field)](record)
    setattr(record, field, value)
    editing.record_correct(record=record, fields=[field])
    return Correction(model=model, pk=pk, field=field, value=value)


def record_delete(*, model: type, pk) -> None:
    """Delete a record as the admin's delete view does (a suppression for each source)."""
    editing.record_delete(record=model.objects.get(pk=pk))


def visits_merge(*, into: int, other: int) -> None:
    editing.visits_merge(
        into=models.Visit.objects.get(pk=into), others=[models.Visit.objects.get(pk=other)]
    )


def leaders_merge(*, into: int, other: int) -> None:
    editing.leaders_merge(
        into=models.Leader.objects.get(pk=into), others=[models.Leader.objects.get(pk=other)]
    )


def open_actions() -> list[int]:
    """The deletions and merges not undone yet, oldest first (the admin lists them all)."""
    return list(
        models.EditorAction.objects.filter(undone_at=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def action_undo(*, pk: int) -> bool:
    """Undo a deletion or a merge as the admin's undo view does; False when refused (the
    record a merge kept is gone since, say), which changes nothing."""
    try:
        undo.action_undo(action=models.EditorAction.objects.get(pk=pk), reason="integrity")
    except undo.UndoRefused:
        return False
    return True


def leaders_in_records() -> list[int]:
    """Leaders a visit or a meeting names, in pk order."""
    ids = set(
        models.Visit.objects.exclude(visitor_leader=None).values_list("visitor_leader", flat=True)
    )
    ids |= set(models.Participation.objects.values_list("leader_id", flat=True))
    return sorted(ids)


# --- Invariants ----------------------------------------------------------------------


def check_corrections(corrections: list[Correction]) -> None:
    """Every field an editor corrected still holds the editor's value (records that
    an editor deleted or merged away are gone with their corrections)."""
    for c in corrections:
        record = c.model.objects.filter(pk=c.pk).first()
        if record is None:
            continue
        assert getattr(record, c.field) == c.value, (
            f"{c.model.__name__} {c.pk}: the editor set {c.field}={c.value!r}, "
            f"it is now {getattr(record, c.field)!r}"
        )
        assert c.field in record.corrected_fields, (
            f"{c.model.__name__} {c.pk}: {c.field} is no longer marked corrected"
        )


def check_no_suppressed_record_back() -> None:
    """No evidence was written again for an (article, record key) an editor deleted."""
    back = list(
        models.Evidence.objects.filter(
            article__suppressions__record_key=F("record_key")
        ).values_list("article__source_name", "record_key")
    )
    assert not back, f"records an editor deleted are back: {back}"


def check_evidence() -> None:
    """Every visit, meeting and agreement has evidence in an article that exists, unless an
    editor corrected or reviewed it: then it stays, for the review queue (README)."""
    for model in EVIDENCED:
        bare = list(
            model.objects.filter(evidence=None, corrected_fields=[], reviewed=False).values_list(
                "pk", flat=True
            )
        )
        assert not bare, f"{model.__name__}s with no evidence in any article: {bare}"
    orphan = models.Evidence.objects.filter(article__isnull=True).count()
    assert orphan == 0


def check_identities() -> None:
    """No two articles share an identity, nor the same text under two names."""
    names = list(models.Article.objects.values_list("source_name", flat=True))
    assert len(names) == len(set(names)), f"two articles share an identity: {sorted(names)}"
    hashes = [h for h in models.Article.objects.values_list("content_hash", flat=True) if h]
    assert len(hashes) == len(set(hashes)), "two articles share a content hash"


def check_all(corrections: list[Correction]) -> None:
    check_corrections(corrections)
    check_no_suppressed_record_back()
    check_evidence()
    check_identities()


def check_reextract_changes_nothing() -> None:
    before = snapshot()
    quiet("ingest", "--reextract")
    after = snapshot()
    assert before == after, "ingest --reextract changed the record:\n" + describe_difference(
        before, after
    )


def check_ingest_again_changes_nothing(folder: Folder) -> None:
    before = snapshot()
    folder.ingest()
    after = snapshot()
    assert before == after, "ingesting the same files again changed the record:\n" + (
        describe_difference(before, after)
    )


def record_description(record) -> tuple:
    """What an extractor's record key says of a record, by pks: no day, no spelling."""
    if isinstance(record, models.Visit):
        return ("visit", record.visitor_country_id, record.host_country_id)
    if isinstance(record, models.Meeting):
        people = frozenset(record.participation_set.values_list("leader_id", flat=True))
        return ("meeting", record.kind, people)
    parties = frozenset(record.parties.values_list("code", flat=True))
    return ("agreement", record.kind, parties, record.level_id)


def deleted_record(*, model: type, pk) -> set[tuple]:
    """(model, article, description) for each article a record about to be deleted came from."""
    record = model.objects.get(pk=pk)
    described = record_description(record)
    return {(model, a, described) for a in record.evidence.values_list("article_id", flat=True)}


def check_deleted_stay_deleted(deleted: set[tuple]) -> None:
    """No article gives again a record an editor deleted, whatever its key is now."""
    for model, article_id, described in deleted:
        for record in model.objects.filter(evidence__article_id=article_id).distinct():
            assert record_description(record) != described, (
                f"{model.__name__} {record.pk} is back from article {article_id} after an "
                f"editor deleted it: {described}"
            )
