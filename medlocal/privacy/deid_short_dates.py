"""A day and a month with no year and no cue ("seen 12/3", "labs at Quest 1/6", "Sat 14/3"),
read by what the clinical value grammar leaves (session 51, deid51a).

The date rules take a day and a month after a cue or beside a dated date. Notes also write them
bare, and a bare pair of small numbers around a slash is a date unless it is one of the
clinical values written the same way; those are told apart by their own grammar, not a list of
examples:

* a duration in hours, days, weeks or months (the denominator 24, 7, 52 or 12 after "for",
  "in", "x", "over", "past", "last", "every", a number's word or before "ago" or "history":
  "3/24 history of cough"), or a weeks' count (52); the interval a review is named by, after an
  article ("Booked on the 3/12 review", "a 2/52 follow-up");
  also (fix51c) a British duration or frequency with no time word: a denominator 7 or 12
  after a review's or follow-up's cue ("r/v 3/12", "f/u 2/7"), after a course's word ("worse
  2/7", "off work 3/7"), or before what it counts ("4/7 nights", "3/7 days per week"), where no
  date's word stands right before it;
* a score, a scale, a grade, a power or a ratio: a measure's word shortly before it ("power
  4/5", "pain 3/10", "GCS", "MMSE", "murmur", "nodes", "grade", "VA", "FEV1/FVC"), or a word
  for what it counts right after it ("3/10 pain", "1/2 tablet", "2/3 of");
* a visual acuity (six, or a value of the Snellen chart, over six: "6/9", "6/12"), a fraction
  of one ("1/2", "1/3", "3/4" before a unit or a dose word), and a pair inside a longer run of
  numbers and slashes ("120/80/60").

A test's, a procedure's or a service's name right before the pair is a date's cue, not a score's
("Echo 23/4", "Seen in ED 5/9", "Admitted to ICU 3/9", "Colonoscopy 28/2": fix51c, review51a
M2), unless what the pair counts follows it ("Colonoscopy 2/3 polyps").

A pair whose numbers read as no day and month either way (13/13, 0/2, 5/52) is no date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_spans import Redaction, label

_PAIR = re.compile(r"(?<![\w/.,:+-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.,:-]\d)")
# A duration: "3/7", "2/52", "4/12" after a word of time or count, or before "ago".
_DURATION_BEFORE = re.compile(
    r"(?i:\b(?:for|in|x|over|past|last|every|within|after|next|approx|about|~|nearly|"
    r"since|of|lasting|duration|hx|history|age[ds]?|aged|old|born|gestation|ga|post|"
    r"post-?op|day|pod)\b)[ \t]*[~<>]?[ \t]*\Z"
)
# A British duration or frequency without a time word (fix51c): a review's or follow-up's cue,
# or a course's word, right before the pair ("r/v 3/12", "GP r/v 2/7", "worse 2/7") ...
_COURSE_BEFORE = re.compile(
    r"(?i:(?<![\w/])(?:r/v|rv|f/u|fu|f-u|follow[ -]?up|fup|tci|rpt|repeat|recheck|re-?check|"
    r"re-?review|review(?:ed)?[ \t]+(?:again[ \t]+)?in|see[ \t]+(?:again[ \t]+)?in|"
    r"worse|worsening|better|improving|improved|ongoing|persisting|persistent|intermittent|"
    r"off[ \t]+work|off[ \t]+sick|sick[ \t]+note|fit[ \t]+note|med3|abstinent|sober)"
    r"(?![\w/]))[ \t]*[:~]?[ \t]*\Z"
)
# ... or what it counts right after it ("4/7 nights", "5/7 days per week", "3/12 months").
_FREQUENCY_AFTER = re.compile(
    r"[ \t]*(?i:days|nights|weeks|wks|months|mths|evenings|mornings|shifts|"
    r"per[ \t]+week|a[ \t]+week|/week|pw\b|p/w|times|sessions|visits)\b"
)
# A date's word right before the pair keeps it a date ("on 3/7 days after", "from 4/12").
_DATE_CUE_BEFORE = re.compile(
    r"(?i:\b(?:on|dated?|from|since|until|till|due|mon|tue|tues|wed|thu|thur|thurs|fri|sat|"
    r"sun)\b)[ \t:]*\Z"
)
_AGO_AFTER = re.compile(r"[ \t]*(?i:ago|hx|history|old|of\b|postpartum|post|pp\b|duration)")
# A measure's word shortly before the pair, on its line.
_MEASURE_BEFORE = re.compile(
    r"(?i:\b(?:power|strength|mrc|pain|score[ds]?|scale|gcs|mmse|moca|amts|amt|ace|acer|"
    r"apgars?|murmur|nodes?|lns?|grade[ds]?|g|va|acuity|vision|snellen|ratio|fev1|fvc|"
    r"reflexes|pulses?|sats?|severity|profusion|ilo|nrs|vas|rating|rated|tone|ashworth|oxford|kps|ecog|"
    r"who|nyha|ccs|mrs|frailty|cfs|waterlow|braden|must|news2?|pews|ews|bristol|bss|"
    r"stage|level|tier|cycle|cycles|dose|doses|fraction|fractions|fx|round|session|sessions|"
    r"week|wk|day|visit|part|item|items|criteria|positive|negative|cores?|biopsies|"
    r"samples?|bottles?|sets?|teeth|tooth|lobes?|quadrants?|para|gravida|g\d|p\d|"
    r"twin|triplet|number|no\.?|#|x|vs|versus|ratio|of|out)\b)"
    r"[ \t:=]*(?:[A-Za-z]+[ \t:=]*)?\Z"
)
# What the pair counts, right after it.
_COUNT_AFTER = re.compile(
    r"[ \t]*(?:(?i:pain|power|strength|tab(?:let)?s?|caps?(?:ule)?s?|of\b|dose|doses|mg|mcg|"
    r"ml|units?|strength|scale|score|nodes?|positive|negative|cores?|bottles?|sets?|"
    r"on[ \t]+(?:the|a)[ \t]+scale|murmur|ratio|systolic|diastolic|pan|esm|psm|"
    r"lobes?|teeth|vision|acuity|in[ \t]+(?:the|both|each)|eyes?|fingers?|toes?|limbs?|"
    r"of[ \t]+\d|x\b|times|hourly|daily|weekly|strength|sites?|points?|areas?|lesions?|"
    r"joints?|criteria|features?|bands?|fields?|domains?|tests?)\b|%)"
)
# ... or the kind of review it sets, after an article ("the 3/12 review", "a 2/52 follow-up"):
# a British interval that names the review, where a date would be "the review on 3/12".
_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:the|a|an|his|her|their|your)\b)[ \t]*\Z")
_INTERVAL_KIND_AFTER = re.compile(
    r"[ \t]*(?i:review|r/v|follow[ -]?up|f/u|fu|check|recheck|appointment|appt|scan|bloods)\b"
)
_CELL_BEFORE = re.compile(r"[|\t][ ]*\Z")
_CELL_AFTER = re.compile(r"[ ]*(?:[|\t]|$)", re.M)
_SNELLEN = frozenset({5, 6, 7, 9, 12, 18, 24, 36, 60})
# The most of the scales and grades notes write as "x/most" (power, Allred, pain, GCS parts,
# Barthel, Tinetti, MMSE...).
_SCALE_MOST = frozenset({4, 5, 6, 8, 10, 15, 20, 28, 30})


def _day_month(a: int, b: int) -> bool:
    """Whether ``a``/``b`` reads as a day and a month, either way round."""
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


_WORD_BEFORE = re.compile(r"(?P<w>[^\W\d_][\w'’.-]*|\d[\w.]*)?[ \t]*[(:,]?[ \t]*\Z")
_CALENDAR = re.compile(
    r"(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|today|tomorrow|yesterday|on|from|until|till|to|by|due|since|"
    r"dated|date|d|seen|noted|done|taken|booked|planned|started|stopped|sent|received|"
    r"collected|reported|admitted|discharged|adm|appt|review|reviewed|f/u|fu|next|last|"
    r"prev|previous|fills?:?|and|or|&|at)"
)


# Tests, procedures and services that are done or attended on a day (fix51c).
_DATED_EVENTS = frozenset(
    {
        "echo", "tte", "toe", "ecg", "eeg", "cxr", "axr", "xr", "x-ray", "xray", "ct", "ctpa",
        "mri", "us", "uss", "ultrasound", "pet", "dexa", "ogd", "ercp", "eus", "mrcp",
        "colonoscopy", "endoscopy", "gastroscopy", "bronchoscopy", "cystoscopy", "sigmoidoscopy",
        "angiogram", "angiography", "angio", "biopsy", "scan", "bloods", "labs", "ed", "ae",
        "a&e", "icu", "itu", "hdu", "ccu", "amu", "sdec", "clinic", "opd", "opa", "theatre",
        "theatres", "surgery", "op", "admission", "admitted", "discharge", "discharged",
        "appointment", "visit", "ward",
    }
)  # fmt: skip
# A plural word right after the pair: what it counts ("2/3 polyps", "3/4 vessels").
_PLURAL_AFTER = re.compile(r"[ \t]+(?!(?:was|is|as|has|us|this|thus|plus)\b)[a-z]{2,}s\b")


def short_date_candidates(text: str, lex: Lexicon) -> Iterator[Redaction]:
    """Bare day-month pairs the clinical grammar does not own (see the module's docstring)."""
    if "/" not in text:
        return
    for match in skipped_finditer(_PAIR, text):
        a, b = int(match.group("a")), int(match.group("b"))
        if not _day_month(a, b) or a == b:
            continue  # "8/8", "5/5": a full mark
        start, end = match.span()
        if _CELL_BEFORE.search(text, max(0, start - 8), start) and _CELL_AFTER.match(text, end):
            continue  # "| Lorazepam | 4/3 | 9/3 |": a value alone in a table's cell
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 30) : start]
        if b in (7, 52, 12, 24) and (
            _DURATION_BEFORE.search(before) or _AGO_AFTER.match(text, end) or b == 52
        ):
            continue  # "for 3/7", "2/52 ago", "4/12 history", "3/24 history": a duration
        if (
            b in (7, 12, 52)
            and a < b
            and _ARTICLE_BEFORE.search(before)
            and _INTERVAL_KIND_AFTER.match(text, end)
        ):
            continue  # "Booked on the 3/12 review": the review's interval
        if (
            b in (7, 12)
            and ((a < b and _COURSE_BEFORE.search(before)) or _FREQUENCY_AFTER.match(text, end))
            and not _DATE_CUE_BEFORE.search(before)
        ):
            continue  # "r/v 3/12", "worse 2/7", "drinks 4/7 nights": a British duration
        if (a == 6 and b in _SNELLEN) or (b == 6 and a in _SNELLEN):
            continue  # "VA 6/9": a visual acuity
        if _MEASURE_BEFORE.search(before) or _COUNT_AFTER.match(text, end):
            continue  # "power 4/5", "3/10 pain", "1/2 tablet"
        if a < b <= 4:
            continue  # "1/2", "1/3", "3/4": a fraction
        word = _WORD_BEFORE.search(before)
        prev = word.group("w") if word is not None else None
        if prev is not None:
            if prev[0].isdigit():
                continue  # "38 4/7 weeks": a number's fraction
            folded = prev.lower().rstrip(".:")
            if folded in _DATED_EVENTS and not _PLURAL_AFTER.match(text, end):
                yield Redaction("date", start, end, match.group(), label("date"))
                continue  # "Echo 23/4", "Seen in ED 5/9": the day it was done
            if lex.clinical(folded) or folded in lex.products:
                continue  # "hemiparesis 4/5", "Targin 10/5": a finding's grade, a strength
            if (
                a < b
                and not _CALENDAR.fullmatch(folded)
                and (not prev.islower() or b in _SCALE_MOST)
            ):
                # A score is out of its scale's most, after the scale's or the finding's name
                # ("Barthel 11/20", "IADL 2/8", "weakness 4/5"); there a date wants a date's
                # word before it ("seen 4/5", "due 2/10").
                continue
        elif a < b and b in _SCALE_MOST:
            continue  # "4/5" alone in a cell: a power
        yield Redaction("date", start, end, match.group(), label("date"))
