"""The rules, compiled from each language's data (languages/<code>.toml) and the grammar
that joins the words: trigger words and the cues that turn an event into a plan or history.

Every pattern runs on accent-folded lower-case text (see names.fold_lower), so
"thăm chính thức", "tham chinh thuc" and "THĂM CHÍNH THỨC" are one pattern. The word
patterns are every language's alternatives joined, so a report quoting another language
is still read; the mood of a clause is read with its own language's cues.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import languages as L


def _rx(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{a})" for a in alternatives) or "(?!)")


def _words(key: str) -> re.Pattern:
    """The alternatives of a [words] key in every language, as one pattern."""
    return _rx(*L.words(key))


def _alts(key: str) -> str:
    """The alternatives of a [words] key in every language, as a regex group's body."""
    return "|".join(f"(?:{a})" for a in L.words(key)) or "(?!)"


NUMBER_WORDS: dict[str, int] = L.table("numbers")
MONTH_NUMBERS: dict[str, int] = L.table("months")
_NUMBERS = "|".join(re.escape(w) for w in sorted(NUMBER_WORDS, key=len, reverse=True))


# --- Visits ----------------------------------------------------------------------

VISIT_TRIGGER = _words("visit")
"""
>>> bool(VISIT_TRIGGER.search("paid an official visit to malaysia"))
True
>>> bool(VISIT_TRIGGER.search("tham hoi suc khoe"))
False
"""

# Kind words next to the trigger; the first that matches wins.
VISIT_KINDS: tuple[tuple[str, re.Pattern], ...] = (
    ("state", _words("visit_state")),
    ("official", _words("visit_official")),
    ("working", _words("visit_working")),
)

# "arrived in Hanoi", "đã đến Hà Nội": arrival for a visit.
ARRIVAL = _words("arrival")
# An arrival with the place after it: "arrived in Port Louis", "tiba di Washington"
ARRIVED_IN = _words("arrived_in")
"""
>>> ARRIVED_IN.search("the president arrived on monday in the malaysian capital kuala").end()
57
>>> bool(ARRIVED_IN.search("the time has arrived for talks"))
False
"""
CONCLUDING = _words("concluding")
ONGOING = _words("ongoing")
# "a three-day visit": the groups are number words or digits
DURATION = _rx(*(d.replace("{number}", _NUMBERS) for d in L.words("duration")))
DURATION_WORDS = NUMBER_WORDS

# "visit of a Timor-Leste leader": the country after "of" is the visitor's.
VISIT_OF = re.compile(r"\s*of\b")
# "Indonesia's new president ... visit", "Xi's state visit": whose visit it is.
POSSESSIVE_GAP = re.compile(r"^'s?\s+(?:[\w-]+\s+){0,3}$")
# "Biden, who is on his first official visit": the traveller before a relative clause.
WHO_GAP = re.compile(r"^\s*,?\s*who\s+(?:is|was|are|were|has|had)\b[^,;]{0,40}$")
# A place before the trigger that is where the visit goes: "headed to China for a visit".
# "left Sunday morning for the Republic of France", "leaves for Tokyo": where the trip goes.
DEPARTED_FOR = re.compile(
    r"\b(?:left|leaves|leaving|departed|departs|departing|headed|heads|set off|flew|flies)\b"
    r"[^.;]{0,40}?\bfor\s+(?:the\s+)?(?:[a-z]+\s+(?:of\s+)?){0,2}$"
)
# "that is not a full state visit": no visit at all.
# The end of a dateline: "MALE:", "BEIJING, May 11 (Xinhua) --", "HANOI -".
DATELINE_END = re.compile(r"\s*(?::|[-–—]|,[^.\n]{0,40}?(?:[-–—]|\)))")
# "arrived here", "landed here": the place of the dateline.
HERE = re.compile(r"\b(?:arrived|arrives|landed|touched down)\s+(?:\w+\s+){0,2}?here\b")
GENERIC_PLACE = re.compile(
    r"^\s*(?:to\s+)?the\s+(?:[a-z-]+\s+){0,3}(?:nation|country|kingdom|republic|archipelago|"
    r"island state|city-state)\b"
)

# --- Meetings ----------------------------------------------------------------------

