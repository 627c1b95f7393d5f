"""Time expressions in a sentence, resolved against the publication date.

`find(text, published)` returns every time expression with its character span and
an ISO 8601 prefix cut to the precision the words give: "on Saturday" -> YYYY-MM-DD,
"in September" -> YYYY-MM, "this year" -> YYYY. Relative forms need a publication
date; without one only absolute dates ("in 2011", "15 November 2015") resolve.
Our own rules cover the usual news forms; dateparser (RELATIVE_BASE, past
preference) is the fallback for other absolute day dates ("3/15/2016").
"""

from __future__ import annotations

import calendar
import re
import re._constants as _c  # the parse tree of RX, read once by _first_words
import re._parser as _parser
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from .. import datafiles

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS.update({"a": 1, "an": 1, "a few": 3, "several": 3, "few": 3, "a couple of": 2})
# a season gives only its year: hemispheres and conventions disagree on its months
SEASONS = ("spring", "summer", "autumn", "fall", "winter")

HOLIDAYS: dict[str, tuple[int, int]] = {
    name: (int(md[0]), int(md[1]))
    for name, md in datafiles.read(Path(__file__).parent / "data" / "holidays.yaml")["fixed_holidays"].items()
}
_HOLIDAY_DAYS = {name.replace("'", ""): md for name, md in HOLIDAYS.items()}  # "New Years Eve" too
_HOLIDAY = "|".join(
    re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]?") for h in sorted(HOLIDAYS, key=len, reverse=True)
)

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = "|".join(WEEKDAYS)
_NUM = r"\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
# Month names that are also ordinary words must come with a cue (a preposition or a year).
_MONTH_CUE = r"(?:in|since|of|last|this|next|early|mid|late|until|till|by|from|through|during|before|after|throughout|around|end\s+of|start\s+of|beginning\s+of|middle\s+of)"


def _yrel(name: str) -> str:
    """The year told relative to the publication after a month or a day ("in March last year",
    "on 3 May of next year"): group `name` holds last / this / next."""
    return rf"\s+(?:of\s+)?(?P<{name}>last|this|next)\s+year"


