"""The rules, as data: trigger words and the cues that turn an event into a plan or history.

Every pattern runs on accent-folded lower-case text (see names.fold_lower), so
"thăm chính thức", "tham chinh thuc" and "THĂM CHÍNH THỨC" are one pattern.
"""

from __future__ import annotations

import re


def _rx(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


# --- Visits ----------------------------------------------------------------------

VISIT_TRIGGER = _rx(
    # "paid an official visit to", "state visit", "visited Malaysia", "visiting Lao Prime Minister"
    r"(?<!courtesy )\bvisit(?:s|ed|ing)?\b",
    r"\b(?:trip|tour|voyage)\s+(?:to|of)\b",
    # "thăm chính thức Malaysia", "chuyến thăm cấp Nhà nước", "sang thăm", "đến thăm"
    r"\btham\b(?!\s+(?:hoi|do|kham|gia dinh|quan|vieng|nuoi|du))",
    # "landed in Berlin on Sunday for government consultations": arrival for bilateral talks
    r"\b(?:landed|arrived|arrives) in\b(?=(?:\s+[\w-]+){1,3}\s+(?:on \w+\s+)?for (?:the |a |an )?"
    r"(?:[\w-]+\s+){0,4}(?:talks|consultations)\b)",
    # "chủ trì lễ đón chính thức Tổng thống Hy Lạp": the guest of a welcome ceremony
    r"\ble don (?:chinh thuc|trong the|cap nha nuoc)\b",
)
"""
>>> bool(VISIT_TRIGGER.search("paid an official visit to malaysia"))
True
>>> bool(VISIT_TRIGGER.search("tham hoi suc khoe"))
False
"""

# Kind words next to the trigger; the first that matches wins.
VISIT_KINDS: tuple[tuple[str, re.Pattern], ...] = (
    ("state", _rx(r"\bstate[- ](?:level )?visit", r"\btham cap nha nuoc", r"\btham nha nuoc")),
    (
        "official",
        _rx(
            r"\bofficial (?:\w+ ){0,2}visit",
            r"\btham (?:huu nghi )?chinh thuc",
            r"\bchuyen tham (?:huu nghi )?chinh thuc",
        ),
    ),
    ("working", _rx(r"\bworking visit", r"\btham (?:va )?lam viec", r"\bchuyen cong tac")),
)

# "arrived in Hanoi", "đã đến Hà Nội": arrival for a visit.
ARRIVAL = _rx(
    r"\b(?:arrived|arrives|arriving|landed|touched down)(?:\s+in\b|(?!\s+(?:from|back|home)\b))",
    r"\bden\s+(?=[A-Z])",
)
CONCLUDING = _rx(
    r"\b(?:wrapp(?:ed|ing) up|conclud(?:ed|ing|es)|end(?:ed|ing|s)|left|leaving|departed|"
    r"ket thuc|roi)\b"
)
ONGOING = _rx(r"\b(?:ongoing|current|this|present|on-going|dang)\s+(?:\w+\s+){0,3}visit")
DURATION = re.compile(r"\b(two|three|four|five|six|seven|\d)[- ]day\b|\b(hai|ba|bon|nam) ngay\b")
DURATION_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "hai": 2, "ba": 3, "bon": 4, "nam": 5}  # fmt: skip  # noqa: E501