MEETING_TRIGGERS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, _words(kind)) for kind in ("call", "talks", "reception", "meeting")
)
# "tiếp" after these words is not a reception (liên tiếp, trực tiếp, đón tiếp...).
NOT_RECEPTION_BEFORE = _words("not_reception_before")
# A sentence that adds people to the meeting just reported.
AT_THE_MEETING = _words("at_the_meeting")
# "The two leaders held talks": the people of the meeting just reported.
THE_TWO_LEADERS = _words("the_two_leaders")
# One meeting per person named: "paid courtesy visits to A and B", "met A, B and C in turn".
SEPARATE_MEETINGS = _words("separate_meetings")
JOINT_MEETING = _words("joint_meeting")
# The traveller named by role: "The visiting leader had meetings with ...", "vị khách".
VISITOR_SUBJECT = _words("visitor_subject")
# "discussions between A, who ..., and B": the two sides follow the trigger.
BETWEEN_AFTER = re.compile(r"^\s*between\b")
# A person named for a memorial, not present: "President Ho Chi Minh Mausoleum", "laid a wreath at".
MEMORIAL_AFTER = _words("memorial_after")
MEMORIAL_BEFORE = _words("memorial_before")
# The passive of a signing: "three agreements were signed", "20 MoUs have been inked".
SIGNED_PASSIVE = re.compile(
    rf"(?<!during which )(?<!in which )\b(?:(?:(?:{_alts('approximately')})\s+)?"
    rf"(?P<count>\d+|{_NUMBERS}|{_alts('quantity')})\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?(?:{_alts('document')})\b(?:[^.;]{{0,90}}?)\b(?:{_alts('signed_passive')})"
)
# Words that make the nearest name an object, not the subject: "paid respect to A, met B".
# Greeted on arrival or seen off: protocol at the airport, not a meeting.
AIRPORT_GREETING = _words("airport_greeting")
# "On reaching Delhi he was warmly received by Union Minister A": a greeting when the
# sentence or the one before tells of the arrival and the greeter is no head of state or
# government.
PASSIVE_GREETING = re.compile(
    r"\b(?:was|were|being)\s+(?:\w+ly\s+)?(?:received|greeted|welcomed|met)\s+by\b"
)
ARRIVAL_WORDS = re.compile(
    r"\b(?:arriv\w*|landed|reached|touched down|on reaching|upon reaching|plane|aircraft|"
    r"airport|air ?base)\b"
)
GREETER_IS_HEAD = re.compile(
    r"\s*(?:the\s+)?(?:[\w'.-]+\s+){0,3}?(?:prime minister|premier|president|king|queen|"
    r"chancellor|emperor|sultan|counterpart|host|general secretary)\b"
)
GREETER_IS_OFFICIAL = re.compile(
    r"\b(?:minister|ministers|ambassador|secretary|governor|mayor|officials?|deputy|vice|"
    r"protocol|advis[eo]r|chief of)\b"
)
MEETING_KIND_RANK = {"talks": 0, "call": 1, "meeting": 2, "reception": 3, "other": 4}

# --- Agreements ----------------------------------------------------------------------

# Establishing needs no "to": "established a comprehensive partnership".
ESTABLISH_VERB = _words("establish_verb")
UPGRADE_VERB = _words("upgrade_verb")
JOINT_STATEMENT = _words("joint_statement")
ISSUED = _words("issued")
# "signed 14 documents", "witnessed the signing and exchange of more than a dozen MoUs"
SIGNING = re.compile(
    rf"\b(?:{_alts('sign_verb')})\b(?:\s+(?:{_alts('signing_event')}))?"
    rf"(?:\s+(?:{_alts('signing_joiner')}))*\s*(?:(?:{_alts('approximately')})\s+)?"
    rf"(?P<count>\d+|{_NUMBERS}|{_alts('quantity')})?\s*"
    rf"(?:\w+\s+){{0,3}}?(?:{_alts('document')})\b"
)
ACTION_PROGRAMME = _words("action_programme")
PROGRAMME_DONE = _words("programme_done")

# --- What is not an event ---------------------------------------------------------------

