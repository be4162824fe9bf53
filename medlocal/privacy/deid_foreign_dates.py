"""A dated date of another language read and written again, moved, in that language (walk 54a
D3): "Le 5 novembre 2025", "12 de noviembre de 2025", "am 8. Oktober 2025", "lundi 3 mars
2025" were found (deid_foreign_forms, deid_world_dates) but became "[DATE]", so a case from a
French or Spanish letter lost where it sat on the patient's timeline while every English date
was shifted.

French, Spanish, Portuguese, German, Italian and Dutch: a day, its month's name, its year, with
the cue word before ("le", "el", "am", "il", "den"), the day's ordinal mark ("1er", "1º", "8."),
the joining words ("de", "di", "d'") and a weekday of the same language written again. A month
name that is also English ("november", "April") is left to the English reading unless German
marks it ("am", "8."). Where two languages share the month ("novembre": French, Italian), the
cue words choose, else the order above."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

_LANGUAGES = ("fr", "es", "pt", "de", "it", "nl")
_MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
# Monday first, as date.weekday() counts.
_WEEKDAYS = {
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
}
_ENGLISH = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
# Other spellings a record uses for the same month: Spanish "setiembre", Austrian "Jänner".
_VARIANTS = {"setiembre": ("es", 9), "janner": ("de", 1)}
# Words that say the language where a month name is shared.
_HINTS = {
    "le": "fr",
    "er": "fr",
    "re": "fr",
    "el": "es",
    "am": "de",
    "den": "de",
    ".": "de",
    "il": "it",
    "di": "it",
}

# What says a date after it is a birth date, in these languages ("née le", "DDN", "fecha de
# nacimiento:", "geboren am", "nata il", "data de nascimento:", "geboortedatum:").
FOREIGN_DOB_CUE = re.compile(
    r"(?i:\b(?:n[ée]e?|date[ \t]+de[ \t]+naissance|ddn|fecha[ \t]+de[ \t]+nacimiento|"
    r"f\.?[ \t]*nac\.?|nacid[oa]|geboren|geb\.|geburtsdatum|nat[oa]|data[ \t]+di[ \t]+nascita|"
    r"data[ \t]+de[ \t]+nascimento|nascid[oa]|geboortedatum|geb\.?[ \t]*datum)"
    r"(?:[ \t]+(?:le|el|am|il|em|op|den))?)[ \t]*:?[ \t]*$"
)


def _plain(word: str) -> str:
    """``word`` in lower case without its accents ("Février" -> "fevrier")."""
    folded = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


def _table(names: dict[str, str]) -> dict[str, dict[str, int]]:
    """Each language's names, as written plain, to their number (from 1 for months, 0 for days)."""
    return {lang: {_plain(n): i for i, n in enumerate(names[lang].split())} for lang in names}


_MONTH_NUMBER = _table(_MONTHS)
_WEEKDAY_NUMBER = _table(_WEEKDAYS)

_WEEKDAY_WORDS = "|".join(
    sorted({w for n in _WEEKDAYS.values() for d in n.split() for w in (d, _plain(d))}, key=len)[
        ::-1
    ]
)
_FOREIGN_DATE = re.compile(
    r"(?P<before>(?i:le|el|den|am)[ \t]+(?=[^\W\d_]))?"  # "le lundi 3 mars"
    rf"(?P<weekday>(?i:{_WEEKDAY_WORDS}),?[ \t]+)?"
    r"(?P<cue>(?i:le|el|den|am|il)[ \t]+)?"
    r"(?P<day>\d{1,2})(?P<mark>er|re|º|°|\.º|\.)?[ \t]+"
    r"(?P<join>(?i:de|di)[ \t]+|(?i:d)['’])?"
    r"(?P<month>[^\W\d_]+)"
    r"(?P<sep>,?[ \t]+(?i:de[ \t]+|del[ \t]+)?)"
    r"(?P<year>\d{4})"
)