PATTERNS = [
    ("holiday", rf"\b(?:(?P<hd_rel>last|next|this\s+past)\s+)?(?P<hd>{_HOLIDAY})(?![\w'’])"),
    ("ago", rf"\b(?P<ago_n>{_NUM})\s+(?P<ago_u>day|week|month|year|decade)s?\s+ago\b"),
    ("dmy", rf"\b(?P<d1>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<m1>{_MON})\.?(?:,?\s+(?P<y1>{_YEAR})|{_yrel('r1')})?\b"),
    ("mdy", rf"\b(?P<m2>{_MON})\.?\s+(?P<d2>[0-3]?\d){_ORD}(?:,?\s+(?P<y2>{_YEAR})|{_yrel('r2')})?\b(?![,.]?\d)"),
    (
        "season",
        rf"\b(?:(?P<s_rel>this|last|next|past)\s+|(?:the\s+)?)(?P<s_name>{'|'.join(SEASONS)})(?:\s+(?:of\s+)?(?P<s_y>{_YEAR}))?\b",
    ),
    (
        "yrel",
        r"\b(?:(?P<yr_edge>start|beginning|end|middle|turn)\s+of\s+)?(?:(?P<yr_adv>earlier|later)\s+)?(?P<yr_rel>this|last|next|past|previous)\s+year\b"
        r"|\b(?P<yr_edge2>start|beginning|end|middle|turn)\s+of\s+the\s+year\b(?!\s+(?:19|20)\d\d)",
    ),
    ("dafter", rf"\b(?P<da_n>{_NUM})\s+(?P<da_u>day|week|month)s?\s+after\b"),
    # "the previous day", "two days earlier", "a week earlier", "the day before": counted back from
    # the day the story just named
    (
        "dearlier",
        rf"\b(?:the\s+(?:previous|preceding)\s+day|the\s+day\s+before(?=\s*(?:[,.;:)]|$))"
        rf"|(?P<de_n>{_NUM})\s+(?P<de_u>day|week|month|year)s?\s+earlier)\b",
    ),
    # "the following day", "two days later", "a week later", "the following month", "the same day":
    # counted from the day the story just named (see find)
    (
        "dlater",
        rf"\b(?:(?P<dl_same>(?:the|that)\s+same\s+day|that\s+(?:very\s+)?(?:day|morning|afternoon|evening|night)"
        rf"|(?:a\s+few\s+|several\s+)?(?:hours|minutes)\s+(?:later|earlier))"
        rf"|the\s+(?:following|next)\s+(?P<dl_u0>day|week|month|year|morning|evening|night)"
        rf"|(?P<dl_n>{_NUM})\s+(?P<dl_u>day|week|month|year)s?\s+later)\b",
    ),
    # a weekend is its Saturday, to the day ("over the weekend", "last weekend")
    ("wkend", r"\b(?:(?:over|at|during)\s+the\s+weekend|(?P<we_rel>this|last|past|previous|next)\s+weekend)\b"),
    (
        "mrel",
        r"\b(?:(?P<mr_edge>start|beginning|end|middle)\s+of\s+)?(?:(?P<mr_adv>earlier|later)\s+)?(?P<mr_rel>this|last|next|past|previous)\s+month\b",
    ),
    (
        "wrel",
        r"\b(?:(?P<wr_adv>earlier|later)\s+)?(?P<wr_rel>this|last|next|past|previous)\s+(?:few\s+days|week(?:end)?)\b"
        r"|\b(?:in|within)\s+(?:just\s+)?(?:over|under|less\s+than|more\s+than)?\s*a\s+week\b",
    ),
    # "overnight" as an adverb of time: the night before the report (not "an overnight curfew",
    # nor "will not change overnight", see _relative)
    (
        "dayrel",
        r"\b(?P<dr>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)"
        r"|overnight(?=\s*(?:[,.;:)]|$|(?:on|in|into|near|at|from|to|and|as|when|while)\b)))\b",
    ),
    ("weekday", rf"\b(?:(?P<wd_rel>last|this\s+past|this|next|on|early|late)\s+)?(?P<wd>{_DAY})(?:'s)?\b"),
    (
        "month",
        rf"(?:\b(?P<mo_cue>{_MONTH_CUE})[\s-]+(?:(?:early|mid|late)[\s-]+)?)?\b(?P<mo>{_MON})\b\.?(?!\s+[0-3]?\d{_ORD}\b)(?:,?\s+(?P<mo_y>{_YEAR})|{_yrel('mo_r')})?",
    ),
    (
        "year",
        rf"\b(?P<yr>{_YEAR})\b(?!\d|,\d|\s*(?:people|troops|soldiers|fighters|km|kilometres|kilometers|miles|tonnes|tons|dollars|\$))",
    ),
]
# "the post-1945 order", "its pre-March 3 stance": a date that names an era is no time of the act
ERA_PREFIX = re.compile(r"(?:^|[^\w-])(?:pre|post)-$", re.IGNORECASE)
# Every pattern starts at a word boundary before a digit or a letter: the lookahead lets the
# engine skip other positions before trying the alternation (same matches, half the scan).
RX = re.compile(r"(?=[\da-z])\b(?:" + "|".join(f"(?P<{k}>{p})" for k, p in PATTERNS) + ")", re.IGNORECASE)

# Prefilter. Every match holds an anchor: a digit run or one of these words (the unit,
# month, weekday, season or day word of its pattern), with at most five whitespace runs
# between the match's start and that anchor ("within just less than a week"). So the full
# pattern is tried only at the word starts of the few chunks before each anchor, in order,
# as finditer would reach them: the same matches without trying every word of the text.
_ANCHOR_WORDS = sorted(
    {*MONTHS, *WEEKDAYS, *SEASONS, "ago", "today", "tonight", "yesterday", "tomorrow", "night", "overnight"}
    | {"morning", "afternoon", "evening", "weekend", "year", "years", "month", "months"}
    | {"week", "weeks", "day", "days", "hours", "minutes"}
    | {re.split(r"[\s']", h)[-1] for h in HOLIDAYS},
    key=lambda w: (w[0], -len(w), w),
)
_BY_LETTER: dict[str, list[str]] = {}
for _word in _ANCHOR_WORDS:
    _BY_LETTER.setdefault(_word[0], []).append(re.escape(_word[1:]))
