"""Adding a patient: one check of the details both faces collect (a date of birth in the form
YYYY-MM-DD at the command line, also "14 Mar 1948" in the window, never digits in another order,
not in the future), and a second patient with a medical record number the vault
already holds is a question for the person, not a silent duplicate: it is usually the same
patient added twice, whose documents would then be split between two records."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date

from medlocal.codes import compact_code
from medlocal.document_dates import DATE_WINDOW, own_date_shown
from medlocal.errors import UserInputError
from medlocal.folding import fold_letters
from medlocal.fsutil import shown_name
from medlocal.privacy.deid_dates import DayCounts
from medlocal.vault.rows import DocumentInfo, Patient
from medlocal.vault.store import Vault


class SimilarPatientError(UserInputError):
    """The new patient's MRN is one slip from another's (two characters swapped, or one
    changed), or the date of birth is the same and the name nearly so: often the same person
    typed twice, or the wrong one of two patients about to get a letter (walk 40b: "Margaret
    Helen Hartly", HRT-440921, beside "Margaret Ellen Hartley", HRT-440912, was added without a
    word). ``similar`` holds each such patient with what is alike."""

    def __init__(self, similar: list[tuple[Patient, str]]) -> None:
        self.listing = "; ".join(
            f"patient {p.id} ({shown_name(p.name)}, {why})" for p, why in similar
        )
        super().__init__(f"this patient is very like {self.listing}")
        self.similar = similar


class DuplicateMrnError(UserInputError):
    """The MRN is already used; ``existing`` are the patients holding it."""

    def __init__(self, mrn: str, existing: list[Patient]) -> None:
        names = ", ".join(f"{p.id} ({shown_name(p.name)})" for p in existing)
        super().__init__(f"MRN {mrn} is already used by patient {names}")
        self.existing = existing


_ISO_SHAPE = re.compile(r"\d{4}-?\d{2}-?\d{2}")
# Day, month and year in digits with any separator but ISO's order: 14/03/1948, 03.14.1948.
_NUMERIC_SHAPE = re.compile(r"(\d{1,4})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{1,4})")
ISO_EXAMPLE = "1948-03-14 for 14 March 1948"
_AMBIGUITY = (
    "day/month or month/day would be a guess, and a wrong date of birth can match a patient's "
    "records to someone else"
)


def date_of_birth(text: str, today: date | None = None) -> str:
    """``text`` as YYYY-MM-DD ("19700131" is accepted and written out); not after ``today``.
    The command line's rule: strict, because "03/04/1948" is 3 April in one clinic and 4 March
    in the next; the message names the form with an example and why nothing else is taken."""
    try:
        born = date.fromisoformat(text.strip())
    except ValueError as err:
        if _ISO_SHAPE.fullmatch(text.strip()):  # the right form, but no such day: 1948-02-30
            raise UserInputError(
                f"The date of birth {text.strip()} is not a real date (check the month and day)."
            ) from err
        numeric = _NUMERIC_SHAPE.fullmatch(text.strip())
        why = f": '{text.strip()}' is not taken, as {_AMBIGUITY}" if numeric else ""
        raise UserInputError(
            f"Write the date of birth as YYYY-MM-DD, e.g. {ISO_EXAMPLE}{why}."
        ) from err
    return _not_future(born, today)


def _not_future(born: date, today: date | None) -> str:
    if born > (today or date.today()):
        raise UserInputError(f"The date of birth ({born.isoformat()}) is in the future.")
    return born.isoformat()


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# "Mar", "March", "Sept": a month named by a word cannot be taken for the day.
MONTH_WORDS = (
    {name[:3].casefold(): n for n, name in enumerate(MONTHS, 1)}
    | {name.casefold(): n for n, name in enumerate(MONTHS, 1)}
    | {"sept": 9}
)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]*([A-Za-z]+)\.?[\s\-/.,]*(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?[\s\-/.,]*(\d{1,2})(?:st|nd|rd|th)?[\s,]*(\d{4})")


def typed_date_of_birth(text: str, today: date | None = None) -> str:
    """A date of birth as the window takes it, stored as YYYY-MM-DD: YYYY-MM-DD (or 19480314),
    or with the month as a word, "14 Mar 1948", "14 March 1948", "Mar 14, 1948". Digits only in
    another order (14/03/1948) are refused, as at the command line: which is the day would be a
    guess. An impossible day (30 Feb) and a future date are refused, each saying so."""
    cleaned = " ".join(text.split())
    if _ISO_SHAPE.fullmatch(cleaned):
        return date_of_birth(cleaned, today)
    parts = _worded_parts(cleaned)
    if parts is None:
        if _NUMERIC_SHAPE.fullmatch(cleaned):
            raise UserInputError(
                f"'{cleaned}' is not taken: {_AMBIGUITY}. Write the month as a word (14 Mar "
                "1948), or as YYYY-MM-DD (1948-03-14), or choose it from the calendar."
            )
        raise UserInputError(
            f"'{cleaned}' is not a date this field reads. Write it as 14 Mar 1948 or 1948-03-14, "
            "or choose it from the calendar."
        )
    day, month, year = parts
    try:
        born = date(year, month, day)
    except ValueError as err:
        raise UserInputError(
            f"{cleaned} is not a real date: {MONTHS[month - 1]} {year} has no day {day}."
        ) from err
    return _not_future(born, today)


def _worded_parts(text: str) -> tuple[int, int, int] | None:
    """(day, month, year) of a date whose month is a word, or None."""
    if found := _DAY_MONTH_YEAR.fullmatch(text):
        day, word, year = found.groups()
    elif found := _MONTH_DAY_YEAR.fullmatch(text):
        word, day, year = found.groups()
    else:
        return None
    month = MONTH_WORDS.get(word.casefold())
    if month is None:
        raise UserInputError(f"'{word}' in '{text}' is not a month: write it as Mar or March.")
    return int(day), month, int(year)


def shown_date(iso: str) -> str:
    """A stored YYYY-MM-DD as the window shows it, unambiguous everywhere: "14 Mar 1948"."""
    born = date.fromisoformat(iso)
    return f"{born.day} {MONTHS[born.month - 1][:3]} {born.year}"


# Hyphens, dashes and the minus sign (and spaces) inside an MRN: "KTV-219907", "KTV 219907",
# "KTV–219907" and "ktv219907" are one number to the person searching.
def patient_matches(query: str, name: str, mrn: str | None = None) -> bool:
    """Whether the patient list's search box ``query`` finds this patient: every word of it,
    in any order and any case, in the name or the MRN; hyphens, dashes and spaces are ignored
    inside an MRN (and a name: "okonkwolindgren"). Walk 43 D8: the panel matched the typed text
    as one literal substring, so "okonkwo lindgren", "Lindgren Amara" and "ktv219907" found no
    one. Accents count for nothing either way (``name_words``): walk 47b D3, "Muller",
    "Thorsson" and "Nguyen" found no one registered as "Müller", "Þórsson" or "Nguyễn". An
    empty query finds everyone."""
    name_joined = _joined(name)
    compact_mrn = compact_code(fold_letters(mrn or ""))
    for word in query.split():
        joined, compact = _joined(word), compact_code(fold_letters(word))
        if (joined and joined in name_joined) or (compact and compact in compact_mrn):
            continue
        if joined or compact:  # a word of punctuation alone ("-") asks nothing
            return False
    return True


def name_words(name: str) -> list[str]:
    """The words of a name as the searches compare them: accents folded (``fold_letters``:
    "Núñez" -> "nunez", "Þórsson" -> "thorsson"), hyphens, apostrophes and other marks as
    spaces ("Müller-Łukasiewicz" -> "muller", "lukasiewicz"; "O'Brien" -> "o", "brien")."""
    return _NOT_LETTERS.sub(" ", fold_letters(name)).split()


_NOT_LETTERS = re.compile(r"[\W_]+")


def _joined(name: str) -> str:
    # "Okonkwo-Lindgren", "okonkwo lindgren" and "okonkwolindgren" are one to the search.
    return "".join(name_words(name))


def patients_with_mrn(vault: Vault, mrn: str) -> list[Patient]:
    wanted = mrn.strip().casefold()
    return [p for p in vault.list_patients() if p.mrn and p.mrn.strip().casefold() == wanted]


def one_slip_apart(a: str, b: str) -> bool:
    """Whether two different codes differ by one typing slip: two neighbouring characters
    swapped ("440912"/"440921") or one character changed ("440912"/"440812"). Case and spaces
    do not count."""
    return _slip(a, b) is not None


def _slip(a: str, b: str) -> str | None:
    """ "swapped", "changed" or None (see ``one_slip_apart``)."""
    a, b = "".join(a.split()).casefold(), "".join(b.split()).casefold()
    if a == b or len(a) != len(b):
        return None
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(differ) == 1:
        return "changed"
    first, second = differ[0], differ[-1]
    swapped = (
        len(differ) == 2 and second == first + 1 and a[first] == b[second] and a[second] == b[first]
    )
    return "swapped" if swapped else None


# How alike two names must be (difflib's ratio over their letters) to ask, with the same date
# of birth: "Margaret Helen Hartly" and "Margaret Ellen Hartley" score 0.93, "Jane Smith" and
# "John Smith" 0.80, two unrelated names far less.
SIMILAR_NAME = 0.85


def names_alike(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    # "Jose Garcia" typed on an English keyboard is "José García" (walk 47b D3).
    spelt_a, spelt_b = " ".join(name_words(a)), " ".join(name_words(b))
    return SequenceMatcher(None, spelt_a, spelt_b).ratio() >= SIMILAR_NAME


def similar_patients(
    vault: Vault, name: str, mrn: str | None, dob: str | None
) -> list[tuple[Patient, str]]:
    """Patients a new one (``dob`` as YYYY-MM-DD) is very like, with what is alike: an MRN with
    two neighbouring characters swapped, an MRN one character from theirs with a name nearly
    theirs, or the same date of birth and a name nearly theirs. An identical MRN is
    ``patients_with_mrn``'s question, asked first."""
    found: list[tuple[Patient, str]] = []
    for patient in vault.list_patients():
        reasons = []
        slip = _slip(mrn, patient.mrn) if mrn and patient.mrn else None
        # A swap is a typing slip; one changed character is also the next number a clinic
        # issues (K4471902, K4471903), so it asks only with a name nearly the same too.
        if slip == "swapped" or (slip == "changed" and names_alike(name, patient.name)):
            reasons.append(f"MRN {patient.mrn} against {(mrn or '').strip()}")
        if dob and patient.dob == dob and names_alike(name, patient.name):
            reasons.append(f"same date of birth {dob} and a name nearly the same")
        if reasons:
            found.append((patient, ", ".join(reasons)))
    return found


