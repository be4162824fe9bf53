"""A signing label's field that lists problems or tests, not signers (issue 16, session 58,
deid58a).

"Reviewed:" and "Seen:" sign a note ("Reviewed: JK"), but a note as often lists under them what
was reviewed: "Reviewed: MI, AF, LVSD", "Seen: TIA 2019, HTN", "Reviewed: PONV, OSA, DVT
prophylaxis". deid_initial_signs took each capital run there as a person's initials (on dev69,
written blind, 29 of 98 damaged terms: MI, AF, TIA, HTN, POAG, NCS, ...). What tells the two
apart is the rest of the field, not the initials alone (two capitals are as often someone's
initials as an abbreviation):

* an item of the field that reads as a clinical entry: a listed abbreviation followed by a word
  in lower case or a stage ("CKD 3a", "OA knees", "AF on warfarin", "LP not needed"), a listed
  abbreviation of three or more letters ("PONV", "UTI", "COPD"), or an abbreviation written in
  mixed case ("HFpEF", "T2DM") makes the whole field a clinical list;
* after "Reviewed:" or "Seen:", two or more items that are all listed abbreviations
  ("Reviewed: MI, AF") are a list of problems too; one that no list knows makes the field a
  list of signers ("Reviewed: AB, JK").

Signers stay people: initials no list knows, whatever else the field lists ("Checked: JK, ZQ";
"Seen: MS, JT, CKD 3a", where review58d found "JT" kept beside "CKD 3a"), a signer before a role
or a name ("Signed: MK, RN", "Signed: MK, Dr Mikko Korhonen"), and a single listed pair alone
("Reviewed: MS"), where nothing else in the field says it is a problem.
"""

from __future__ import annotations

import re

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_people_words import ROLES

# The labels whose object is as often what was looked at as who looked.
_WHAT_LABELS = re.compile(r"(?i:reviewed|seen)[ \t]*:[ \t]*\Z")
# The field: up to its line's end, a sentence's full stop or a gap to the next field.
_FIELD = re.compile(r"[^\n]*?(?=\n|\Z|\.(?:[ \t]|$)|[ \t]{2,}|\t)", re.M)
# An item of the field, without the blanks around it.
_ITEM_PIECE = re.compile(r"[^,;\s](?:[^,;\n]*[^,;\s])?")
# An item's leading abbreviation and what follows it in the item.
_ITEM = re.compile(r"(?P<abbr>[A-Za-z][A-Za-z0-9&]{1,7})(?P<rest>.*)\Z", re.S)
# What makes an abbreviation's item a clinical entry: a word in lower case, or a stage or grade
# of one or two digits ("CKD 3a", "DM tip 2"); not a clock time ("TQ 0811").
_CONTINUATION = re.compile(r"[ \t]+(?:[a-zà-ÿ]{2,}|\d{1,2}[a-z]?\b(?![:.]?\d))")
# Mixed case inside an abbreviation: a capital after a small letter or a digit ("HFpEF",
# "T2DM"), not a name's "Mc" or "Mac" ("McD").
_MIXED = re.compile(r"(?:[a-z]|\d)[A-Z]")
_NAME_PREFIX = re.compile(r"(?:Ma?c|O)[A-Z]")
# An item that is two initials alone ("JT", "J.T.").
_BARE_INITIALS = re.compile(r"[A-Z]{2}")
_CREDENTIALS = frozenset(
    {"RN", "EN", "RGN", "RMN", "RM", "MW", "HCA", "CSW", "SN", "NA", "LPN", "CNA", "EMT", "ODP",
     "MD", "DO", "NP", "PA", "CNS", "ANP", "PHD", "MRCP", "FRCS", "MBBS", "FRCP"}
)  # fmt: skip


def _listed(abbr: str, lex: Lexicon) -> bool:
    """A clinical abbreviation some list knows, not a role or a credential."""
    if abbr.upper() in _CREDENTIALS or abbr.lower() in ROLES:
        return False
    return (
        abbr.upper() in default_abbreviations().senses
        or abbr.lower() in CLINICAL_SHORT
        or lex.clinical(abbr.lower())
    )


def _clinical_item(item: str, lex: Lexicon, own: bool) -> bool:
    """Whether one item of the field reads as a clinical entry; ``own``: the item the initials
    open, where only what follows them can tell (three listed capitals are someone's initials
    as often as an abbreviation)."""
    match = _ITEM.match(item)
    if match is None:
        return False
    abbr, rest = match.group("abbr"), match.group("rest")
    if not own and _MIXED.search(abbr) and not _NAME_PREFIX.match(abbr):
        return abbr[:1].isupper() and sum(c.isupper() for c in abbr) >= 2
    if not abbr.isupper() or not _listed(abbr, lex):
        return False
    return (len(abbr) >= 3 and not own) or _CONTINUATION.match(rest) is not None


def problem_field(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the initials ``text[start:end]``, right after a signing label's colon, stand in a
    field that lists problems or tests (see the module's docstring)."""
    line_start = text.rfind("\n", 0, start) + 1
    colon = text.rfind(":", line_start, start)
    field = _FIELD.match(text, start)
    if colon < 0 or field is None:
        return False
    items = [
        (piece.start(), piece.end()) for piece in _ITEM_PIECE.finditer(text, colon + 1, field.end())
    ]
    # Two capitals no list knows, alone in their item, are a signer's initials, and a field with
    # a signer in it signs (review58d: "Reviewed: JT, COPD" and "Seen: MS, JT, CKD 3a" kept
    # "JT"). Three are as often an abbreviation no list knows ("RHD", "DHF", "OHS") as
    # initials, and are left to the rest of the field.
    if any(_bare_unlisted(text[a:b], lex) for a, b in items):
        return False
    if any(_clinical_item(text[a:b], lex, own=a == start) for a, b in items):
        return True
    return (
        len(items) >= 2
        and _WHAT_LABELS.search(text, max(line_start, colon - 12), colon + 1) is not None
        and all(_listed(_leading(text[a:b]), lex) for a, b in items)
    )


def _bare_unlisted(item: str, lex: Lexicon) -> bool:
    bare = item.replace(".", "")
    return _BARE_INITIALS.fullmatch(bare) is not None and not _listed(bare, lex)


def _leading(item: str) -> str:
    match = _ITEM.match(item.replace(".", ""))
    return match.group("abbr") if match is not None else ""