# The country a visit goes to, right after the trigger ("visit to the Central Asian nation").
DESTINATION_GAP = re.compile(
    r"^(?:[\s,]|\b(?:to|in|of|the|a|an|his|her|official|state|working|friendship|visit|"
    r"trip|tour|toi|den|sang|tai|nuoc|cap|nha|chinh|thuc|lam|viec|huu|nghi|lai|va|"
    r"dat|vuong|quoc|cong|hoa|republic|kingdom)\b)*$"
)
# "visit of a Timor-Leste leader": the country after "of" is the visitor's.
VISIT_OF = re.compile(r"\s*of\b")
# "Indonesia's new president ... visit", "Xi's state visit": whose visit it is.
POSSESSIVE_GAP = re.compile(r"^'s?\s+(?:[\w-]+\s+){0,3}$")
# "Biden, who is on his first official visit": the traveller before a relative clause.
WHO_GAP = re.compile(r"^\s*,?\s*who\s+(?:is|was|are|were|has|had)\b[^,;]{0,40}$")
# A place before the trigger that is where the visit goes: "headed to China for a visit".
DESTINATION_BEFORE = re.compile(r"\b(?:to|in|into|toi|den|sang)\s+(?:the\s+)?$")
# "left Sunday morning for the Republic of France", "leaves for Tokyo": where the trip goes.
DEPARTED_FOR = re.compile(
    r"\b(?:left|leaves|leaving|departed|departs|departing|headed|heads|set off|flew|flies)\b"
    r"[^.;]{0,40}?\bfor\s+(?:the\s+)?(?:[a-z]+\s+(?:of\s+)?){0,2}$"
)
# "that is not a full state visit": no visit at all.
NEGATED_BEFORE = re.compile(r"\b(?:not|no|never|khong phai|chua)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}$")
# "During his visit to Japan, X ...", "Trong khuôn khổ chuyến thăm ...": X is the visitor.
FRAME_BEFORE = re.compile(
    r"\b(?:during|within the framework of|as part of|in the course of|on the occasion of|"
    r"trong khuon kho|trong chuyen|nhan dip)\b[^,;]{0,30}$"
)
# The end of a dateline: "MALE:", "BEIJING, May 11 (Xinhua) --", "HANOI -".
DATELINE_END = re.compile(r"\s*(?::|[-–—]|,[^.\n]{0,40}?(?:[-–—]|\)))")
# "arrived here", "landed here": the place of the dateline.
HERE = re.compile(r"\b(?:arrived|arrives|landed|touched down)\s+(?:\w+\s+){0,2}?here\b")
GENERIC_PLACE = re.compile(
    r"^\s*(?:to\s+)?the\s+(?:[a-z-]+\s+){0,3}(?:nation|country|kingdom|republic|archipelago|"
    r"island state|city-state)\b"
)

# --- Meetings ----------------------------------------------------------------------

