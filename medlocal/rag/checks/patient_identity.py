"""A summary line that gives the patient's name, date of birth or MRN other than the vault's
record of the patient summarised: "wrong_patient" (walk 40b: "Name: Margaret Helen Hartley [1†]"
mixed another patient's middle name into this one's, from a letter filed under the wrong
patient, and nothing said so). Only what the text gives as an identifier is read: a labelled
name ("Name:", "Patient:", "Patient name:", "The patient is ..."), a labelled date of birth
("DOB", "Date of birth", "born") and a labelled MRN ("MRN", "Hospital number"). The passages play
no part: the vault's record is the reference, as the import's other-patient check uses it.

A written name agrees when each of its words is one of the record's names (any case, titles
left out) or the initial of one: "Margaret Hartley", "HARTLEY, Margaret", "M. E. Hartley" and
"Mrs Hartley" agree with "Margaret Ellen Hartley"; "Margaret Helen Hartley" does not. A date of
birth agrees when one of its readings is the record's (03/04/1948 reads two ways). An MRN agrees
when it is the record's, case, spaces and dashes aside.

Answers (walk 43 D3: "Patient: Tobias Strandquist MRN: KTV-880412 DOB:KV-9376500 [2†]" where the
passage says "DOB: 23/11/1979") get the same check against the record where the answer knows
it, and :func:`check_identifiers` besides: an identifier the answer gives (a labelled MRN or
NHS number, or a code in a record number's shape: letters, a separator and six or more digits,
"KV-9376500", the letters or shape of the record's MRN, or a code after an identifier label; not
"mid-2024", "FY2026", "x4521", "E1190", "DS1500" or a batch number) must be in the
passages the sentence cites (any given passage when it cites none) or be the record's MRN, the
same agreement rule (case, spaces, dashes and slashes aside)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from medlocal.codes import CODE_MARKS, CODE_SEPARATOR, compact_code
from medlocal.folding import fold_letters
from medlocal.rag.checks.written_names import name_finder
from medlocal.rag.citations import blank_citations, cited_numbers
from medlocal.rag.flags import Flag
from medlocal.rag.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class RecordIdentity:
    """The vault's record of the patient summarised (``dob`` as stored, YYYY-MM-DD)."""

    name: str
    mrn: str | None = None
    dob: str | None = None


