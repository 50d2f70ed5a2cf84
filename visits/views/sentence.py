"""What a list shows, in words: "12 visits where the host is Malaysia, in 2024"."""

from __future__ import annotations

from visits.filters import CONFIRMED, SOURCES
from visits.models import AgreementKind, ArticleLanguage, MeetingKind, VisitKind, VisitorRole

from .specs import ListSpec


def _or(items) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


# What a list that hides its empty rows shows unless asked for all (HidesEmptyRowsMixin).
WITH_RECORDS = {"country": "with visits made or received", "leader": "with visits or meetings"}
# The short form of a country filter, for titles: "Visits from Viet Nam to Malaysia".
SHORT = {
    "visit": {"visitor": "from", "host": "to"},
    "meeting": {"visitor": "during visits from", "host": "during visits to"},
    "agreement": {"visitor": "during visits from", "host": "during visits to"},
}


def describe(*, spec: ListSpec, count: int, cleaned: dict, countries: dict, levels) -> tuple:
    """('12 visits where the host is Malaysia, in 2024', [active filter chips])."""
    noun = spec.noun if count == 1 else spec.plural
    phrases, chips = _phrases(spec=spec, cleaned=cleaned, countries=countries, levels=levels)
    sentence = f"{count:,} {noun}"
    if phrases:
        sentence += " " + ", ".join(text for text, _ in phrases)
    return sentence, chips


def describe_title(*, spec: ListSpec, cleaned: dict, countries: dict, levels) -> str:
    """The page's title for what is shown: 'Visits from Viet Nam to Malaysia in 2024'.

    Country, year and date phrases follow the noun; the others after a comma.
    """
    phrases, _ = _phrases(
        spec=spec, cleaned=cleaned, countries=countries, levels=levels, short=True
    )
    title = spec.plural.capitalize()
    for text, tight in phrases:
        title += (" " if tight else ", ") + text
    return title


def _phrases(*, spec, cleaned, countries, levels, short=False) -> tuple[list, list]:
    """[(phrase, whether a title joins it without a comma)] and the chips
    [(param, text, value)] of the filters in `cleaned`."""
    parts: list[tuple[str, bool]] = []
    chips: list[tuple[str, str, str | None]] = []  # (param, text, value)

    def names(codes):
        return [countries.get(c.upper(), c.upper()) for c in codes]

    def add(param, phrase, values=None, labels=None, tight=False):
        parts.append((phrase, tight))
        if values is None:
            chips.append((param, phrase, None))
        else:
            for value, label in zip(values, labels, strict=True):
                chips.append((param, f"{param}: {label}", value))

    if spec.noun in WITH_RECORDS and cleaned.get("all") != "1":
        parts.append((WITH_RECORDS[spec.noun], True))
    role = {
        "visit": {"visitor": "the visitor", "host": "the host", "country": "a side"},
        "meeting": {"visitor": "the visitor", "host": "the host", "country": "it involves"},
        "agreement": {"visitor": "the visitor", "host": "the host", "country": "a party"},
    }.get(spec.noun, {})
    for param in ("country", "visitor", "host"):
        codes = cleaned.get(param) or []
        if not codes:
            continue
        short_lead = SHORT.get(spec.noun, {}).get(param)
        if short and short_lead:
            phrase = f"{short_lead} {_or(names(codes))}"
        elif spec.noun in ("leader", "article") or param == "country" and spec.noun == "meeting":
            phrase = f"involving {_or(names(codes))}"
        else:
            phrase = f"where {role.get(param, param)} is {_or(names(codes))}"
        add(param, phrase, codes, names(codes), tight=short)
    if cleaned.get("leader"):
        who = _or(f"“{n}”" for n in cleaned["leader"])
        add("leader", f"with the leader {who}", cleaned["leader"], cleaned["leader"])
    if cleaned.get("kind"):
        kinds = {**dict(VisitKind.choices), **dict(MeetingKind.choices)}
        kinds.update(dict(AgreementKind.choices))
        labels = [kinds.get(k, k) for k in cleaned["kind"]]
        add("kind", f"of kind {_or(labels)}", cleaned["kind"], labels)
    for param, lead in (
        ("level", "when the pair's level was"),
        ("current_level", "whose pair is now at"),
    ):
        if cleaned.get(param):
            labels = [levels[c].name_en if c in levels else c for c in cleaned[param]]
            add(param, f"{lead} {_or(labels)}", cleaned[param], labels)
    if cleaned.get("role"):
        labels = [dict(VisitorRole.choices).get(r, r) for r in cleaned["role"]]
        add("role", f"by a {_or(labels)}", cleaned["role"], labels)
    if cleaned.get("source"):
        labels = [dict(SOURCES).get(x, x) for x in cleaned["source"]]
        add("source", f"told by {_or(labels)}", cleaned["source"], labels)
    if cleaned.get("language"):
        langs = dict(ArticleLanguage.choices)
        labels = [langs.get(x, x) for x in cleaned["language"]]
        add("language", f"in {_or(labels)}", cleaned["language"], labels)
    if cleaned.get("confirmed"):
        add("confirmed", dict(CONFIRMED)[cleaned["confirmed"]])
    if cleaned.get("status"):
        add("status", f"with status {_or(cleaned['status'])}", cleaned["status"], cleaned["status"])
    date = cleaned.get("date")
    if date and (date.start or date.stop):
        if date.start and date.stop:
            phrase = f"from {_day(date.start)} to {_day(date.stop)}"
        elif date.start:
            phrase = f"from {_day(date.start)} on"
        else:
            phrase = f"until {_day(date.stop)}"
        add("date", phrase, tight=short)
    if cleaned.get("year"):
        labels = [str(y) for y in cleaned["year"]]
        add("year", f"in {_or(labels)}", [str(y) for y in cleaned["year"]], labels, tight=short)
    if cleaned.get("q"):
        what = "whose name matches" if spec.noun == "country" else "whose articles mention"
        if spec.noun == "article":
            what = "mentioning"
        add("q", f"{what} “{cleaned['q']}”")
    return parts, chips


def _day(value) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"
