"""Days and months written as two numbers with no year, where no clinical value can be meant
(issue 16, session 59, deid59c).

Three shapes the date rules left in view on the development halves:

* A day and month joined by a dot, as German, Polish, Dutch, Scandinavian and Swiss notes write
  them ("Eingang 01.12., Befund 03.12.", "Przyjęta 30.11, konsultacja 2.12", "Seen 2.12, letter
  typed 4.12", "ROP screen 18.11 by Dr ...", "by phone 30.11"). A dot between two numbers is
  mostly a decimal ("Hb 13.3", "K 4.12", "on 2.5 mg", "at 14.05" a time), so the pair is a
  date only in a date's slot: right after a word that dates an event or a date's preposition
  of one of those languages ("seen", "typed", "received", "am", "vom", "bis", "le", "dnia",
  "op"), or written with the German closing dot after two digits each ("bis 07.12.",
  "Befund 03.12."). Never after a lab's or a measure's name, before a unit, or after "at"
  (a time).
* A day and month joined by a slash whose first number is 13 or more and the second 12 or
  less ("DHS 24/11", "hemiarthroplasty 13/2", "Repeat INR 14/3"). deid_short_dates keeps a pair
  after a clinical word as that finding's grade or score, but no score is higher than its
  most, so such a pair is no score. Kept: a duration in days or months ("14/7", "18/12"), a
  strength after a drug (after a slash-joined name, "oxycodone/naloxone 20/10", or a brand in
  a whole ratio, "Targin 20/10"), a pair before a unit or what it counts ("16/4 nodes").
* A day of the month as an ordinal after "on the", "from the", "since the" and the like,
  before a word no ordinal's noun can be ("on the 20th for a dental abscess", "from the 27th
  are up"): the date forms take it before a stop or a few such words only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_spans import Redaction, label

_DOTTED = re.compile(
    r"(?<![\w.,/:+\-−])(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?P<close>\.(?!\d))?(?![\w/%°]|[.,:]\d)"
)
# Words that date what they stand before, in the languages of the notes: events, a document's
# steps and a date's prepositions.
_DATING_WORDS = frozenset(
    {
        # English
        "on", "since", "until", "till", "from", "due", "dated", "date", "seen", "typed",
        "dictated", "signed", "checked", "reviewed", "admitted", "discharged", "received",
        "collected", "reported", "phoned", "phone", "called", "rang", "screen", "screened",
        "visited", "done", "started", "stopped", "booked", "planned", "sent", "written",
        "verified", "authorised", "authorized", "operated", "delivered", "born", "died",
        "transferred", "referred", "appt", "appointment", "admission", "discharge",
        # German
        "am", "vom", "bis", "ab", "seit", "eingang", "befund", "aufnahme", "entlassung",
        "datum", "termin", "kontrolle", "untersuchung", "visite", "op", "eingriff", "geb",
        "diktiert", "geschrieben", "vidiert", "erstellt",
        # French, Italian, Spanish, Portuguese
        "le", "du", "au", "il", "al", "dal", "del", "el", "desde", "hasta", "dia", "em",
        "rdv", "fecha", "data", "ingreso", "alta", "ricovero", "dimissione", "entrée", "sortie",
        "consulta", "visita",
        # Dutch, Scandinavian, Polish
        "tot", "opname", "ontslag", "controle", "dne", "den", "fra", "innlagt", "utskrevet",
        "inskriven", "utskriven", "besök", "dnia", "od", "do", "przyjęta", "przyjęty",
        "przyjęto", "konsultacja", "wypis", "wizyta", "kontrola", "badanie",
    }
)  # fmt: skip
# Review59d: verbs that date an event (a value's clause has none: "Hb checked on 2.12" is a
# date, "Hb on admission 10.2" a value). "started" and "stopped" are a drug's as often as an
# event's ("Warfarin started on 2.5").
_EVENT_VERBS = frozenset(
    {
        "seen", "typed", "dictated", "signed", "checked", "reviewed", "admitted", "discharged",
        "received", "collected", "reported", "phoned", "called", "rang", "screened", "visited",
        "done", "booked", "planned", "sent", "written", "verified", "authorised", "authorized",
        "operated", "delivered", "born", "died", "transferred", "referred", "diktiert",
        "geschrieben", "vidiert", "erstellt", "przyjęta", "przyjęty", "przyjęto", "innlagt",
        "utskrevet", "inskriven", "utskriven",
    }
)  # fmt: skip
# Words of a value's clause the clinical list lacks: measures, and the verbs of a trend
# ("Dose from 2.5 to 5", "Hb dropped from 10.2 to 8.1", "INR stable on 2.5").
_MEASURE_WORDS = frozenset(
    {
        "dose", "doses", "dosage", "level", "levels", "value", "values", "ratio", "platelets",
        "plt", "temp", "temperature", "weight", "score", "k", "k+", "na", "na+", "rose", "risen",
        "rising", "fell", "fallen", "falling", "dropped", "dropping", "increased", "increasing",
        "decreased", "decreasing", "reduced", "reducing", "improved", "improving", "worsened",
        "titrated", "trended", "trending", "climbed", "peaked", "down", "up", "stable", "steady",
        "wert", "werte", "spiegel", "kreatinin", "gestiegen", "gesunken", "stieg", "fiel",
    }
)  # fmt: skip
# Clinical words that name a test, a visit or a procedure, whose date may follow ("MRI on 3.12",
# "Appt with GP on 3.12", "Appendicectomy on 3.12"): no value's name.
_EVENT_NAMES = frozenset(
    {"gp", "ed", "mri", "ct", "echo", "ecg", "xray", "x-ray", "pt", "physio", "follow-up"}
)
_PROCEDURE_ENDINGS = ("ectomy", "otomy", "ostomy", "oscopy", "plasty", "graphy", "pexy")
_CLAUSE_WORD = re.compile(r"[^\W\d_][\w+'’-]*")
_CLAUSE_END = re.compile(r"[;!?]|\.(?!\d)")
_WORD_BEFORE = re.compile(r"(?P<w>[^\W\d_][\w'’-]*)\.?[ \t]*[:,(]?[ \t]*\Z")
_UNIT_AFTER = re.compile(
    r"[ \t]*(?i:%|°|mg|mcg|µg|ug|g|kg|ml|l|dl|mmol|µmol|umol|nmol|pmol|mm|cm|m|x|units?|iu|"
    r"meq|ng|pg|s|sec|secs|min|mins|h|hr|hrs|hours?|uhr|bpm|mmhg|kpa|cmh2o|weeks?|wks?|days?|"
    r"months?|years?|yrs?|am|pm|kcal|fl|mosm|mu|u)\b"
)
# The far end of a range whose unit is written once, after it ("from 1.5 to 2.5 mg").
_RANGE_END = re.compile(
    r"[ \t]*(?:to|-|–|→|->|bis|auf|a|al|hasta|até|do|tot|till)[ \t]*\d+(?:[.,]\d+)?"
)
_TIME_BEFORE = re.compile(r"(?i:\b(?:at|um|à|a las|alle|kl|klo|godz|om)\.?)[ \t]*\Z")


def _dotted(text: str, lex: Lexicon) -> Iterator[Redaction]:
    if "." not in text:
        return
    for match in skipped_finditer(_DOTTED, text):
        day, month = int(match.group("d")), int(match.group("m"))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        start, end = match.start(), match.end("m")
        if _UNIT_AFTER.match(text, end):
            continue  # "2.5 mg", "10.12 Uhr"
        far = _RANGE_END.match(text, end)
        if far is not None and _UNIT_AFTER.match(text, far.end()):
            continue  # "from 1.5 to 2.5 mg": a range of values (review59d)
        # Only the 40 characters before are read: a long line is not searched again per pair.
        line_start = text.rfind("\n", max(0, start - 40), start) + 1
        before = text[max(line_start, start - 40) : start]
        if _TIME_BEFORE.search(before):
            continue  # "at 14.05": a time
        word = _WORD_BEFORE.search(before)
        prev = word.group("w").lower() if word is not None else None
        dating = prev in _DATING_WORDS
        closed = (
            match.group("close") is not None
            and len(match.group("d")) == 2
            and len(match.group("m")) == 2
        )
        if prev is not None and not dating and lex.clinical(prev):
            continue  # "Hb 13.3", "K 4.12": a value
        if (dating or closed) and not _value_clause(before, lex):
            yield Redaction("date", start, end, match.group()[: end - start], label("date"))
            yield from _range_tail(text, end)


# The other end of a range of days ("from 2.12 to 5.12", "vom 2.12 bis 5.12"): a day as well,
# once the first is one (review59d).
_RANGE_TAIL = re.compile(
    r"\.?[ \t]*(?:to|till|until|-|–|bis|au|al|hasta|até|do|tot)[ \t]*"
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?![\w/%°]|[.,:]\d)"
)


def _range_tail(text: str, end: int) -> Iterator[Redaction]:
    tail = _RANGE_TAIL.match(text, end)
    if tail is None or _UNIT_AFTER.match(text, tail.end()):
        return
    if 1 <= int(tail.group("d")) <= 31 and 1 <= int(tail.group("m")) <= 12:
        start = tail.start("d")
        yield Redaction("date", start, tail.end(), text[start : tail.end()], label("date"))


def _value_word(word: str, lex: Lexicon) -> bool:
    if word in _MEASURE_WORDS:
        return True
    return lex.clinical(word) and word not in _EVENT_NAMES and not word.endswith(_PROCEDURE_ENDINGS)


def _value_clause(before: str, lex: Lexicon) -> bool:
    """Whether the clause before a dotted pair names a value and dates no event: "Creatinine
    from 1.2 to 2.1", "Hb on admission 10.2", "Ratio on 1.5" (review59d; the pair after a
    preposition or an event's noun is the value's, not a day)."""
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    clause = before[cut:]
    words = [w.lower() for w in _CLAUSE_WORD.findall(clause)]
    if any(w in _EVENT_VERBS for w in words):
        return False
    return any(w not in _DATING_WORDS and _value_word(w, lex) for w in words)


_HIGH_PAIR = re.compile(
    r"(?<![\w/.,:+-])(?P<a>1[3-9]|2\d|3[01])/(?P<b>0?[1-9]|1[0-2])(?![\w/]|[.,:-]\d)"
)
_NAME_BEFORE = re.compile(r"(?P<slash>/)?(?P<w>[^\W\d_][\w'’-]*)[ \t]*[(:]?[ \t]*\Z")
# What a pair counts or measures, right after it ("20/10 mg", "16/4 nodes", "14/3 positive").
_COUNTED_AFTER = re.compile(
    r"[ \t]*(?:%|(?i:mg|mcg|µg|g|ml|units?|tab(?:let)?s?|caps?|nodes?|positive|negative|"
    r"cores?|of|x|times|daily|pain|ratio|mmhg|weeks?|days?|months?|"
    # Review59d: a dose's frequency ("Oxycodone 20/10 bd").
    r"bd|bid|tds|tid|qds|qid|od|om|on|nocte|mane|prn|stat|twice|once)\b)"
)
# Durations in days and months ("clindamycin 14/7", "infant 18/12"): British notation, kept.
_DURATION_DENOMINATORS = frozenset({7, 12})


def _high_pairs(text: str, lex: Lexicon) -> Iterator[Redaction]:
    if "/" not in text:
        return
    for match in skipped_finditer(_HIGH_PAIR, text):
        if int(match.group("b")) in _DURATION_DENOMINATORS:
            continue  # "14/7", "18/12": days and months
        start, end = match.span()
        if _COUNTED_AFTER.match(text, end):
            continue
        # Only the 40 characters before are read: a long line is not searched again per pair.
        line_start = text.rfind("\n", max(0, start - 40), start) + 1
        word = _NAME_BEFORE.search(text, max(line_start, start - 40), start)
        if word is None:
            continue  # deid_short_dates reads a pair with no word before it
        prev = word.group("w").lower()
        a, b = int(match.group("a")), int(match.group("b"))
        if word.group("slash") or (prev in lex.products and a % b == 0):
            # "buprenorphine/naloxone 16/4", "Targin 20/10": a combination's strength, in a
            # whole ratio ("DHS 24/11" is a device's day).
            continue
        if a % b == 0 and (lex.clinical(prev) or prev in lex.dictionary_words):
            # Review59d: "oxycodone-naloxone 20/10", "Oxycodone 20/10", "Zubsolv 16/4": a
            # drug's or a brand's strength in a whole ratio.
            continue
        if lex.clinical(prev):
            yield Redaction("date", start, end, match.group(), label("date"))


# A day of the month as an ordinal after a date's preposition and "the", before a word that no
# ordinal's noun can be: a preposition, a verb or a pronoun ("on the 20th for a dental abscess",
# "from the 27th are up", "since the 3rd with"). "after the 2nd dose", "by the 4th week" and
# "on the 5th floor" stay: the word after is the ordinal's noun.
_ORDINAL_DAY = re.compile(
    # "the" may be left out ("on 20th for review", review59d).
    r"(?i:\b(?:on|from|since|until|till|by|before|after)[ \t]+(?:the[ \t]+)?)"
    r"(?P<v>(?:[12]?\d|3[01])(?:st|nd|rd|th))[ \t]+"
    r"(?=(?:for|with|are|is|was|were|has|had|have|his|her|their|because|while|which|who|"
    r"during|showed|shows|per|via|from|after|before|by)\b)"
)


def _ordinal_days(text: str) -> Iterator[Redaction]:
    for match in skipped_finditer(_ORDINAL_DAY, text):
        start, end = match.span("v")
        yield Redaction("date", start, end, match.group("v"), label("date"))


def day_month_number_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """Dotted days and months in a date's slot, slashed ones no score can be, and ordinal days
    before a word no ordinal's noun can be (see the module's docstring)."""
    return [*_dotted(text, lex), *_high_pairs(text, lex), *_ordinal_days(text)]