MEETING_TRIGGERS: tuple[tuple[str, re.Pattern], ...] = (
    (
        "call",
        _rx(
            r"\b(?:phone|telephone|video|online|virtual)\s+(?:call|talks|conversation|conference|meeting)s?\b",
            r"\bphoned\b",
            r"\btelephonic(?:ally)?\b",
            r"\b(?:over|by|via) (?:the )?(?:tele)?phone\b",
            r"\bvideo ?(?:link|conference)\b",
            r"\bphone (?:call|conversation)s?\b",
            r"\bspoke (?:by|over the|on the) (?:tele)?phone\b",
            r"\bdien dam\b",
            r"\bhoi dam (?:truc tuyen|qua dien thoai)\b",
            r"\bgoi dien\b",
        ),
    ),
    (
        "talks",
        _rx(
            r"\btalks\b",
            r"\bhoi dam\b",
            # "Bilateral discussions between A and B were held"
            r"\b(?:bilateral|official|formal) discussions?\b",
            r"\bdiscussions? (?=between\b)",
        ),
    ),
    (
        "reception",
        _rx(
            r"\b(?:received|receives|receiving)\b",
            r"\bhost(?:ed|s|ing)? (?:a )?(?:reception|banquet|state banquet|dinner|luncheon)\b",
            r"\bgranted an audience\b",
            r"\bwelcom(?:ed|es|ing)\b(?!\s+(?:the|this|that|its|their|his|her|a|an)\b)",
            r"\btiep\b(?!\s+(?:tuc|theo|can|nhan|xuc|thu(?! tuong| truong)|don|dien|noi|quan|tay))",
        ),
    ),
    (
        "meeting",
        _rx(
            r"\b(?:met|meets|meet|meetings?)\b",
            r"\bcourtesy (?:call|visit)s?\b",
            r"\bco-?chair(?:ed|s)?\b",
            r"\bhoi kien\b",
            r"\bgap(?: go| mat| rieng)?\b",
            r"\bchao xa giao\b",
            r"\bhoi dam cap cao\b",
        ),
    ),
)
# "tiếp" after these words is not a reception (liên tiếp, trực tiếp, đón tiếp...).
NOT_RECEPTION_BEFORE = re.compile(r"\b(?:lien|truc|gian|ke|chuyen|don|tiep|tiem|hap)\s*$")
# A sentence that adds people to the meeting just reported.
AT_THE_MEETING = re.compile(
    r"\s*(?:at|during|in the course of|on the sidelines of) (?:the|this) (?:meeting|talks|reception|"  # noqa: E501
    r"phone call|call|event|session)\b|\s*(?:tai|trong) (?:cuoc|buoi) (?:hoi dam|hoi kien|tiep|gap|"
    r"dien dam|lam viec)\b"
)
# "The two leaders held talks": the people of the meeting just reported.
THE_TWO_LEADERS = re.compile(
    r"\b(?:the two|both) (?:leaders|sides|prime ministers|presidents|ministers|pms)\b|"
    r"\bhai (?:nha lanh dao|lanh dao|ben|thu tuong|chu tich|bo truong)\b"
)
# One meeting per person named: "paid courtesy visits to A and B", "met A, B and C in turn".
SEPARATE_MEETINGS = _rx(
    r"\b(?:courtesy (?:calls|visits)|meetings|separate(?:ly)?|successively|respectively|"
    r"in turn|one after another)\b",
    r"\b(?:lan luot|rieng re|cac cuoc)\b",
)
# A pronoun subject ("He also met ..."): the person the article follows.
PRONOUN_SUBJECT = re.compile(r"(?:^|[,.]\s*|\b(?:also|then)\s+)(?:he|she|ong|ba)\b")
# The traveller named by role: "The visiting leader had meetings with ...", "vị khách".
VISITOR_SUBJECT = re.compile(
    r"\b(?:the (?:visiting|foreign|distinguished) (?:leader|guest|president|prime minister|premier|"
    r"pm|chancellor|dignitary|head of state)|the (?:guest|visitor)|vi khach|nha lanh dao khach)\b"
)
# "discussions between A, who ..., and B": the two sides follow the trigger.
BETWEEN_AFTER = re.compile(r"^\s*between\b")
# A person named for a memorial, not present: "President Ho Chi Minh Mausoleum", "laid a wreath at".
MEMORIAL_AFTER = re.compile(
    r"\s*(?:'s\s+)?(?:mausoleum|memorial|statue|monument|tomb|museum|relic|house on stilts|"
    r"temple|square|city|trail)\b"
)
MEMORIAL_BEFORE = re.compile(
    r"\b(?:mausoleum|memorial|statue|monument|tomb|wreath|incense|lang chu tich|lang bac|"
    r"tuong dai|tuong niem|dang huong|dat vong hoa|vieng)\b[^.;]{0,40}$"
)
# The passive of a signing: "three agreements were signed", "20 MoUs have been inked".
SIGNED_PASSIVE = re.compile(
    r"(?<!during which )(?<!in which )\b(?:(?:more than |over |nearly |about |some )?"
    r"(?P<count>\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|a dozen|dozens of|several|a number of)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:documents?|agreements?|mous?|memorand[a-z]*|deals?|accords?|"
    r"contracts?|protocols?)\b(?:[^.;]{0,90}?)\b(?:were|was|have been|has been|got)\s+"
    r"(?:also\s+|then\s+|duly\s+)?(?:signed|inked|exchanged|handed over)\b"
)
# Words that make the nearest name an object, not the subject: "paid respect to A, met B".
OBJECT_BEFORE = re.compile(r"\b(?:to|with|of|for|at|by|from|on|toward|towards|voi|cua)\s*$")
# Greeted on arrival or seen off: protocol at the airport, not a meeting.
AIRPORT_GREETING = re.compile(
    r"\b(?:welcomed|greeted|met|received|seen off|bid farewell)\b[^.;]{0,60}?\b(?:at|on arrival at)"
    r" (?:the )?[\w' -]{0,50}?\b(?:airport|airbase|air base)\b|\bmet on arrival\b"
)
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
    r"\s*(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:prime minister|premier|president|king|queen|"
    r"chancellor|emperor|sultan|counterpart|host|general secretary)\b"
)
GREETER_IS_OFFICIAL = re.compile(
    r"\b(?:minister|ministers|ambassador|secretary|governor|mayor|officials?|deputy|vice|"
    r"protocol|advis[eo]r|chief of)\b"
)
MEETING_KIND_RANK = {"talks": 0, "call": 1, "meeting": 2, "reception": 3, "other": 4}

# --- Agreements ----------------------------------------------------------------------

