"""A document's own date: the one rule every part of the app reads it by.

Session 40 left two readers of "the document's own date" that disagreed: the chunker's (the date
in a passage's header and the Summarise dialog's list) and the dose-disagreement note's (a date
in the file name, else a labelled date anywhere in the passage, always read day first). Their
label lists differed ("Seen", "Issued", "Printed" in one only), and "04/11/2026" was 4 November
in the note while the shared date reader's first reading is 11 April. This module is the rule
both now use:

1. in the document's opening (:data:`DATE_WINDOW` characters), a lab report's collection date
   (:data:`COLLECTED_DATE`: "Collected:", "Sampled", "Specimen date"), else the first date
   labelled as the document's own (:data:`OWN_DATE`: "Date:", "Dated", "Letter date",
   "Discharged:", "Issued", "Printed", "Reported", ...);
2. else a date written in its file name ("discharge_summary_2026-09-18.pdf");
3. else the opening's first date that is neither a date of birth nor labelled as an admission,
   referral or other event (:data:`EVENT_DATE`);
4. else the opening's first event date. A date of birth never dates a document, nor a future
   event's (:data:`FUTURE_DATE`: "Review date:", "Next appointment", "Follow-up date:", "Due:");
   a FHIR bundle (many dates, none of them the bundle's) has none.

A date whose day and month both read as a month ("04/11/2026") is read in the order the
document's opening writes its dates (an unambiguous date such as 14/03/2026 there, or writing
that says, as the redaction decides it: :func:`medlocal.privacy.deid_dates.day_order`), else in
an order the caller knows (the Summarise dialog: the patient's other documents); where nothing
says, it is never guessed: it is shown as written with "day and month order unclear". The app
has no setting for the order of day and month.

It sits below the vault, the ingest and the answers (all three read it) and above privacy,
whose day-order tallies it uses; it imports no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from medlocal.privacy.deid_dates import day_order, day_order_counts
from medlocal.values import extract_dates, extract_values

DATE_WINDOW = 600  # a document's own date is looked for this near its start
UNCLEAR_ORDER = "day and month order unclear"

# A date of birth is not the document's date: "DOB", "D.O.B.", "Date of birth", "Birth date",
# "Birthdate", "Born on" (review 41 D5: "Birth date:" and "Born on" passed, as "date:" and as the
# opening's first date).
# And as other languages write it (walk 47b D2: a German lab report's "geb. 22.07.1961" dated
# the report 1961): German "geb." / "geboren (am)" / "Geburtsdatum", Spanish "Fecha de
# nacimiento" / "F. nac." / "nacido el", French "né(e) le" / "date de naissance", Italian "data
# di nascita" / "nato il", Portuguese "data de nascimento", Dutch "geboortedatum" / "geboren",
# Nordic "født" / "fødd" / "fædd(ur)" / "född" / "fødselsdato".
BIRTH_DATE = re.compile(
    r"(?:\bdob|\bd\.\s?o\.\s?b\.?|\bborn(?:\s+(?:on|in))?|\bbirth(?:\s*(?:date|day))?"
    r"|\bgeb\.|\bgeboren(?:\s+am)?|\bgeburtsdatum|\bgeboortedatum"
    r"|\bf(?:echa|\.)\s*(?:de\s+)?nac(?:imiento|\.)?|\bnacid[oa](?:\s+el)?"
    r"|\bn[ée]e?\s+le|\bdate\s+de\s+naissance|\bdata\s+d[ei]\s+nasci(?:ta|mento)"
    r"|\bnat[oa]\s+il|\bf[øoöæ]dd?(?:ur|e|t)?|\bf[øo]dselsdato)\W{0,12}$",
    re.IGNORECASE,
)
# A date labelled as a future event is never the document's date, not even its last resort: a
# GP medication list's "Review date: 01/06/2027", a letter's "Next appointment date:",
# "Follow-up date:", "Due:", "Recall:" (review 41 D5: any "... date:" passed as "date:").
FUTURE_DATE = re.compile(
    r"(?:\breview(?:\s+(?:date|due|on|by))?|\bnext\s+(?:appointment|appt|review|visit|clinic)"
    r"(?:\s+(?:date|on|due))?|\bfollow[\s-]*up(?:\s+(?:date|on|due|appointment))?"
    r"|\b(?:next\s+)?due(?:\s+(?:date|on|by))?|\brecall(?:\s+date)?|\bexpir(?:y|es)(?:\s+date)?"
    r"|\bvalid\s+until|\brepeat\s+(?:on|by|date))\W{0,4}$",
    re.IGNORECASE,
)
# A lab report's collection date: the day its results describe, the date a reader cites ("the
# bloods of 2 March"), so it is the report's own date before any other label, "Printed" and
# "Reported" among them (a reprint, or a report issued days later, does not redate the results;
# review 41 D5). "Received" (in the laboratory) stays an event date.
COLLECTED_DATE = re.compile(
    r"(?:\bcollected(?:\s+on)?|\bcollection(?:\s+(?:date|time))?|\bdate\s+(?:collected|sampled)"
    r"|\bsampled(?:\s+on)?|\bsample\s+(?:date|taken|collected)"
    r"|\bspecimen\s+(?:date|taken|collected))\W{0,4}$",
    re.IGNORECASE,
)
# A date labelled as the document's own ("Date: ...", "Discharged: ...", "Letter date ...",
# "Printed 04/11/2026" on a GP medication list): preferred over any date before it. A discharge
# summary opens with "Admitted: 12 September", and its first date dated it by the admission,
# six days before it was written (walk 40b). "Seen in clinic" is not here: a clinic letter
# names the visit, then the day it was written ("Letter date: 30 October").
OWN_DATE = re.compile(
    r"(?:\bdate(?: of (?:letter|report|discharge|clinic|issue|dictation))?|\bdated"
    # German "Befund vom", "Datum:", Spanish "Fecha de alta:", "Fecha:".
    r"|\bvom|\bdatum|\bfecha(?: de (?:alta|informe|emisi[oó]n))?"
    r"|\bdischarged(?: on)?|\bdischarge date|\bwritten(?: on)?|\btyped(?: on)?"
    r"|\bletter(?: of)?|\bissued(?: on)?|\bprinted(?: on)?|\breported(?: on)?)\W{0,4}$",
    re.IGNORECASE,
)
# An admission, referral-received or event date is not the document's date when the opening
# names another ("Admission date: ..." would otherwise pass for "date:").
EVENT_DATE = re.compile(
    r"(?:admitted(?: on)?|admission(?: date)?|date of admission|date of (?:referral|onset|event)"
    r"|fecha de ingreso|aufnahme(?:datum)?|date d'entr[ée]e"
    r"|received(?: on)?)\W{0,4}$",
    re.IGNORECASE,
)
_LABEL_CHARS = 30
# Walk 52a L1: "PHARMACY MEDICATION REVIEW - 20/02/2026" is the document's kind and date, not a
# future "Review:"; its body's "clopidogrel … (stop date 04/05/2026)" is no "Date:" of its own.
# A bare "review" names a future review only as a label of its own (at a line's or a clause's
# start: "Review: 01/06/2027", "Plan: review 01/06/2027"), not after a word that says what was
# reviewed ("Medication review - ...", "Annual review 2026-02-20").
_REVIEW_ALONE = re.compile(r"\breview\W{0,4}$", re.IGNORECASE)
_WORD_BEFORE_REVIEW = re.compile(r"[^\W\d_][\w'’-]*[ \t]+review\W{0,4}$", re.IGNORECASE)
# A bare "date" after one of these words dates that event, not the document: "stop date",
# "start date", "surgery date", "due date".
_DATE_QUALIFIED = re.compile(
    r"\b(?:stop|stopping|start|starting|end|finish|completion|course|surgery|operation"
    r"|procedure|injury|onset|scan|test|expected|planned|target|booked|appointment|appt"
    r"|delivery|due|last|next|first|transfer|death|vaccination|dose|repeat|expiry|return"
    r"|review|event|admission|referral|accident|fall)[ \t]+dated?\W{0,4}$",
    re.IGNORECASE,
)


def _future(before: str) -> bool:
    """Whether the label ``before`` a date makes it a future event's (see FUTURE_DATE)."""
    if not FUTURE_DATE.search(before):
        return False
    # "Medication review - 20/02/2026": what was reviewed, and when.
    return not (_REVIEW_ALONE.search(before) and _WORD_BEFORE_REVIEW.search(before))