ANCHOR = re.compile(
    r"\d+|\b(?:" + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in _BY_LETTER.items()) + r")\b", re.IGNORECASE
)
_STARTS = re.compile(r"(?=[\da-z])\b", re.IGNORECASE)  # where RX can begin
_SPACES = re.compile(r"\s+")
_LEAD = 6  # whitespace runs a match may have before its anchor (five), and one spare
# ANCHOR read word by word: each of its words is a whole run of word characters (\b on both
# sides), so an ASCII run is an anchor when its lower-case form is one of them, else at each
# digit run inside it; a run with other characters is left to ANCHOR itself (IGNORECASE
# folds a few non-ASCII letters, "K" and "ſ", onto ASCII ones).
_RUNS = re.compile(r"\w+")
_DIGIT_RUNS = re.compile(r"\d+")
_ANCHOR_SET = frozenset(w.lower() for w in _ANCHOR_WORDS)


def anchor_starts(text: str) -> list[int]:
    """`[hit.start() for hit in ANCHOR.finditer(text)]`, one pass over the words of the text
    (the regex's many alternatives are tried only on the runs that are not plain ASCII)."""
    out: list[int] = []
    anchors = _ANCHOR_SET
    for run in _RUNS.finditer(text):
        word = run.group()
        if not word.isascii():
            out.extend(hit.start() for hit in ANCHOR.finditer(text, run.start(), run.end()))
        elif word.lower() in anchors:
            out.append(run.start())
        elif not word.isalpha():  # digits (or an underscore)
            start = run.start()
            out.extend(start + hit.start() for hit in _DIGIT_RUNS.finditer(word))
    return out


def matches(text: str, anchor_at: Optional[list[int]] = None) -> list[re.Match]:
    """`list(RX.finditer(text))`, trying RX only near the anchors (see ANCHOR; `anchor_at`:
    `anchor_starts(text)`, when the caller has it)."""
    out: list[re.Match] = []
    end = tried = 0
    chunks: list[int] = []
    for anchor in anchor_starts(text) if anchor_at is None else anchor_at:
        if anchor < end or anchor < tried:
            continue
        if not chunks:
            chunks = [0] + [m.end() for m in _SPACES.finditer(text)]
        first = chunks[max(0, bisect_right(chunks, anchor) - 1 - _LEAD)]
        for start in _STARTS.finditer(text, max(end, tried, first), anchor + 1):
            word = _RUNS.match(text, start.start()).group().lower()  # type: ignore[union-attr]
            if word.isascii() and word.isalpha() and word not in _FIRST and not word.startswith(_FIRST_OPEN):
                continue  # no pattern can begin with this word (see _first_words)
            m = RX.match(text, start.start())
            if m:
                out.append(m)
                end = m.end()
                break
        tried = anchor + 1
    return out


def _first_words(pattern: re.Pattern) -> tuple[frozenset[str], tuple[str, ...]]:
    """How a match of `pattern` can begin, read off its parse tree: the whole words (letters up
    to a character that is no word character) and the open beginnings (letters the match may
    continue with other word characters, or end on), lower-case, for an ASCII word of letters.
    A word neither is nor begins with cannot start a match: `matches` does not try it there.
    Zero-width tests are passed over and unknown elements end the word open (more beginnings
    than the pattern has, never fewer)."""
    closed: set[str] = set()
    beginnings: set[str] = set()
    for word, whole in _heads(list(_parser.parse(pattern.pattern, pattern.flags).data), ""):
        (closed if whole else beginnings).add(word)
    return frozenset(closed), tuple(sorted(beginnings))


