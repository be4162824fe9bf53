"""Lines typed in one case, re-cased the way a careful writer would have written them, so that the
rules, which read capitals, can read them too.

The word scan takes capitalised unknown words for names ("Halvorsen"), and dates, titles and cues
are written with capitals ("Oct 3", "Dr."). A line typed all in capitals ("ROD: DR. ALVAREZ / DR.
PACQUING") or all in lower case ("my husband tyler has to work at menards") hides that: every word
looks alike. :func:`recase` returns a copy of the text, of the same length (offsets keep), where
such lines are re-cased word by word:

* a capitals line is title-cased ("DR. PACQUING" reads "Dr. Pacquing"), but for function words
  (lower case, so that runs break as in prose), clinical words, and acronyms that no one could say
  ("NSAIDS", "PNSS", "CXR"): those stay in capitals, where the scan reads them as acronyms;
* a lower-case line gets capitals only on the words a writer would capitalise that are not plain
  English: titles, months and weekdays, listed names and places, unknown words of five or more
  letters, and a name-like English word after a title or relation ("my mom deb"). Plain English
  words stay lower, so a capital still stands out.

A name of an organisation written in capitals inside any other line, or as a lone heading (the
letterhead "LARKSPUR VALLEY GENERAL HOSPITAL - DISCHARGE SUMMARY", "seen at BRAMBLEFORD MEDICAL
PRACTICE"), is re-cased on its own: a run of capitals words ending in a facility word that is
no everyday word ("Hospital", "Practice", not "Care" or "Department").

Lines in ordinary mixed case are returned unchanged, so ordinary notes cost one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_cancel import checked
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, fold
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_place_words import DESCRIPTIVE, GENERIC, STRONG_HEADS

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LINE = re.compile(r"[^\n]+")
# Kept in lower case in a capitals line, as in prose: they join or break the runs of names.
_FUNCTION = frozenset(
    re.findall(r"\w+", "a an and or of the to at in on by for with from as is was be but if so no")
)
_VOWELS = frozenset("aeiouy")
# Two consonants that can open an English syllable; an acronym often opens otherwise ("NSAIDS").
_ONSETS = frozenset(
    re.findall(r"\w+", "bl br ch cl cr dr fl fr gl gr kh kl kr ph pl pr sc sh sk sl sm sn sp")
    + re.findall(r"\w+", "st sw th tr tw wh wr")
)


_CAPS_WORD = r"[A-Z][A-Z'’.-]*"
_STRONG_HEADS = "|".join(sorted((h.upper() for h in STRONG_HEADS), key=len)[::-1])
# Up to six words in capitals and a strong facility head that ends the run; "ST." and
# "COLUMBA'S" are words of it.
_CAPS_FACILITY = re.compile(
    rf"\b{_CAPS_WORD}(?:[ \t]+(?:{_CAPS_WORD}|&)){{0,5}}[ \t]+(?:{_STRONG_HEADS})\b"
    r"(?![a-z])(?![ \t]+[A-Z]{2})"  # the head ends the name: not "DIAGNOSTIC MAMMOGRAM"
)
# Speed: from every start inside one run of capitals and dots ("A.A.A.", "J.K.L.M.") the first
# word reads to the run's end, so a failed start there is tried again at each of its letters,
# the run read each time: quadratic on a long run (a 50 KB "A.A.A." took 20 s). A run that long
# is no name; where one is found, the text is read start by start and a failed run skipped.
_LONG_CAPS_RUN = re.compile(r"[A-Z'’.-]{64}")
_FACILITY_START = re.compile(r"\b[A-Z]")
_CAPS_RUN = re.compile(r"[A-Z'’.-]*")


def _caps_facilities(text: str) -> Iterator[re.Match[str]]:
    """What ``_CAPS_FACILITY.finditer(text)`` finds, in time linear in the text."""
    if _LONG_CAPS_RUN.search(text) is None:
        yield from skipped_finditer(_CAPS_FACILITY, text)  # each start reads a few short words
        return
    pos = 0
    while (start := _FACILITY_START.search(text, pos)) is not None:
        found = _CAPS_FACILITY.match(text, start.start())
        if found is not None:
            yield found
            pos = found.end()
            continue
        # A later start in the same run reads the same words after it: it fails too.
        run = _CAPS_RUN.match(text, start.start())
        assert run is not None  # the pattern matches the empty string
        pos = run.end()


def _sayable(lower: str) -> bool:
    """A word in capitals that could be a name rather than an acronym: it has a vowel, it opens
    as English words open, and it is not a run of consonants."""
    if not any(c in _VOWELS for c in lower):
        return False
    if lower[0] not in _VOWELS and lower[1] not in _VOWELS and lower[:2] not in _ONSETS:
        return False
    return re.search(r"[^aeiouy]{4}", lower) is None


def _kind(line: str) -> str:
    """ "caps", "lower" or "" (mixed: left alone)."""
    words = [w for w in _WORD.findall(line) if len(w) > 1]
    if len(words) < 4:
        return ""
    upper = sum(w.isupper() for w in words)
    if upper >= 0.8 * len(words) and upper >= 4:
        return "caps"
    capitals = sum(w[0].isupper() for w in words)
    # Prose opens with a capital; a line typed in lower case does not, and has few capitals.
    first = re.search(r"[^\W\d_]", line)
    if first and first.group().islower() and capitals <= 0.1 * len(words) and len(words) >= 6:
        return "lower"
    return ""


def _cased(word: str, title: bool) -> str:
    if not title:
        return word.lower()
    # After a hyphen every part opens with a capital ("Reyes-Lim"); after an apostrophe only
    # behind one letter ("O'Brien", not "Luke'S").
    parts = re.split(r"([’'-])", word.lower())
    out = []
    for i, part in enumerate(parts):
        apostrophe = i >= 2 and parts[i - 1] in "'’" and len(parts[i - 2]) > 1
        out.append(part if apostrophe else part[:1].upper() + part[1:])
    return "".join(out)


def _same_length(old: str, new: str) -> str:
    # Case changes that change length ("ß".upper()) are not made.
    return new if len(new) == len(old) else old


def _caps_word(word: str, lex: Lexicon) -> str:
    lower = fold(word)
    if lower in TITLES or lower in CALENDAR_WORDS or lower == "st":  # "ST." a street or a saint
        return _cased(word, True)
    if lower in _FUNCTION:
        return word.lower()
    if lex.clinical(lower) or len(lower) < 3:
        return word  # "HCT", "PLT", "ECG": acronyms stay acronyms
    if lex.known(lower) or lex.name_like(lower) or lower in lex.places:
        # English words too: a name's run reads whole only in one case ("PHILIPPINE GENERAL
        # HOSPITAL", "KUMARE BING").
        return _cased(word, True)
    return _cased(word, True) if len(lower) >= 4 and _sayable(lower) else word


_NAME_CUES = TITLES | (RELATIONS - FUNCTION_CUES) | ROLES  # "my mom deb", "dr yang"
_PLURAL_CUES = frozenset({"with", "by", "per", "cc", "from", "to", "mr", "mrs", "ms"})


def _lower_word(word: str, lex: Lexicon, before: str, foreign: bool = False) -> str:
    lower = fold(word)
    if lower in TITLES or lower in CALENDAR_WORDS:
        return _cased(word, True)
    if lex.clinical(lower):
        return word
    # A plural of a word is as plain as the word ("4/10 sites", "2 weeks"), though also a
    # surname; not after a given name or a name's cue ("tom woods", "spoke with parsons").
    plural = lower.endswith("s") and lower[:-1] in lex.english
    given = before in lex.given_names and before not in _FUNCTION  # "in" is a given name too
    named = given or before in _NAME_CUES or before in _PLURAL_CUES
    strict = lower in lex.english or (plural and not named)
    if (lex.name_like(lower) or lower in lex.places) and not strict:
        return _cased(word, True)
    if lex.name_like(lower) and before in _NAME_CUES:
        return _cased(word, True)  # "my mom deb", "dr yang"
    if not lex.known(lower) and len(lower) >= 5 and not foreign:
        return _cased(word, True)  # "menards", "halvorsen": no English word
    return word


def _distinctive(lower: str, lex: Lexicon) -> bool:
    """A word that makes a name of a run of generic ones: unknown, or a listed name or place."""
    if lex.clinical(lower) or lower in _FUNCTION:
        return False
    return not lex.known(lower) or lex.name_like(lower) or lower in lex.places


# Heads after which a plain word names the place rather than the service: a clinic or a unit is
# named by what it does ("PAIN CLINIC"), a pharmacy or a nursing home by a name ("BEACHES FAMILY
# PHARMACY", "THE LARCHES NURSING HOME", "TRI-COUNTY REFERENCE LABORATORIES").
_NAMED_HEADS = frozenset(
    {
        "pharmacy", "chemist", "chemists", "hospice", "hospital", "infirmary", "laboratories",
        "laboratory", "labs", "home", "practice", "surgery", "lodge", "manor",
    }
)  # fmt: skip
# Plain words of a heading over such a head, not a name ("DISCHARGE PHARMACY").
_HEADING_WORDS = frozenset(
    re.findall(
        r"\w+",
        "discharge receiving referring teaching private public local your this main specialist"
        " regional district state national veterans inpatient outpatient retail online mail",
    )
)


def _names_one(lower: str, lex: Lexicon) -> bool:
    """A plain word that names a pharmacy, a home or a laboratory: no word of a facility's kind
    or a heading's, no clinical word."""
    return (
        len(lower) >= 3
        and lower not in GENERIC | DESCRIPTIVE | _HEADING_WORDS | _FUNCTION
        and not lex.clinical(lower)
    )


