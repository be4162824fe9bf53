"""Ages over 89 after the age's cue of more languages and in German number words (session 63,
deid63b; issue 16).

* Italian writes the years before the number in a note's opening ("Paziente di anni 94",
  "Sig.ra B., anni 97, vedova"): "anni" after "di" or opening a field, and from 91 up
  anywhere but after an article or "da" ("Sig.ra B. anni 97 vedova"). "Negli anni 90" (the
  1990s) has none of these; "(anni 90)" opening a field is the 1990s too (review63b).
* Hebrew gives an age as "son of"/"daughter of" the years ("בן 97", "בת 94") and writes
  "age" ("גיל 95", "בגיל 92") before it; Russian, Ukrainian, Bulgarian, Greek, Turkish,
  Finnish, Romanian, Czech, Slovak, Baltic, Icelandic and Catalan write "age" before it too
  ("Возраст 96", "ηλικία: 93", "ikä 91", "vârsta 95"), as deid_ages reads it for the languages
  of its notes.
* English "Age in years: 99", and Spanish and Portuguese "a." for the years after "de"
  ("Paciente de 93 a., caída").
* German number words for 90 to 119, cardinal before the year's word ("einundneunzig Jahre",
  "hundertzwei Jahre alt", "hundertein Jahre") and ordinal before "Lebensjahr" ("im
  dreiundneunzigsten Lebensjahr"). "Neunzig Minuten", "hundert Prozent" have no year's word.

A unit, a percentage, a slash or a decimal after the number makes it a value ("ikä 95 %",
"בן 90 דקות" has no year's word but a unit of time: minutes, days, weeks, months).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_age_words_more import SPAN_OF_TIME_BEFORE, age_word_more_candidates
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_AGE = r"(?P<v>9\d|1[01]\d)(?![\w.,:/-]\d|[\w%/])"
# A count of time or a measure after the number: no age.
_NOT_YEARS = re.compile(
    r"[ \t]*(?:%|(?i:min\w*|minut\w*|sek\w*|days?|tag\w*|wochen|weeks?|months?|mesi|giorni|"
    r"settimane|ore|mg|kg|ml|cm|mm|g\b|mmhg)|דקות|ימים|שבועות|חודשים|שעות|מ\"ג|ק\"ג|"
    r"минут\w*|дн\w*|недел\w*|месяц\w*|мг|кг)"
)
_ITALIAN = re.compile(
    rf"(?:(?P<di>\bdi[ \t]+)|(?<=[,;(:])[ \t]*|^[ \t]*)(?i:anni)[ \t]*+:?[ \t]*+{_AGE}", re.M
)
# "Anni 90" opening a field is also the 1990s ("tonsillectomia (anni 90)", "Anamnesi:\nanni 90
# IMA"); 91 and over are no decade. Ninety is an age only set off by commas ("Sig.ra B., anni
# 90, vedova") or after "di" (review63b).
# 91 and over after "anni" anywhere but after an article or "da" ("Sig.ra B. anni 97 vedova";
# "dagli anni 95", "da anni 100 mg" stay; review63b).
_ITALIAN_OVER_NINETY = re.compile(
    r"(?<![\w'’])(?<!(?i:gli)[ \t])(?<!\b(?i:da|di)[ \t])(?i:anni)[ \t]*+:?[ \t]*+"
    r"(?P<v>9[1-9]|1[01]\d)(?![\w.,:/-]\d|[\w%/])"
)
_NINETY_SET_OFF = re.compile(r"(?<=,)[ \t]*(?i:anni)[ \t]*+:?[ \t]*+90[ \t]*,")
_AGE_WORD_FIRST = re.compile(
    r"(?<![\w])(?:בן|בת|בגיל|גיל|(?i:age[ \t]+\(?in[ \t]+years\)?|"
    r"возраст|вік|възраст|ηλικία|ηλικιας|yaşı|yaş|ikä|vârsta|"
    r"vârstă|varsta|věk|vek|amžius|vecums|vanus|aldur|edat))"
    rf"(?![\w])[ \t]*+:?[ \t]*+{_AGE}"
)
# Spanish and Portuguese "a." for años/anos after "de" ("mujer de 93 a.", "de 91 a,"); the
# preposition "a" goes on ("de 95 a la semana").
_SPANISH_A = re.compile(rf"\b(?i:de)[ \t]+{_AGE}(?=[ \t]?a(?:\.|[ \t]*[,;)]))")
_UNITS = r"neun|acht|sieben|sechs|fünf|vier|drei|zwei|ein"
# 90-99: "neunzig", "einundneunzig"...; 100-119: "hundert", "hundert(und)eins", "hundertzwei",
# "hundertzehn", "hundertelf", "hundertzwölf", "hundertdreizehn"... "hundertneunzehn".
_CARDINAL = (
    rf"(?:(?:{_UNITS})und)?neunzig|hundert(?:und)?(?:eins?|{_UNITS}|zehn|elf|zwölf|"
    rf"(?:drei|vier|fünf|sech|sieb|acht|neun)zehn)?"
)
_ORDINAL = (
    rf"(?:(?:{_UNITS})und)?neunzigst|hundertst|hundert(?:und)?(?:erst|zweit|dritt|viert|"
    r"fünft|sechst|siebt|acht|neunt|zehnt|elft|zwölft)"
)
_GERMAN = re.compile(
    rf"(?i:(?<![\w]){SPAN_OF_TIME_BEFORE}(?P<v>{_CARDINAL})"
    r"(?=[ \t]*-?[ \t]*(?:jahre\b|jahren\b|jährig))|"
    rf"(?<![\w])(?P<o>(?:{_ORDINAL})(?:e|en|er|es))(?=[ \t]+lebensjahr))"
)


def age_cue_candidates(text: str) -> Iterator[Redaction]:
    """The ages of the module docstring."""
    found: set[int] = set()  # "Sig.ra B., anni 97" is read by both Italian patterns
    for pattern in (_ITALIAN, _ITALIAN_OVER_NINETY, _AGE_WORD_FIRST, _SPANISH_A):
        for match in skipped_finditer(pattern, text):
            if _NOT_YEARS.match(text, match.end("v")) or _decade(match):
                continue
            if match.start("v") not in found:
                found.add(match.start("v"))
                yield _age(text, match.start("v"), match.end("v"))
    for match in skipped_finditer(_GERMAN, text):
        group = "v" if match.group("v") else "o"
        yield _age(text, match.start(group), match.end(group))
    # More compounds and number words, a relative's age after a preposition (session 64:
    # deid_age_words_more).
    yield from age_word_more_candidates(text)


def _decade(match: re.Match[str]) -> bool:
    """ "Anni 90" opening a field, not set off by commas: the 1990s."""
    return (
        match.re is _ITALIAN
        and match.group("v") == "90"
        and not match.group("di")
        and not _NINETY_SET_OFF.match(match.string, match.start())
    )


def _age(text: str, start: int, end: int) -> Redaction:
    return Redaction("age_over_89", start, end, text[start:end], label("age_over_89"))
