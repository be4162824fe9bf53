"""People named in a list of those present, apologising or copied (round 19).

Minutes and letters list people after a label: "Present: Street (chair), Hill, Ahmed
(oncology),", "Apologies: York.", "cc: Dr Amy Jones; Ward, Bill". Each item is a surname or a
name, perhaps after a title and before a bracketed role, and the list runs on over lines that end
with a comma. Such surnames are often plain words ("Ward", "Bishop", "Street", "York") that the
word scan leaves; the list's label says they are people. An item is taken only where each of its
words is a listed name or a word no list knows: "Present: Patient, Mother" and "cc: Ward 7"
name no one. An item that does not fit the list's shape ends the list.

A listed surname that is a plain word ("Hill", "Lane") is the person again elsewhere in the same
text where a person's context holds it: before a verb of what people say or do ("Hill feels fit",
"Lane to meet the family"), after "with", "under", "per" or "by" before a clause's end, or alone
in brackets ("CNS (Lane, 0113 ...)"). "Ward round", "Bishop score" and "Hill Street" keep their
words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label

# The label of such a list: a line's opening, a field gap or a sentence's end before it.
_LIST_LABEL = re.compile(
    # Each opening tried once per run of blanks (a long run of spaces stays linear).
    r"(?:^[ \t]*|(?<=\.)[ \t]+|(?<![ \t])[ \t]{2,}|(?<![ \t])\t[ \t]*)"
    r"(?i:present|attendees|in[ \t]+attendance|attended[ \t]+by|apologies|apologies[ \t]+from|"
    r"cc|bcc|copy[ \t]+to|copies[ \t]+to|cc[ \t]+to|distribution|circulation)[ \t]*:",
    re.M,
)
# One item: a title perhaps, one or two capitalised words, a bracketed role perhaps, then the
# separator (a comma or semicolon, "and", or the list's end: a full stop, the line's end).
_ITEM = re.compile(
    r"[ \t]*(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sr|Sister|Nurse)\.?[ \t]+)?"
    r"(?P<n>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?)"
    r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?"
    r"(?P<sep>[,;&]|and\b|\.(?=\s|\Z)|(?=\n)|\Z)"
)
_NO_NAMES = ROLES | TITLES | RELATIONS


# What a person does or says after the surname ("Hill feels", "Lane to meet", "Ahmed agrees").
_VERB_AFTER = (
    r"[ \t]+(?:agrees?|feels|felt|notes|noted|thinks|suggests|suggested|recommends|recommended|"
    r"reports|reported|says|said|will|would|wants|asks|asked|advises|advised|confirms|confirmed|"
    r"states|stated|explains|explained|reviewed|reviews|plans|planned|prefers|requests|"
    r"requested|discussed|presented|presents|is|was|has|had|to[ \t]+(?:meet|see|review|call|"
    r"phone|contact|discuss|arrange|refer|follow|check|speak|chase|book|write|liaise))\b"
)
_PERSON_BEFORE = r"\b(?:with|under|per|by)[ \t]+"
_CLAUSE_END = r"(?=[ \t]*(?:[,;.)]|$|[ \t](?:on|at|in|for|and|re)\b))"


def attendee_spans(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """The people in ``text``'s lists of those present, apologising or copied, and where a
    listed plain-word surname stands for the person again."""
    if ":" not in text:
        return
    plain: set[str] = set()
    for red in _listed(text, lex):
        yield red
        if lex.known(red.original.lower()) and " " not in red.original:
            plain.add(red.original)
    if not plain:
        return
    names = "|".join(sorted(map(re.escape, plain)))
    again = re.compile(
        rf"(?<![\w'’-])(?P<n>{names}){_VERB_AFTER}|{_PERSON_BEFORE}(?P<w>{names}){_CLAUSE_END}"
        rf"|(?<=\()(?P<b>{names})(?=[,)])",
        re.M,
    )
    for match in again.finditer(text):
        group = "n" if match.group("n") else "w" if match.group("w") else "b"
        start, end = match.span(group)
        yield Redaction("name", start, end, text[start:end], label("name"))


def _listed(text: str, lex: Lexicon) -> Iterator[Redaction]:
    for found in skipped_finditer(_LIST_LABEL, text):
        at = found.end()
        while True:
            item = _ITEM.match(text, at)
            if item is None:
                break
            if _person(item.group("n"), lex):
                start, end = item.span("n")
                yield Redaction("name", start, end, text[start:end], label("name"))
            at = item.end()
            sep = item.group("sep")
            if sep in (",", ";", "&", "and"):
                # A list wraps after its comma onto the next line.
                if text.startswith("\n", at) or text[at : at + 2].strip(" \t") == "\n":
                    at = text.index("\n", at) + 1
                continue
            break


def _person(name: str, lex: Lexicon) -> bool:
    """Whether every word of an item is a listed name or unknown, and none says a role."""
    for word in name.split():
        lower = word.lower()
        if lower in _NO_NAMES or (word.isupper() and len(word) <= 4) or lex.clinical(lower):
            return False
        if lower not in lex.surnames and lower not in lex.given_names and lex.known(lower):
            return False
    return True