# Establishing needs no "to": "established a comprehensive partnership".
ESTABLISH_VERB = re.compile(r"\b(?:establish|set up|forg|thiet lap|xac lap)")
UPGRADE_TO = re.compile(r"\b(?:to|into|as|len|thanh)\b")
UPGRADE_VERB = _rx(
    r"\b(?:upgrad|elevat|rais|lift|establish|forg|nang cap|nang tam|thiet lap|xac lap)\w*",
    r"\bset up\b",
    r"\bnang (?:quan he|moi quan he)\b",
)
JOINT_STATEMENT = _rx(
    r"\bjoint (?:statement|declaration|communique|vision statement)s?\b",
    # "the two sides jointly issued a statement": the adverb carries the "joint".
    r"\bjointly (?:issued|published|released|adopted|signed) (?:a|an|the) (?:\w+ ){0,2}"
    r"(?:statement|declaration|communique)\b",
    r"\btuyen bo chung\b",
    r"\bthong cao chung\b",
)
ISSUED = _rx(
    r"\b(?:issu|adopt|releas|sign|approv|publish|unveil|endors)\w*",
    r"\b(?:ra|thong qua|ky|cong bo|ban hanh)\b",
)
SIGNING = re.compile(
    r"\b(?:signed|sign|signing|exchanged|exchange|inked|witnessed|ky ket|ky|trao|chung kien|"
    r"trao doi)\b(?:\s+(?:the\s+)?(?:signing|exchange|handover|hand-over|handing over|"
    r"presentation|le ky|le trao|ky ket|va trao))?"
    r"(?:\s+(?:of|the|ceremony|cua))*\s*(?:(?:more than|over|nearly|about|some|hon)\s+)?"
    r"(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|several|"
    r"a number of|many|hai|ba|bon|nam|sau|bay|tam|chin|muoi|nhieu|cac)?\s*"
    r"(?:\w+\s+){0,3}?(?:documents?|agreements?|mous?|memorand[a-z]*|deals?|accords?|treaty|"
    r"treaties|contracts?|protocols?|van kien|van ban|thoa thuan|ban ghi nho|hiep dinh|"
    r"hop dong|nghi dinh thu)\b"
)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "hai": 2, "ba": 3, "bon": 4, "nam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
ACTION_PROGRAMME = _rx(
    r"\baction (?:programme|program|plan)\b",
    # A roadmap for a partnership is its programme of action, under another name.
    r"\broad ?map\b",
    r"\bchuong trinh hanh dong\b",
    r"\bke hoach hanh dong\b",
)
PROGRAMME_DONE = _rx(
    r"\b(?:sign|adopt|approv|issu|endors|launch)\w*", r"\b(?:ky|thong qua|phe duyet|ban hanh)\b"
)

# --- What is not an event ---------------------------------------------------------------