def _heads(items: list, word: str) -> Iterator[tuple[str, bool]]:
    """(letters, whole) for each way `items` can begin after `word` (see _first_words)."""
    if not items or len(word) > 40:
        yield word, False  # the match may end here, inside a longer word
        return
    (op, av), rest = items[0], items[1:]
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        yield from _heads(rest, word)
    elif op is _c.SUBPATTERN:
        yield from _heads(list(av[-1]) + rest, word)
    elif op is _c.BRANCH:
        for alternative in av[1]:
            yield from _heads(list(alternative) + rest, word)
    elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, sub = av
        if low == 0:
            yield from _heads(rest, word)
        if high != 0:
            again = [] if high == 1 else [(op, (max(low - 1, 0), high if high == _c.MAXREPEAT else high - 1, sub))]
            yield from _heads(list(sub) + again + rest, word)
    elif op is _c.LITERAL and chr(av).isascii() and chr(av).isalpha():
        yield from _heads(rest, word + chr(av).lower())
    else:  # one character of a kind: the word ends (a space, a dot), goes on, or cannot be ours
        kinds = _kinds([(op, av)] if op is not _c.IN else av)
        if "end" in kinds:
            yield word, True
        if "more" in kinds:
            yield word, False


def _kinds(elements: list) -> set[str]:
    """What one character matched by `elements` (a set's members) does to an ASCII word of
    letters: "end" it (no word character), go on with "more" letters, or neither (a digit, an
    underscore: no such word holds it). Anything not read here counts as both."""
    out: set[str] = set()
    for op, av in elements:
        if op is _c.LITERAL or (op is _c.RANGE and av[1] - av[0] < 256):
            for code in [av] if op is _c.LITERAL else range(av[0], av[1] + 1):
                ch = chr(code)
                if not _RUNS.fullmatch(ch):
                    out.add("end")
                elif ch.isalpha() or not ch.isascii():  # (IGNORECASE folds "K" and "ſ" onto letters)
                    out.add("more")
        elif op is _c.CATEGORY and av in (_c.CATEGORY_DIGIT, _c.CATEGORY_SPACE):
            out.add("end" if av == _c.CATEGORY_SPACE else "")
        else:
            out.update(("end", "more"))
    return out


_FIRST, _FIRST_OPEN = _first_words(RX)


@dataclass
class TimeExpr:
    start: int  # character offsets in the text given to find()
    end: int
    text: str
    iso: Optional[str]


