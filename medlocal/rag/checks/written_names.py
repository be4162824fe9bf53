"""Where a text writes a person's whole name, accents and case aside: its words in order
("Desmond Achterberg", "Jose Angel Garcia Nunez"), or the family name or names first and a
comma ("ACHTERBERG, Desmond", "GARCIA NUNEZ, Jose Angel": Spanish and Portuguese names carry
two family names). A family name alone is not enough: relatives share it.

Two family words or more first are read only where the text plainly writes a name so: in
capitals ("GARCIA NUNEZ, Jose Angel"), after a name label ("Paciente: Garcia Nunez, Jose
Angel"), alone on its line, after a title ("Sra. Garcia Lopez, Maria") or before the person's
identifiers or possessive ("Garcia Lopez, Maria (DOB 12/03/1950)", "Garcia Lopez, Maria's
potassium"). Written otherwise, the comma is as likely a list's (review 49 R4: "Family meeting
with Ann Smith, Mary Jones" is no "Ann Smith, Mary" for Mary Ann Smith, nor "Jose Garcia, Maria
(his wife)" a "Maria Jose Garcia").

A name is found shortened too: the first given name or its initial with a family name (the
last word, or the first of two family names: "Jose Garcia", "J. Garcia", "Garcia J.", "Garcia,
J." for Jose Angel Garcia Nunez; "GARCIA, Jose" where the text plainly writes a name, as
above). A shortened form that another person the caller knows shares ("J. Garcia" for Jose
Garcia and Juan Garcia) names neither of them. The initial is read in capitals only ("a
Garcia" is no "A. Garcia").

A shortened name counts only where nothing says it is someone else (review 50b R1: with a
patient John Smith, "Dear Dr J. Smith" was read as him): after a clinician's title or role ("Dr
J. Smith", "Sister M. Jones", "Referring clinician: Brown, D.", "seen by J. Smith"), or before
post-nominals or a role ("Smith J., FRCP", "Dr S. Patel (registrar)", "Patel S. (Radiology)",
"Mary Jones, ward pharmacist"), it is a clinician who shares the patient's initial and family
name. The whole name is read wherever it is written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from medlocal.folding import fold_letters, fold_with_offsets
from medlocal.privacy.deid_post_nominals import POST_NOMINAL
from medlocal.rag.checks.roles import ROLE

_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# A name's label just before it on its line, in the languages the vault's letters come in.
_NAME_LABEL_BEFORE = re.compile(
    r"\b(?:(?:patient(?:'s)?[ \t]+)?name|nombre|nome|nom|patient(?:in|e)?|paciente|paziente"
    r"|utente)[ \t]*:[ \t]*$",
    re.IGNORECASE,
)
# What may follow a name alone on its line.
_LINE_END_AFTER = re.compile(r"[ \t.,;:]*(?:\n|$)")
# A title just before a name: it goes with the family name ("Sra. Garcia Lopez, Maria").
_TITLE_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|miss|mx|dr|prof|sr|sra|srta|dna|dona|don|dom|sig|sigra|frau|herr|mme|mlle"
    r"|m|dott|dssa)\.?[ \t]+$",
    re.IGNORECASE,
)
# The person's identifiers or possessive right after a name: "(DOB 12/03/1950)", ", MRN
# 445", "(72 years)", "'s potassium"; not "(his wife)".
_IDENTIFIED_AFTER = re.compile(
    r"['’]s\b|[ \t]*[(,][ \t]*(?:d\.?o\.?b\b|born\b|n\.|nacid[oa]|nat[oa]\b|n[ée]e?\b"
    r"|geb\b|mrn\b|nhc\b|nhs\b|id\b|sip\b|\d)",
    re.IGNORECASE,
)

# Clinicians' titles and roles: "Dr", "Sister", "Consultant", "Referring clinician:"; not
# "Resident:", a care home's word for its patient.
_CLINICIAN_WORDS = (
    rf"(?!resident)(?:dr|doctor|prof|professor|sister|matron|charge[ \t]+nurse|{ROLE}"
    r"|clinician|physician|specialist|practitioner|referrer|author|fy[12]|sho|spr|st[1-8]|ct[12]|hca)"
)
# Before a name on its line, a title or role, or what names the person after it a clinician
# ("Reviewed by", "cc:").
_CLINICIAN_BEFORE = re.compile(
    rf"(?:\b(?:{_CLINICIAN_WORDS})s?\.?[ \t]*[:\-–]?"
    r"|\b(?:seen|reviewed|examined|signed|reported|dictated|verified|authori[sz]ed|referred"
    r"|written|typed)[ \t]+by[ \t]*:?|\bcc[ \t]*:|\bcopy[ \t]+to[ \t]*:)[ \t]*$",
    re.IGNORECASE,
)
# Post-nominals or a role right after a name, its specialty in brackets: ", FRCP", " MRCP",
# "(registrar)", ", ward pharmacist", ", Consultant Respiratory Physician", "(Radiology)"; not
# "(for the consultant)" nor ", the GP's patient".
_CLINICIAN_AFTER = re.compile(
    rf"[ \t]*,?[ \t]*(?-i:{POST_NOMINAL})"
    r"|[ \t]*(?:,|\(|[-–])[ \t]*(?!(?:for|to|of|on[ \t]+behalf|his|her|their)\b)"
    rf"(?:[A-Za-z'’]+[ \t]+){{0,2}}?(?:{_CLINICIAN_WORDS}|[a-z]+olog(?:y|ist)|surgery|medicine"
    r"|pharmacy|nursing)s?\b(?!['’]s\b)",
    re.IGNORECASE,
)


def _someone_else(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]``, a shortened name, say it is a clinician's:
    a title or role before it on its line, post-nominals or a role right after it."""
    line_start = text.rfind("\n", 0, start) + 1
    return (
        _CLINICIAN_BEFORE.search(text, line_start, start) is not None
        or _CLINICIAN_AFTER.match(text, end) is not None
    )


