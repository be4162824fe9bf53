"""People named by the form of a list or a header rather than by a word list (round 15).

* A census or bed list writes people "SURNAME, GIVEN" in capitals. Once the rules found the
  surname, the capitals after its comma are the given name, even where that is a word or a
  suffix ("[LEBLANC], KING", "[HEBERT], JR"). On a line that holds such a pair, the other items
  of the list are people too: another pair ("; DAY, WINTER from ED") or a bare surname before
  an arrow or a "from" ("; MARKS → home").
* Initials, a lower-case particle and a capitalised word are a person's name whatever stands
  before them ("tandarts M. de Wit", "A. van der Berg"), unless an eponym's head follows ("de
  Quervain tenosynovitis" is a disease).
* A Japanese honorific after a name ("Kawasaki Emi sensei", "Takeda-san").
* A message header's "To:" or "From:" with a capitalised word and a credential in brackets
  names a member of staff ("To: Nat (RN)"), even where the word is a dictionary word.

Every rule starts from a cheap test (a found span's next character, a literal in the text), so
the pass stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_eponym_heads import HEADS_AFTER
from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import COLON_ROLES, CREDENTIALS, HONORIFICS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

_PERSON_KINDS = frozenset({"name", "patient_name"})
_HEADS = EPONYM_HEADS | HEADS_AFTER
# Name suffixes that stand where a given name does ("HEBERT, JR").
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# The capitals after a found capitalised surname's comma: one word (or two joined by a hyphen),
# perhaps a middle initial, and no lower-case letter after them.
_GIVEN_AFTER = re.compile(
    r",[ \t]*(?P<g>[A-Z][A-Z'’]+(?:-[A-Z][A-Z'’]+)?)(?:[ \t]+[A-Z](?![\w'’.-]))?(?![\w'’-])"
)
# An item of a list on a census line: after the line's label or a separator, a capitalised pair
# or a bare capitalised surname, then a transfer word, an arrow or the item's end.
_LIST_ITEM = re.compile(
    r"(?:^|(?<=[:;→])|(?<=->))[ \t]*"
    r"(?P<n>[A-Z][A-Z'’]{2,}(?:-[A-Z][A-Z'’]+)?(?:,[ \t]*[A-Z][A-Z'’]+(?:-[A-Z][A-Z'’]+)?)?)"
    r"(?=[ \t]+(?:from|to|for)\b|[ \t]*(?:→|->|;|\.?$))",
    re.M,
)
# A found span that is itself a capitalised "SURNAME, GIVEN" pair.
_CAPS_PAIR = re.compile(r"[A-Z][A-Z'’-]+,[ \t]*[A-Z][A-Z'’-]+")

# The initials' run is possessive, its gaps unambiguous: "[ \t]?-?[ \t]?" read one space two
# ways, and a long run of initials with no particle after it took exponential time (the
# benchmark's "initials_and_dots" shape did not finish).
_PARTICLE_NAME = re.compile(
    r"(?<![\w.])(?P<v>[A-Z]\.(?:(?:[ \t]|[ \t]?-[ \t]?)?[A-Z]\.)*+[ \t]+"
    r"(?:(?:de|van|von|der|den|ter|ten|da|do|dos|das|di|del|della|du|le|la|bin|binti|al|el)"
    r"[ \t]+){1,3}[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?)(?![\w'’-])"
)
_LINE_END = re.compile(r"[ \t]*(?:,[^\n]*)?$", re.M)
_CUES = (
    TITLES
    | HONORIFICS
    | ROLES
    | COLON_ROLES
    | frozenset(
        {"by", "and", "from", "to", "with", "per", "cc", "regards", "signed", "dear", "med"}
    )
)
_NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]+(?P<w>[A-Za-z]+)")
# The word right before the initials.
_WORD_BEFORE = re.compile(r"(?P<w>[A-Za-z]+)[ \t]+\Z")

_HEADER_ROLE = re.compile(
    r"\b(?:To|From|Cc|CC|Bcc)[ \t]*:[ \t]*(?P<v>[A-Z][a-z'’]+(?:[ \t][A-Z][a-z'’]+)?)[ \t]*"
    r"\((?:RN|RGN|RMN|EN|HCA|HCSW|NA|CNA|LPN|LVN|NP|ANP|CNS|SN|MD|Dr|FY1|FY2|SHO|SpR|Reg|CSW|"
    r"OT|PT|SLP|SW|NIC|CN|RM|RPN|ODP|AP|ACP)\)"
)


# A Japanese honorific after a name ("Kawasaki Emi sensei", "Takeda-san"): joined by a hyphen,
# or "sensei" after a space ("sama" after a space is Malay and Indonesian "same", "with":
# "Terapi sama seperti sebelumnya", review of round 15).
_HONORIFIC_AFTER = re.compile(
    r"(?<![\w'’-])(?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)"
    r"(?:-(?:san|sama|kun|chan|sensei|senpai)|[ \t]+sensei)\b"
)


def list_name_spans(text: str, spans: Iterable[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """The names that the form of a census list, a particle or a message header gives away."""
    pairs: list[Redaction] = []
    lower_lines: dict[int, bool] = {}  # line start -> the line has a lower-case letter
    for red in spans:
        if red.kind not in _PERSON_KINDS or text[red.end : red.end + 1] != ",":
            if red.kind in _PERSON_KINDS and _CAPS_PAIR.fullmatch(red.original):
                pairs.append(red)
            continue
        grown = _given_after(text, red, lex, lower_lines)
        if grown is not None:
            pairs.append(grown)
            yield grown
    if pairs:
        yield from _list_siblings(text, pairs, lex)
    if ". " in text or ".\t" in text:
        yield from _particle_names(text, lex)
    if "sensei" in text or "-sa" in text or "-kun" in text or "-chan" in text:
        for match in skipped_finditer(_HONORIFIC_AFTER, text):
            # The honorific names a person even with an eponym's word in the name
            # ("Kawasaki Emi sensei"); a clinical word alone before it stays.
            words = match.group("v").split()
            if not all(lex.clinical(w.lower()) for w in words):
                yield Redaction(
                    "name", match.start("v"), match.end("v"), match.group("v"), "[NAME]"
                )
    if ":" in text and "(" in text:
        for match in skipped_finditer(_HEADER_ROLE, text):
            if not any(lex.clinical(w.lower()) for w in match.group("v").split()):
                yield Redaction(
                    "name", match.start("v"), match.end("v"), match.group("v"), "[NAME]"
                )


def _has_lower_case(text: str, start: int, end: int, seen: dict[int, bool]) -> bool:
    """Whether the line from ``start`` to ``end`` has a lower-case letter, read once a line: a
    census of one long line asked it for every pair (review of round 15: 9.7 s on 52,000
    characters)."""
    known = seen.get(start)
    if known is None:
        known = seen[start] = any(c.islower() for c in text[start:end])
    return known


def _given_after(
    text: str, red: Redaction, lex: Lexicon, seen: dict[int, bool]
) -> Redaction | None:
    """A found capitalised surname grown over the given name after its comma."""
    if not red.original.isupper() or not any(c.isalpha() for c in red.original):
        return None
    # A line typed all in capitals says nothing by its capitals ("GP: DR ELS, WONDERBOOM").
    line_start = text.rfind("\n", 0, red.start) + 1
    line_end = text.find("\n", red.end)
    if not _has_lower_case(text, line_start, line_end if line_end >= 0 else len(text), seen):
        return None
    match = _GIVEN_AFTER.match(text, red.end)
    if match is None or not _given_word(match.group("g"), lex):
        return None
    return Redaction(
        red.kind, red.start, match.end(), text[red.start : match.end()], red.replacement
    )


def _given_word(word: str, lex: Lexicon) -> bool:
    """Capitals that may be a given name: no credential, and no clinical acronym ("JONES, CHF")
    unless a listed given name; short capitals only as a suffix or a listed name."""
    lower = word.lower()
    if lower in _SUFFIXES:
        return True
    if lower in CREDENTIALS:
        return False
    listed = lower in lex.given_names
    if len(lower) <= 3 and not listed:
        return False
    return listed or not (lex.clinical(lower) or clinical_abbreviation(word))


def _list_siblings(text: str, pairs: list[Redaction], lex: Lexicon) -> Iterator[Redaction]:
    """The other people of a census line that holds a found capitalised pair."""
    done: set[int] = set()
    for pair in pairs:
        line_start = text.rfind("\n", 0, pair.start) + 1
        if line_start in done:
            continue
        done.add(line_start)
        line_end = text.find("\n", pair.end)
        line_end = len(text) if line_end < 0 else line_end
        for match in _LIST_ITEM.finditer(text, line_start, line_end):
            words = [w.strip(" \t") for w in match.group("n").split(",")]
            if len(words) == 1:
                lower = words[0].lower()
                # A bare word: a surname, not a clinical acronym or an English word ("HOME").
                if (
                    lex.clinical(lower)
                    or clinical_abbreviation(words[0])
                    or (lower in lex.english and not lex.name_like(lower))
                ):
                    continue
            elif clinical_abbreviation(words[0]) or not _given_word(words[1], lex):
                continue
            yield Redaction("name", match.start("n"), match.end("n"), match.group("n"), "[NAME]")


def _particle_names(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """Initials, particles and a surname ("M. de Wit") after a title, a role (also one in another
    language: a lower-case word no dictionary has, "tandarts"), a word that leads to a person
    ("by", "regards"), or alone on their line (a signature), where no eponym's head follows
    ("R. de Quervain tenosynovitis")."""
    for match in skipped_finditer(_PARTICLE_NAME, text):
        nxt = _NEXT_WORD.match(text, match.end())
        if nxt is not None and fold(nxt.group("w").lower()) in _HEADS:
            continue
        before = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if before is None:
            line_start = text.rfind("\n", 0, match.start()) + 1
            alone = not text[line_start : match.start()].strip() and _LINE_END.match(
                text, match.end()
            )
            if not alone:
                continue
        else:
            word = before.group("w")
            lower = word.lower()
            if lower not in _CUES and not (word.islower() and not lex.known(lower)):
                continue
        yield Redaction("name", match.start("v"), match.end("v"), match.group("v"), "[NAME]")
