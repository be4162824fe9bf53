"""Ages over 89 in shorthand and forms deid_ages did not read (session 59, deid59b; issue 16).

Safe Harbor removes every age over 89. deid_ages reads the age beside its English and foreign
words ("95 yo", "95 Jahre", "95 anni", "95-letni"); left in view were:

* the German year of life, an ordinal of 91 or more ("im 94. Lebensjahr", "94. LJ": the 94th
  year is age 93; the 90th is age 89 and stays), and its abbreviation after the age ("93 Lj.");
* the Italian age after "di anni" or "età anni" ("di anni 95"; "negli anni 90" is the 1990s and
  stays), and the one-word "95enne";
* English shorthand "y-o" and "yoa" ("a 95-y-o man", "93 yoa"), and "95+ years" (Safe
  Harbor's own class "90+" stays);
* the Turkish "yaş" alone ("95 yaş");
* the patient's own death or life span ("died at 94", "lived to 101", "lived till 96" since
  review59d), where deid_ages read only a relative's; only the clause's end, "years" or a small
  word may follow the number ("made it to 100 metres", "died at 04:30", "died at 95%" stay).
"""

from __future__ import annotations

import re

# An age over 89 in digits, alone (not inside a longer number, a decimal or a date).
_AGE = r"(?<![\w.,/:-])(?P<v>9\d|1[01]\d)"
# After "died at 94", "lived to 101": the clause's end, the age's word or a small word that goes
# on with the sentence; a measure ("made it to 100 metres", "died at 95% saturation") is none.
_AGE_THEN = (
    r"(?![\w.,:/-]\d)(?=[ \t]*(?:[,;:)!?]|\.(?!\d)|$|(?i:years?|yrs?|y/?o|in|on|at|after|of|"
    r"and|with|from|last|this|when|while|following|peacefully)\b))"
)

AGE_SHORTHAND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "im 94. Lebensjahr", "94. LJ": an ordinal of 91 or more.
    (
        "age_over_89",
        re.compile(
            r"(?<![\w.,/:-])(?P<v>9[1-9]|1[01]\d)\.[ \t]*(?:Lebensjahr(?:e?s)?\b|LJ\b|Lj\.?)"
        ),
    ),
    # "93 Lj.", "95enne", "95-y-o", "93 yoa", "95 yaş", "95+ years".
    (
        "age_over_89",
        re.compile(
            rf"{_AGE}(?:[ \t]?(?:Lj\.?|LJ)\b|[ \t-]?enne\b|[ \t-]?(?i:y-o|yoa)\b|"
            r"[ \t]+ya[şs](?:[ıi]nda|l[ıi])?\b|(?<!90)\+[ \t]*(?i:years?|yrs?)\b)"
        ),
    ),
    # "di anni 95", "età anni 95", "anni: 95".
    (
        "age_over_89",
        re.compile(rf"(?i:\b(?:di|et[àa])[ \t]+anni[ \t]*:?[ \t]*|\banni[ \t]*:[ \t]*){_AGE}\b"),
    ),
    # "died at 94", "died aged 94", "passed away at 96", "lived to 101".
    (
        "age_over_89",
        re.compile(
            r"(?i:\b(?:died|passed[ \t]+away|deceased)[ \t]+(?:at|aged)(?:[ \t]+the[ \t]+age"
            r"[ \t]+of)?|\blived[ \t]+(?:to|till|until)(?:[ \t]+the[ \t]+age[ \t]+of)?|"
            r"\bmade[ \t]+it[ \t]+to)"
            rf"[ \t]+{_AGE}{_AGE_THEN}",
            re.M,
        ),
    ),
]