def _whole(ways: list[str]) -> re.Pattern[str]:
    """The forms ``ways`` as whole words of a text folded by ``fold_letters``."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(ways) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class NameFinder:
    """Finds one person's name in texts (see the module's docstring)."""

    # In order, or the last word first ("SMITH, Mary Ann"), anywhere.
    anywhere: re.Pattern[str]
    # Two words or more first ("GARCIA NUNEZ, Jose Angel"), one split a pattern, its family
    # part the group "family": where the text plainly writes a name so.
    families_first: tuple[re.Pattern[str], ...] = ()
    # Shortened with an initial ("J. Garcia", "Garcia J.", "Garcia, J."), the group "initial"
    # in capitals in the text, or the first given name alone in order ("Mary Smith"), anywhere.
    shortened: tuple[re.Pattern[str], ...] = ()
    # A family name, a comma and the first given name ("GARCIA, Jose"), its family name the
    # group "family": where the text plainly writes a name so.
    shortened_family_first: tuple[re.Pattern[str], ...] = ()

    def find(self, text: str, folded: str | None = None) -> tuple[int, int] | None:
        """The start and end in ``text`` of the first place it writes the name; None where it
        does not. ``folded``: ``fold_letters(text)``, where the caller has it (a long text
        searched for many names is folded once)."""
        folded = fold_letters(text) if folded is None else folded
        plain = (*self.families_first, *self.shortened_family_first)
        if not any(p.search(folded) for p in (self.anywhere, *self.shortened, *plain)):
            return None
        # Folded again character by character, to mark the name where ``text`` writes it and
        # read its capitals ("ß" folds to two characters, a mark to none).
        folded, offsets = fold_with_offsets(text)
        spans = [m.span() for m in [self.anywhere.search(folded)] if m is not None]
        for pattern in self.shortened:
            spans += [
                m.span()
                for m in pattern.finditer(folded)
                if _initial_in_capitals(text, offsets, m) and not _clinician(text, offsets, m)
            ][:1]
        for pattern in self.families_first:
            spans += [
                m.span() for m in pattern.finditer(folded) if _plainly_a_name(text, offsets, m)
            ][:1]
        for pattern in self.shortened_family_first:
            spans += [
                m.span()
                for m in pattern.finditer(folded)
                if _plainly_a_name(text, offsets, m) and not _clinician(text, offsets, m)
            ][:1]
        if not spans:
            return None
        start, end = min(spans)
        return offsets[start], offsets[end - 1] + 1

    def named_in(self, text: str, folded: str) -> bool:
        """Whether ``text`` (``folded``: as ``fold_letters`` folds it) writes the name: as
        :meth:`find`, without folding a long text again where the name is written in order."""
        return self.anywhere.search(folded) is not None or self.find(text, folded) is not None


def _initial_in_capitals(text: str, offsets: list[int], match: re.Match[str]) -> bool:
    """Whether a shortened name's initial (if it has one) is a capital in ``text``."""
    if "initial" not in match.re.groupindex or match.start("initial") < 0:
        return True
    return text[offsets[match.start("initial")]].isupper()