def _language(month: str, hints: list[str]) -> tuple[str, int] | None:
    """The language and number of ``month`` (written plain), or None where it is no month of
    these languages or is English without a German mark."""
    if month in _VARIANTS:
        return _VARIANTS[month]
    found = [lang for lang in _LANGUAGES if month in _MONTH_NUMBER[lang]]
    hinted = [lang for lang in found if lang in hints]
    if month in _ENGLISH and "de" not in hinted:
        return None
    if not found:
        return None
    lang = (hinted or found)[0]
    return lang, _MONTH_NUMBER[lang][month] + 1


def _as_written(word: str, like: str, like_name: str) -> str:
    """``word`` in the case of ``like`` (written for the name ``like_name``), without accents
    where ``like`` left out those of its name ("fevrier")."""
    if like.isascii() and not like_name.isascii():
        word = _plain(word)
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word.lower()


def _day(day: int, written: str, mark: str) -> str:
    """The new day as the old was written: "05" keeps its width; an ordinal mark that only day 1
    takes ("1er", "1º") goes from any other day."""
    text = f"{day:02d}" if len(written) == 2 and written.startswith("0") else str(day)
    if mark in ("er", "re", "º", "°", ".º"):
        return text + (mark if day == 1 else "")
    return text + mark


def foreign_date(raw: str) -> tuple[date, str] | None:
    """The date ``raw`` (a whole span, a year in it) reads as, and its language; None where it
    is no dated date of these languages."""
    match = _FOREIGN_DATE.fullmatch(raw.strip())
    if match is None:
        return None
    hints = [
        _HINTS[word]
        for word in (
            (match.group("before") or match.group("cue") or "").strip().lower(),
            match.group("mark") or "",
            (match.group("join") or "").strip().lower(),
        )
        if word in _HINTS
    ]
    read = _language(_plain(match.group("month")), hints)
    if read is None:
        return None
    lang, month = read
    weekday = match.group("weekday")
    if weekday and _plain(weekday.rstrip(", \t")) not in _WEEKDAY_NUMBER[lang]:
        return None  # a weekday of another language: no telling which the month is
    try:
        return date(int(match.group("year")), month, int(match.group("day"))), lang
    except ValueError:  # "31 avril": no such day
        return None


def foreign_year(raw: str) -> str | None:
    """``raw`` reduced to its year, its cue word kept ("le 5 novembre 2025": "le 2025"), for the
    year-only mode; None where it is no dated date of these languages."""
    if foreign_date(raw) is None:
        return None
    match = _FOREIGN_DATE.fullmatch(raw.strip())
    assert match is not None
    return f"{match.group('before') or match.group('cue') or ''}{match.group('year')}"


def shifted_foreign_date(raw: str, days: int) -> str | None:
    """``raw`` moved by ``days`` and written as it was, in its language ("Le 5 novembre 2025"
    by -30: "Le 6 octobre 2025"), its leading and trailing spaces kept; None where ``raw`` is
    no dated date of these languages."""
    read = foreign_date(raw)
    if read is None:
        return None
    old, lang = read
    new = old + timedelta(days=days)
    body = raw.strip()
    match = _FOREIGN_DATE.fullmatch(body)
    assert match is not None  # foreign_date matched it
    weekday = match.group("weekday") or ""
    if weekday:
        name = weekday.rstrip(", \t")
        new_name = _WEEKDAYS[lang].split()[new.weekday()]
        old_name = _WEEKDAYS[lang].split()[old.weekday()]
        weekday = _as_written(new_name, name, old_name) + weekday[len(name) :]
    months = _MONTHS[lang].split()
    month = _as_written(months[new.month - 1], match.group("month"), months[old.month - 1])
    between = body[match.end("mark") if match.group("mark") else match.end("day") :]
    between = between[: match.start("month") - (len(body) - len(between))]
    written = (
        f"{match.group('before') or ''}{weekday}{match.group('cue') or ''}"
        f"{_day(new.day, match.group('day'), match.group('mark') or '')}"
        f"{between}{month}{match.group('sep')}{new.year}"
    )
    lead = raw[: len(raw) - len(raw.lstrip())]
    trail = raw[len(raw.rstrip()) :]
    return f"{lead}{written}{trail}"
