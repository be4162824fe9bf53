"""An age over 89 written right after a person's name the redactor found (session 47).

"kaumātua Matiu Te Whata (91) joined", "her friend Elsie (103) visits", "with Bill Jones, 94,
who": the number beside a name is that person's age. The age patterns (deid_ages) read such a
number only after a word no list knows or after a relative's word, because there they must
decide from the word alone whether it is a name ("Whata" is a listed word, "Ward (92)" a
ward). Once a rule has found the name, the doubt is gone: the number in brackets, or between
commas, right after a found person's name is an age, whatever the name's words are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_spans import Redaction, label

_PERSON_KINDS = frozenset({"name", "patient_name"})
# 90 to 119 in brackets ("(91)", "( 103 )"; "(100, in hospital)" since session 64), or after
# a comma and closed by a comma, a semicolon or a bracket ("Bill Jones, 94, who"): "Jones, 94
# Elm Street" is an address.
# Session 48 (dev46): or after a verb of being or turning, with or without a comma before it
# ("Her koro, Rewi, is 96 and in ...", "Elsie, who turned 101 in May"), closed by the clause's
# end, "and", "but" or the word years: "Rewi is 96 kg" and "Rewi was 92% saturated" stay.
_AGE_AFTER = re.compile(
    r"[ \t]*\([ \t]*(?P<b>9\d|1[01]\d)[ \t]*(?:\)|,(?![ \t]*\d))"
    r"|,[ \t]+(?P<c>9\d|1[01]\d)(?=[ \t]*[,;)])"
    r"|,?[ \t]+(?:who[ \t]+)?(?:is|was|turned|turns|is[ \t]+now|now)[ \t]+"
    r"(?P<v>9\d|1[01]\d)(?=[ \t]*(?:[,;.)]|\n|$|(?:and|but|years?|yrs?|this|last|next)\b))"
    # Session 49 (deid49a, dev47): or alone after the name before a dash that opens what is
    # wrong, as a list of patients writes it ("3. Mr Frank Bellamy 91 - prostate cancer"):
    # "Bellamy 91 kg" and "Ward Smith 92" (no dash) stay.
    r"|[ \t]+(?P<d>9\d|1[01]\d)(?=[ \t]+[-–—][ \t])"
)


def ages_after_names(text: str, spans: Iterable[Redaction]) -> Iterator[Redaction]:
    """The ages over 89 written right after the people's names among ``spans``."""
    for red in spans:
        if red.kind not in _PERSON_KINDS:
            continue
        found = _AGE_AFTER.match(text, red.end)
        if found is None:
            continue
        group = next(g for g in ("b", "c", "v", "d") if found.group(g))
        start, end = found.start(group), found.end(group)
        yield Redaction("age_over_89", start, end, text[start:end], label("age_over_89"))