def _clinician(text: str, offsets: list[int], match: re.Match[str]) -> bool:
    """Whether ``match``, a shortened name in ``text`` folded, is written as a clinician's."""
    return _someone_else(text, offsets[match.start()], offsets[match.end() - 1] + 1)


def _plainly_a_name(text: str, offsets: list[int], match: re.Match[str]) -> bool:
    """Whether ``match`` (in ``text`` folded, ``offsets`` back into it) of a name written with
    two family words or more first stands where a text writes a name so."""
    start, end = offsets[match.start()], offsets[match.end() - 1] + 1
    family = text[offsets[match.start("family")] : offsets[match.end("family") - 1] + 1]
    line_start = text.rfind("\n", 0, start) + 1
    return (
        family.isupper()
        or _NAME_LABEL_BEFORE.search(text, line_start, start) is not None
        or (not text[line_start:start].strip() and _LINE_END_AFTER.match(text, end) is not None)
        or _TITLE_BEFORE.search(text, line_start, start) is not None
        or _IDENTIFIED_AFTER.match(text, end) is not None
    )


def _name_words(name: str) -> list[str]:
    """The words of ``name`` as found (folded; initials and one-letter words left out)."""
    words = [w.strip(".") for w in _NAME_WORD.findall(fold_letters(name))]
    return [w for w in words if len(w) >= 2]


def _family_names(words: list[str]) -> list[str]:
    """The words that may be the family name a shortened name keeps: the last, and the first
    of two family names where there are three words or more ("Garcia" of "Jose Angel Garcia
    Nunez")."""
    return [words[-1], words[-2]] if len(words) >= 3 else [words[-1]]


def _short_keys(words: list[str]) -> set[tuple[str, str]]:
    """The (given name or initial, family name) pairs the name may be shortened to."""
    given = words[0]
    return {(first, family) for family in _family_names(words) for first in (given, given[0])}


def name_finder(name: str, others: Iterable[str] = ()) -> NameFinder | None:
    """A finder of ``name`` (as the vault records it) in texts; None for a name of fewer than
    two words of two letters or more. ``others``: the names of the other people the caller
    knows; a shortened form one of them shares is not read (see the module's docstring)."""
    words = _name_words(name)
    if len(words) < 2:
        return None
    taken: set[tuple[str, str]] = set()
    for other in others:
        other_words = _name_words(other)
        if len(other_words) >= 2 and other_words != words:
            taken |= _short_keys(other_words)
    escaped = [re.escape(w) for w in words]
    space, comma = r"\s+", r"[ \t]*,[ \t]*"
    last_first = escaped[-1] + comma + space.join(escaped[:-1])
    families_first = tuple(
        _whole([f"(?P<family>{space.join(escaped[given:])}){comma}{space.join(escaped[:given])}"])
        for given in range(1, len(escaped) - 1)
    )
    given = re.escape(words[0])
    initial = f"(?P<initial>{re.escape(words[0][0])})"
    shortened: list[re.Pattern[str]] = []
    shortened_family_first: list[re.Pattern[str]] = []
    for family_word in _family_names(words):
        family = re.escape(family_word)
        if (words[0][0], family_word) not in taken:
            # "J. Garcia", "J Garcia", "Garcia, J.", "Garcia J." (a point after the initial
            # where it follows the family name: "Garcia J" is as likely "Garcia" and a list).
            shortened += [
                _whole([rf"{initial}(?:\.[ \t]*|[ \t]+){family}"]),
                _whole([rf"{family}(?:{comma}|[ \t]+){initial}\."]),
            ]
        if (words[0], family_word) in taken:
            continue
        if len(words) >= 3 and family_word == words[-1]:
            shortened.append(_whole([rf"{given}{space}{family}"]))  # "Mary Smith"
        if len(words) >= 3 or family_word != words[-1]:
            shortened_family_first.append(_whole([rf"(?P<family>{family}){comma}{given}"]))
    return NameFinder(
        _whole([r"[\s,]+".join(escaped), last_first]),
        families_first,
        tuple(shortened),
        tuple(shortened_family_first),
    )
