"""The partnership levels' colours as a stylesheet: a class per level, no inline style.

The Content-Security-Policy allows no inline `style=`, so a badge or swatch
carries the class `level-<code>` and /levels.css, generated from the
PartnershipLevel table, sets that class's `--level` colour. Editors can type
anything into a colour or a code: a colour that is not `#rrggbb` is written as
the neutral grey, and a code that is not a plain slug gets no class and no rule,
so nothing an editor enters can end a CSS rule or open another.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from visits.charts import is_hex

FALLBACK = "#888888"
SLUG = re.compile(r"^[A-Za-z0-9_-]+$")


def level_class(code: str) -> str:
    """'level-<code>', or '' when the code is not a plain slug."""
    return f"level-{code}" if code and SLUG.match(code) else ""


def levels_css(*, levels: Iterable) -> str:
    """One rule per level: `.level-<code> { --level: #rrggbb; }`."""
    lines = ["/* Partnership level colours, generated from the PartnershipLevel table. */"]
    for level in sorted(levels, key=lambda level: level.code):
        name = level_class(level.code)
        if name:
            color = level.color if is_hex(level.color) else FALLBACK
            lines.append(f".{name} {{ --level: {color}; }}")
    return "\n".join(lines) + "\n"


def levels_version(*, levels: Iterable) -> str:
    """A short hash of the stylesheet, for its URL: it changes when a colour does."""
    return hashlib.sha256(levels_css(levels=levels).encode()).hexdigest()[:12]
