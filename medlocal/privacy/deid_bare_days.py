"""A day of the month written alone, its month left to the reader (issue 16, session 60, deid60c).

A day is an element of a date. Notes of other languages name it with the article or preposition
of a date and no month: "douleurs depuis le 26", "reprise dès le 28", "CRP 18 le 1er" (French),
"ricoverato dal 23", "paracentesi il 25" (Italian), "enclavado el 2", "control el 28"
(Spanish), "marcada para dia 15" (Portuguese), "Aufnahme am 27.", "informiert am 3." (German,
the ordinal's dot), "val op de 29e" (Dutch), or after a weekday of a language that names the
day so ("el jueves 3", "zondag 29", "od poniedziałku 14.", "Çarşamba 9'unda"), or with the
day's case ending ("laborvizsgálat 8-án", Hungarian). English and German weekdays are left out:
"Monday 12" and "Montag 12" name an hour as often.

What stays: a number that counts or measures something ("le 15 mg", "el 2 %", "am 3. Tag",
"dal 23 %"), a decimal ("le 2,5"), a number before another number ("il 25 30"), and numbers
over 31. A day followed by its month or year is left to the date forms, which read the whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_foreign_forms import MONTH_NAMES
from medlocal.privacy.deid_spans import Redaction, label

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
# What may follow a day alone: the end of a clause, a conjunction or preposition that joins it
# to the next words, or a time of that day ("le 28 au soir", "dal 23 al 28", "el 2 por la
# tarde"). Anything else (a unit, a noun it counts) makes the number a quantity.
_TAIL = (
    r"(?=[ \t]*(?:[,;:)\]]|\.(?!\d)|$)"
    r"|[ \t]+(?i:et|à|au|aux|puis|pour|par|avec|chez|dans|vers|ou|lors|matin|soir|"
    r"y|e|o|al|hasta|para|por|con|a|ao|até|com|às|alle|ed|fino|per|"
    r"und|bis|zur|zum|um|mit|wegen|informiert|entlassen|aufgenommen|"
    r"en|tot|om|met)\b)"
)
# French, Italian, Spanish and Portuguese articles and prepositions of a date ("le", "dès le",
# "dal", "il", "el", "dia"), before the day.
_ROMANCE_BEFORE = (
    r"(?i:depuis[ \t]+le|dès[ \t]+le|jusqu['’]au|à[ \t]+partir[ \t]+du|avant[ \t]+le|"
    r"après[ \t]+le|le|du|au|"
    r"dal|il|al|fino[ \t]+al|entro[ \t]+il|"
    r"desde[ \t]+el|hasta[ \t]+el|el|del|"
    r"(?:(?:n?o|desde[ \t]+o|até[ \t]+o|para|em)[ \t]+)?dia|"
    r"(?:el[ \t]+)?día)"
)
_ROMANCE_DAY = re.compile(
    rf"(?<![\w'’-]){_ROMANCE_BEFORE}[ \t]+(?P<v>{_DAY}(?:er|e|º|°)?)(?![\w,.]\d|[\w%/°.,-]\w)"
    # not the low end of a scale ("EVA del 1 al 10", "de 0 à 10"), nor one of two counts of a
    # thing ("el 1 o 2 comprimidos", "le 2 ou 3 %")
    r"(?![ \t]+(?i:al|a|à|au|ao|sur|su)[ \t]+10\b)"
    r"(?![ \t]+(?i:o|y|e|ou|et|oder|und|a|à|al|au)[ \t]+\d{1,3}"
    rf"(?:[ \t]*%|[ \t]+(?!(?i:de|del|d['’]|{MONTH_NAMES})\b)[^\W\d_]{{2,}}))"
    # nor a percentage in words ("del 25 per cento", "el 35 por ciento"; review60e)
    r"(?![ \t]+(?i:per[ \t]*cento|por[ \t]+ciento|por[ \t]+cento|pour[ \t]*cent|percent)\b)" + _TAIL
)
# A tube's, a needle's or a catheter's size before the number ("sonde urinaire du 16", "sonda
# vesical del 14", "catetere del 16"; review60e): a French gauge, no day.
_SIZED_BEFORE = re.compile(
    r"(?i:sondes?|sondas?|sondino|cath[ée]ters?|cat[ée]ter(?:es)?|catetere|aiguilles?|agujas?|"
    r"ago|can[uú]las?|canules?|cannul[ae]|tubes?|tubos?|tubo|drains?|drenajes?|drenaggio|"
    r"drenos?|calibre|calibro|taille|talla|taglia|charri[eè]re)\b(?:[ \t]+[^\W\d_]+){0,3}[ \t]+\Z"
)
# The "of the" that gives a size ("sonde du 16", "sonda del 14"); "Sonde posée le 14" is a day.
_OF_THE = re.compile(r"(?i:du|del)[ \t]")


def _sized(text: str, match: re.Match[str]) -> bool:
    """Whether the number is a tube's or a needle's size after its "du" or "del"."""
    return _OF_THE.match(text, match.start()) is not None and bool(
        _SIZED_BEFORE.search(text, max(0, match.start() - 60), match.start())
    )


# German: the ordinal's dot, after "am", "vom", "bis", "ab", "seit dem"; not a day of a course
# or of life ("am 3. Tag", "am 2. postoperativen Tag").
_GERMAN_DAY = re.compile(
    rf"(?<![\w-])(?i:am|vom|bis[ \t]+zum|bis|ab[ \t]+dem|ab|seit[ \t]+dem)[ \t]+(?P<v>{_DAY}\.)"
    # (the first of a range of such days too: "vom 1. bis 3. Tag"; review60e)
    r"(?![\w.]|[ \t]*\d|(?:[ \t]+(?i:bis|und|oder|-|–)[ \t]*\d{1,2}\.)?"
    r"[ \t]+(?:[^\W\d_]+\.?[ \t]+)?"
    r"(?i:[a-zäöüß-]*(?:tag|tage|tages|zyklus|woche|monat|mal|lebensjahr|quartal|stock|grad|dosis|gabe|klasse|stunde|std)\w*)\b|"
    r"[ \t]+(?i:jan|feb|mär|mar|apr|mai|jun|jul|aug|sep|okt|nov|dez)|"
    # a post-operative day, a day of life, a week of pregnancy ("am 2. POT", dev72)
    r"[ \t]+(?:POT|POD|LT|SSW|Lj)\b)"
)
# Dutch: "op de 29e", "vanaf de 3e".
_DUTCH_DAY = re.compile(
    rf"(?<![\w-])(?i:op|vanaf|tot|sinds|na|voor)[ \t]+de[ \t]+(?P<v>{_DAY}e)\b"
    r"(?![ \t]+(?i:dag|week|kuur|cyclus|keer|maand|verdieping|graad|lijn))"
)
# Weekdays of languages that name a day of the month after them (French, Spanish, Portuguese,
# Italian, Dutch, Polish in its cases, Turkish), then the day: "jueves 3", "zondag 29",
# "poniedziałku 14.", "Çarşamba 9'unda".
_WEEKDAY = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|"
    r"segunda(?:-feira)?|ter[çc]a(?:-feira)?|quarta(?:-feira)?|quinta(?:-feira)?|sexta(?:-feira)?|"
    r"luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|sabato|domenica|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"poniedzia[łl]\w{0,4}|wtor\w{1,4}|[śs]rod\w{1,2}|czwart\w{1,4}|pi[ąa]t\w{1,3}|sobot\w{1,2}|"
    r"niedziel\w{1,2}|"
    r"pazartesi|sal[ıi]|[çc]ar[şs]amba|per[şs]embe|cuma|cumartesi|pazar"
)
_WEEKDAY_DAY = re.compile(
    rf"(?<![\w-])(?P<v>(?i:{_WEEKDAY}),?[ \t]+{_DAY}"
    r"(?:\.|e|er|º|°|['’](?:i|ı|u|ü)?n?(?:da|de|dan|den|a|e))?)"
    r"(?![\w/.,:-]?\d|[ \t]*(?:%|mg|ml|h\b|heures|horas|ore|uur))"
    r"(?![ \t]+(?i:de[ \t]+)?(?:jan|fév|fev|feb|mar|avr|apr|abr|mai|may|mei|jun|jui|giu|jul|lug|"
    r"aoû|ago|aug|sep|set|oct|okt|ott|nov|déc|dec|dez|dic|gru|lis|sty|lut|kwi|cze|lip|wrz|paź|"
    r"ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|enero|febrero|"
    r"marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))"
)
# Hungarian: the day with its case ending ("8-án", "14-én", "20-ig"), alone or after a month.
_HUNGARIAN_DAY = re.compile(rf"(?<![\w.,/-])(?P<v>{_DAY}-(?:án|én|ján|jén|ig|től|tól|i))\b")


_NUMBER_BEFORE = re.compile(r"\d[ \t]+$")


def _scale_top(text: str, match: re.Match[str]) -> bool:
    """Whether the day is the top of a scale after its low end ("del 1 al 10", "de 0 à 10")."""
    return match.group("v") == "10" and bool(
        _NUMBER_BEFORE.search(text, max(0, match.start() - 8), match.start())
    )


def bare_day_candidates(text: str) -> Iterator[Redaction]:
    """Days of the month written without their month in ``text`` (see the module's docstring)."""
    for pattern in (_ROMANCE_DAY, _GERMAN_DAY, _DUTCH_DAY, _WEEKDAY_DAY, _HUNGARIAN_DAY):
        for match in skipped_finditer(pattern, text):
            start, end = match.span("v")
            if _scale_top(text, match):
                continue
            if pattern is _ROMANCE_DAY and _sized(text, match):
                continue
            yield Redaction("date", start, end, match.group("v"), label("date"))
