"""Reading an article: the date line, the title, the body, and cutting what is not the article."""

from __future__ import annotations

import datetime as dt
import re

from . import languages as L
from .detection import LANGUAGES, detect_language
from .names import fold_lower
from .records import DETECT, Document, FuzzyDate

__all__ = ["DocumentError", "detect_language", "read_json_object", "read_text"]


class DocumentError(ValueError):
    """The content cannot be read as an article (empty body, missing text field...)."""


# ' date 2024-11-21', 'date: 2024-11-21T08:30:00Z', ' date 2017-12' (month only), ' date 2019'.
_DATE_LINE = re.compile(
    r"^\s*date:?\s+(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?\b[ \t]*(.*)$",
    re.IGNORECASE,
)
_PARTIAL_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

# A line that starts a block which is not the article: everything from it on is cut.
_TAIL_MARKERS = re.compile(
    rf"^\s*(?:{'|'.join(f'(?:{m})' for m in L.words('tail_marker'))})", re.IGNORECASE
)
# Photo captions: a line carrying a photo credit.
_CAPTION = re.compile(
    r"\((anh|photo|nguon|source|photo credit)\s*:[^)]*\)\s*$|\(photo\)|\((vna|vns|ttxvn|vgp)"
    r"[^)]*photo[^)]*\)\s*$|^\s*(anh|photo)\s*:|\(anh minh hoa\)",
    re.IGNORECASE,
)
# Sign-offs at the very end of the body.
_SIGN_OFF = re.compile(
    r"(\s*(/\.|[-—–]+\s*(vna|vns|ttxvn|xinhua|bernama|kyodo)|\((vna|ttxvn|vns)\)|"
    r"\b(vna|vns|ttxvn)))+\s*$",
    re.IGNORECASE,
)


def clean_body(text: str) -> str:
    """Cut related-article tails, captions, repeated lines and sign-offs.

    >>> clean_body("Lead line.\\nA caption. (Photo: VNA)\\nBody.\\nRelated\\nOther story")
    'Lead line.\\nBody.'
    """
    kept: list[str] = []
    seen: set[str] = set()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        folded = fold_lower(line).strip()
        if not folded:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if _TAIL_MARKERS.match(folded) and len(folded) < 60:
            # A lone agency name or "Source" ends the article only near its end or alone.
            break
        if _CAPTION.search(folded):
            continue
        if _headline_run(line):
            continue
        key = re.sub(r"\W+", " ", folded).strip()
        if key in seen:
            continue
        seen.add(key)
        kept.append(line.rstrip())
    body = "\n".join(kept).strip()
    body = _SIGN_OFF.sub("", body).rstrip()
    return body


_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’»)]*)(?:\s|$)")


def _headline_run(line: str) -> bool:
    """Whether a line is a run of related-article headlines set end to end: no sentence
    ends in it, hardly a comma, and the name it opens with opens another one ("Tổng Bí
    thư Tô Lâm thăm ... Nâng cấp quan hệ ... Tổng Bí thư Tô Lâm hội kiến ...").

    >>> _headline_run("Premier Lan Anh tours the new deep-sea port Trade pact signed in "
    ...               "Vientiane Premier Lan Anh meets business leaders")
    True
    >>> _headline_run("Premier Lan Anh toured the port. Premier Lan Anh met business leaders.")
    False
    """
    text = line.strip()
    if not 100 <= len(text) <= 500 or _SENTENCE_END.search(text) or text.count(",") > 1:
        return False
    words = [w.strip("\"'“”,:;") for w in text.split()]
    if len(words) < 4 or not words[0][:1].isupper():
        return False
    # The headline's opening name comes back as the opening of another one.
    return any((words[i], words[i + 1]) == (words[0], words[1]) for i in range(2, len(words) - 1))


MSG_DATE_IMPOSSIBLE = (
    "the date line {value!r} is not a possible date (a real day, month or year from 1800 "
    "on); the article is stored without a date"
)
MSG_DATE_FUTURE = (
    "the date {value!r} is after today ({today}); it is not taken as the article's date"
)


def _first_day(date: FuzzyDate) -> dt.date:
    return dt.date(date.year, date.month or 1, date.day or 1)


def _not_future(
    published: FuzzyDate | None, *, value: str, line: int | None, today: dt.date | None, warnings
) -> FuzzyDate | None:
    """The date, unless it begins after `today`: then None and a warning."""
    if published is None or today is None or _first_day(published) <= today:
        return published
    warnings.append((line, MSG_DATE_FUTURE.format(value=value, today=today.isoformat())))
    return None


def _parse_iso(value: str | None) -> FuzzyDate | None:
    """'2024-11-21' (a time may follow), '2017-12' or '2019': as precise as given."""
    if not value:
        return None
    m = _PARTIAL_ISO.match(str(value).strip())
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    if not 1800 <= year <= 2200:
        return None
    return FuzzyDate(year, month, day)


