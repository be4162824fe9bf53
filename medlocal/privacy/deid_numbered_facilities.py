"""Facilities known by their number (session 60, deid60a; issue 16's FACILITY recall).

Much of the world numbers its public facilities: "Poliklinika No. 3", "Городская поликлиника
№ 180", "Hospital General de Zona No. 32", "Farmacia Comunale N. 41", "Kyiv City Clinical
Hospital No. 17", "Ataşehir 12 No'lu Aile Sağlığı Merkezi". The number is the name: "Hospital
No. 52" in a Moscow record points at one building as surely as "St Mary's Hospital" does. The
facility rules read a name's words and left the kind's word and its number ("Polyclinic No.
180") or cut the span at the sign ("[Farmacia Comunale N]. 41").

A facility's kind word (a closed list in the languages that number facilities), up to three
capitalised words or acronyms after it ("Comunale", "ANC", "General de Zona"), then a number
sign (No., Nr., N., Nº, №, #, Núm.) and a number of one to three digits; the capitalised words
right before the kind's word ("Городская", "City Clinical") go with it. Not read:
- a label's colon after the sign ("Hospital No: 4471" is the patient's hospital number), nor a
  number of four digits or more (a record number);
- a number that sizes or counts what follows it ("No. 2 dressing", "No. 3 weeks");
- a number of a record or a course named between the kind and the sign ("Clinic Cycle No. 4",
  "Hospital Bed No. 12"; review60d).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_spans import Redaction, label

# Kinds of facility that are numbered (lower case; matched in any case).
_KINDS = (
    # English
    "hospital", "polyclinic", "policlinic", "clinic", "pharmacy", "dispensary", "school",
    "lyceum", "kindergarten", "sanatorium", "maternity home", "health centre", "health center",
    "health station", "medical centre", "medical center", "ambulance station",
    # other languages written in Latin letters
    "poliklinika", "policlínica", "policlinica", "policlinico", "poliklinik", "farmacia",
    "farmàcia", "farmácia", "pharmacie", "apotheke", "apteka", "apotek", "lékárna", "ospedale",
    "presidio", "szpital", "przychodnia", "nemocnice", "szkoła", "škola", "escuela", "colegio",
    "escola", "école", "hôpital", "hospitál", "krankenhaus", "klinika", "ambulatorio",
    "ambulatorium", "bolnica", "bolnitsa", "apteka", "gimnazjum", "liceum",
    # Cyrillic
    "больница", "поликлиника", "госпиталь", "аптека", "школа", "диспансер", "амбулатория",
    "роддом", "гимназия", "лицей", "лікарня", "поліклініка", "амбулаторія", "гімназія",
    "ліцей", "гкб", "дгкб", "црб", "гб", "дгб",
)  # fmt: skip
_KIND = "|".join(sorted({re.escape(k).replace(r"\ ", r"[ \t]+") for k in _KINDS}, key=len)[::-1])
# Words of the facility's name between its kind and the number ("Comunale", "ANC", "GENERAL DE
# ZONA", "Clinical"): capitalised words, acronyms, and particles.
_NAME_WORD = r"(?:[^\W\d_a-zа-яё][^\W\d_]*\.?|de|di|del|della|la|el|do|da|dos|das|des|du|im|am)"
_SIGN = r"(?:№|#|N[º°o]\.?|n[º°o]?\.|[Nn][Rr]\.?|NO\b\.?|No\b\.?|no\.|N\.|[Nn][úu]m\.?)"
_NUMBER = r"\d{1,3}[A-Za-zА-Яа-яЁё]?(?:/\d{1,3})?"
_NUMBERED = re.compile(
    rf"(?<![\w-])(?i:{_KIND})((?:[ \t]+{_NAME_WORD}){{0,3}})[ \t]*{_SIGN}[ \t]*({_NUMBER})"
    rf"(?![\w:/]|[.,]\d)"
)
# A record's or a course's noun between the kind and the number: the number is that record's
# or that course's, not the facility's ("Clinic Cycle No. 4 of chemo", "Hospital Bed No. 12",
# "Clinic Session No. 6 of CBT", "Pharmacy Batch No. 123"; review60d).
_RECORD_WORDS = frozenset(
    {"cycle", "session", "visit", "appointment", "appt", "admission", "episode", "encounter",
     "case", "ref", "reference", "form", "letter", "batch", "lot", "bed", "room", "cubicle",
     "bay", "ward", "floor", "level", "year", "grade", "class", "stay", "week", "day", "dose",
     "number", "account", "record", "file", "ticket", "order", "rx", "script", "prescription",
     "invoice", "claim", "receipt", "sample", "specimen", "report", "stage", "step", "phase",
     "line", "page", "item", "round", "attempt", "course", "block", "trial", "test", "fraction"}
)  # fmt: skip
# Turkish: the number before "No'lu" and the kind's words after it ("12 No'lu Aile Sağlığı
# Merkezi").
_TURKISH = re.compile(
    r"(?<![\w-])\d{1,3}[ \t]*(?:No['’.]?lu|Nolu|Numaralı)(?:[ \t]+[^\W\d_][^\W\d_]*){1,4}"
)
# Capitalised words right before the kind's word ("Городская", "Kyiv City Clinical").
_WORDS_BEFORE = re.compile(r"(?:[^\W\d_][^\W\d_'’-]*[ \t]+){1,3}\Z")
# Words that open a sentence or a clause, not a facility's name.
_NOT_NAME = frozenset(
    {"the", "a", "an", "at", "to", "from", "in", "on", "of", "by", "and", "or", "via", "seen",
     "admitted", "referred", "transferred", "discharged", "patient", "pt", "attends",
     "attended", "visited", "local", "nearest", "same", "this", "that", "his", "her", "their"}
)  # fmt: skip
# Stems of a specialty's name in any language: the department written before a numbered
# facility ("Poradni Kardiologicznej Przychodnia nr 12") is no part of its name.
_SPECIALTY = ("olog", "iatr", "chirurg")
# What a number may size or count, written after it ("No. 2 dressing", "No. 3 weeks").
_COUNTED = re.compile(
    r"[ \t]+(?:dressings?|bandages?|sutures?|blades?|needles?|tubes?|catheters?|swabs?|"
    r"tablets?|capsules?|days?|weeks?|months?|years?|hours?|times?|doses?|mg|ml|cm|mm)\b",
    re.IGNORECASE,
)


def _start_with_name(text: str, start: int) -> int:
    """``start`` moved back over the capitalised name words right before it on its line."""
    before = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return start
    at = start
    words = re.finditer(r"[^\W\d_][^\W\d_'’-]*", before.group())
    for word in reversed(list(words)):
        token = word.group()
        lower = token.lower()
        if not token[0].isupper() or lower in _NOT_NAME or any(s in lower for s in _SPECIALTY):
            break
        at = before.start() + word.start()
    return at


def numbered_facility_spans(text: str) -> Iterator[Redaction]:
    """The facilities named by their kind and number in ``text`` (see the module's
    docstring)."""
    # Through the cue index and the skippers on a long text (speed63: ~9 ms of plain searches on
    # a 20-page record, 0.2 ms so).
    matches = [
        m
        for m in skipped_finditer(_NUMBERED, text)
        if not _COUNTED.match(text, m.end())
        and not any(w.rstrip(".").lower() in _RECORD_WORDS for w in m.group(1).split())
    ]
    matches += skipped_finditer(_TURKISH, text)
    for match in matches:
        start = _start_with_name(text, match.start())
        end = match.end()
        yield Redaction("facility", start, end, text[start:end], label("facility"))