def _qualified_date(before: str) -> bool:
    """Whether ``before`` labels the date as another event's ("stop date", "start date")."""
    return _DATE_QUALIFIED.search(before) is not None


# A date written in a file name ("discharge_summary_2026-09-18.pdf", "labs_20261030.csv").
_FILE_DATE = re.compile(
    r"(?<!\d)(20\d\d|19\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

Source = Literal["label", "file name", "opening", "event"]


@dataclass(frozen=True)
class WrittenDate:
    """The document's own date as written, and which step of the rule found it."""

    written: str
    source: Source


def file_name_date(file_name: str | None) -> str | None:
    """The date a file name gives, as YYYY-MM-DD; None where it gives none (or no real day)."""
    found = _FILE_DATE.search(file_name or "")
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3))).isoformat()
    except ValueError:  # "2026-02-30"
        return None


def own_date(text: str, file_type: str, file_name: str | None = None) -> WrittenDate | None:
    """The document's own date as written, by the module's rule (see there); ``text`` is the
    document's text or its opening, ``file_name`` its file's name where known."""
    if file_type == "fhir":
        return None
    opening = text[:DATE_WINDOW]
    plain: str | None = None
    event: str | None = None
    labelled: str | None = None
    for value in extract_dates(opening):
        if not any(_ISO_DAY.fullmatch(reading) for reading in value.readings()):
            continue  # a month ("March 2026") or a day without its year dates no document
        before = opening[max(0, value.start - _LABEL_CHARS) : value.start]
        if BIRTH_DATE.search(before[-20:]) or _future(before):
            continue
        if COLLECTED_DATE.search(before):
            return WrittenDate(value.raw, "label")
        if EVENT_DATE.search(before) or _qualified_date(before):
            event = event or value.raw
        elif OWN_DATE.search(before):
            labelled = labelled or value.raw
        else:
            plain = plain or value.raw
    if labelled is not None:
        return WrittenDate(labelled, "label")
    named = file_name_date(file_name)
    if named is not None:
        return WrittenDate(named, "file name")
    if plain is not None:
        return WrittenDate(plain, "opening")
    return WrittenDate(event, "event") if event is not None else None