# Titles and words that may stand beside a name without being one.
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "master"})
_WORD = r"[A-Z][A-Za-z'\u00c0-\u024f\-]+"
# A name as a summary gives one: two to five capitalised words or initials, a comma allowed
# after the first ("HARTLEY, Margaret").
_NAME = rf"(?:(?:{_WORD}|[A-Z]\.?)(?:,?[ \t]+(?:{_WORD}|[A-Z]\.?)){{1,4}})"
# The label in any case; the name itself capitalised (a lower-case word ends it).
_NAMED = re.compile(
    rf"(?i:\b(?:patient(?:'s)?[ \t]+name|full[ \t]+name|name|patient)[ \t]*[:\-][ \t]*"
    rf"|\bthe[ \t]+patient[ \t]+is[ \t]+)(?P<name>{_NAME})"
)
# Labels that may follow a name on its line ("Name: Margaret Hartley DOB: ..."): the name ends
# before them.
_AFTER_NAME = frozenset(
    {"dob", "d.o.b", "mrn", "nhs", "age", "aged", "sex", "gender", "date", "born", "address",
     "hospital", "ward", "gp", "consultant", "admitted", "discharged", "female", "male"}
)  # fmt: skip
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH}[ \t]+\d{{4}}"
    rf"|{_MONTH}[ \t]+\d{{1,2}},?[ \t]+\d{{4}})"
)
_BORN = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date[ \t]+of[ \t]+birth|born(?:[ \t]+on)?)[ \t]*[:\-]?[ \t]*"
    rf"(?P<date>{_DATE})",
    re.IGNORECASE,
)
_NHS = re.compile(
    rf"\bNHS[ \t]*(?:number|no\.?)?[ \t]*[:#\-]?[ \t]*"
    rf"(?P<mrn>\d{{3}}[ \t{CODE_MARKS}]?\d{{3}}[ \t{CODE_MARKS}]?\d{{4}})\b",
    re.IGNORECASE,
)
# A code of letters and at least four digits ("KV-9376500", "KTV880999", "RAI-558213"): a
# record number, never a clinical value (those are shorter, "HbA1c", "B12", "T2DM", "COVID-19",
# or a number with its unit after it, "1000mg"). A month before a year ("Nov-2026") is a date.
_CODE = re.compile(
    r"(?<![\w\-/.])(?P<mrn>(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\-/]?\d)"
    r"[A-Za-z]{1,5}[\-/]?\d{4,}[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w\-])",
    re.IGNORECASE,
)
# An unlabelled code is read as an identifier only in a record number's shape (review 43 D6:
# "mid-2024", "FY2026", "x4521", "E1190", "DS1500", "batch AB12345" were flagged): letters, a
# separator and six or more digits ("KV-9376500"), the shape or letters of the record's own MRN
# ("KTV880999" beside "KTV-880412") or of an MRN the passages label, or a code after words
# that make it one ("Patient ID A12345", "patient AB123456", "filed under K880999").
_CODE_PARTS = re.compile(r"(?P<letters>[A-Za-z]{1,5})(?P<sep>[\-/]?)(?P<digits>\d+)")
_SEPARATED_DIGITS = 6
_ID_LABEL = re.compile(
    r"(?:\bID|\bidentifier|\b(?:patient|record|case|unit|hospital|registration)[ \t]+"
    r"(?:number|no\.?)|\bMRN|\bURN|\bCHI|\bNHI|\bd\.?o\.?b\.?"
    # A code named as the patient ("note for patient AB123456", "patient's AB123456") or as
    # where a record is kept ("filed under K880999", "registered as ..."): review 43b R6. No
    # date, extension, diagnosis code or form is written so.
    r"|\bpatient(?:'s)?|\b(?:filed|recorded|registered|listed|stored|indexed|kept|held)"
    r"[ \t]+(?:under|as))"
    # "His MRN is KTV-88041".
    r"(?:[ \t]+(?:is|was|of))?[ \t]*[:#\-]?[ \t]*$",
    re.IGNORECASE,
)
# A batch or lot number is the vaccine's or device's, not the patient's.
_LOT_LABEL = re.compile(
    r"\b(?:lot|batch|serial)(?:[ \t]+(?:number|no\.?|#))?(?:[ \t]+(?:is|was|of))?"
    r"[ \t]*[:#\-]?[ \t]*$",
    re.IGNORECASE,
)
_LABEL_CHARS = 30
_MRN = re.compile(
    r"\b(?:MRN|medical[ \t]+record[ \t]+(?:number|no\.?)|hospital[ \t]+(?:number|no\.?))"
    # "The MRN is 123-456": the verb is not part of the number (review 44 D7: read "is 123-456").
    r"(?:[ \t]+(?:is|was)\b)?"
    # A space inside it before digits ("HRT 440912") is part of it; so is every separator a
    # code is written with (review 44 D7: "MRN: 123–456" with an en dash was read as "123").
    rf"[ \t]*[:#\-]?[ \t]*(?P<mrn>[A-Za-z0-9][A-Za-z0-9{CODE_MARKS}]{{2,}}"
    rf"(?:[ \t]+\d[A-Za-z0-9{CODE_MARKS}]*)*"
    rf"|[A-Za-z0-9]{{1,2}}(?:[ \t]+\d[A-Za-z0-9{CODE_MARKS}]*)+)",
    re.IGNORECASE,
)


def check_patient_identity(text: str, identity: RecordIdentity | None) -> list[Flag]:
    """One ``wrong_patient`` flag per name, date of birth or MRN in ``text`` that the vault's
    record of the patient (``identity``) does not hold; nothing without a record."""
    if identity is None:
        return []
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        for match in _NAMED.finditer(sentence.text):
            written = _trimmed(match.group("name"))
            if written and not _name_agrees(written, identity.name):
                flags.append(
                    _flag(sentence, match, "name", written, f"name as “{written}”", identity.name)
                )
        if identity.dob:
            for match in _BORN.finditer(sentence.text):
                if identity.dob not in _readings(match.group("date")):
                    flags.append(
                        _flag(
                            sentence,
                            match,
                            "date",
                            match.group("date"),
                            f"date of birth as {match.group('date')}",
                            f"born {identity.dob}",
                        )
                    )
        if identity.mrn:
            for match in _MRN.finditer(sentence.text):
                if compact_code(match.group("mrn")) != compact_code(identity.mrn):
                    flags.append(
                        _flag(
                            sentence,
                            match,
                            "mrn",
                            match.group("mrn"),
                            f"MRN as {match.group('mrn')}",
                            f"MRN {identity.mrn}",
                        )
                    )
    return flags


