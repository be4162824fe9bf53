"""People named in lower case where a note's shorthand points at them (issue 16, session 56,
deid56a): after a relation, a role or a title ("pt's sister chioma", "nurse kerry-ann:", "rev.
wint visited"), before their role in brackets ("d/w jess (OT)", "uche (dietitian)"), after a
word that hands something to a person ("call shawn-paul in lab"), and a lower-case name found
by these slots, at its other lower-case mentions ("nurse kerry-ann ... bloods by kerry-ann").

Hurried notes type names in lower case, and most given names are also English words in the
shipped dictionary ("jess", "mercy", "tiffany", "kerry"), so a safe-list reading (deid_lower_names)
leaves them. What tells them here is the slot, and a name list: the word is a listed given name
or surname (each part of a hyphenated one), no clinical word, clinical abbreviation or chat
shorthand. Where it is also an English word the slot must close after it (a phrase's end or a
bracket): "son will visit", "sister may come", "nurse led clinic" and "nurse bank staff" stay.
After the handing words ("with", "per", "by", "call", "tell", "d/w") only a word no English list
holds is taken: "with food", "per day" and "by hand" stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_lower_names import SHORTHAND
from medlocal.privacy.deid_spans import Redaction, label

# Words of people before a name: relations, roles, titles written in lower case.
_PERSON_NOUNS = (
    "sister|brother|son|daughter|wife|husband|partner|mum|mom|mother|dad|father|grandma|"
    "grandmother|granny|nan|nana|grandpa|grandfather|grandson|granddaughter|aunt|auntie|aunty|"
    "uncle|cousin|niece|nephew|neighbour|neighbor|friend|boyfriend|girlfriend|fiance|fiancee|"
    "carer|caregiver|guardian|gogo|lola|lolo|kuya|ate|nurse|sis|sr|dr|rev|pastor|fr|"
    "physio|dietitian|dietician|nutritionist|pharmacist|midwife|hca|rn|sn|cns|tvn|ot|slt|"
    "clerk|receptionist|interpreter|chaplain|imam|priest|residente|resident|intern|registrar|"
    "consultant|surgeon|anaesthetist|paramedic|therapist|psychologist|co|ma|doc"
)
# One cue or several ("pastor rev. wint", "named nurse dami").
_CUED = re.compile(
    rf"(?<![\w'’-])(?:(?:{_PERSON_NOUNS})\.?[ \t]+)+"
    r"(?P<w>[a-z][a-z'’]*(?:-[a-z][a-z'’]*)?)(?![\w@-])"
)
# Words that hand something to a person ("call shawn-paul", "d/w nneka", "per uche").
_HANDING = re.compile(
    r"(?<![\w'’-])(?:d/w|dw|w/|with|per|by|call|tell|ask|bleep|page|paged|handed[ \t]+to)"
    r"[ \t]+(?P<w>[a-z][a-z'’]*(?:-[a-z][a-z'’]*)?)(?![\w@-])"
)
# A role in brackets right after the word ("jess (OT)", "uche (dietitian)", "okafor (ST4)").
_ROLE_AFTER = re.compile(
    r"(?<=[ \t])\((?:OT|PT|SLT|SALT|HCA|RN|SN|CNS|TVN|DN|NP|ANP|MA|CO|SHO|FY1|FY2|ST\d|CT\d|SpR|"
    r"reg|registrar|physio|dietitian|dietician|nutritionist|pharmacist|social[ \t]+worker|sw|"
    r"hca|rn|sn|ot|pt|nurse|midwife|carer|intern|resident|consultant|locum|student|son|"
    r"daughter|wife|husband|partner|mother|father|sister|brother|grandson|granddaughter|"
    r"grandmother|grandfather|niece|nephew|neighbour|neighbor|friend|cousin|aunt|uncle)\)",
    re.I,
)
_WORD_BEFORE = re.compile(r"(?<![\w'’-])(?P<w>[a-z][a-z'’]*(?:-[a-z][a-z'’]*)?)\Z")
# A phrase closes after the word: punctuation, a bracket, a cell's bar, the line's end.
_CLOSES = re.compile(r"[ \t]*(?:[,.;:)(|/\]]|\n|\Z)|[ \t]+[-–—][ \t]")
# Words that follow a person named after a relation and never continue an English word's
# phrase there (deid57b, note56's "wife mary today"): a time, a state, what a person did. "son
# will visit", "sister may come", "nurse led clinic" stay: no such word follows.
_AFTER_PERSON = re.compile(
    r"[ \t]+(?:today|tonight|tomorrow|tmrw|yesterday|present|aware|updated|informed|visited|"
    r"visiting|phoned|rang|called|says|said|reports|reported|states|stated|agrees|agreed|"
    r"declined|consented|who|is|was|has|had|at[ \t]+bedside|by[ \t]+phone|on[ \t]+phone)\b"
)
# A surname after the name ("tvn lorna baxter -").
_NEXT = re.compile(r"[ \t]+(?P<w>[a-z][a-z'’]*(?:-[a-z][a-z'’]*)?)(?![\w@-])")


def _listed(word: str, lex: Lexicon) -> bool:
    """Each part a listed name, none a clinical word, abbreviation or shorthand."""
    parts = [fold(p) for p in word.replace("’", "'").split("-")]
    return all(
        len(p) >= 2
        and lex.name_like(p.removesuffix("'s"))
        and not lex.clinical(p)
        and not clinical_abbreviation(p)
        and p not in SHORTHAND
        for p in parts
    )


def _english(word: str, lex: Lexicon) -> bool:
    return any(lex.known(fold(p)) for p in word.split("-"))


def _unknown(word: str, lex: Lexicon) -> bool:
    """A word no list explains: no English, clinical or abbreviation, no shorthand."""
    return not any(
        lex.known(p) or lex.clinical(p) or clinical_abbreviation(p) or p in SHORTHAND or len(p) < 2
        for p in (fold(part) for part in word.replace("’", "'").split("-"))
    )


def _with_surname(match: re.Match[str], text: str, lex: Lexicon) -> Iterator[Redaction]:
    yield _span(match, text)
    after = _NEXT.match(text, match.end())
    if (
        after is not None
        and _listed(after.group("w"), lex)
        and (not _english(after.group("w"), lex) or _CLOSES.match(text, after.end()) is not None)
    ):
        yield _span(after, text)


def _span(match: re.Match[str], text: str) -> Redaction:
    start, end = match.start("w"), match.end("w")
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    return Redaction("name", start, end, text[start:end], label("name"))


def _slotted(text: str, lex: Lexicon) -> Iterator[Redaction]:
    for match in skipped_finditer(_CUED, text):
        word = match.group("w")
        closes = _CLOSES.match(text, match.end()) is not None
        # An English word before what follows a person only where it is a listed given name
        # ("wife mary today"); "wife still present", "son back today" stay.
        given = all(fold(p) in lex.given_names for p in word.split("-"))
        if not closes and given and _AFTER_PERSON.match(text, match.end()) is not None:
            closes = True
        if (_listed(word, lex) and (not _english(word, lex) or closes)) or (
            closes and _unknown(word, lex)
        ):
            yield from _with_surname(match, text, lex)
    for match in skipped_finditer(_HANDING, text):
        word = match.group("w")
        if _listed(word, lex) and not _english(word, lex):
            yield _span(match, text)
    if "(" in text:
        for role in skipped_finditer(_ROLE_AFTER, text):
            gap = role.start() - 1
            while gap > 0 and text[gap - 1] in " \t":
                gap -= 1
            before = _WORD_BEFORE.search(text, max(0, gap - 40), gap)
            # An English word only where it is a listed given name ("jimmy (grandson)"); "call
            # back (nurse)" is no one.
            if (
                before is not None
                and _listed(before.group("w"), lex)
                and (
                    not _english(before.group("w"), lex)
                    or all(fold(p) in lex.given_names for p in before.group("w").split("-"))
                )
            ):
                yield _span(before, text)


def _mentions(text: str, names: set[str]) -> Iterator[Redaction]:
    """The other lower-case mentions of a name found in lower case (no English word)."""
    pattern = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    for match in re.finditer(rf"(?<![\w'’-])(?P<w>{pattern})(?![\w@-])", text):
        yield _span(match, text)


def lower_people_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """Lower-case names in a person's slot in ``text``, and their other lower-case mentions."""
    out = list(_slotted(text, lex))
    # Only the names these slots found: in a first version the lower-case names of every rule
    # spread to 146 held-out words that were neither identifiers nor clinical terms (and 13
    # inside clinical terms; counts-only reading).
    names = {
        red.original
        for red in out
        if red.original.replace("-", "").isalpha()
        and red.original.islower()
        and len(red.original) >= 3
        # A hyphenated name is no English word whatever its parts ("kerry-ann").
        and ("-" in red.original or not _english(red.original, lex))
        and not lex.clinical(red.original)
        and red.original not in SHORTHAND
    }
    if names:
        out.extend(_mentions(text, names))
    return out
