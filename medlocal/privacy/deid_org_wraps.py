"""Organisations whose name a hard line break cuts in two (round 20).

Letters and faxed notes are wrapped at a fixed width, and a name then runs from one line's end
into the next one's start ("referred to the Kestrel Valley / Community Mental Health Team",
"script to Hickey's / Pharmacy, Cork St"). Read line by line, the first part has no facility
word and the second part has nothing but kind words, so neither is found; read together they
are one name.

A wrapped name is read where a line ends in capitalised words that follow a lower-case word
(a sentence running on, not a heading line) and the next line opens with capitalised words that
end in a facility word ("Centre", "Pharmacy", "Team") and go no further in capitals. The first
part must hold a word that names (not a clinical, kind or calendar word): "seen in Orthopaedic /
Clinic" is a kind of clinic, not a name. Each break is found from its line feed and read a few
words either side, so the cost stays linear and small.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_org_references import naming_word
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_place_words import EMPLOYER_CUE, FACILITY_HEADS
from medlocal.privacy.deid_tokens import WordSpan

# A line feed, blanks of the next line's indent, and a capital.
_BREAK = re.compile(r"\n[ \t]*(?=[A-Z])")
# One to four capitalised words closing a line, after a lower-case word ("the Kestrel Valley").
_LINE_END = re.compile(
    r"(?<![\w'’&-])[a-z][\w'’-]*[ \t]+"
    r"(?P<a>[A-Z][\w'’&-]*(?:[ \t]+(?:(?:of|and|&|for)[ \t]+)?[A-Z][\w'’&-]*){0,3})[ \t]*\Z"
)
# Capitalised words (perhaps linked by "of", "and", "&", "for") opening the next line.
_LINE_START = re.compile(
    r"[A-Z][\w'’&-]*(?:[ \t]+(?:(?:of|and|&|for)[ \t]+)?[A-Z][\w'’&-]*){0,4}"
    r"(?![\w'’&-])"
)

# A cue before the first part that says an employer or a team follows ("works at Connemara /
# Marble", "playing for Llandeilo / Bulldogs"): the next line's words then need no facility word.
_PLAYS_FOR = re.compile(r"(?i:\b(?:plays|playing|played)[ \t]+for)[ \t]*\Z")
# Words that open a new sentence or a new line of a list, not the rest of a name.
_OPENERS = frozenset(
    {
        "he", "she", "they", "we", "i", "it", "the", "a", "an", "no", "nil", "not", "plan", "lives",
        "has", "is", "was", "also", "and", "but", "then", "on", "in", "at", "for", "with", "this",
        "that", "his", "her", "their", "our", "my", "your", "if", "when", "please", "see", "seen",
        "social", "family", "smoker", "alcohol", "allergies", "medications", "impression",
    }
)  # fmt: skip
# A label opening the next line ("Lab alta:", "Clinic notes:"): its words are a field's name.
_LABEL_AFTER = re.compile(r"(?:[ \t]+[^\W\d][\w'’-]*){0,3}[ \t]*:")
# What follows a name's rest on the next line: a lower-case word, a closing mark or the end.
_AFTER_REST = re.compile(r"[ \t]*(?:[,.;)(]|[ \t][a-z]|\n|\Z)")


def _cued_rest(text: str, start: int, head: re.Match[str], lex: Lexicon) -> bool:
    """The next line's words are a name's rest with no facility word: an employer's or a
    team's cue before the first part, up to three words, none a clinical word, a time, a person's
    title or a sentence's opener, and a lower-case word or a closing mark after them."""
    window = text[max(0, start - 40) : start]
    if not (EMPLOYER_CUE.search(window) or _PLAYS_FOR.search(window)):
        return False
    rest = [fold(w.strip("'’")) for w in head.group().split()]
    if len(rest) > 3 or not _AFTER_REST.match(text, head.end()):
        return False
    return not any(
        w in _OPENERS
        or lex.clinical(w)
        or clinical_abbreviation(w)
        or w in CALENDAR_WORDS
        or w in TITLES
        or w in RELATIONS
        for w in rest
    )


def wrapped_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Names cut by a line break: capitalised words closing a running line, and capitalised
    words opening the next that end in a facility word."""
    found: list[WordSpan] = []
    for brk in _BREAK.finditer(text):
        head = _LINE_START.match(text, brk.end())
        if head is None:
            continue
        words = head.group().split()
        last = fold(words[-1].strip("'’"))
        before = _LINE_END.search(text, max(0, brk.start() - 80), brk.start())
        if before is None or "\n" in before.group():
            continue
        if last not in FACILITY_HEADS and not _cued_rest(text, before.start("a"), head, lex):
            continue
        if _LABEL_AFTER.match(text, head.end()):
            continue  # "... Rezende II / Lab alta: Hb 12": the next line is a field
        first = [fold(w.strip("'’")) for w in before.group("a").split()]
        first = [w.removesuffix("'s").removesuffix("’s") for w in first]
        if any(w in TITLES for w in first):
            continue  # "seen by Dr Lee / Pharmacy review": a person, then a heading
        if not any(naming_word(w, lex) for w in first if w not in ("of", "and", "&", "for")):
            continue  # "seen in Orthopaedic / Clinic": a kind of clinic
        found.append(WordSpan("facility", before.start("a"), head.end()))
    return found