NAME_MAX = 200  # longer than any real name with its titles; a paste of a letter is not one
MRN_MAX = 64  # record numbers are short codes; 64 leaves room for any hospital's prefix
_SPACES = re.compile(r"\s+")


def _control_characters(text: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in text)


def patient_name(name: str) -> str:
    """``name`` as stored: its spaces, tabs and line breaks (a name pasted from a letter) made
    single spaces; refused empty, over ``NAME_MAX`` characters or holding other control
    characters (walk 51a: a tab and a line break were listed as ``\\t`` and ``\\n``)."""
    cleaned = _SPACES.sub(" ", name).strip()
    if not cleaned:
        raise UserInputError("Give the patient's name.")
    if len(cleaned) > NAME_MAX:
        raise UserInputError(
            f"The name is {len(cleaned):,} characters long; a patient's name takes at most "
            f"{NAME_MAX}. Was something else pasted into it?"
        )
    if _control_characters(cleaned):
        raise UserInputError("The name holds a control character (not a letter): retype it.")
    return cleaned


def patient_mrn(mrn: str | None) -> str | None:
    """``mrn`` as stored (None: none given, it is optional); refused over ``MRN_MAX`` characters
    or holding a tab, line break or other control character."""
    cleaned = (mrn or "").strip()
    if not cleaned:
        return None
    if len(cleaned) > MRN_MAX:
        raise UserInputError(
            f"The MRN is {len(cleaned):,} characters long; a medical record number takes at most "
            f"{MRN_MAX}."
        )
    if _control_characters(cleaned):
        raise UserInputError(
            "The MRN holds a tab, a line break or another control character: retype it."
        )
    return cleaned


