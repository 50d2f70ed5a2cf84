"""Reading a web page: the article in it (trafilatura), its title, date, canonical URL
and declared language, as the same Document the text and JSON readers return.

Navigation, related links, comments, scripts and styles are left out by trafilatura,
the reference for main-text extraction; what is left goes through the same body
cleaning as a text file, so one report gives one body whichever way it came in.
trafilatura is imported when a page is first read, never at import time.
"""

from __future__ import annotations

import datetime as dt
import re

from .detection import LANGUAGES  # what the extractor reads; a page declaring another is detected
from .document import DocumentError, _document, _not_future, _parse_iso
from .names import fold_lower
from .records import Document

MSG_NO_ARTICLE = "{name}: no article text found in this page"
MSG_NOT_HTML = "{name}: this does not look like an HTML page"

_LANG_ATTR = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?![A-Za-z])", re.I)
_META_LANG = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale"
    r"|name\s*=\s*[\"']?language)[^>]*>",
    re.I,
)
_META_CONTENT = re.compile(r"\bcontent\s*=\s*[\"']?\s*([A-Za-z]{2,3})(?![A-Za-z])", re.I)
# Menus and link lists are what a page without a story leaves: no line of five words.
_PROSE = re.compile(r"^\W*(\w+\W+){4,}\w", re.M)
_MARKUP = re.compile(r"<\s*(!doctype|html|head|body|p|div|article|title|meta)\b", re.I)


_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def page_text(data: bytes, *, charset: str | None = None) -> str:
    """A page's bytes as text: a byte-order mark, else the charset the server gave, else
    the page's `<meta charset>`, else UTF-8; bytes that do not decode are replaced.

    >>> page_text('<meta charset="windows-1258"><p>Hà Đông'.encode("cp1258"))[-7:]
    'Hà Đông'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    for candidate in (charset, _meta_charset(data)):
        if candidate:
            try:
                return data.decode(candidate, "replace").replace("\x00", "")
            except LookupError:  # a charset Python does not know
                continue
    return data.decode("utf-8", "replace").replace("\x00", "")


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def page_language(html: str) -> str | None:
    """The language a page declares (`<html lang>`, Content-Language, og:locale), if any.

    >>> page_language('<html lang="vi-VN"><head></head></html>')
    'vi'
    >>> page_language('<html><head><meta property="og:locale" content="en_GB"></head>')
    'en'
    """
    head = html[:20000]
    m = _LANG_ATTR.search(head)
    if m:
        return m.group(1).lower()
    for meta in _META_LANG.finditer(head):
        content = _META_CONTENT.search(meta.group(0))
        if content:
            return content.group(1).lower()
    return None


def _strip_title_line(text: str, title: str | None) -> str:
    """The page's headline often opens the extracted text; the title holds it already."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and fold_lower(lines[0]) == fold_lower(title.strip()):
        lines = lines[1:]
    return "\n\n".join(lines)


def read_html(
    html: str,
    *,
    name: str,
    url: str | None = None,
    today: dt.date | None = None,
    language: str | None = None,
) -> Document:
    """Read the article in a page. `url` is where it was fetched from (the page's own
    canonical link wins); `language` is a hint (a feed's) for a page declaring none.

    Raises DocumentError when the page holds no article text.
    """
    if not html or not _MARKUP.search(html[:20000]):
        raise DocumentError(MSG_NOT_HTML.format(name=name))
    import trafilatura  # heavy: only when a page is read

    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(found, "text", None) if found is not None else None
    if not text or not _PROSE.search(text):
        raise DocumentError(MSG_NO_ARTICLE.format(name=name))
    title = (found.title or "").strip() or None
    canonical = found.url if _is_http(found.url) else None
    warnings: list[tuple[int | None, str]] = []
    published = _parse_iso(found.date)
    published = _not_future(published, value=found.date, line=None, today=today, warnings=warnings)
    body = _strip_title_line(text, title)
    declared = page_language(html) or (language or "").lower() or None
    return _document(
        body or text,
        title=title,
        published=published,
        url=canonical or (url if _is_http(url) else None),
        name=name,
        raw=html,
        # the page says its language: it wins over detection, as a JSON "language" does
        language=declared if declared in LANGUAGES else None,
        warnings=warnings,
    )


def _is_http(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))


_BLOCKS = frozenset("p div li h1 h2 h3 h4 h5 h6 blockquote br tr section article".split())


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content), a paragraph a block.

    >>> fragment_text("<p>One <b>two</b>.</p><script>x()</script><p>Three.</p>")
    'One two.\\n\\nThree.'
    """
    import lxml.html  # with trafilatura; only when a fragment is read

    if not html or not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter("script", "style", "noscript", "iframe")):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n\n".join(line for line in lines if line)
