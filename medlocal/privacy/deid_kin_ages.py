"""Ages over 89 written as an attribute of a person word (session 53, deid53b; issue 16).

Safe Harbor removes every age over 89, whoever's it is. deid_ages reads an age after the
relatives it lists and after a verb of age; notes also write it as the bare attribute of any
person word a family history or a social history uses ("Her son, 91, was on the same flight",
"Mother: 94, frail", "Dad 97.", "jetzt 96,"), after the pronoun's future ("She will be 100 in
March") and as the second of a list of ages ("ages 91 and 93"). The person words are the shared
relation list (deid_people_words.RELATIONS) less its function words, so a new relation added
there is read here too.

What keeps a clinical number out: the number stands alone (90 to 119, not a decimal, not a
range) and is closed by what closes an age - a comma, a semicolon, a stop, a bracket, the line's
end, "and", a year's word, "today" - never by a unit ("Sister 96 kg" is no age; "Husband: 95%"
neither).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_people_words import RELATIONS
from medlocal.privacy.deid_spans import Redaction, label

# Words of the relation list that tell how a person was reached, or name a job a number often
# follows ("coach 94" is a vehicle), not a person whose attribute an age is.
_NOT_PERSONS = frozenset(
    {"with", "by", "to", "named", "called", "and", "informed", "notified", "paged", "updated",
     "contacted", "told", "per", "coach", "member", "officer", "manager", "worker", "kin"}
)  # fmt: skip
_PERSONS = "|".join(sorted((re.escape(w) for w in RELATIONS - _NOT_PERSONS), key=len, reverse=True))
_AGE = r"9\d|1[01]\d"
# What closes an age: punctuation, the line's end, a list's "and", a year's word, a day word.
_CLOSE = (
    r"(?![.,]\d)(?=[ \t]*(?:[,;)]|\.(?!\d)|$)|[ \t]+(?i:and|y|yo|yrs?|years?|today|now|this|"
    r"next|last|in|at|lives?|living|still)\b)"
)
# Between the person word and the number: a colon or comma, or a verb of age, or "now" in the
# languages of the notes ("jetzt", "nu", "maintenant", "ahora", "agora", "teraz", "nå").
_BETWEEN = (
    r"(?:[ \t]*[:,][ \t]*|[ \t]+)"
    r"(?:(?i:is|was|now|now[ \t]+aged|aged|who[ \t]+is|jetzt|nun|nu|maintenant|ahora|agora|"
    r"teraz|nå|ist|est|es|é)[ \t]+)?"
)
# Speed: an age is rare, so each number of 90 to 119 is found first and the words before it
# are read backwards from it (the person word and what stands between, up to 60 characters).
_NUMBER = re.compile(rf"(?<![\w./-])(?<!\d,)(?P<v>{_AGE})\b{_CLOSE}", re.M)
_KIN_BEFORE = re.compile(rf"(?i:\b(?:{_PERSONS})(?:['’]s)?)(?![\w-]){_BETWEEN}\Z")
# "now 96," in another language after any word ("Großmutter mütterlicherseits, jetzt 96,").
_NOW_AGE = re.compile(
    rf"(?i:\b(?:jetzt|maintenant|ahora|agora|teraz|nå)[ \t]+)(?P<v>{_AGE})\b"
    r"(?![.,]\d)(?=[ \t]*(?:[,;)]|\.(?!\d)|$))",
    re.M,
)
# The pronoun's future or present of age ("She will be 100 in March", "he is turning 95").
_WILL_BE = re.compile(
    r"(?i:\b(?:he|she|they|who)[ \t]+(?:will[ \t]+be|would[ \t]+be|would[ \t]+have[ \t]+been|"
    r"is[ \t]+turning|was[ \t]+turning|has[ \t]+turned|had[ \t]+turned)[ \t]+)"
    rf"(?P<v>{_AGE})\b(?![.,]\d)"
    r"(?![ \t]*(?:%|/|(?i:mg|mcg|kg|mmhg|bpm|units?|ml|cm|mm|percent|degrees|minutes?|days?|"
    r"weeks?|months?|times|points?|miles?|km)\b))"
)
# The ages of a list after an age's cue ("ages 91 and 93", "aged 92, 94 and 97").
_AGE_LIST = re.compile(
    rf"(?i:\bage[sd]?[ \t]*:?[ \t]*)(?:\d{{1,3}})(?:[ \t]*(?:,|and|&)[ \t]*(?:{_AGE})\b)+"
)
_LISTED = re.compile(rf"(?<![\w.])(?P<v>{_AGE})\b(?![.,]\d)")


def kin_age_candidates(text: str) -> Iterator[Redaction]:
    """Ages over 89 after a person word, "now" in another language, a pronoun's future, or in a
    list after an age's cue."""
    if not any(c in text for c in "91"):
        return
    for match in skipped_finditer(_NUMBER, text):
        if _KIN_BEFORE.search(text[max(0, match.start() - 60) : match.start()]):
            yield Redaction(
                "age_over_89", match.start("v"), match.end("v"), match.group("v"),
                label("age_over_89"),
            )  # fmt: skip
    for pattern in (_NOW_AGE, _WILL_BE):
        for match in skipped_finditer(pattern, text):
            yield Redaction(
                "age_over_89", match.start("v"), match.end("v"), match.group("v"),
                label("age_over_89"),
            )  # fmt: skip
    for match in skipped_finditer(_AGE_LIST, text):
        for item in _LISTED.finditer(text, match.start(), match.end()):
            yield Redaction(
                "age_over_89", item.start("v"), item.end("v"), item.group("v"),
                label("age_over_89"),
            )  # fmt: skip