def _recase_facilities(line: str, lex: Lexicon) -> str:
    """``line`` with each organisation name written in capitals re-cased as in a caps line."""
    if not any(c.isupper() for c in line):
        return line
    out: list[str] = []
    at = 0
    for run in _caps_facilities(line):
        found = [fold(w) for w in _WORD.findall(run.group())]
        words, head = found[:-1], found[-1]
        if not any(_distinctive(w, lex) for w in words) and not (
            head in _NAMED_HEADS and any(_names_one(w, lex) for w in words)
        ):
            continue  # "DEVICE CLINIC", "DIABETES CLINIC": a service, read as a heading
        out.append(line[at : run.start()])
        out.append(
            _WORD.sub(lambda m: _same_length(m.group(), _caps_word(m.group(), lex)), run.group())
        )
        at = run.end()
    out.append(line[at:])
    return "".join(out)


def recase(text: str, lex: Lexicon) -> str:
    """``text`` with its one-case lines re-cased (see the module docstring); same length."""
    lines = list(_LINE.finditer(text))
    kinds = [_kind(m.group()) for m in lines]
    if not any(kinds) and next(_caps_facilities(text), None) is None:
        return text
    # One line in capitals is a heading ("BILATERAL DIAGNOSTIC MAMMOGRAM"), read as the rules
    # read headings; a note typed in capitals has its lines in capitals one after another.
    kinds = [
        k if k != "caps" or "caps" in kinds[max(0, i - 1) : i] + kinds[i + 1 : i + 2] else ""
        for i, k in enumerate(kinds)
    ]
    # A short line with no capital beside a lower-case line was typed the same way ("to: dr
    # halvorsen / lakeview ob-gyn" above the message).
    for i, m in enumerate(lines):
        near = kinds[i - 1 : i] + kinds[i + 1 : i + 2]
        if not kinds[i] and "lower" in near and not any(c.isupper() for c in m.group()):
            kinds[i] = "lower"
    foreign = _foreign_continuations(lines, kinds, lex)
    pieces: list[str] = []
    pos = 0
    for i, (line_match, kind) in enumerate(checked(zip(lines, kinds, strict=True), every=64)):
        line = line_match.group()
        if not kind:
            facilities = _recase_facilities(line, lex)
            if facilities != line:
                pieces.append(text[pos : line_match.start()])
                pieces.append(facilities)
                pos = line_match.end()
            continue
        out: list[str] = []
        at = 0
        before = ""
        for match in _WORD.finditer(line):
            word = match.group()
            # A word inside a code ("SG7", "PMJAY-TN-88") or a unit ("mmol/mol": no town of
            # Belgium) is left as written.
            after = line[match.end() : match.end() + 2]
            previous = line[match.start() - 1 : match.start()]
            glued = previous.isdigit() or previous == "/" or bool(re.match(r"-?\d", after))
            new = word
            if not glued:
                new = (
                    _caps_word(word, lex)
                    if kind == "caps"
                    else _lower_word(word, lex, before, i in foreign)
                )
            out.append(line[at : match.start()])
            out.append(_same_length(word, new))
            at = match.end()
            before = fold(word).rstrip(".")
        out.append(line[at:])
        pieces.append(text[pos : line_match.start()])
        pieces.append("".join(out))
        pos = line_match.end()
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


