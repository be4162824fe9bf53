"""All-capital initials that stand where only a person can (session 51, deid51a).

Notes sign and hand over by initials ("Seen by: KM", "Handed over by SK to JP", "tech RK",
"Nurse MY recorded", "dikterat av MH"). Two letters in capitals are very often also an
abbreviation ("TB", "CD", "JP", "EM"), so the word alone says nothing: the slot does. Three
slots, each read from the text alone:

* after a verb of signing, writing, checking or handing over and its "by" (or the word of
  another language: "av", "par", "von", "door", "por"), a colon allowed, and the initials joined
  to it by "/" or "and"; after a handover's "by X" also its "to Y";
* after a word for a member of staff that only a person is ("Nurse", "tech", "CSW",
  "Physiologist", "Pflege:", "enf."), where the initials end the field or a verb follows;
* a table's column headed by a patient's or a staff member's word ("Pt", "Named nurse",
  "Initials") whose filled cells are all initials: a column of abbreviations is none of these.

What stays: a route, an imaging test, a service or a team ("seen by OT", "confirmed by CT",
"given by IV", "reviewed by ENT", "discussed with IR", "triaged by MTS"), a scale with its
number ("assessed by PHQ-9"), an answer ("NA", "TBC"), a clinical word. The initials so found
are taken elsewhere in the same note only where no list knows them (fix51c): "Seen by MS" is a
person, but "MS relapse" in the same note is multiple sclerosis, so initials the project's
abbreviation table knows (AF, MI, MS, DM, CF, RA, UC, HD, CD...) stay where no slot holds them.
"""

from __future__ import annotations

import re
from itertools import pairwise

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_people_words import ROLES
from medlocal.privacy.deid_role_terms import care_subject
from medlocal.privacy.deid_spans import Redaction, label