# Just before a trigger, a plan, a wish or an invitation ("near_plan"), or a look back
# ("history"): the words are MOOD_CUES entries of each language, below.
# After a trigger: a time still to come ("visit to Washington later this year").
# After a signing or a statement: "... is expected", "a joint statement expected upon conclusion".
PLAN_AFTER = _words("plan_after")
# After a trigger: a trip told as background ("Baker's trip to Moscow earlier this month").
EARLIER = _words("earlier")
# Before a meeting: an earlier leg of the tour ("arrives after visiting and meeting with").
EARLIER_LEG = re.compile(r"\bafter (?:visiting|touring) and $")
LATER = _words("later")
INVITATION = _words("invitation")
INVITATION_VI = re.compile(r"(?<!\w)mời(?!\w)", re.IGNORECASE)  # on the accented text: not "mới"
INVITATION_OK = _words("invitation_ok")
AT_A_CONVENIENT_TIME = _words("at_a_convenient_time")
ANNIVERSARY_BEFORE = _words("anniversary_before")

# --- Mood of a clause, per language: adding a language is adding an entry ----------------
#
# "plan": a cue that governs the verbs after it, along "and" and commas, up to the end of
#   its clause ("are scheduled to attend A, engage in B and pay official visits to C").
# "break": where the governed clause ends (a new clause, a reported speech, a relative).
# "past": a finite past verb after "and"/a comma: a new clause told as done.
# "background": before a trip, a cue that tells it as the background of this report's news
#   ("follows X's visit", "since the upgrade during X's visit").
# "recent": after a trip, a cue that tells it as past ("visit last year", "chuyến thăm vừa
#   qua"): the trip is background unless the report's lead tells it.
MOOD_CUES: dict[str, dict[str, list[str]]] = {code: L.mood(code) for code in L.codes()}


def _cues(cues: list[str]) -> str:
    return "|".join(f"(?:{c})" for c in cues) or "(?!)"


def mood_patterns(language: str) -> dict[str, re.Pattern]:
    """The mood cues of a language as patterns (English for a language not listed).

    >>> rx = mood_patterns("en")
    >>> bool(rx["governed_plan"].search("they are scheduled to attend a summit, and visit"))
    True
    >>> bool(rx["governed_plan"].search("he will go home, she said, after a visit"))
    False
    """
    return _MOOD.get(language) or _MOOD["en"]


def _compile_mood(cues: dict[str, list[str]]) -> dict[str, re.Pattern]:
    stop = rf"[.;:!?]|\b(?:{_cues(cues['break'])})\b|(?:,|\b(?:{_cues(cues['and'])})\b)\s+(?:(?:{_cues(cues['also'])})\s+)?(?:{_cues(cues['past'])})\b"  # noqa: E501
    governed = rf"(?:(?!{stop}).){{0,220}}$"
    # A background cue governs no further than a comma: "Following the talks, A visited B".
    governed_to_comma = rf"(?:(?!{stop}|,).){{0,220}}$"
    return {
        # a plan cue governing the text up to the trigger
        "governed_plan": re.compile(rf"\b(?:{_cues(cues['plan'])})\b{governed}"),
        # a background cue governing the text up to the trigger
        "governed_background": re.compile(
            rf"\b(?:{_cues(cues['background'])})\b{governed_to_comma}"
        ),
        # just before the event's words, a plan or a wish, a look back
        "plan_before": re.compile(
            rf"\b(?:{_cues(cues['near_plan'])})\b(?:[^.;]{{0,40}}|[^.;,]{{0,80}})$"
        ),
        "history_before": re.compile(rf"\b(?:{_cues(cues['history'])})\b[^;]{{0,80}}$"),
        # right after a trip's words, a time told as past
        "recent_after": re.compile(rf"^[^.;]{{0,60}}?\b(?:{_cues(cues['recent'])})\b"),
        # a sentence opened by a time told as past, set off by a comma: "Last year, A
        # visited B" (searched right before the clause after the comma)
        "recent_opening": re.compile(rf"\W*(?:\w+\s+)?(?:{_cues(cues['recent'])})\s*,"),
        "recent_opening_before": re.compile(
            rf"(?:^|[.!?\n]\s*)(?:\w+\s+)?(?:{_cues(cues['recent'])})\s*,\s*$"
        ),
        # just before a trip's words, a time told as past: "during his recent state visit"
        "recent_before": re.compile(
            rf"\b(?:{_cues(cues['recent_before'])})\b\s+(?:[\w-]+\s+){{0,3}}$"
        ),
        # right after an event's words, a time still to come
        "plan_after": re.compile(rf"[^.;,]{{0,80}}?\b(?:{_cues(cues['plan_after'])})\b"),
        # "<person or office> to attend A, visit B": the infinitive, governing to the trigger
        "headline_to": re.compile(rf"^\s+to\s+(?:{_cues(cues['headline_to'])})\b{governed}"),
    }


