"""The year of an operation or a diagnosis in a history list, taken as a postcode (session 52,
deid52b; issue 16 precision).

Australia, Denmark, Switzerland, Belgium, Austria, Norway, South Africa and others write a
town, then a four-digit postcode ("Camperdown 2050", "Aarhus 8000"), and a past history writes
a procedure or a condition, then its year ("Mastectomy 2019", "LSCS 2022", "CABG 2015"). The
two have one shape. What tells them apart is the word: a procedure, a condition or a clinical
abbreviation no town is named by, and a year a history can hold. A town's name is on the place
list or is no clinical word; a state's or territory's abbreviation before a postcode ("NSW
2050", "ACT 2600": "ACT" is also a clotting time) is never read as a clinical word here. An
unknown word in capitals ("LSCS") counts only after a history heading on its line ("PMH:",
"Past history", "Previous surgery"), where a town in capitals does not stand; a line that names
an address is never read so. A law's year is no postcode either ("Mental Health Act 1983",
"MHCTS Act 2003"): "Act" in Title Case after a capitalised word that is no listed place.
"""

from __future__ import annotations

import re
from datetime import date

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation

_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])(?P<word>[A-Za-z][A-Za-z'’-]+)[ \t]*,?[ \t]*\Z")
# States and territories written before a postcode (Australia, the USA, Canada, India, Malaysia).
_STATES = frozenset(
    {
        "nsw", "vic", "qld", "sa", "wa", "tas", "nt", "act", "jbt", "al", "ak", "az", "ar", "ca",
        "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la", "me",
        "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd",
        "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wv", "wi", "wy",
        "on", "qc", "bc", "ab", "mb", "sk", "ns", "nb", "nl", "pe", "yt", "nu",
    }
)  # fmt: skip
# A history's heading before the item on its line.
_HISTORY = re.compile(
    r"(?i:\b(?:pmh|psh|pmhx|pshx|hx|history|past|previous|prev|background|operations?|"
    r"surgical|surgery|procedures?|obstetric)\b)"
)
# Words that make the line an address (a town in capitals and its postcode).
_ADDRESS = re.compile(
    r"(?i:\b(?:address|addr|lives|living|resides|residence|street|st|road|rd|avenue|ave|"
    r"suburb|town|city|postcode|post[ \t]+code|po[ \t]+box|unit|flat)\b)"
)
_CLINICAL_ENDINGS = (
    "ectomy", "otomy", "ostomy", "plasty", "pexy", "scopy", "itis", "osis", "oma", "ectomies",
    "rrhaphy", "graft", "repair", "fracture", "infarct", "stroke", "replacement",
)  # fmt: skip


def _years_possible(value: str) -> bool:
    return _YEAR.fullmatch(value) is not None and 1930 <= int(value) <= date.today().year + 1


def _clinical_word(word: str, lex: Lexicon) -> bool:
    """A procedure, condition or clinical abbreviation, on no place or name list."""
    lower = word.lower().rstrip("'’s") if word.endswith(("'s", "’s")) else word.lower()
    if lower in _STATES or lower in lex.places or lex.name_like(lower):
        return False
    if word.isupper():
        return len(word) >= 3 and clinical_abbreviation(word)
    return lex.clinical(lower) or lower.endswith(_CLINICAL_ENDINGS)


_NAME_BEFORE_ACT = re.compile(r"(?<![\w'’-])(?P<w>[A-Z][A-Za-z'’-]*)[ \t]+\Z")


def _named_act(text: str, line_start: int, at: int, lex: Lexicon) -> bool:
    """Whether a capitalised word that is no listed place stands before "Act" at ``at`` (a law's
    name; "Canberra Act 2600" is a town and its territory's postcode)."""
    name = _NAME_BEFORE_ACT.search(text, max(line_start, at - 40), at)
    return name is not None and name.group("w").lower() not in lex.places


def history_year(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the four digits ``text[start:end]`` are the year of the procedure or condition
    written right before them, not a postcode after a town."""
    if not _years_possible(text[start:end]):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = _WORD_BEFORE.search(text, max(line_start, start - 40), start)
    if before is None:
        return False
    word = before.group("word")
    line = text[line_start : before.start()]
    if _ADDRESS.search(line):
        return False
    if _clinical_word(word, lex):
        return True
    if word == "Act" and _named_act(text, line_start, before.start(), lex):
        return True  # "Mental Health Act 1983", "MHCTS Act 2003": a law's year
    return (
        word.isupper()
        and len(word) >= 3
        and word.lower() not in _STATES
        and word.lower() not in lex.places
        and _HISTORY.search(line) is not None
    )
