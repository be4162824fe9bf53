"""Days written the short ways notes of many countries write them (session 55, deid55c).

Two forms were left whole by the date patterns:

* a day joined to a month's word or abbreviation by a slash, hyphen or dot, with no year:
  "(14/ago)", "20/set", "5-out", "12/déc", "3-janv", "12/Dez", "3.Mär", "3/Sep" (the month
  words of English, Spanish, Portuguese, French, Italian, German and Dutch);
* a day and a month in digits joined by a dot after a day of the week: "śr. 9.12", "Mo
  04.12", "Thu 10.12." (a slash after a weekday is read by deid_dates already; a hyphen is
  left: "Monday 9-12" is a clinic's hours).

What keeps a clinical number out: the day is 1-31 and the month 1-12 or a month's word; a
year or another number right after is left to the date patterns ("14/ago/2026") and a unit or
a decimal refuses the reading ("Sa 4.5 mg"); a month word that is also a word ("out", "set",
"mag") counts only glued to its day by the joiner, never before "of" ("3/out of 10"); a two- or
three-letter weekday counts only capitalised or with its dot ("sat 9.12" is a saturation, "Sat
9.12" and "sat. 9.12" days).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
_MONTH_WORDS = (
    # English
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
    # Spanish and Portuguese
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre", "ene", "abr", "ago", "set", "dic",
    "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro", "fev", "mai", "out", "dez",
    # French
    "janvier", "février", "fevrier", "mars", "avril", "juin", "juillet", "août", "aout",
    "septembre", "octobre", "décembre", "janv", "févr", "fevr", "avr", "juil", "déc",
    # Italian
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre", "gen", "mag", "giu", "lug", "ott",
    # German and Dutch
    "januar", "jänner", "februar", "märz", "juni", "juli", "oktober", "dezember", "jän", "mär",
    "mrz", "okt", "maart", "mei", "augustus", "mrt",
)  # fmt: skip
# Month words that are also English words: read only where no word in lower case follows
# ("2/may not apply", "3/out of 10"; "(14/may)", "20/set;" are days).
_ALSO_WORDS = frozenset({"may", "set", "out", "mar", "gen", "mag", "dec"})
_LOWER_WORD_AFTER = re.compile(r"[ \t]+[a-z]")
_MONTH_WORD = "|".join(sorted(set(_MONTH_WORDS), key=len, reverse=True))
# A day, its joiner, the month's word, glued (a numbered list writes "3. Set ..."); no year,
# number or "of" after it.
_DAY_MONTH_WORD = re.compile(
    rf"(?<![\w/.,-]){_DAY}[/.-](?i:{_MONTH_WORD})\.?(?![^\W\d_])"
    r"(?![ \t]*[/.-][ \t]*\d)(?![ \t]+(?i:of)\b)"
)
_FULL_WEEKDAYS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
    "domingo", "segunda", "terça", "terca", "quarta", "quinta", "sexta",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela",
)  # fmt: skip
# Short weekdays: read only capitalised or with a dot ("Mo", "śr.", "SAT"); those that are
# also words ("Do", "So", "Ma", "Mi", "Pt", "Sex", "Ter"; "Sat" a saturation, "Fr" a gauge) only
# with their dot.
_SHORT_WEEKDAYS = (
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sun",
    "mo", "di", "sa", "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
    "mié", "mie", "jue", "vie", "sáb", "sab", "dom", "seg", "qua", "qui", "gio",
    "vr", "pon", "wt", "śr", "czw", "sob", "nd", "niedz",
)  # fmt: skip
_DOTTED_ONLY = ("do", "so", "ma", "mi", "wo", "za", "zo", "pt", "sex", "ter", "sat", "fr")
_DOTTED = "|".join(
    rf"(?i:{re.escape(word)})\."
    for word in sorted(set(_SHORT_WEEKDAYS + _DOTTED_ONLY), key=len, reverse=True)
)
# In capitals only from three letters: "HAQ-DI 1.5" is a score, "MO 2.5" no Monday.
_CAPITALISED = "|".join(
    alternative
    for word in sorted(set(_SHORT_WEEKDAYS), key=len, reverse=True)
    for alternative in (
        (word.capitalize(), word.upper()) if len(word) > 2 else (word.capitalize(),)
    )
)
_FULL = "|".join(_FULL_WEEKDAYS)
# What may not follow the day and month: a digit, a decimal, a unit.
_NOT_A_VALUE = (
    r"(?![\d]|[.,-]\d|[ \t]*(?:%|(?i:mg|mcg|µg|g|kg|ml|l|mmol|units?|iu|cm|mm|kpa|mmhg|bpm|"
    r"ng|nmol|pmol|µmol|umol|mu|miu|ui|x|s|ms|mv|cmh2o|l/min|/min)\b))"
)
# A weekday, perhaps a comma, then the day and month in digits joined by a dot. Not a hyphen:
# "Monday 9-12" is a clinic's hours, "Thu 1-2" a count. Speed: the day and month are found
# first, the weekday read backwards from there.
_DAY_DOT_MONTH = re.compile(
    rf"(?<=[ \t])(?<![\w.]){_DAY}\.{_MONTH_NUMBER}(?![\d])\.?{_NOT_A_VALUE}"
)
_WEEKDAY_BEFORE = re.compile(rf"(?<![\w.-])(?:(?i:{_FULL})|{_DOTTED}|{_CAPITALISED})\.?,?[ \t]+\Z")


def day_month_word_candidates(text: str) -> Iterator[Redaction]:
    """Dates for a day and a month's word, and a day and month after a weekday (see above)."""
    for match in skipped_finditer(_DAY_MONTH_WORD, text):
        word = match.group().rstrip(".").lstrip("0123456789/.- \t").lower()
        if word in _ALSO_WORDS and _LOWER_WORD_AFTER.match(text, match.end()):
            continue
        yield Redaction("date", match.start(), match.end(), match.group(), label("date"))
    for match in skipped_finditer(_DAY_DOT_MONTH, text):
        if _WEEKDAY_BEFORE.search(text, max(0, match.start() - 20), match.start()) is None:
            continue
        day = match.group().rstrip(".")
        yield Redaction("date", match.start(), match.start() + len(day), day, label("date"))