_MOOD = {lang: _compile_mood(cues) for lang, cues in MOOD_CUES.items()}
# An office ending a subject: "NA Chairman", "the Prime Minister", "Vietnamese leader".
OFFICE_END = re.compile(
    r"\b(?:chairman|chairwoman|chair|president|minister|pm|premier|leader|leaders|speaker|"
    r"chancellor|king|queen|emperor|sultan|secretary|general secretary|delegation|chief|"
    r"head of state|top legislator)\b"
)
# --- Grammar words, per language ------------------------------------------------------
#
# Short function words ("a", "en", "de") mean different things in different languages, so
# these patterns are read with the article's language, English and Vietnamese: the words
# of the two languages the product first read stay in every language's patterns.
GRAMMAR_KEYS = (
    # "headed to China for a visit": the place before the trigger is where the visit goes
    "destination_before",
    # "that is not a full state visit"
    "negated_before",
    # Words that make the nearest name an object, not the subject: "paid respect to A, met B"
    "object_before",
    # "During his visit to Japan, X ...", "Trong khuôn khổ chuyến thăm ...": X is the visitor
    "frame_before",
    # A pronoun subject ("He also met ..."): the person the article follows
    "pronoun_subject",
    # ... and one after the verb: "met him"
    "pronoun_object",
    "upgrade_to",
    # The words between the trip's word and the country it goes to: "visit to the Central
    # Asian nation", "visite d'État au Vietnam" (the names between are read apart)
    "destination_gap",
)


@lru_cache(maxsize=16)
def grammar_patterns(language: str) -> dict[str, re.Pattern]:
    """The grammar-word patterns for an article in `language`, by GRAMMAR_KEYS and
    "month_only_after" ("visit to Vietnam in June": a month named without its day, read
    against the article's date; close after the trip's words, no other event between:
    not "visit after winning the election in May").

    >>> bool(grammar_patterns("en")["object_before"].search("paid respect to "))
    True
    >>> bool(grammar_patterns("en")["object_before"].search("paid a "))
    False
    """
    codes = [c for c in dict.fromkeys((language, "en", "vi")) if c in L.codes()]

    def alts(key: str) -> str:
        found = [a for c in codes for a in L.words(key, c)]
        return "|".join(f"(?:{a})" for a in dict.fromkeys(found)) or "(?!)"

    compiled = {key: re.compile(alts(key)) for key in GRAMMAR_KEYS}
    compiled["destination_gap"] = re.compile(rf"^(?:[\s,]|\b(?:{alts('destination_gap')})\b)*$")
    ands = [a for c in codes for a in L.mood(c)["and"]]
    determiners = [re.escape(d) for c in codes for d in L.languages()[c]["determiners"]]
    # Between two people of one list: "A and B", "A, B", "A e o presidente B", "A und B".
    compiled["conj_gap"] = re.compile(
        rf"^\s*,?\s*(?:{'|'.join(ands)}|&|cung|as well as|along with)?\s*"
        rf"(?:(?:{'|'.join(determiners + ['his', 'her', 'their'])})\s*)?$"
    )
    compiled["month_only_after"] = re.compile(
        rf"^(?:(?!\b(?:{alts('month_only_stop')})\b)[^.;,]){{0,40}}?"
        rf"\b(?:{alts('month_only_in')})\b(?!\s*(?:\d|/|,\s*\d))"
    )
    return compiled


def month_number(match: re.Match) -> int | None:
    """The month a "month_only_after" match names: its first group that matched."""
    word = next((g for g in match.groups() if g), None)
    if word is None:
        return None
    return int(word) if word.isdigit() else MONTH_NUMBERS.get(word)