# Initials: two to four capitals, or with a Scottish or Irish "Mc", or a hyphened pair ("GH-J").
_INITIALS = r"(?:[A-Z]{2,4}|[A-Z]{1,2}Mc[A-Z]{0,2}|[A-Z]{2,3}-[A-Z])"
# Verbs of signing, writing, checking or handing over, in the languages the notes come in.
_SIGNING_VERBS = (
    r"seen|reviewed|prepared|dictated|typed|checked|completed|signed|co-?signed|"
    r"counter-?signed|handed[ \t]+over|recorded|written|verified|authori[sz]ed|entered|"
    r"transcribed|witnessed|reported|compiled|clerked|triaged|discussed|examined|assessed|"
    r"chaperoned|supervised|observed|accompanied|escorted|countersigned|"
    r"dikterat|diktiert|utskrivet|utskriven|signerat|vidimerat|dicté|dictée|validé|"
    r"geschrieben|gezeichnet|gecontroleerd|dictado|revisado|firmado"
)
_BY = r"(?:by|By|BY|av|par|von|door|por|pelo|pela|da)"
# Speed: the initials are found first (a scan for capitals), and the slot is read in the few
# characters before them, so no long alternation runs at every position of a long record.
_SIGNED_BEFORE = re.compile(
    rf"(?:(?i:\b(?:{_SIGNING_VERBS}))[ \t]+{_BY}|(?i:\bd/w|\bdiscussed[ \t]+with)"
    # A handover's giver (fix51c, review51a M3): "Handover from SK to JP".
    r"|(?i:\bhand(?:ed[ \t]+)?over[ \t]+from|\bh/o[ \t]+from))"
    r"[ \t]*:?[ \t]*\Z"
)
# A second signer after the first: "/PKR", " and LW", "& TB"; a handover's " to JP".
_DOTTED = r"(?:[A-Z]\.){2,3}"
_JOINED = re.compile(
    rf"(?:[ \t]*/[ \t]*|[ \t]+(?:and|&)[ \t]+)(?P<v>{_INITIALS}(?![\w'’/])|{_DOTTED}(?!\w))"
)
_HANDED_TO = re.compile(rf"[ \t]+to[ \t]+(?P<v>{_INITIALS})(?![\w'’])")
# A staff member's word only a person is, before the initials (a label's colon allowed).
_STAFF_WORDS = (
    r"nurse|sister|charge[ \t]+nurse|staff[ \t]+nurse|student[ \t]+nurse|tech|technician|"
    r"technologist|physiologist|radiographer|sonographer|phlebotomist|csw|hca|hcsw|hcw|"
    r"paramedic|emt|medic|porter|scribe|chaperone|physio|dietitian|pharmacist|midwife|"
    r"anaesthetist|"
    r"crw|isva|idva|keyworker|key[ \t]+worker|carer|crew|"
    r"enf\.?|enfermera|enfermero|inf\.?|infirmi[eè]re|pflege|schwester|pfleger|"
    r"verpleegkundige|vpk|ssk|usk|sjuksk[öo]terska|undersk[öo]terska"
)
_STAFF_BEFORE = re.compile(rf"(?i:\b(?:{_STAFF_WORDS}))(?![A-Za-z])[ \t]*:?[ \t]*\Z")
# The initials end the field, or a bracket or a word in lower case follows ("Nurse MY
# recorded", "RH (Paramedic)"); a capital word after them is a name's or a heading's ("Nurse MY
# Lee").
_STAFF_AFTER = re.compile(r"[ \t]*(?:$|[,;.)/(])|[ \t]+[a-z]", re.M)
# Initials with their dots ("R.K.") too, in a signing slot (fix51c: "Seen by R.K. and J.P.").
_CANDIDATE = re.compile(rf"(?<![\w.'’/-])(?:{_INITIALS}(?![\w'’])|{_DOTTED}(?!\w))")
# (A doctor's grade is left out: "SpR ICM", "Reg ENT", "FY1 GIM" name a specialty after it.)
# A further member of a staff list after a colon ("Pflege: HB, LW").
_LISTED = re.compile(rf"[ \t]*,[ \t]*(?P<v>{_INITIALS})(?=[ \t]*(?:$|[,;.]))", re.M)
# Words that are not people after such a slot: routes, tests, services, answers.
_NOT_PEOPLE = frozenset(
    {
        "IV", "IM", "SC", "PO", "PR", "SL", "NG", "IO", "ID", "IT", "ET", "NJ", "OG", "PEG",
        "CT", "MRI", "US", "USS", "XR", "CXR", "AXR", "ECG", "EEG", "EMG", "ECHO", "TTE", "TOE",
        "PET", "DEXA", "OGD", "ERCP", "EUS", "MDT", "ED", "AE", "AMU", "ICU", "ITU", "HDU",
        "CCU", "ENT", "OT", "PT", "SLT", "SALT", "GP", "DN", "CPN", "CMHT", "SW", "MH", "NA",
        "NR", "NIL", "TBC", "TBA", "NAD", "YES", "NO", "NK", "NOK", "UK", "USA", "EU", "OK",
        "AM", "PM", "ALL", "THE", "AND", "MD", "RN", "NP", "PA", "DO", "PHD", "MRCP", "FRCS",
        "POCT", "LAB", "ICD", "GCS", "NEWS", "PEWS", "EWS", "BP", "HR", "RR", "SPO", "BM",
        "CBG", "FBC", "UE", "LFT", "CRP", "ABG", "VBG", "MSU", "CSU",
        # What a member of staff does or checks ("Midwife CTG reviewed", "nurse PICC care").
        "CTG", "PICC", "CVC", "IDC", "NGT", "TPN", "PCA", "IVI", "VIP", "OBS", "ADL", "ROM",
        "CPR", "BLS", "ALS", "ILS", "DNR", "DNACPR", "NIV", "CPAP", "BIPAP", "HFNO", "TTO",
        # Triage systems, scales and services that assess or take a patient (fix51c).
        "MTS", "ATS", "CTAS", "ESI", "SATS", "PHQ", "GAD", "AMTS", "MMSE", "MOCA", "IR", "IRU",
        "MSK", "UGI", "LGI", "HPB", "AAU", "SAU", "MAU", "EAU", "CDU", "SDEC", "AEC",
    }
)  # fmt: skip
# A table's header words for a column of people written by initials.
_PERSON_HEADS = frozenset(
    {"pt", "patient", "pts", "initials", "name", "nurse", "staff", "by", "signed", "sign",
     "carer", "clinician", "doctor", "allocated", "named", "keyworker", "hca", "rn"}
)  # fmt: skip
_ROMAN = re.compile(r"[IVX]{1,4}")
# What an abbreviation table's sense says of a test, a scale or a service, not a person: such
# initials in a person's slot are what took the patient ("Discussed with IR" is interventional
# radiology, "seen by OT" occupational therapy).
_SERVICE_SENSE = re.compile(
    r"(?i:therap|radiolog|questionnaire|scale\b|score\b|test\b|team\b|service|unit\b|"
    r"clinic\b|department|triage|assessment|examination|screen|imaging|scan\b|tomograph|"
    r"ography\b|oscopy\b|medicine\b|surgery\b)"
)
# Verbs that a test or a service does too ("seen by OT", "discussed with IR", "triaged by
# MTS"); writing and signing verbs are a person's alone ("Typed by RT").
_SERVICE_VERBS = re.compile(
    r"(?i:seen|reviewed|discussed|d/w|assessed|triaged|examined|reported|checked|verified|"
    r"compiled|clerked|revisado)"
)
# A scale's number after the capitals ("PHQ-9", "GAD-7", "NEWS-2").
_NUMBERED = re.compile(r"-\d")
# Two-letter words written in capitals for emphasis ("nurse TO call", "HCA IS aware").
_FUNCTION_WORDS = frozenset(
    {"NO", "OR", "IS", "AT", "IF", "TO", "ON", "IN", "UP", "BE", "DO", "GO", "SO", "AS", "BY",
     "OF", "IT", "WE", "US", "HE", "AN", "ME", "OK", "AM", "PM"}
)  # fmt: skip
_CELL_INITIALS = re.compile(rf"{_INITIALS}|(?:[A-Z]\.){{2,3}}")


