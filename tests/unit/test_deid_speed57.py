"""Session 57 (speed57): speed changes that must change no output, each compared with the
reading it replaced.

* ``deid_variant_notation.molecular_notation`` asks its look-backs (an HGVS prefix, an
  antibody's clone, genomic coordinates) only where the window holds what each must find (its
  ending, the word "clone", a bracket or a colon).
* ``deid_pattern_context.clinical_code_or_trial`` slices the window before a value once.

The whole redaction is compared with main's by tools/deid_digest.py (every half and the bench's
record); these tests keep the two readings equal where the digest does not look."""

from __future__ import annotations

import random
import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_pattern_context as context
from medlocal.privacy import deid_variant_notation as notation
from medlocal.privacy.deid_lexicon import lexicon


def _molecular_notation_before(value: str, text: str, start: int) -> bool:
    """molecular_notation as it was written before session 57."""
    v = notation
    bare = value.strip()
    before = text[max(0, start - 40) : start]
    if v._HGVS_PREFIX.search(before) and any(c.isdigit() for c in bare):
        return True
    if v._PROTEIN3.fullmatch(bare) or v._INTRON.fullmatch(bare):
        return True
    if v._REFERENCE.fullmatch(bare):
        return True
    if (bare.isdigit() and v._REFSEQ_BEFORE.search(before)) or v._REFSEQ.fullmatch(bare):
        return v._VERSION_AFTER.match(text, start + len(value)) is not None
    if v._GUIDELINE.fullmatch(bare) and v._GUIDELINE_BEFORE.search(before):
        return True
    if v._CATALOGUE_BEFORE.search(before) or v._CLONE_BEFORE.search(before):
        return True
    if bare.isdigit() and v._COORDINATE_BEFORE.search(before):
        return True
    if v._TUMOUR_MARKER.fullmatch(bare):
        return True
    if (
        v._PROTEIN1.fullmatch(bare)
        or v._NUCLEOTIDE1.fullmatch(bare)
        or v._LEGACY_INDEL.fullmatch(bare)
    ):
        return v._one_letter_change(text, start, start + len(value))
    return False


def _clinical_code_or_trial_before(value: str, text: str, start: int) -> bool:
    """clinical_code_or_trial as it was written before session 57."""
    c = context
    if _molecular_notation_before(value, text, start):
        return True
    if c._dashed_version(value, text, start):
        return True
    if c._CODE_SYSTEM.search(text[max(0, start - 24) : start]) or c._CODE_SYSTEM.match(value):
        return True
    shaped = c._SHAPED_SYSTEM.search(text[max(0, start - 24) : start])
    if shaped is not None:
        return c._shaped_code(shaped.group("system"), value)
    first, _, rest = value.partition(" ")
    shaped = c._SHAPED_SYSTEM.match(first + " ")
    if shaped is not None and rest:
        return c._shaped_code(shaped.group("system"), rest)
    if c._SCORE_VERSION.fullmatch(value) and c._SCORE_AFTER.match(text, start + len(value)):
        return True
    if c._CODE_SYSTEM.search(value.split(" ")[0] + " "):
        return True
    found = c._CLINICAL_NOTATION.fullmatch(value)
    if (
        found is not None
        and c._plausible_obstetric(value)
        and not c._ID_LABEL.search(text[max(0, start - 24) : start])
    ):
        return True
    trial = c._TRIAL.fullmatch(value)
    return trial is not None and trial.group("w").lower() in lexicon().english


# Each of the readings' cues right before a value, in the cases the window tests must admit
# (capitals, a colon or bracket far back, the cue at the window's edge, "ſ" and "K" that the
# engine folds to "s" and "k", line ends).
_PROBES = (
    "BRCA2 c.1100del and p.(Arg248Gln) g.32340301 m.3243A>G",
    "PD-L1 clone SP263; CLONE: 4B5 Clones (22C3) cloneſ 4B5 ClOnE 7 xclone 12",
    "22q11.21(18912231_21465672)x1 chr7:140753336 chr X : 12345 CHR7:99 Xp22.3(1234-5678)",
    "OMIM #114480 MIM 219700 ORPHA:33069 dbSNP rs1801133 NM_000059.4 NM 000059:c.68A>G",
    "ICD-10 I21.4, CPT 45385, TUSS 30911013, CID 123456789, MRN G3P1011, Claim G12P4567",
    "BILAG-2004 B SLEDAI-2000 8 ITAS2010 2 KEYNOTE-522 NICE CG164 CA19-9 IVS-I-110 G2019S",
    "seen (ref 12345) on ward: 4471 — (a)\n12345 .( 5512 c.\n4471 x.( 99 Mr. 12345 p.(99",
)


def _places(text: str) -> list[tuple[str, int]]:
    """Every run of code characters in ``text`` and where it starts, and each with its spaced
    tail ("CPT 45385" is asked whole)."""
    out = []
    for found in re.finditer(r"[#\w][\w#.:()*>_/-]*", text):
        out.append((found.group(), found.start()))
        spaced = re.match(r"[ \t]+[\w.-]+", text[found.end() :])
        if spaced:
            out.append((found.group() + spaced.group(), found.start()))
    return out


def _texts() -> list[str]:
    rng = random.Random(57)
    pieces = [p for probe in _PROBES for p in re.split(r"(\s+)", probe)]
    shuffled = [" ".join(rng.choice(pieces) for _ in range(30)) for _ in range(200)]
    return [*_PROBES, *shuffled]


@pytest.mark.parametrize("text", _texts()[: len(_PROBES)])
def test_molecular_notation_as_before_on_probes(text: str) -> None:
    asked = 0
    for value, start in _places(text):
        assert notation.molecular_notation(value, text, start) == _molecular_notation_before(
            value, text, start
        ), (value, text[max(0, start - 40) : start])
        asked += 1
    assert asked > 5


def test_readings_as_before_on_shuffled_probes() -> None:
    kept = 0
    for text in _texts():
        for value, start in _places(text):
            old = _clinical_code_or_trial_before(value, text, start)
            assert context.clinical_code_or_trial(value, text, start) == old, value
            assert notation.molecular_notation(value, text, start) == _molecular_notation_before(
                value, text, start
            ), value
            kept += old
    assert kept > 50  # the probes reach the readings' True answers, not only their False


def test_readings_as_before_on_development_notes() -> None:
    for note in load("dev") + load("dev48") + load("dev54"):
        text = note.text
        for value, start in _places(text):
            assert context.clinical_code_or_trial(
                value, text, start
            ) == _clinical_code_or_trial_before(value, text, start), (note.note_id, value)
