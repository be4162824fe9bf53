"""Ages over 89 in the shorthand of headers and key-value tables (session 54, deid54c; issue 16).

deid_ages reads an age after a label with a colon ("Age: 94", "Edad: 93") and a sex letter in
capitals after the patient's word ("Pt 91 M"). Notes also write:

* a key-value table's row, the label and its value in two cells ("| Age | 94 |", "AGE | 94 |
  SEX | F", "| Età | 97 |", "| Age (years) | 96 |"), or the label and a dash ("Age - 95");
* the American "year-old female" shorthand glued to the number ("93 yof", "93yom", "91 yowf");
* a sex letter in lower case, or in capitals with no patient word, after the number ("pt 93 f",
  "hx: 95 f, falls", "93 M with chest pain", "mrs k 96 f").

What keeps a clinical number out: the number stands alone (90 to 119, no decimal, no range, no
slash but a sex's); a temperature's word on the line before it makes "101 F" Fahrenheit ("Temp
was 101 F", "febrile to 100 F"); a lower- or upper-case "m" is a sex only where a field opens
(the line's start, after a colon, a comma or a bracket) or after the patient's word or an
article ("a 95 m"), since after a walk it is metres ("walked 100 m").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_AGE = r"9\d|1[01]\d"
# The age's label in the languages of the notes ("Alter" only capitalised: "do not alter").
_LABELS = (
    r"(?-i:Alter|ALTER)|(?i:age|âge|edad|idade|ålder|alder|leeftijd|wiek|età|umur|yaş|"
    r"возраст|年齢|年龄|나이)"
)
# A qualifier of the label in brackets ("Age (years)", "Età (anni)").
_QUALIFIER = r"(?:[ \t]*\([ \t]*(?i:y|yrs?|years|anni|años|ans|jahre|jaar|år|lat|anos)[ \t]*\))?"
# What closes an age: punctuation, a sex letter, "y"/"yrs", the line's end; never a unit.
_CLOSE = (
    r"(?![.,]\d)(?![ \t]*(?:%|/(?![ \t]*[MFmf]\b)|[-–][ \t]*\d|(?i:mg|mcg|kg|g|ml|mmhg|bpm|cm|"
    r"mm|units?|iu|u|mmol|°|degrees?)\b))"
)
# A key-value cell: the label, a pipe, "=" or a dash with a blank after, then the number.
# Speed: the separator and the number are found first, the label read backwards from there.
_CELL = re.compile(rf"(?:\||=|[-–](?=[ \t]))[ \t]*(?P<v>{_AGE})\b{_CLOSE}")
_CELL_LABEL = re.compile(rf"(?<![\w-])(?:{_LABELS}){_QUALIFIER}[ \t]*\Z")
# "93 yof", "93yom", "91 yowf", "94 y/o/f": a year-old's sex glued to its shorthand.
_YO_SEX = re.compile(rf"(?<![\w.,/-])(?P<v>{_AGE})[ \t]?(?i:y/?o/?[wbhac]?[mf])\b")
# A sex letter after the number ("pt 93 f", "93 M with chest pain").
_SEX_AFTER = re.compile(
    rf"(?<![\w.,/-])(?P<v>{_AGE})[ \t]+(?P<s>[MFmf])\b(?![ \t]*(?:\d|/\d|[-–]\d))"
    r"(?=[ \t]*(?:[,;:.)]|$)|[ \t]+[^\W\d_])",
    re.M,
)
# Where a field opens: the line's start (a bullet allowed), a colon, semicolon, comma or bracket.
_FIELD_START = re.compile(r"(?:^[ \t]*(?:[-*•>][ \t]*)?|[:;,(\[][ \t]*)\Z")
# The patient's word or an article right before the number ("pt 93 f", "a 95 m").
_PERSON_BEFORE = re.compile(
    r"(?i:\b(?:pt|pts|patient|client|resident|a|an|this|the|is|was|mr|mrs|ms|miss|mx))\.?[ \t]+\Z"
)
# A temperature's word on the line before: "101 F" is then Fahrenheit.
_TEMPERATURE = re.compile(
    r"(?i:temp|fever|febrile|pyrex|spik|t[ \t]?max|°|deg|oral|axill|rectal|tympanic|"
    r"fahrenheit|\bt\b)"
)


def age_cell_candidates(text: str) -> Iterator[Redaction]:
    """Ages over 89 in a key-value cell, in the "yof" shorthand and with a sex letter after the
    number (see the module docstring)."""
    if "9" not in text and "1" not in text:
        return
    for match in skipped_finditer(_CELL, text):
        if _CELL_LABEL.search(text, max(0, match.start() - 30), match.start()):
            yield _age(match)
    for match in skipped_finditer(_YO_SEX, text):
        yield _age(match)
    for match in skipped_finditer(_SEX_AFTER, text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 40) : match.start()]
        if _TEMPERATURE.search(text, line_start, match.start()):
            continue
        if match.group("s") in "mM" and not (
            _FIELD_START.search(before) or _PERSON_BEFORE.search(before)
        ):
            continue
        yield _age(match)


def _age(match: re.Match[str]) -> Redaction:
    return Redaction(
        "age_over_89", match.start("v"), match.end("v"), match.group("v"), label("age_over_89")
    )