# A line of prose that runs on: it ends in a letter, a comma or a bracket, not a stop or a colon.
_RUNS_ON = re.compile(r"[^\W\d_]|[),]")


def _foreign_continuations(lines: list[re.Match[str]], kinds: list[str], lex: Lexicon) -> set[int]:
    """Round 21 (precision): the lower-case lines that are the wrapped rest of a sentence in
    another language ("Elle a vu Dr Martin (ophtalmologie)\nqui retrouve un œdème papillaire
    bilatéral."): the line before is in mixed case, of six words or more, and runs on; a third of
    the line's words or more (two at least) are no English word. Its writer capitalises (the
    line before shows it), and the unknown words are the language's own, not names: such a line
    is re-cased for its listed names, places and cued words only."""
    found: set[int] = set()
    for i, kind in enumerate(kinds):
        if kind != "lower" or i == 0 or kinds[i - 1] or lines[i - 1].end() + 1 != lines[i].start():
            continue
        previous = lines[i - 1].group().rstrip()
        if len(_WORD.findall(previous)) < 6 or not _RUNS_ON.fullmatch(previous[-1:]):
            continue
        words = [fold(w) for w in _WORD.findall(lines[i].group()) if len(w) > 2]
        unknown = sum(not lex.known(w) and not lex.clinical(w) for w in words)
        if unknown >= 2 and 3 * unknown >= len(words):
            found.add(i)
    return found