def _looks_like_title(line: str, following: list[str]) -> bool:
    s = line.strip()
    if not s or len(s) > 220 or not following or _TAIL_MARKERS.match(fold_lower(s)):
        return False
    if s.endswith((".", ";", ":", "”", '"')) and not s.endswith("..."):
        return False
    return True


def read_text(raw: str, *, name: str, today: dt.date | None = None) -> Document:
    """Read the seed format: optional ' date YYYY-MM-DD' line, optional title, body.

    A date line that is no real date, or (given `today`) a date after today, is
    not used; the Document's `warnings` say so, with the line.
    """
    text = (raw or "").lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").split("\n")
    published = None
    warnings: list[tuple[int | None, str]] = []
    line_no = 1
    while lines and not lines[0].strip():
        lines.pop(0)
        line_no += 1
    if lines:
        m = _DATE_LINE.match(lines[0])
        if m:
            value = m.group(1)
            published = _parse_iso(value)
            if published is None:
                warnings.append((line_no, MSG_DATE_IMPOSSIBLE.format(value=value)))
            published = _not_future(
                published, value=value, line=line_no, today=today, warnings=warnings
            )
            rest = m.group(2).strip()
            lines = ([rest] if rest else []) + lines[1:]
    while lines and not lines[0].strip():
        lines.pop(0)
    title = None
    if lines:
        nxt = [ln for ln in lines[1:] if ln.strip()]
        if _looks_like_title(lines[0], nxt):
            title = lines.pop(0).strip()
    return _document(
        "\n".join(lines),
        title=title,
        published=published,
        url=None,
        name=name,
        raw=text,
        warnings=warnings,
    )


MSG_TITLE_NOT_TEXT = "{name}: field 'title' is not text: {value!r}"
MSG_LANGUAGE_UNKNOWN = (
    "{name}: field 'language' is {value!r}, not one of the languages read: {known}"
)
MSG_URL_NOT_HTTP = "{name}: field 'url' is not an http or https URL: {value!r}"


def _json_url(value, *, name: str) -> str | None:
    """An http(s) URL or None: anything else would end up as a link on the public pages."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.strip().lower().startswith(("http://", "https://")):
        raise DocumentError(MSG_URL_NOT_HTTP.format(name=name, value=value))
    return value.strip()


def _json_language(value, *, name: str) -> str | None:
    """A language code of ours given by the input, or None to detect it."""
    if value is None or value == "":
        return None
    code = value.strip().lower() if isinstance(value, str) else value
    if code not in LANGUAGES:
        raise DocumentError(
            MSG_LANGUAGE_UNKNOWN.format(name=name, value=value, known=", ".join(LANGUAGES))
        )
    return code


def read_json_object(obj: dict, *, name: str, today: dt.date | None = None) -> Document:
    """Read {"text", "date", "title", "url", "language"}; `text` is required.

    A `language` (one of LANGUAGES) wins over detection. A date after `today` (when
    given) is not used; the Document's `warnings` say so.
    """
    if not isinstance(obj, dict):
        raise DocumentError(f"{name}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DocumentError(f"{name}: JSON object has no 'text' field")
    # A number (20240908) is no date: str() of it would silently read as the year 2024.
    published = _parse_iso(obj.get("date")) if isinstance(obj.get("date"), str) else None
    if obj.get("date") and published is None:
        raise DocumentError(f"{name}: field 'date' is not a YYYY-MM-DD date: {obj.get('date')!r}")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise DocumentError(MSG_TITLE_NOT_TEXT.format(name=name, value=title))
    title = (title or "").strip() or None
    url = _json_url(obj.get("url"), name=name)
    language = _json_language(obj.get("language"), name=name)
    warnings: list[tuple[int | None, str]] = []
    published = _not_future(
        published, value=obj.get("date"), line=None, today=today, warnings=warnings
    )
    return _document(
        text,
        title=title,
        published=published,
        url=url,
        name=name,
        raw=text,
        language=language,
        warnings=warnings,
    )


def _document(
    body_raw: str,
    *,
    title: str | None,
    published: FuzzyDate | None,
    url,
    name: str,
    raw: str,
    language: str | None = None,
    warnings: list[tuple[int | None, str]] = (),
) -> Document:
    """The Document, its language detected (when first read) unless the input gave it
    (then no confidence)."""
    body = clean_body(body_raw)
    if not body:
        raise DocumentError(f"{name}: no article text left after cleaning")
    return Document(
        body=body,
        title=title,
        published=published,
        language=language or DETECT,
        language_confidence=None,
        url=url,
        warnings=tuple(warnings),
    )
