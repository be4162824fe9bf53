"""Ages over 89 in phrases the age rules left in view (session 60, deid60b; issue 16).

Read on the blind half dev74 and in the same shapes elsewhere:

* "95+ yrs": the age and its plus go as one, so that the replacement reads "90+ yrs", not
  "90++ yrs" (deid_age_shorthand took the digits alone);
* the far end of a range of ages whose near end is over 89 ("aged 94-96", "ages 92 to 95");
* the patient's own age after the word for the patient, as a household's or a table's list
  writes it ("patient 97, husband 99"; deid_kin_ages reads the relatives');
* the Spanish and Portuguese "tiene 96" / "tem 96" (she is 96), with the clause's end or the
  age's word after it;
* a hundred in words before the word for years, in nine languages ("di cento anni", "sto let",
  "hundert Jahre", "cien años"), and the Swedish and Norwegian "fyller hundra" (turns a
  hundred).

A measure, a percentage or a count after the number is none of these ("patient 97%", "patient
92 kg", "tiene 96 latidos").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_age_words_more import SPAN_OF_TIME_BEFORE

# An age over 89 in digits, alone (not inside a longer number, a decimal or a date).
_AGE = r"(?<![\w.,/:-])(?P<v>9\d|1[01]\d)"
# The clause's end or the age's word after the age.
_AGE_END = (
    r"(?![\w.,:/%-]\d)(?![ \t]*%)"
    r"(?=[ \t]*(?:[,;:)]|\.(?!\d)|$|(?i:y|yrs?|years?|y/?o|años|anos)\b))"
)

AGE_PHRASE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "95+ yrs", "95+ years old".
    (
        "age_over_89",
        re.compile(r"(?<![\w.,/:-])(?P<v>9[1-9]\+|1[01]\d\+)(?=[ \t]*(?i:years?|yrs?|y/?o)\b)"),
    ),
    # "aged 94-96", "ages 92 to 95", "Alter 91-93". The blank runs around the colon are
    # possessive: side by side they were quadratic before a long run of tabs (review 62d).
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:aged?|ages|alter|edad(?:es)?|idade|[âa]ge)[ \t]*+:?[ \t]*+)"
            r"(?P<v>(?:9\d|1[01]\d)[ \t]*(?:[-–]|(?i:to|and|or|bis|a|y|e|et))[ \t]*"
            r"(?:9\d|1[01]\d))(?![\w.,/:-]\d)(?![ \t]*%)"
        ),
    ),
    # "patient 97, husband 99", "Pt: 94."
    (
        "age_over_89",
        re.compile(
            rf"(?i:\b(?:patient|pt|resident|client|claimant)\b)[ \t]*+:?[ \t]*+{_AGE}{_AGE_END}",
            re.M,
        ),
    ),
    # "ella tiene 96,", "tem 94 anos".
    (
        "age_over_89",
        re.compile(
            rf"(?i:\b(?:tiene|ten[íi]a|cumple|cumpli[óo]|tem|tinha|completou|fez)[ \t]+){_AGE}"
            rf"{_AGE_END}",
            re.M,
        ),
    ),
    # "di cento anni", "sto let", "hundert Jahre"; not a span of time ("seit hundert Jahren",
    # "hace cien años"; session 64, deid_age_words_more).
    (
        "age_over_89",
        re.compile(
            rf"(?i:\b{SPAN_OF_TIME_BEFORE}"
            r"(?P<v>cento|sto|hundert|cien|cem|honderd|hundrede|hundre|hundra|cent)"
            r"(?=[ \t]+(?:anni|let|lat|jahre?n?|años|anos|jaar|år|ans)\b))"
        ),
    ),
    # "fyller hundra", "fyller hundre".
    ("age_over_89", re.compile(r"(?i:\bfyller[ \t]+(?P<v>hundra|hundre)\b)")),
]