def add_patient(
    vault: Vault,
    name: str,
    mrn: str | None = None,
    dob: str | None = None,
    *,
    allow_duplicate_mrn: bool = False,
    allow_similar: bool = False,
) -> int:
    """Add a patient after checking ``dob``, that ``mrn`` is new and that no patient is very
    like this one (``similar_patients``), each unless allowed."""
    name, mrn = patient_name(name), patient_mrn(mrn)
    dob = date_of_birth(dob) if dob and dob.strip() else None
    if mrn is not None and not allow_duplicate_mrn:
        existing = patients_with_mrn(vault, mrn)
        if existing:
            raise DuplicateMrnError(mrn, existing)
    if not allow_similar:
        similar = similar_patients(vault, name, mrn, dob)
        if similar:
            raise SimilarPatientError(similar)
    return vault.add_patient(name, mrn=mrn, dob=dob)


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """``name`` compared as a person reads it: runs of digits by their value, the rest without
    regard to case ("note_2" before "note_10"; "Note_3" between them)."""
    parts = _DIGITS.split(name.casefold())
    return tuple(
        (1, int(part), part) if index % 2 else (0, 0, part) for index, part in enumerate(parts)
    )


def documents_in_order(documents: Sequence[DocumentInfo]) -> list[DocumentInfo]:
    """A patient's documents as both faces list them: by file name in natural order (walk 34:
    note_1, note_10, note_11 ... note_2 was the order of import, a plain text sort of a
    folder), then by collection and import order, so two files of one name stay apart in the
    order they came. The vault keeps no date of its own for a document (its text's date is a
    guess read from its opening), so the name a clinic gives its files is the steady order."""
    return sorted(documents, key=lambda d: (natural_key(d.file_name), d.collection or "", d.id))