def _person_like(value: str, lex: Lexicon, services: bool = False) -> bool:
    """Initials that no slot's other readings claim (routes, tests, services, answers);
    ``services``: the slot's verb may take a test or a service too ("seen by", "discussed with",
    "assessed by"), so initials whose listed sense is one stay (a column headed "Pt" or "Signed
    by" holds people only)."""
    bare = value.replace(".", "")
    if bare in _FUNCTION_WORDS or (len(bare) > 2 and bare.isalpha() and lex.known(bare.lower())):
        return False  # "nurse NOT to give", "carer ALSO present": a word in capitals
    if _ROMAN.fullmatch(bare):
        return False  # "Physio II ring", "EuroSCORE II": a version's numeral
    if bare.upper() in _NOT_PEOPLE or ("-" in bare and bare.split("-")[0] in _NOT_PEOPLE):
        return False
    lower = bare.lower()
    if lower in CLINICAL_SHORT or lower in ROLES:
        return False
    if not services:
        return True
    senses = default_abbreviations().senses.get(bare.upper(), ())
    return not any(_SERVICE_SENSE.search(sense) for sense in senses)


def _unlisted(value: str, lex: Lexicon) -> bool:
    """Initials that no list knows: only those are taken outside a person's slot, since the same
    capitals elsewhere are more often the abbreviation ("MS relapse", "no MI on ECG")."""
    bare = value.replace(".", "")
    if bare.upper() in default_abbreviations().senses or lex.clinical(bare.lower()):
        return False
    return _person_like(value, lex)