def check_identifiers(
    text: str,
    passages: Mapping[int, str],
    identity: RecordIdentity | None = None,
    already: Sequence[Flag] = (),
) -> list[Flag]:
    """A ``wrong_patient`` flag on each identifier ``text`` gives (labelled MRN or NHS number,
    a letter-and-digit code) that none of the passages its sentence cites holds (any of
    ``passages`` where it cites none), and that is not the record's MRN (``identity``): a made-up
    or another patient's number (walk 43: "DOB:KV-9376500 [2]", "His MRN is KTV-880999 [2]" were
    not flagged, the value check reading digits only). A token ``already`` flags is left to
    that flag."""
    limit = max(passages, default=0)
    taken = {f.token_start for f in already if f.kind == "wrong_patient"}
    own = compact_code(identity.mrn) if identity is not None and identity.mrn else None
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        cited = [n for n in cited_numbers(sentence.text, limit) if n in passages]
        evidence = "\n".join(passages[n] for n in (cited or passages))
        body = blank_citations(sentence.text, limit)
        # The MRNs whose shape an unlabelled code is compared with.
        references = [*([identity.mrn] if identity is not None and identity.mrn else [])]
        references += [m.group("mrn") for m in _MRN.finditer(evidence)]
        seen: set[int] = set()
        for pattern in (_MRN, _NHS, _CODE):
            for match in pattern.finditer(body):
                token = match.group("mrn").rstrip(".,;:")
                start = match.start("mrn")
                # One identifier read by several patterns is one flag; a figure is no code.
                if start in seen or not any(c.isdigit() for c in token):
                    continue
                seen.add(start)
                label = body[max(0, start - _LABEL_CHARS) : start]
                if pattern is _CODE and not _identifier_shaped(token, label, references):
                    continue
                if sentence.start + start in taken or compact_code(token) == own:
                    continue
                if _holds_code(evidence, token):
                    continue
                where = "the passages it cites" if cited else "the passages given (it cites none)"
                flags.append(
                    Flag(
                        sentence.index,
                        "wrong_patient",
                        token,
                        f"gives the identifier {token}, which {where} do not hold"
                        + (" and which is not this patient's MRN" if own else "")
                        + ": check that it is not made up or another patient's",
                        sentence.start,
                        sentence.end,
                        token_start=sentence.start + start,
                        token_end=sentence.start + start + len(token),
                    )
                )
    return flags


def _identifier_shaped(token: str, label: str, references: Sequence[str]) -> bool:
    """Whether an unlabelled code (``label``: the text before it) reads as a patient's
    identifier rather than a date ("mid-2024"), an extension ("x4521"), a diagnosis code
    ("E1190"), a form ("DS1500") or a batch ("batch AB12345"); see ``_CODE_PARTS``.
    ``references``: the record's MRN and the MRNs the passages label."""
    if _LOT_LABEL.search(label):
        return False
    if _ID_LABEL.search(label):
        return True
    parts = _CODE_PARTS.match(token)
    if parts is None:
        return False
    if parts.group("sep") and len(parts.group("digits")) >= _SEPARATED_DIGITS:
        return True
    for reference in references:
        own = _CODE_PARTS.match(reference.strip())
        if own is None:
            continue
        letters, digits = parts.group("letters"), parts.group("digits")
        if letters.casefold() == own.group("letters").casefold() or (
            len(letters) == len(own.group("letters")) and len(digits) == len(own.group("digits"))
        ):
            return True
    return False


def _holds_code(evidence: str, token: str) -> bool:
    """Whether ``evidence`` writes ``token``, case, spaces, dashes and slashes aside, as a
    whole (not inside a longer code: "KTV-88041" is not "KTV-880412")."""
    chars = [re.escape(c) for c in compact_code(token)]
    if not chars:
        return True
    pattern = f"{CODE_SEPARATOR}*".join(chars)
    return (
        re.search(rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])", evidence, re.IGNORECASE) is not None
    )


def _flag(
    sentence: Sentence, match: re.Match[str], group: str, token: str, gives: str, record: str
) -> Flag:
    index, start, end = sentence.index, sentence.start, sentence.end
    token_start = start + match.start(group)
    return Flag(
        index,
        "wrong_patient",
        token,
        f"gives the patient's {gives}, but this patient's record says {record}: check that "
        "the summary does not mix in another patient's documents",
        start,
        end,
        token_start=token_start,
        token_end=token_start + len(token),
    )


def _trimmed(name: str) -> str:
    """The name up to a label that follows it on its line ("Hartley DOB"); a title in front
    is dropped when compared."""
    kept: list[str] = []
    for word in name.split():
        if word.strip(",.:").casefold() in _AFTER_NAME:
            break
        kept.append(word)
    return " ".join(kept).strip(" ,")


def _words(name: str) -> list[str]:
    """The words of a name as compared, accents folded as the patient search folds them
    ("José García" and "Jose Garcia" are one name: ``fold_letters``)."""
    return [w for w in re.split(r"[^\w'\-]+", fold_letters(name)) if w and w not in _TITLES]