def document_dates(vault: Vault, documents: Sequence[DocumentInfo]) -> dict[int, str]:
    """Document id -> the document's own date (medlocal/document_dates.py: the rule passage
    headers and the answers' dose notes use too), for those of ``documents`` that have one, as
    YYYY-MM-DD like every other date of the window. The vault keeps no separate date field: the
    import date is all it knows of the others. A date that reads two ways ("08/03/2024") is read
    in the day order its own opening writes, else the one the patient's other documents write
    (walk 38: the list mixed "dated 2024-03-13" with "dated 08/03/2024"), else shown as written
    with "day and month order unclear"."""
    from medlocal.privacy.deid_dates import day_order, day_order_counts

    openings: dict[int, str] = {}
    for patient_id in {d.patient_id for d in documents}:
        openings.update(vault.document_openings(patient_id, DATE_WINDOW))
    record = day_order(_summed(day_order_counts(text) for text in openings.values()))
    shown: dict[int, str] = {}
    for document in documents:
        opening = openings.get(document.id, "")
        found = own_date_shown(opening, document.file_type, document.file_name, day_first=record)
        if found:
            shown[document.id] = found
    return shown


def _summed(tallies: Iterable[DayCounts]) -> DayCounts:
    total = [0] * 6
    for tally in tallies:
        for i, count in enumerate(tally):
            total[i] += count
    return (total[0], total[1], total[2], total[3], total[4], total[5])