# Just before a trigger, a plan, a wish or an invitation ("near_plan"), or a look back
# ("history"): the words are MOOD_CUES entries of each language, below.
# After a trigger: a time still to come ("visit to Washington later this year").
# After a signing or a statement: "... is expected", "a joint statement expected upon conclusion".
PLAN_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:(?:is|are|was|were) )?(?:expected|scheduled|due)\b(?!\s+to\b(?!\s+be\b))"
)
# After a trigger: a trip told as background ("Baker's trip to Moscow earlier this month").
EARLIER = re.compile(
    r"^[^.;]{0,60}\b(?:earlier this (?:year|month|week)|last (?:year|month|week))\b"
)
# Before a meeting: an earlier leg of the tour ("arrives after visiting and meeting with").
EARLIER_LEG = re.compile(r"\bafter (?:visiting|touring) and $")
LATER = re.compile(r"^[^.;]{0,60}\b(?:later this (?:year|month|week)|next (?:year|month|week))\b")
INVITATION = re.compile(r"\b(?:invit\w*|loi moi|nhan loi)\b")
INVITATION_VI = re.compile(r"(?<!\w)mời(?!\w)", re.IGNORECASE)  # on the accented text: not "mới"
INVITATION_OK = re.compile(
    r"\b(?:at the invitation of|theo loi moi cua|nhan loi moi cua|"
    r"(?:was|were|had been) invited for)\b"
)
AT_A_CONVENIENT_TIME = _rx(
    r"\bat (?:a|an) (?:convenient|appropriate|suitable|early|mutually convenient) time\b",
    r"\bthoi gian (?:thich hop|phu hop|som)\b",
    r"\bdip (?:thich hop|som)\b",
    r"\bin the (?:near )?future\b",
)
ANNIVERSARY_BEFORE = re.compile(r"\b(?:anniversary|ky niem|nam thu)\b[^;]{0,80}$")

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
MOOD_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "plan": (
            r"will",
            r"shall",
            r"(?:is|are|was|were|be) (?:scheduled|expected|set|due|slated|poised|going) to",
            r"(?:plans?|planning|planned|intends?|intending) to",
            r"(?:is|are) to",
        ),
        # Just before the event's words, a plan or a wish: "would visit", "ready to sign".
        "near_plan": (
            r"will|would|shall|going to|plans? to|planning to|planned|scheduled to|set to",
            r"expected to|is to|are to|intends? to|hopes? to|wish(?:es)? to",
            r"look(?:s|ing)? forward to|ready to|upcoming|forthcoming|proposed|propose[sd]? to",
            r"consider(?:ing)?|toward(?:s)?|aim(?:s|ing)? to",
            r"programme includes?|program includes?|itinerary includes?",
        ),
        # Just before the event's words, a look back: "recalling his visit in 1959".
        "history": (
            r"recall\w*|remember\w*|previous|previously|former|since|history|recently",
            r"last(?=\s*$)",  # right before the event's words: "the two leaders last met"
        ),
        # After a trip's or a meeting's words: "talks to be held", "the visit will take place".
        "plan_after": (
            r"to be (?:held|signed|paid|made|conducted|hosted)",
            r"(?:will|shall) (?:take place|be held|be signed|begin|start)",
            r"(?:is|are) (?:scheduled|slated|due) (?:to|for)",
        ),
        # A headline's infinitive after the person or office: "NA Chairman to attend A,
        # visit B", "Pham Minh Chinh to pay official visit".
        "headline_to": (
            r"pay",
            r"make",
            r"visit",
            r"attend",
            r"hold",
            r"co-chair",
            r"begin",
            r"start",
            r"embark",
            r"undertake",
            r"tour",
            r"meet",
            r"lead",
        ),
        "break": (
            r"said",
            r"says",
            r"told",
            r"while",
            r"whereas",
            r"but",
            r"who",
            r"which",
            r"when",
            r"where",
            r"after",
            r"before",
            r"since",
        ),
        "past": (
            r"\w{3,}ed",
            r"met",
            r"held",
            r"paid",
            r"made",
            r"took",
            r"gave",
            r"had",
            r"was",
            r"were",
        ),
        "background": (
            r"(?<!the )follow(?:s|ed)(?! (?:day|morning|afternoon|evening|week|up|that)\b)",
            # mid-clause only: "Following the talks, A visited B" is the sequence of a trip
            r"(?<=[a-z] )following(?! (?:day|morning|afternoon|evening|week)\b)",
            r"since",
            r"(?:last|previous|past) (?:year|month|week)'s",
            r"(?:his|her|their|the) (?:previous|earlier|last|prior)",
        ),
        # Just before a trip's words, a cue that tells it as past, as "recent" does after.
        "recent_before": (r"(?:his|her|their|the|a|its) (?:recent|earlier|last)",),
        "recent": (
            r"earlier this (?:year|month|week)",
            r"last (?:year|month|week)",
            r"(?:a|one|two|three|several) (?:years?|months?|weeks?) ago",
        ),
    },
    "vi": {
        "plan": (r"(?<!chia )se", r"sap", r"du kien", r"theo ke hoach", r"du dinh", r"chuan bi"),
        "near_plan": (
            r"(?<!chia )se|sap|du kien|du dinh|ke hoach|chuan bi|mong muon|muon|huong toi",
            r"xem xet|san sang|de nghi",
        ),
        "history": (r"nho lai|truoc day|tung|lan truoc|ke tu|tu khi|tu nam|lan gan (?:day )?nhat",),
        "plan_after": (
            r"(?<!thoi gian )(?<!nhung nam )(?<!giai doan )sap toi",
            r"se (?:dien ra|duoc to chuc|bat dau)",
            r"du kien (?:dien ra|keo dai|tu)",
        ),
        "headline_to": (),  # Vietnamese headlines say "sẽ", "sắp"
        "break": (r"cho biet", r"khi", r"trong khi", r"sau khi", r"truoc khi", r"nhung", r"ma"),
        "past": (r"da", r"vua", r"tung"),
        "background": (r"tiep noi", r"sau chuyen", r"ke tu", r"tu khi", r"nhu trong"),
        # "Trước đó, ..." often opens the earlier part of the same trip: no cue before.
        "recent_before": (r"gan day",),
        "recent": (
            r"vua qua",
            r"vua roi",
            r"gan day",
            r"truoc do",
            r"nam ngoai",
            r"nam truoc",
            r"lan truoc",
            r"thang truoc",
        ),
    },
}