def _num(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def _back(months: int, ref: date) -> tuple[int, int]:
    """(year, month) `months` months before ref's month."""
    y, m = divmod(ref.year * 12 + ref.month - 1 - months, 12)
    return y, m + 1


_PRECISION = {"year": 4, "month": 7}  # the anchor an offset of that unit needs (a day for the rest)


def _shift(ref: date, n: int, unit: str) -> str:
    """ref moved n units on ("a week later" is a day; "a month later" a month; "a year later" a year)."""
    unit = unit.lower()
    if unit in ("morning", "evening", "night"):
        unit = "day"
    if unit in ("year", "decade"):
        return str(ref.year + n * (10 if unit == "decade" else 1))
    if unit == "month":
        return "%04d-%02d" % _back(-n, ref)
    return (ref + timedelta(days=n * (7 if unit == "week" else 1))).isoformat()


def _past_day(month: int, day: int, ref: date) -> Optional[date]:
    """The most recent `day month` on or before ref."""
    for year in (ref.year, ref.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= ref:
            return d
    return None


def _next_day(month: int, day: int, ref: date) -> Optional[date]:
    """The first `day month` on or after ref (a future-tense clause: "will meet on 3 May")."""
    for year in (ref.year, ref.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d >= ref:
            return d
    return None


def _weekday(rel: str, wd: int, ref: date, future: bool = False) -> date:
    """The weekday nearest before ref (same day allowed), or after it for "next" or in a
    future-tense clause ("talks will resume on Tuesday")."""
    if future and not rel.startswith(("last", "this past")):
        return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    if rel.startswith("next"):
        return ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)
    back = (ref.weekday() - wd) % 7
    if rel.startswith("last") or rel.startswith("this past"):
        back = back or 7
    return ref - timedelta(days=back)


def _weekend(rel: str, ref: date, future: bool) -> date:
    """The Saturday of the weekend meant: the last one on or before ref, the one before that for
    "last weekend" told on a weekend, the next one for "next weekend" or in a future-tense clause."""
    back = (ref.weekday() - 5) % 7
    if rel == "next" or (future and rel != "last"):
        return ref + timedelta(days=(7 - back) % 7 or 7)
    if rel in ("last", "previous") and back < 2:
        back += 7
    return ref - timedelta(days=back)


# "overnight" meaning "suddenly": after a verb of change or a hedge, or a negation
OVERNIGHT_NOT_NIGHT = re.compile(
    r"(?:\b(?:not|never|almost|virtually|practically|nearly|literally|happen\w*|chang\w*|vanish\w*|disappear\w*"
    r"|transform\w*|become|became|turn\w*)|n't)\W*(?:\w+\W+){0,1}$",
    re.IGNORECASE,
)


def _resolve(m: re.Match, ref: Optional[date], future: bool = False) -> Optional[str]:
    """The ISO prefix of one matched expression: calendar forms first, then forms relative to ref."""
    if m.lastgroup == "holiday":
        return _holiday(m.groupdict(), ref, future)
    if m.lastgroup in ("dmy", "mdy", "month"):
        return _calendar(m.groupdict(), m.lastgroup, ref, future)
    if m.lastgroup == "dayrel" and m.group("dr").lower() == "overnight":
        if future or OVERNIGHT_NOT_NIGHT.search(m.string, max(0, m.start() - 40), m.start()):
            return None  # "will not happen overnight", "changed almost overnight": suddenly, no night
    return _relative(m.groupdict(), m.lastgroup, ref, future)


def _holiday(g: dict, ref: Optional[date], future: bool) -> Optional[str]:
    """A fixed-day holiday ("on New Year's Eve"): the last one on or before ref, the next one
    for "next" or in a future-tense clause."""
    name = re.sub(r"\s+", " ", g["hd"].lower()).replace("’", "").replace("'", "")
    month, day = _HOLIDAY_DAYS.get(name, (0, 0))
    if not ref or not month:
        return None
    rel = (g["hd_rel"] or "").lower()
    pick = _next_day if rel == "next" or (future and not rel) else _past_day
    found = pick(month, day, ref - timedelta(days=1) if rel == "last" else ref)
    return found.isoformat() if found else None


def _told_year(rel: Optional[str], ref: Optional[date]) -> Optional[str]:
    """The year "last year", "this year" or "next year" names, counted from ref."""
    if not rel or not ref:
        return None
    return str(ref.year + {"last": -1, "next": 1}.get(rel.lower(), 0))


def _calendar(g: dict, kind: str, ref: Optional[date], future: bool) -> Optional[str]:
    """A day or a month named by the calendar ("15 March", "in September 2019")."""
    if kind == "dmy" or kind == "mdy":
        d, mo, y, r = (g["d1"], g["m1"], g["y1"], g["r1"]) if kind == "dmy" else (g["d2"], g["m2"], g["y2"], g["r2"])
        day, month = int(d), MONTHS[mo.lower()]
        y = y or _told_year(r, ref)
        if y:
            try:
                return date(int(y), month, day).isoformat()
            except ValueError:
                return None
        pick = _next_day if future else _past_day
        found = pick(month, day, ref) if ref else None
        return found.isoformat() if found else None
    if kind == "month":
        month = MONTHS[g["mo"].lower()]
        told = g["mo_y"] or _told_year(g["mo_r"], ref)
        if told:
            return f"{int(told):04d}-{month:02d}"
        if not g["mo_cue"] and len(g["mo"]) <= 5 and not g["mo"][0].isupper():
            return None
        if not ref:
            return None
        cue = (g["mo_cue"] or "").lower()
        year = ref.year if month <= ref.month else ref.year - 1
        if future and cue not in ("last", "since"):
            year = ref.year if month >= ref.month else ref.year + 1
        if cue == "next":
            year = ref.year if month > ref.month else ref.year + 1
        elif cue == "last" and month == ref.month:
            year = ref.year - 1
        return f"{year:04d}-{month:02d}"
    return None


def _relative(g: dict, kind: Optional[str], ref: Optional[date], future: bool) -> Optional[str]:
    """Years, seasons, and forms counted from the reference day ("a week ago", "on Tuesday")."""
    if kind == "year":
        return g["yr"]
    if kind == "season":
        if g["s_y"]:
            return g["s_y"]
        if not ref or not g["s_rel"]:
            return None
        rel = g["s_rel"].lower()
        return str(ref.year - (rel in ("last", "past")) + (rel == "next"))
    if not ref:
        return None
    if kind == "ago":  # "a week ago": the day a week back (news counts weeks from the report)
        return _shift(ref, -_num(g["ago_n"]), g["ago_u"])
    if kind == "yrel":
        rel = (g["yr_rel"] or "this").lower()  # "(by) the end of the year": the current one
        year = ref.year + {"last": -1, "past": -1, "previous": -1, "next": 1}.get(rel, 0)
        edge = (g["yr_edge"] or g["yr_edge2"] or "").lower()
        if edge in ("start", "beginning", "turn"):
            return f"{year:04d}-01"
        if edge == "end":
            return f"{year:04d}-12"
        return str(year)
    if kind == "dlater":  # ref is the day the story just named (see find)
        return _shift(ref, _num(g["dl_n"]) if g["dl_n"] else 0 if g["dl_same"] else 1, g["dl_u"] or g["dl_u0"] or "day")
    if kind == "dearlier":  # ref is the day the story just named (see find)
        return _shift(ref, -_num(g["de_n"]) if g["de_n"] else -1, g["de_u"] or "day")
    if kind == "wkend":
        return _weekend((g["we_rel"] or "").lower(), ref, future).isoformat()
    if kind == "dafter":  # "(on Tuesday,) a day / two weeks after X": X happened that long before
        return _shift(ref, -_num(g["da_n"]), g["da_u"])
    if kind == "mrel":
        rel = g["mr_rel"].lower()
        shift = {"last": 1, "past": 1, "previous": 1, "next": -1}.get(rel, 0)
        return "%04d-%02d" % _back(shift, ref)
    if kind == "wrel":
        rel = (g["wr_rel"] or "last").lower()
        if rel in ("this",) or (g["wr_adv"] or "").lower() == "earlier":
            return ref.isoformat()[:7]
        if rel == "next":
            return (ref + timedelta(weeks=1)).isoformat()[:7]
        return (ref - timedelta(weeks=1)).isoformat()[:7]
    if kind == "dayrel":
        word = re.sub(r"\s+", " ", g["dr"].lower())
        shift = {"yesterday": -1, "last night": -1, "overnight": -1, "tomorrow": 1}.get(word, 0)
        return (ref + timedelta(days=shift)).isoformat()
    if kind == "weekday":
        rel = re.sub(r"\s+", " ", (g["wd_rel"] or "").lower())
        return _weekday(rel, WEEKDAYS[g["wd"].lower()], ref, future).isoformat()
    return None


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # imported on first need: it is slow to load

    return dateparser


def parse_day(text: str, published: Optional[date]) -> Optional[str]:
    """Fallback for absolute day dates our patterns miss, via dateparser."""
    settings = {"PREFER_DATES_FROM": "past", "STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    if published:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    found = _dateparser().parse(text, languages=["en"], settings=settings)
    return found.date().isoformat() if found else None


ISO_PREFIX = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def _checked(resolver, expr, published: Optional[date], *extra) -> Optional[str]:
    """The resolver's ISO prefix, or None when the date falls outside the calendar
    (year 1 to 9999): a publication date at either end must not stop the analysis."""
    try:
        iso = resolver(expr, published, *extra)
    except (OverflowError, ValueError):
        return None
    return iso if iso and ISO_PREFIX.fullmatch(iso) and iso[:4] != "0000" else None


NUMERIC_DAY = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")


def find(text: str, published: Optional[date], future: bool = False, anchor: Optional[str] = None) -> list[TimeExpr]:
    """Every time expression in `text` (see `_find`); a sentence holding several events is
    searched once, not once per event and tense."""
    return [TimeExpr(e.start, e.end, e.text, e.iso) for e in _find(text, published, future, anchor)]


@lru_cache(maxsize=4096)
def _find(
    text: str, published: Optional[date], future: bool = False, anchor: Optional[str] = None
) -> tuple[TimeExpr, ...]:
    """Every time expression in `text`, left to right, with its resolved ISO prefix.

    `future`: the clause is in the future tense, so a bare weekday, day or month is the next
    one, not the last. `anchor`: the day (YYYY-MM-DD) the story named just before, from which
    "the following day" and "two days later" count."""
    out = []
    numeric_days, matches = _scan(text)
    for m in numeric_days:
        iso = _checked(parse_day, m.group(0), published)
        if iso:
            out.append(TimeExpr(m.start(), m.end(), m.group(0), iso))
    numeric = list(out)
    calendar_days = {e.start for e in numeric}  # where a calendar day ("3/15/2016", "15 March") starts
    for m in matches:
        if any(e.start <= m.start() < e.end for e in numeric) or _era(text, m.start()):
            continue
        ref = published
        if m.lastgroup == "dafter":  # "on Tuesday, a day after X": counted from the day just named
            days = [e.iso for e in out if e.start < m.start() and e.iso and len(e.iso) == 10]
            ref = date.fromisoformat(days[-1]) if days else published
        if m.lastgroup in ("dlater", "dearlier"):  # "a year later" counts from a year, "a week later" from a day
            need = _PRECISION.get((m.group("dl_u") or m.group("dl_u0") or m.group("de_u") or "day").lower(), 10)
            days = [e.iso for e in out if e.start < m.start() and e.iso and len(e.iso) >= need]
            day = days[-1] if days else anchor
            if not day or len(day) < need:
                continue
            ref = date.fromisoformat((day + "-01-01")[:10])
        iso = _checked(_resolve, m, ref, future)
        if iso:
            out.append(TimeExpr(m.start(), m.end(), m.group(0), iso))
            if m.lastgroup in ("dmy", "mdy"):
                calendar_days.add(m.start())
    return _named_weekdays(text, sorted(out, key=lambda e: e.start), calendar_days)


def _era(text: str, start: int) -> bool:
    """Does the expression at `start` follow "pre-" or "post-" ("the post-1945 order")?"""
    return ERA_PREFIX.search(text[max(0, start - 6) : start]) is not None


WEEKDAY_THEN_DAY = re.compile(r"[\s,]*(?:the\s+)?")  # "on Sunday, October 26", "Sunday the 26th of October"


def _named_weekdays(text: str, out: list[TimeExpr], calendar_days: set[int]) -> tuple[TimeExpr, ...]:
    """A weekday that stands before the calendar day it names ("on Sunday, 26 October") is that
    day, not the nearest such weekday before the publication date (calendar_days: where the
    calendar days of `out` start)."""
    for k, e in enumerate(out[:-1]):
        nxt = out[k + 1]
        if (
            nxt.start in calendar_days
            and nxt.iso
            and len(nxt.iso) == 10
            and e.text.lower().rstrip("'s").split()[-1] in WEEKDAYS
            and WEEKDAY_THEN_DAY.fullmatch(text, e.end, nxt.start)
        ):
            out[k] = TimeExpr(e.start, e.end, e.text, nxt.iso)
    return tuple(out)


@lru_cache(maxsize=64)
def _scan(text: str) -> tuple[tuple[re.Match, ...], tuple[re.Match, ...]]:
    """The pattern matches of a text, kept for its second reading: events resolve each
    sentence as past and as future (`_find` with `future`), one scan serves both."""
    anchor_at = anchor_starts(text)
    if not anchor_at:
        return (), ()  # no digit (every digit is a word character, an anchor) and no anchor word
    return tuple(NUMERIC_DAY.finditer(text)), tuple(matches(text, anchor_at))


def resolve(expression: str, published: Optional[date]) -> Optional[str]:
    """The ISO prefix of one time expression ("on Saturday", "in 2011"), or None."""
    found = find(expression, published)
    return found[0].iso if found else None
