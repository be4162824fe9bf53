"""Post-nominal letters after a person's name, given back (deidfix34, session 33).

"Professor Declan Ruane, FRCPI" lost "FRCPI" as a facility (a college's initials read as an
organisation's), "Dr Sarah Quill MBBS FRACP" read "Dr [NAME] FRACP" with "MBBS" inside the
name, and "Mr Tom Hale, FRCS(Ed)" "[FACILITY](Ed)". A qualification identifies no one (thousands
hold each), and the letters tell the reader what the writer is. So, whichever rule found them:

* post-nominals at the end of a span that opens with a person's name are cut off it, and a
  span so cut that was read as a place or an organisation is labelled the name it is;
* a span of post-nominals alone right after a name's span (with blanks, commas or other
  post-nominals between) is dropped.

A span of post-nominals anywhere else stays as found: "MD" after a town is Maryland.

Walk 38 (redactfix35): an organisation's initials in capitals with no vowel ("NHS", "GMC", "NMC")
at the end of a person's name written in small letters, before the number they give the person,
are cut off it the same way ("Eleanor Hathersage NHS No: 943 476 5919" read "[NAME] No:", and
every bare "NHS" of the export went with it). A surname has a vowel ("Jean DUPONT"); without a
number after them the initials may close a building's name ("Sai Krupa CHS").

Read after resolution, on the spans as they will be written.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_false_cues import DIPLOMA
from medlocal.privacy.deid_place_words import FACILITY_HEADS
from medlocal.privacy.deid_runs import BODY_INITIALS, NUMBER_AFTER_INITIALS
from medlocal.privacy.deid_spans import Redaction, label

# Degrees, diplomas and registrations written after a doctor's, nurse's or allied professional's
# name. Sources: the Wikipedia article "List of post-nominal letters (United Kingdom)" and
# "Medical degree" (https://en.wikipedia.org/wiki/Medical_degree: MBBS, MB ChB, MB BCh BAO,
# BM BCh, MD, DO, ChM, MCh), the Royal College of Physicians of Ireland (FRCPI, MRCPI), the
# Royal Australasian College of Physicians (FRACP) and the colleges' diplomas already read by
# deid_false_cues.DIPLOMA (FRCS, FRCP, MRCP, FRCPath, FRANZCR, FACP, FCS ...). Written in
# capitals as the sources write them: lower-case "do" or "ms" is a word.
_DEGREES = (
    r"MBBS|MB[ \t]?BS|MBChB|MB[ \t]?ChB|MBBCh|MB[ \t]?BCh(?:[ \t]?BAO)?|BAO|BM[ \t]?BCh|BMBS|"
    r"BMedSci|BMBCh|MD|DO|PhD|DPhil|DM|ChM|MCh|MS|MSc|BSc|MA|BA|MPH|MRes|MMed|MMedSc|MPhil|"
    r"MBA|MEd|DrPH|BDS|BDSc|MDS|DDS|DMD|MFDS|FDS|MJDF|BPharm|MPharm|PharmD|BSN|MSN|DNP|RN|RGN|"
    r"RMN|RM|NP|PA-C|FHEA|FMedSci|FRS|FFPH|MFPH|FFICM|FFPM|FFOM|FESC|FASN|FAHA|FAcadMEd|"
    r"MRCPI|FRCPI|FRACP|FRACS|FRCPEdin|FRCPE|FRCPGlasg|FRCSI|FFARCSI|FCAI|MICGP|FRCEM|MRCEM|"
    r"MRCS|FRCGP|MRCGP|FRCA|FRCR|FRCOG|MRCOG|FRCPCH|MRCPCH|FRCOphth|MRCPsych|FRCPsych"
)
# One post-nominal, with the college or specialty in brackets after it ("FRCS(Ed)", "FRCP
# (Lond)", "FRCS (Tr & Orth)").
_ONE = (
    rf"(?:(?:{_DEGREES})|{DIPLOMA.pattern})(?![\w-])"
    r"(?:[ \t]?\([ \t]*[A-Z][A-Za-z.]{0,11}(?:[ \t]*(?:&|and|/|[ \t])[ \t]*[A-Z][A-Za-z.]{0,11})"
    r"{0,2}[ \t]*\))?"
)
# One post-nominal, for other modules (rag.checks.written_names: "Smith J., FRCP" is a doctor).
POST_NOMINAL = _ONE
_GAP = r"[ \t]*,?[ \t]*"
# Post-nominals at a span's end, after a name.
_TRAILING = re.compile(rf"(?:,?[ \t]+|,)(?:{_ONE})(?:{_GAP}(?:{_ONE}))*\Z")
# A span of post-nominals alone.
_ALONE = re.compile(rf"(?:{_ONE})(?:{_GAP}(?:{_ONE}))*")
# Between a name's span and the post-nominals after it: blanks, commas and other post-nominals.
_BETWEEN = re.compile(rf"{_GAP}(?:(?:{_ONE}){_GAP})*")
# A person's name before the letters: one to four capitalised words (initials, particles and
# hyphens too), after an optional title.
_PERSON = re.compile(
    r"(?:[A-Z][a-z]+\.?[ \t]+)?(?:[A-Z][\w'’-]*\.?|(?:van|von|de|da|del|der|le|la|bin|binti|al)"
    r"(?=[ \t]))(?:[ \t]+(?:[A-Z][\w'’-]*\.?|van|von|de|da|del|der|le|la|bin|binti|al)){0,4}"
)
# An organisation's initials at the end of a person's name's span (walk 38).
_BODY_INITIALS = re.compile(
    rf"[ \t]+(?:{'|'.join(sorted(BODY_INITIALS, key=len, reverse=True))})\Z"
)
_WORD_KINDS = frozenset(
    {"name", "patient_name", "facility", "location", "city", "county", "street_address"}
)
_NAME_KINDS = frozenset({"name", "patient_name"})


def post_nominal(letters: str) -> bool:
    """Whether ``letters`` are post-nominals alone ("FRACP", "MRCP", "MBBS"): deidrec44 reads
    initials in brackets after a name, where a qualification is no organisation."""
    return _ALONE.fullmatch(letters) is not None


def _told_apart(name: str, letters: str) -> bool:
    """Whether post-nominal ``letters`` after ``name`` are told apart from the name's own words:
    in capitals throughout only a long one is ("DELA CRUZ-SANTOS, MA. LUZVIMINDA": "Ma." is a
    given name's short form, dev17)."""
    return any(c.islower() for c in name) or re.search(r"[A-Za-z]{4}", letters) is not None


def _person(words: str) -> bool:
    if _PERSON.fullmatch(words) is None:
        return False
    return not any(w.lower().strip(".") in FACILITY_HEADS for w in words.split())


def without_post_nominals(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` (in text order) without the post-nominal letters after a name."""
    out: list[Redaction] = []
    for red in redactions:
        if red.kind not in _WORD_KINDS or red.replacement != label(red.kind):
            out.append(red)
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.kind in _NAME_KINDS
            and _ALONE.fullmatch(red.original)
            and _BETWEEN.fullmatch(text, previous.end, red.start)
            and _told_apart(previous.original, red.original)
        ):
            continue  # "[NAME], FRCPI"
        initials = _BODY_INITIALS.search(red.original) if red.kind in _NAME_KINDS else None
        if (
            initials is not None
            and _person(red.original[: initials.start()])
            and any(c.islower() for c in red.original[: initials.start()])
            and NUMBER_AFTER_INITIALS.match(text, red.end) is not None
        ):
            cut = initials.start()
            red = Redaction(
                red.kind, red.start, red.start + cut, red.original[:cut], red.replacement
            )
        trailing = _TRAILING.search(red.original)
        if (
            trailing is not None
            and _person(red.original[: trailing.start()])
            and _told_apart(red.original[: trailing.start()], trailing.group())
            # A place's span keeps a state's two letters ("Bethesda, MD", "Springfield, MA"):
            # only a longer post-nominal says the words before it are a person's.
            and (red.kind in _NAME_KINDS or re.search(r"[A-Za-z]{3}", trailing.group()))
        ):
            cut = trailing.start()
            kind = red.kind if red.kind in _NAME_KINDS else "name"
            red = Redaction(kind, red.start, red.start + cut, red.original[:cut], label(kind))
        out.append(red)
    return out