def _name_agrees(written: str, recorded: str) -> bool:
    own = _words(recorded)
    words = [w.rstrip(".") for w in _words(written)]
    if not own or not words:
        return True
    initials = {w[0] for w in own}
    return all(w in own or (len(w) == 1 and w in initials) for w in words)


def _readings(written: str) -> set[str]:
    """The YYYY-MM-DD dates ``written`` can be (two for 03/04/1948)."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", written, flags=re.IGNORECASE)
    cleaned = " ".join(cleaned.replace(",", " ").replace(".", " ").split())
    numeric = re.fullmatch(r"(\d{1,2})[/\-](\d{1,2})[/\-](\d{4})", written.replace(".", "/"))
    found: set[str] = set()
    if numeric:
        a, b, year = (int(g) for g in numeric.groups())
        for day, month in ((a, b), (b, a)):
            try:
                found.add(date(year, month, day).isoformat())
            except ValueError:
                continue
        return found
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y"):
        try:
            found.add(datetime.strptime(cleaned, fmt).date().isoformat())
        except ValueError:
            continue
    if not found and re.match(r"(?i)\d{1,2} sept ", cleaned):
        return _readings(cleaned.replace("ept", "ep", 1))
    return found or {written}  # unreadable: compared as written, so it is flagged


@dataclass(frozen=True)
class OtherPerson:
    """Someone an answer about the selected patient must not give values to: another patient
    of the vault (``who`` says which: "another patient of this vault (patient 2)"), or the
    person a question names ("the person the question asks about")."""

    name: str
    who: str


# A person's name as a question gives one in the possessive: "What is Desmond Achterberg's
# latest potassium?" (two to four capitalised words before "'s").
_POSSESSIVE_NAME = re.compile(rf"\b(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,3}})['’]s\b")
# Capitalised words that start a question or name no person ("What is", "Dr").
_NOT_A_NAME = frozenset({"what", "which", "when", "where", "who", "whose", "how", "is", "was",
                         "does", "did", "has", "have", "the", "her", "his", "their", "patient",
                         "mr", "mrs", "ms", "miss", "dr", "prof"})  # fmt: skip


def question_person(question: str, selected: str) -> OtherPerson | None:
    """The person ``question`` asks about by name in the possessive ("Desmond Achterberg's
    latest potassium"), where that is not the selected patient (``selected``, as the vault
    records the name); None where it names nobody, or the selected patient."""
    for match in _POSSESSIVE_NAME.finditer(question):
        words = match.group("name").split()
        while words and words[0].casefold() in _NOT_A_NAME:
            words = words[1:]
        if len(words) >= 2 and not _name_agrees(" ".join(words), selected):
            return OtherPerson(" ".join(words), "the person the question asks about")
    return None


_CITATION = re.compile(r"\[\d+[^\]]*\]")
_FIGURE = re.compile(r"\d")


def check_other_person_named(
    text: str, others: Sequence[OtherPerson], selected: str, cited: Sequence[int] = ()
) -> list[Flag]:
    """A ``wrong_patient`` flag on each sentence of an answer about the selected patient that
    names one of ``others`` beside values or citations of the selected patient's passages
    (walk 41: "The answer is: 18/07/2026, Desmond Achterberg's latest potassium [2†]", a
    result of Rosalind's given to Desmond, asked with Rosalind selected). ``cited``: sentence
    indexes MedLocal attached a citation to (their marks are not in the text). A sentence that
    names the other person with no figure and no citation ("The documents are Rosalind's, not
    Desmond Achterberg's") is no such claim."""
    known = [*(person.name for person in others), selected]
    finders = [(person, name_finder(person.name, known)) for person in others]
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        body = sentence.text
        if not (
            _FIGURE.search(_CITATION.sub("", body))
            or _CITATION.search(body)
            or sentence.index in cited
        ):
            continue
        # Names are found with their accents folded on both sides, as the patient search finds
        # them (note 47: "Jose Garcia" in an answer was not "José García").
        for person, finder in finders:
            found = finder.find(body) if finder is not None else None
            if found is None:
                continue
            start, end = found
            token_start = sentence.start + start
            flags.append(
                Flag(
                    sentence.index,
                    "wrong_patient",
                    body[start:end],
                    f"names {person.name}, {person.who}, beside values from {selected}'s "
                    f"documents: the answer reads only {selected}'s documents, so these are not "
                    f"{person.name}'s",
                    sentence.start,
                    sentence.end,
                    token_start=token_start,
                    token_end=token_start + end - start,
                )
            )
            break  # one flag a sentence: the first person it names
    return flags