def _words(cues: tuple[str, ...]) -> str:
    return "|".join(f"(?:{c})" for c in cues)


def mood_patterns(language: str) -> dict[str, re.Pattern]:
    """The mood cues of a language as patterns (English for a language not listed).

    >>> rx = mood_patterns("en")
    >>> bool(rx["governed_plan"].search("they are scheduled to attend a summit, and visit"))
    True
    >>> bool(rx["governed_plan"].search("he will go home, she said, after a visit"))
    False
    """
    return _MOOD.get(language) or _MOOD["en"]


def _compile_mood(cues: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern]:
    stop = rf"[.;:!?]|\b(?:{_words(cues['break'])})\b|(?:,|\band\b|\bva\b)\s+(?:also\s+|cung\s+)?(?:{_words(cues['past'])})\b"  # noqa: E501
    governed = rf"(?:(?!{stop}).){{0,220}}$"
    # A background cue governs no further than a comma: "Following the talks, A visited B".
    governed_to_comma = rf"(?:(?!{stop}|,).){{0,220}}$"
    return {
        # a plan cue governing the text up to the trigger
        "governed_plan": re.compile(rf"\b(?:{_words(cues['plan'])})\b{governed}"),
        # a background cue governing the text up to the trigger
        "governed_background": re.compile(
            rf"\b(?:{_words(cues['background'])})\b{governed_to_comma}"
        ),
        # just before the event's words, a plan or a wish, a look back
        "plan_before": re.compile(
            rf"\b(?:{_words(cues['near_plan'])})\b(?:[^.;]{{0,40}}|[^.;,]{{0,80}})$"
        ),
        "history_before": re.compile(rf"\b(?:{_words(cues['history'])})\b[^;]{{0,80}}$"),
        # right after a trip's words, a time told as past
        "recent_after": re.compile(rf"^[^.;]{{0,60}}?\b(?:{_words(cues['recent'])})\b"),
        # just before a trip's words, a time told as past: "during his recent state visit"
        "recent_before": re.compile(
            rf"\b(?:{_words(cues['recent_before'])})\b\s+(?:[\w-]+\s+){{0,3}}$"
        ),
        # right after an event's words, a time still to come
        "plan_after": re.compile(rf"[^.;,]{{0,80}}?\b(?:{_words(cues['plan_after'])})\b"),
        # "<person or office> to attend A, visit B": the infinitive, governing to the trigger
        "headline_to": re.compile(
            rf"^\s+to\s+(?:{_words(cues['headline_to']) or '(?!)'})\b{governed}"
        ),
    }


_MOOD = {lang: _compile_mood(cues) for lang, cues in MOOD_CUES.items()}
# An office ending a subject: "NA Chairman", "the Prime Minister", "Vietnamese leader".
OFFICE_END = re.compile(
    r"\b(?:chairman|chairwoman|chair|president|minister|pm|premier|leader|leaders|speaker|"
    r"chancellor|king|queen|emperor|sultan|secretary|general secretary|delegation|chief|"
    r"head of state|top legislator)\b"
)
# "visit to Vietnam in June": a month named without its day, read against the article's date.
# Close after the trip's words, no other event between: not "visit after winning the
# election in May".
MONTH_ONLY_AFTER = re.compile(
    r"^(?:(?!\b(?:after|since|when|before|following|sau khi|khi|truoc khi)\b)[^.;,]){0,40}?"
    r"\b(?:(?:in|last)\s+(january|february|march|april|may|june|july|august|"
    r"september|october|november|december)|thang\s+(\d{1,2}))\b(?!\s*(?:\d|/|,\s*\d))"
)
