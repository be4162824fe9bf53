"""An answer that only repeats the record's heading: the patient's name, date of birth, record
number, address or telephone (walk 47b D10: "What was his INR on 12 March 2025?" was answered
"Patient: Ólafur Þórsson, kennitala 300949-2189, Laugavegur 58, 101 Reykjavík, +354 861 2345
[1]", twice, with a citation and no flag: copied from the passage, so "supported", yet it
answers nothing). Such an answer is set aside like one that broke down.

A sentence is an identity line when it names the patient (the vault's record of the name, or a
label such as "Patient:", "DOB", "MRN", "NHS number", "kennitala"), every other word is one of
such labels, a capitalised word (a street, a town, a hospital; not a short abbreviation such
as "INR"), or mostly digits (a date, a code, a house or telephone number), and it shows itself
to be the record's heading: an identity label, or an identity number (the record's date of
birth or MRN, a telephone or national number). The name, a hospital and a date alone are not
enough: "José García Núñez, Hospital La Paz, 14.02.2025." answers when she was admitted, and
"Ólafur Þórsson: Parkinson Disease." what the diagnosis is (review47 R1). A medicine, a
measured value or what the question asks about makes a sentence more than that. A question
that asks for these details ("What is her date of birth?", "Where does he live?"), or asks
when, where, which or who, is answered by names, places and dates, so it is never set aside
this way."""

from __future__ import annotations

import re

from medlocal.folding import fold_letters
from medlocal.rag.checks.patient_identity import RecordIdentity
from medlocal.rag.citations import blank_citations
from medlocal.rag.medications import MedicationLexicon, default_lexicon
from medlocal.rag.relevance import term_finder
from medlocal.rag.sentences import split_sentences
from medlocal.values import extract_dates, extract_values

# Words that say a line is the patient's details (folded, as ``fold_letters`` writes them): the
# labels of a letter's or a report's heading in the languages clinics write to MedLocal in.
_LABELS = frozenset(
    {"patient", "patientin", "paciente", "patiente", "name", "nom", "nombre", "dob", "d.o.b",
     "born", "birth", "geb", "geboren", "nacimiento", "mrn", "nhs", "urn", "chi", "nhi", "ssn",
     "kennitala", "personnummer", "dni", "nie", "ppsn", "address", "adresse", "direccion",
     "tel", "tel.", "telephone", "phone", "mobile", "email", "e-mail", "sex", "gender"}
)  # fmt: skip
# Words that may stand in such a line beside the labels without saying anything else.
_FILLERS = frozenset(
    {"date", "of", "no", "no.", "number", "hospital", "record", "medical", "id", "re", "mr",
     "mrs", "ms", "miss", "mx", "dr", "male", "female", "age", "aged", "years", "year", "old",
     "y", "yrs", "street", "st", "road", "rd", "avenue", "ave", "lane", "flat", "apt",
     "postcode", "zip", "de", "la", "del", "von", "van", "and", "the", "is", "was"}
)  # fmt: skip
# A question asking for these details themselves, or one that names, places and dates answer
# (when, where, which hospital, who referred, the next of kin).
_ASKS_DETAILS = re.compile(
    r"\b(?:names?|called|born|birth|birthday|d\.?o\.?b|age|old|address|live[sd]?|living|"
    r"postcode|mrn|nhs|number|phone|telephone|contact|kennitala|identity|identifier|details|"
    r"who|whom|whose|when|where|which|kin|what\s+(?:date|day|time|year|month))\b",
    re.IGNORECASE,
)
# Digits in groups joined by single spaces or hyphens ("+354 861 2345", "300949-2189",
# "943 476 5919"); six digits or more is a telephone, record or national number, not a house
# number, a postcode's digits or a count.
_DIGIT_RUN = re.compile(r"\+?\d+(?:[ \-]\d+)*")
_ID_DIGITS = 6
_WORD = re.compile(r"[^\W_][\w'’.\-]*")


def repeats_identity_only(
    text: str,
    question: str,
    identity: RecordIdentity | None,
    lexicon: MedicationLexicon | None = None,
) -> bool:
    """Whether every sentence of the answer ``text`` is an identity line (module docstring),
    and ``question`` does not ask for those details."""
    if _ASKS_DETAILS.search(question) or term_finder(question)(text):
        return False
    names = set(fold_letters(identity.name).replace("-", " ").split()) if identity else set()
    sentences = [s.text for s in split_sentences(blank_citations(text).replace("†", " "))]
    sentences = [s for s in sentences if _WORD.search(s)]
    lexicon = lexicon or default_lexicon()
    return bool(sentences) and all(_identity_line(s, names, identity, lexicon) for s in sentences)


def _identity_line(
    sentence: str, names: set[str], identity: RecordIdentity | None, lexicon: MedicationLexicon
) -> bool:
    if lexicon.find(sentence) or any(v.unit for v in extract_values(sentence)):
        return False
    named = labelled = False
    for word in _WORD.findall(sentence):
        folded = fold_letters(word).rstrip(".:,")
        if folded in _LABELS:
            named = labelled = True
        elif any(part in names for part in folded.split("-") if part):
            named = True
        elif folded in _FILLERS or _number_like(word) or _proper_name(word):
            continue
        else:
            return False  # a word of its own: the line says something beyond the details
    return named and (labelled or _identity_number(sentence, identity))


def _identity_number(sentence: str, identity: RecordIdentity | None) -> bool:
    """Whether ``sentence`` holds the record's date of birth or MRN, or a number as long as a
    telephone or national number. Other dates say when something happened, not who it is."""
    dob = identity.dob if identity else None
    masked = list(sentence)
    for found in extract_dates(sentence, day_first=True):
        if dob and dob in (found.canonical, found.alt):
            return True
        masked[found.start : found.start + len(found.raw)] = " " * len(found.raw)
    mrn = _alphanumeric(identity.mrn) if identity and identity.mrn else None
    if mrn and any(_alphanumeric(word) == mrn for word in sentence.split()):
        return True
    runs = _DIGIT_RUN.findall("".join(masked))
    return any(sum(c.isdigit() for c in run) >= _ID_DIGITS for run in runs)


def _alphanumeric(text: str) -> str:
    return "".join(c for c in fold_letters(text) if c.isalnum())


def _number_like(word: str) -> bool:
    # A date, a code, a house or telephone number ("300949-2189", "KV-9376500"); not "HbA1c".
    return sum(c.isdigit() for c in word) >= sum(c.isalpha() for c in word)


def _proper_name(word: str) -> bool:
    # "Laugavegur", "Reykjavík", "REYKJAVIK", "Dubois-Lefèvre"; not a short abbreviation
    # ("INR", "CKD", "AF") nor a test's name with digits ("HbA1c").
    letters = re.sub(r"['’.\-]", "", word)
    return (
        word[:1].isupper()
        and letters.isalpha()
        and not (word.isupper() and len(letters) <= _ABBREVIATION)
    )


_ABBREVIATION = 5