def _slot_initials(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in skipped_finditer(_CANDIDATE, text):
        value = match.group()
        if _NUMBERED.match(text, match.end()):
            continue  # "Assessed by PHQ-9": a scale
        at = max(0, match.start() - 40)
        if (signed := _SIGNED_BEFORE.search(text, at, match.start())) is not None:
            services = _SERVICE_VERBS.search(signed.group()) is not None
            if not _person_like(value, lex, services) or lex.clinical(value.lower()):
                continue
            spans.append(match.span())
            end = match.end()
            while (joined := _JOINED.match(text, end)) is not None:
                if not _person_like(joined.group("v"), lex, services):
                    break
                spans.append(joined.span("v"))
                end = joined.end("v")
            if re.search(r"(?i)hand|h/o", signed.group()):
                handed = _HANDED_TO.match(text, end)
                if handed is not None and _person_like(handed.group("v"), lex):
                    spans.append(handed.span("v"))
            continue
        staff = _STAFF_BEFORE.search(text, at, match.start())
        if staff is None or _STAFF_AFTER.match(text, match.end()) is None:
            continue
        if not _person_like(value, lex) or lex.clinical(value.lower()):
            continue  # "Midwife CTG reviewed": what she did, not who she is
        if care_subject(text, match.start(), match.end()):
            continue  # "Physio THR precautions": what the care is about (session 52)
        spans.append(match.span())
        end = match.end()
        if ":" in staff.group():
            while (listed := _LISTED.match(text, end)) is not None:
                value = listed.group("v")
                if not _person_like(value, lex) or lex.clinical(value.lower()):
                    break
                spans.append(listed.span("v"))
                end = listed.end("v")
    if "|" in text:
        spans += _initials_columns(text, lex)
    return spans


def _cells(line: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a pipe-table line, relative to the line."""
    bars = [i for i, c in enumerate(line) if c == "|"]
    return [(a + 1, b) for a, b in pairwise(bars)]


def _initials_columns(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Cells of a column of people whose filled cells are all initials."""
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    offsets = []
    at = 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    i = 0
    while i < len(lines):
        if lines[i].count("|") < 3:
            i += 1
            continue
        block = i
        while i < len(lines) and lines[i].count("|") >= 3:
            i += 1
        header = _cells(lines[block])
        heads = [
            set(re.findall(r"[a-z]+", lines[block][a:b].lower())) & _PERSON_HEADS for a, b in header
        ]
        for column, head in enumerate(heads):
            if not head:
                continue
            values: list[tuple[int, int]] = []
            shaped = True
            for row in range(block + 1, i):
                cells = _cells(lines[row])
                if column >= len(cells):
                    continue
                a, b = cells[column]
                cell = lines[row][a:b]
                value = cell.strip()
                if not value or set(value) <= set("-:= "):
                    continue
                if _CELL_INITIALS.fullmatch(value) is None:
                    shaped = False
                    break
                left = offsets[row] + a + len(cell) - len(cell.lstrip())
                values.append((left, left + len(value)))
            if not shaped or len(values) < 2:
                continue
            for start, end in values:
                if _person_like(text[start:end], lex):
                    spans.append((start, end))
    return spans


_ELSEWHERE_SHAPE = re.compile(rf"(?<![\w.'’/-]){_INITIALS}(?![\w'’-])(?![ \t]*:)")


def initial_slot_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """Initials in a person's slot (see the module's docstring), and the same initials elsewhere
    in ``text`` where no list knows them."""
    spans = _slot_initials(text, lex)
    if not spans:
        return []
    taken = set(spans)
    values = {text[a:b] for a, b in spans}
    for match in skipped_finditer(_ELSEWHERE_SHAPE, text):
        if match.group() in values and match.span() not in taken:
            if not _unlisted(match.group(), lex):
                continue
            taken.add(match.span())
    return [Redaction("name", a, b, text[a:b], label("name")) for a, b in sorted(taken)]