def document_date(text: str, file_type: str) -> str | None:
    """The date the document's text gives itself, as written (steps 1, 3 and 4 of the rule: a
    passage header beside the file name need not repeat the name's date)."""
    found = own_date(text, file_type)
    return found.written if found is not None else None


def day_first_in(text: str) -> bool | None:
    """Whether ``text`` writes its numeric dates day first (True), month first (False), or
    does not say (None): its unambiguous dates, then its layouts, then its writing."""
    return day_order(day_order_counts(text))


def iso_when_clear(written: str, day_first: bool | None = None) -> str:
    """A document's date as YYYY-MM-DD, like the import dates beside it, where it reads one
    way only ("14/03/2026", "3 March 2026", "2026-11-02") or ``day_first`` says how to read it
    ("02/11/2026": 2 November, day first); where neither says, as written and marked
    (UNCLEAR_ORDER), never a guess. A date without a day ("March 2026") stays as written. Walk
    29: one list mixed "(02/11/2026)", "(2026-11-02)" and "(imported 2026-12-02)"."""
    orders = (True, False) if day_first is None else (day_first,)
    readings = {
        v.canonical for order in orders for v in extract_values(written, order) if v.kind == "date"
    }
    only = next(iter(readings)) if len(readings) == 1 else ""
    if _ISO_DAY.fullmatch(only):
        return only
    return f"{written}, {UNCLEAR_ORDER}" if len(readings) > 1 else written


def own_date_shown(
    text: str, file_type: str, file_name: str | None = None, *, day_first: bool | None = None
) -> str | None:
    """The document's own date as the app shows it: YYYY-MM-DD where it reads one way, else as
    written with UNCLEAR_ORDER. A date that reads two ways is read in the order ``text`` (the
    document's opening) writes its dates, else in ``day_first`` (what the caller knows: the
    patient's other documents), else not at all. None where the document gives no date."""
    found = own_date(text, file_type, file_name)
    if found is None:
        return None
    if found.source == "file name":
        return found.written
    shown = iso_when_clear(found.written)
    if not shown.endswith(UNCLEAR_ORDER):
        return shown  # reads one way: the opening's day order (the costly part) is not needed
    own = day_first_in(text[:DATE_WINDOW])
    return iso_when_clear(found.written, day_first if own is None else own)


def day_of(shown: str | None) -> date | None:
    """The day a date shown by :func:`own_date_shown` names; None for one that is unclear, has no
    day, or is missing."""
    if shown is None or _ISO_DAY.fullmatch(shown) is None:
        return None
    try:
        return date.fromisoformat(shown)
    except ValueError:
        return None
