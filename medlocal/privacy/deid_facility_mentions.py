"""A facility's other mentions in the same note, and a hospital's initials where a note sends or
sees a patient (issue 16, session 54: deid54b).

A note names a hospital in full once and then by a short form: its initials ("Komfo Anokye
Teaching Hospital (KATH) ... referred on to KATH"), its name without the kind's words ("Mbagathi
Hospital ... then mbagathi referred her"), or initials it never spells out ("presentation to RIE
ED"). The rules judge each word alone, and an acronym or a one-word name no list holds carries no
evidence of its own. Three readings, each from the note's own evidence:

* **initials of a found facility**: the capitals of its words ("KATH", "AIIMS", "NHSL"; the
  kind's last word may be left out: "RD&E" for "Royal Devon and Exeter Hospital"; function words
  never count: of, and, de, l'), taken wherever they stand in the note, in capitals as written
  ("Komfo Anokye Teaching Hospital (KATH) ... referred on to KATH"); a facility found as one
  capital word is carried only where the note defines it in brackets ("(KATH)"): a wrong
  finding elsewhere would spread over the note;
* **a found facility's name without its kind's words**: "Suntreso Government Hospital" ->
  "Suntreso", "Mbagathi Hospital" -> "mbagathi", in any case, wherever it stands, when a word of
  it is one no safe list explains (a name of English words - "General", "Mercy" - is never
  taken alone: it is read only with its kind's word, by the rules), and not where it opens a
  clinical term or a longer name in Title Case ("Glasgow Coma Scale" after "Glasgow Royal
  Infirmary");
* **an all-capital word in a place slot**: after a verb or noun of moving or seeing a patient and
  its preposition ("transferred from KATH", "admitted to the RD&E", "presentation to RIE ED",
  "seen at QEH", "referred to GOSH", "followed up in CHOP clinic").

What stays: a clinical abbreviation (`clinical_abbreviation`: ICU, ED, OPD, CCU, HDU, ITU, MRI,
CT, MDT, CAMHS...) and the units that list does not hold (`_UNITS`: MOU, CATH, GPAU...) are never
initials here, and a name followed by an eponym's word ("Wilkins score") stays. Each reading is one
pass of a pattern over the text (the names are joined into one alternation): linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_lower_orgs import _SERVICE_SHORT
from medlocal.privacy.deid_place_words import GENERIC
from medlocal.privacy.deid_spans import Redaction, label

_FACILITY_KINDS = frozenset({"facility"})
# Words an acronym's letters skip ("Centre hospitalier de l'Université de Montréal" -> CHUM).
_SKIP = frozenset(
    {"of", "and", "the", "de", "du", "des", "la", "le", "l", "d", "for", "at", "in", "on", "y",
     "e", "di", "del", "della", "van", "von", "der", "den", "und", "et"}
)  # fmt: skip
# Words closing a facility's name that a short form leaves out, beside GENERIC's heads and
# modifiers ("Suntreso Government Hospital", "Chitungwiza Central Hospital").
_KIND_WORDS = GENERIC | frozenset(
    {"government", "central", "referral", "hosp", "academic", "teaching", "memorial", "hospitals",
     "royal", "city",
     "sciences", "national", "university", "institute", "group"}
)  # fmt: skip
# Units and places of a hospital written in capitals that the abbreviation list does not hold.
_UNITS = frozenset(
    {"MOU", "CATH", "THEATRE", "THEATRES", "WARD", "HOME", "GPAU", "AAU", "CAU", "CICU", "HASU",
     "IDT", "RESUS", "DVLA", "NHS", "GP", "GPS", "CHC", "PHC", "CHS", "UK", "USA", "US", "UAE",
     "REACT", "ICT", "MASH", "EVT", "CPEX", "DOTS", "PNC", "IPD", "UEC", "HITH", "SSW", "GENMED",
     "CARDS", "ANC", "OPAT", "DAU", "TCU", "TAU", "RAU", "SSU", "AMAU", "SAU", "EAU"}
)  # fmt: skip
# A specialty or unit written in capitals in a slot: "referred to UROLOGY", "transferred to RAU".
_SPECIALTY_ENDS = ("ology", "ics", "ery", "iatry", "U")
# Words after a name that make it an eponym or a measure, not the hospital: "Wilkins score".
_EPONYM_NEXT = re.compile(
    r"(?:['’]s)?[ \t]+(?:disease|syndrome|sign|score|scale|criteria|classification|protocol|"
    r"test|procedure|operation|fracture|reflex|manoeuvre|maneuver|law|tube|catheter|"
    r"grade|stage|index|technique|repair|incision|position|splint|frame|method|equation|"
    r"type|model|system|rules?|strain|variant|virus|agent|staging|regimen|formula)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|&")
# An all-capital word of three to eight letters, "&" or "." inside ("RD&E", "Q.E.H").
_CAPS = re.compile(
    r"(?<![\w&.'’-])[A-Z](?:[A-Z]|[&.](?=[A-Z])){2,9}(?![\w&-]|\.[A-Za-z]|['’](?!s\b))"
)
_SLOT = re.compile(
    r"(?i:(?<![\w-])(?:(?:transferred|transfer|transfers|referred|referral|re-?referred|admitted|"
    r"admission|re-?admitted|presented|presentation|attended|attends|attendance|discharged|"
    r"discharge|moved|sent|brought|booked|returned|repatriated|retrieved|stepped[ \t]+down|"
    r"seen|reviewed|followed[ \t]+up|treated|managed|delivered|born)[ \t]+"
    r"(?:back[ \t]+|up[ \t]+|over[ \t]+|out[ \t]+)?(?:from|to|at|into|under|by)"
    # "in" only after seeing or treating: "admitted in DKA", "presented in AF" name a state.
    r"|(?:seen|reviewed|followed[ \t]+up|treated|managed|delivered|born|known|booked)[ \t]+in)"
    r"[ \t]+(?:the[ \t]+)?)\Z"
)
# The preposition before capitals, read first: the verb is looked for only where it stands.
_PREPOSITION = re.compile(r"(?i:(?:from|to|at|into|under|by|in)[ \t]+(?:the[ \t]+)?)\Z")
_SLOT_REACH = 60  # characters before the capitals: the longest verb, its particle and "the"
_PARTS = re.compile(r",|\n|[ \t][-–][ \t]")
_BRACKETED = re.compile(r"[ \t]*\([^()]*\)?")
_SHORTEST_NAME = 4  # a short form of fewer letters ("Ely", "Kew") is too often a word


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if fold(w) not in _SKIP and w != "&")


def _letters(caps: str) -> str:
    return caps.replace("&", "").replace(".", "")


def _an_acronym(letters: str) -> bool:
    return (
        len(letters) >= 3
        and letters not in _UNITS
        and not clinical_abbreviation(letters)
        and letters.lower() not in CALENDAR_WORDS
    )


def _slot_initials(letters: str, lex: Lexicon) -> bool:
    """Capitals in a place slot that may be a hospital's initials: never a clinical
    abbreviation, a unit ("RAU", "TCU": a unit's initials end on U) or a specialty in capitals
    ("ORTHO", "PAEDS", "UROLOGY")."""
    lower = letters.lower()
    return (
        _an_acronym(letters)
        and not letters.endswith(_SPECIALTY_ENDS)
        and not lower.endswith(_SPECIALTY_ENDS)
        and lower not in _SERVICE_SHORT
        and not lex.clinical(lower)
    )


_WORD_BEFORE = re.compile(r"([a-z][a-z-]*)[ \t]+\Z")
# Lower-case words that may stand right before a hospital's initials: "referred on to KATH".
_BEFORE_INITIALS = frozenset(
    {"from", "into", "onto", "then", "back", "with", "under", "when", "after", "before", "until",
     "while", "where", "towards", "within", "near", "also", "both", "either", "between",
     "across", "through", "including", "plus", "like", "than", "whom", "which", "called"}
)  # fmt: skip


def _after_a_clinical_word(text: str, at: int, lex: Lexicon) -> bool:
    """Capitals right after a lower-case word of four letters or more are a test or a finding
    ("urine MCS", "serum ACE"), not a hospital's initials, unless the word is a preposition or
    a verb's past ("referred on to KATH", "transferred KATH", "then KATH"); "at", "in" and "on"
    are too short to be read."""
    word = _WORD_BEFORE.search(text, max(0, at - 30), at)
    if word is None or len(word.group(1)) < 4:
        return False
    lower = word.group(1)
    return lower not in _BEFORE_INITIALS and not lower.endswith("ed")


def _acronyms(found: list[str]) -> set[str]:
    """The initials the found facilities' names give, and the facilities found as one word."""
    out: set[str] = set()
    for name in found:
        if name.startswith("(") and name[1:].isupper():  # defined in brackets: "(KATH)"
            out.add(_letters(name[1:]))
            continue
        # "Royal Devon and Exeter Hospital (Wonford)", "... Hospital, Department of Medicine"
        name = _PARTS.split(_BRACKETED.sub("", name))[0]
        words = [w.removeprefix("l'").removeprefix("l’") for w in _WORD.findall(name)]
        if len(words) < 3:
            continue
        out.add(_initials(words))
        if fold(words[-1]) in _KIND_WORDS:
            out.add(_initials(words[:-1]))
    return {a for a in out if _an_acronym(a)}


def _short_forms(found: list[str], lex: Lexicon) -> set[str]:
    """A found facility's name without its leading "the" and its closing kind's words, when a
    word of it is one no safe list explains."""
    out: set[str] = set()
    for name in found:
        words = _WORD.findall(name)
        while words and fold(words[0]) == "the":
            words = words[1:]
        while words and fold(words[-1]) in _KIND_WORDS:
            words = words[:-1]
        if not words or any(w == "&" for w in words):
            continue
        if len("".join(words)) < _SHORTEST_NAME or words[0].isupper():
            continue  # initials are read above, case-sensitive
        if any(_unexplained(w, lex) for w in words):
            out.add(" ".join(w.lower().removesuffix("'s").removesuffix("’s") for w in words))
    return out


def _unexplained(word: str, lex: Lexicon) -> bool:
    lower = fold(word)
    return (
        len(lower) >= _SHORTEST_NAME
        and lower not in _KIND_WORDS
        and not lex.known(lower)
        and not lex.clinical(lower)
        and not clinical_abbreviation(word)
    )


def _facility(text: str, start: int, end: int) -> Redaction:
    return Redaction("facility", start, end, text[start:end], label("facility"))


def _mostly_capitals(text: str, at: int) -> bool:
    """The line around ``at`` is written in capitals (a heading, a form): a capital word on it
    is no evidence of initials."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.8 * len(letters)


def facility_mention_spans(
    text: str, spans: Iterable[Redaction], lex: Lexicon
) -> Iterator[Redaction]:
    """The other mentions of the found facilities and the capital initials in a place slot (see
    the module's docstring)."""
    facilities = [r for r in spans if r.kind in _FACILITY_KINDS]
    # A found facility's own place is no other mention: given again from here it would pass by
    # the later readings that judge the finding ("Practice Nurse Okwuosa" read as one facility,
    # which the person reading overrules, came back whole as [FACILITY]).
    for mention in _mentions_anywhere(text, facilities, lex):
        if not any(r.start <= mention.start and mention.end <= r.end for r in facilities):
            yield mention


def _mentions_anywhere(text: str, facilities: list[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    # A facility found as one capital word counts only where it is defined in brackets
    # ("(KATH)"), marked here by its bracket: a wrong finding elsewhere would spread.
    found = [
        "(" + r.original if text[r.start - 1 : r.start] == "(" else r.original for r in facilities
    ]
    acronyms = _acronyms(found)
    # Initials in a slot are a facility, and so are their other mentions in the note.
    capitals = list(skipped_finditer(_CAPS, text))
    for caps in capitals:
        at = caps.start()
        if (
            _PREPOSITION.search(text, max(0, at - 12), at) is not None
            and _SLOT.search(text, max(0, at - _SLOT_REACH), at) is not None
            and _slot_initials(_letters(caps.group()), lex)
            and not _mostly_capitals(text, at)
        ):
            acronyms.add(_letters(caps.group()))
    for caps in capitals:
        letters = _letters(caps.group())
        if (
            letters in acronyms
            and (not lex.known(letters.lower()) or not _mostly_capitals(text, caps.start()))
            and not _after_a_clinical_word(text, caps.start(), lex)
        ):
            yield _facility(text, caps.start(), caps.end())
    short = _short_forms(found, lex)
    if short:
        yield from _mentions(text, short, lex)


_TEXT_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?=(?:['’]s)?(?![\w-]))")


def _mentions(text: str, short: set[str], lex: Lexicon) -> Iterator[Redaction]:
    """Where a short form stands in the text, in any case: the words read once, each short form
    looked up by its first word (a record names hundreds of facilities: an alternation of their
    names tried at every letter would be slow)."""
    by_first: dict[str, list[list[str]]] = {}
    for name in short:
        parts = name.split()
        by_first.setdefault(parts[0], []).append(parts)
    words = list(_TEXT_WORD.finditer(text))
    for i, word in enumerate(words):
        for form in by_first.get(word.group().lower(), ()):
            last = i + len(form) - 1
            if last >= len(words) or any(
                words[i + k].group().lower() != form[k]
                or text[words[i + k - 1].end() : words[i + k].start()].strip(" \t") != ""
                for k in range(1, len(form))
            ):
                continue
            end = words[last].end()
            if not _names_a_term(text, word.start(), end, lex):
                yield _facility(text, word.start(), end)


_NEXT_TITLE = re.compile(r"[ \t]+[A-Z][a-z]")
# A word in Title Case or a strain's word right before: "Salmonella Newport", "serovar Newport".
# A sentence's opening word ("At", "Then", "Seen") is no part of a name.
_TITLE_BEFORE = re.compile(
    r"(?:\b(?!(?:At|In|To|From|Then|Via|By|And|Or|Back|Seen|Also|Now|Later|Both|Each|Of|On|The|"
    r"Per|Under|Into|For|With|Transferred|Referred|Admitted|Discharged)\b)[A-Z][a-z]+"
    r"|\b(?:serovar|strain|var|subsp))[ \t]+\Z"
)


def _names_a_term(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A short form that opens a clinical term ("Glasgow Coma Scale", "Ottawa ankle rules",
    "Stanford type B", "Lille model") or stands in a longer name in Title Case ("Nottingham
    Prognostic Index", "Salmonella Newport"): a place's name in a term, not the facility."""
    return (
        _EPONYM_NEXT.match(text, end) is not None
        or _NEXT_TITLE.match(text, end) is not None
        or _TITLE_BEFORE.search(text, max(0, start - 40), start) is not None
        or lex.clinical_phrases.match(text, start) is not None
    )
