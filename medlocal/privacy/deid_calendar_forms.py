"""Dates as more countries and calendars write them (round 13).

* A month of another language before its day and year, as Filipino and Spanish forms print them
  ("Nobyembre 22, 2026", "agosto 3, 2026"); such a month with a year in digits after a slash or
  dash ("agosto/2026", "März-2026").
* Polish dates end with "r." or "roku" (rok, the year): "4 października 1939 r.", "29.11.2026 r.",
  "4 X 1939 r."; the mark is part of the date.
* A part of a month in English or another language, with a capitalised abbreviation or a year
  ("end January 2027", "late Feb", "mid-Dec", "finales de agosto", "Ende Januar", "koniec
  listopada"): the month word must follow, so "late" or "end" alone stay.
* Hijri months as South Asia spells them ("15 Jamadi-ul-Sani 1448 AH", "3 Rabi-us-Sani",
  "10 Zil-Hajj", "12 Moharram"), always with the day.
* A German day and month with its dots before a clock time ("20.11. 16:20", "3.4. um 9:15 Uhr"),
  and a range of two with its word ("19.11. bis 27.11.2026").
* Round 16: such a day and month before a colon that heads what was done that day ("Verlauf:
  Koronarangiographie 22.10.: Stent").
* Te reo Māori months written with hyphens, and the weekday before them ("Rāapa, 11 Poutū-te-rangi
  2026").

Every form needs a month word, a year or a time beside the numbers, so doses, results and scores
("5-10 may", "K 4.5.") are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_date_forms import DAY_NUMBER as _D
from medlocal.privacy.deid_date_forms import MONTH_NUMBER as _M
from medlocal.privacy.deid_date_forms import ROMAN_MONTH as _ROMAN_MONTH
from medlocal.privacy.deid_date_forms import YEAR4 as _YEAR4
from medlocal.privacy.deid_foreign_forms import MONTH_NAMES
from medlocal.privacy.deid_spans import Redaction, label

_POLISH_MONTHS = (
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|pa[źz]dziernika|"
    r"listopada|grudnia"
)
# Words for the start, middle and end of a month, in English and the languages of
# deid_foreign_forms' months (with their "of": "de", "del", "di", "van").
_MONTH_PART = (
    r"early|late|mid|end|beginning|start|principios|mediados|finales|fines|inicios?|in[íi]cio|"
    r"fim|finais|meados|d[ée]but|fin|mi|anfang|mitte|ende|inizio|met[àa]|fine|begin|half|eind|"
    r"pocz[ąa]tek|pocz[ąa]tkiem|po[łl]owa|koniec|ko[ńn]cem"
)
_MONTH_ABBREVIATIONS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_HIJRI_SPELLINGS = (
    r"J[au]m[aā]d[aeiā]?[ \t-]?(?:al|ul|us|as|ath|ut)?[ \t-]?"
    r"(?:Awwal|Awal|Oola|Ula|Sani|Saani|Thani|Thaniyah|Akhir|Akhirah|Akhira|Ukhra)|"
    r"Rabi[‘'’]?[ \t-]?(?:al|ul|us|as|ath|ut)?[ \t-]?(?:Awwal|Awal|Sani|Saani|Thani|Akhir)|"
    r"(?:Zil|Zul|Dhul?|Zi|Thul)[ \t-]?(?:al[ \t-]?)?"
    r"(?:Hajj?|Hijj?ah?|Qa[‘'’]?dah?|Qi[‘'’]?dah?|Qad|Kaada|Qaad)|"
    r"Moharram|Shaa?ban|Shawa?l|Ramzan"
)
_MAORI_WEEKDAY = r"R[āa](?:hina|t[ūu]|apa|pare|mere|horoi|tapu)"
_MAORI_MONTH = (
    r"pout[ūu]-?te-?rangi|paenga-?wh[āa]-?wh[āa]|here-?turi-?k[ōo]k[āa]|whiringa-?[āa]-?nuku|"
    r"whiringa-?[āa]-?rangi|kohi-?t[āa]tea|hui-?tanguru|haratua|pipiri|h[ōo]ngongoi|mahuru|"
    r"hakihea"
)

# Speed: every form opens with a character class (a digit, or the first letters of its cue
# words) and checks what stands before it by a fixed look-behind, so that the engine skips along
# the text in C instead of trying every alternative at every word's start.
# The first letters of the month-part words, each followed by the rest of its words.
_MONTH_PART_OPENING = (
    r"[elmsbpfidahkELMSBPFIDAHK](?<!\w\w)(?i:(?<=e)(?:arly|nd|inde)|(?<=l)ate|"
    r"(?<=m)(?:id|ediados|eados|i|itte|et[àa])|(?<=s)tart|(?<=b)egin(?:ning)?|"
    r"(?<=p)(?:rincipios|ocz[ąa]tek|ocz[ąa]tkiem|o[łl]owa)|(?<=f)(?:inales|ines|im|inais|in|ine)|"
    r"(?<=i)(?:nicios?|n[íi]cio|nizio)|(?<=d)[ée]but|(?<=a)nfang|(?<=h)alf|"
    r"(?<=k)(?:oniec|o[ńn]cem))(?!\w)"
)
_DAY_OPENING = r"\d(?<![\w.,]\d)\d?"

CALENDAR_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"{_DAY_OPENING}(?:"
            # Polish: "29.11.2026 r."; a German day and month before a clock time ("20.11.
            # 16:20", "3.4. um 9:15 Uhr").
            rf"\.{_M}\.(?:{_YEAR4}[ \t]*(?:r\.|(?i:roku)\b)"
            # A German range, its word with it: "19.11. bis 27.11.2026", "3.4.-5.4.".
            rf"|[ \t]*(?:(?i:bis|und)|[-–])[ \t]*{_D}\.{_M}\.(?:{_YEAR4}\b)?"
            r"|(?=[ \t]+(?:(?i:um)[ \t]+)?(?:[01]?\d|2[0-3])(?::[0-5]\d\b|[.:][0-5]\d[ \t]*"
            r"(?i:uhr|h)\b))"
            # Round 16: a German day and month with its dots before a colon, as a course lists
            # what was done on each day ("22.10.: Stent"), two digits each ("K 4.5.:" stays).
            r"|(?<=\d\d\.\d\d\.)(?=:[ \t]))"
            rf"|(?:st|nd|rd|th|\.)?[ \t]+(?:"
            # Polish: "4 października 1939 r.", "4 X 1939 r.", "3 maja 2026 roku".
            rf"(?:(?i:{_POLISH_MONTHS})|{_ROMAN_MONTH})[ \t]+{_YEAR4}[ \t]*(?:r\.|(?i:roku)\b)"
            # Hijri months as South Asia spells them, with the day ("15 Jamadi-ul-Sani 1448 AH").
            rf"|(?:{_HIJRI_SPELLINGS})\b"
            r"(?:,?[ \t]+1[34]\d\d(?:[ \t]*(?:AH|A\.H\.|H|هـ)(?!\w))?)?"
            # Te reo Māori: "11 Poutū-te-rangi 2026".
            # ("9 o Poutū-te-rangi 2026": "o", of, may stand between).
            rf"|(?:o[ \t]+)?(?i:{_MAORI_MONTH})(?![\w-])(?:[ \t]+{_YEAR4}\b)?))"
        ),
    ),
    # The Māori weekday before such a date ("Rāapa, 11 Poutū-te-rangi 2026").
    (
        "date",
        re.compile(
            r"[Rr](?<!\w[Rr])[āa](?:hina|t[ūu]|apa|pare|mere|horoi|tapu),?[ \t]+"
            rf"{_D}[ \t]+(?:o[ \t]+)?(?i:{_MAORI_MONTH})(?![\w-])(?:[ \t]+{_YEAR4}\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            # A part of a month: "end January 2027", "late Feb", "mid-Dec", "finales de agosto".
            rf"{_MONTH_PART_OPENING}(?:[ \t]+(?i:of|de|del|di|d['’]|van))?[ \t-]+"
            rf"(?:(?i:{MONTH_NAMES})(?!\w)|(?:{_MONTH_ABBREVIATIONS})\b\.?)"
            rf"(?:,?[ \t]+(?:(?i:de)[ \t]+)?{_YEAR4}\b)?"
        ),
    ),
]

# A month word of any language before a year: "Nobyembre 22, 2026", "agosto 3 de 2026",
# "agosto/2026". Found from the year back (years are few), so that the many month words are
# tried only there.
_YEAR = re.compile(r"(?:19|20)\d\d\b(?<![\w.](?:19|20)\d\d)(?<!\d[/-](?:19|20)\d\d)(?![./-]\d)")
_WORD = re.compile(r"\S+")
_MONTH_WORD = re.compile(rf"(?i:{MONTH_NAMES})\.?")
_BEFORE_YEAR = re.compile(
    rf"(?P<m>[^\W\d_][^\s/,-]*)(?:[ \t]+(?P<d>{_D})(?:st|nd|rd|th|º)?,?[ \t]+(?:(?i:de)[ \t]+)?"
    r"|[ \t]*[/-][ \t]*)\Z"
)


def month_first_candidates(text: str) -> Iterator[Redaction]:
    """Dates written month word first, before their year (see _BEFORE_YEAR)."""
    for year in _YEAR.finditer(text):
        window = text[max(0, year.start() - 40) : year.start()]
        starts = [word.start() for word in _WORD.finditer(window)]
        if not starts:
            continue
        # Only the last four words ("agosto 3 de", "agosto/") can hold the month.
        tail = window[starts[-4] if len(starts) > 3 else starts[0] :]
        before = _BEFORE_YEAR.search(tail)
        if before is None or not _MONTH_WORD.fullmatch(before.group("m")):
            continue
        start = year.start() - len(tail) + before.start()
        yield Redaction("date", start, year.end(), text[start : year.end()], label("date"))
