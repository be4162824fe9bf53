"""Codes that name a medicine, a standard, a diagnosis or a disease's class, given back (round
20, precision): a rule for identifiers took "NDC 0169-4524-14" (a medicine's national drug
code), "ISO 15189" (a laboratory standard), "PCOS 69878008" after a SNOMED label (a concept's
number), "code M30.3" (an ICD-10 diagnosis), "PBS item 2622B" (a subsidised medicine's item)
"Montreal classification A2L3B2" (Crohn disease's class) and, round 21, "ATC A10BA02" (a
medicine's anatomical therapeutic chemical code).

None of them points at a person, a record or a device: each code is read by its own label right
before it (or on its line, for SNOMED) and its own shape, and nothing else is given back.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_codes import ID_CUES
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"id_number", "date", "phone", "street_address", "zip", "account"})

# Each code: its label right before it (or inside the span), and its shape.
_NDC = re.compile(r"(?:NDC[ \t:#]*)?\d{4,5}-\d{3,4}-\d{1,2}")
_NDC_BEFORE = re.compile(r"\bNDC[ \t:#]*\Z")
_ISO = re.compile(r"(?:ISO[ \t]+)?\d{3,5}(?:-\d{1,2})?(?::\d{4})?")
_ISO_BEFORE = re.compile(r"\b(?:ISO|ISO/IEC|EN ISO)[ \t]+\Z")
_SNOMED = re.compile(r"(?:[A-Z][A-Za-z0-9]{1,7}[ \t]+)?\d{6,18}")
_SNOMED_LINE = re.compile(r"\bSNOMED(?:[ \t-]?CT)?\b")
_ICD10 = re.compile(r"[A-TV-Z]\d{2}\.\d{1,3}[A-Z]?")
_ICD10_BEFORE = re.compile(
    r"\b(?:ICD(?:-?1[01](?:-?(?:CM|AM|GM))?)?|codes?|Dx|diagnos[ei]s)\b[^\n]{0,24}\Z", re.I
)
_PBS = re.compile(r"\d{4,5}[A-Z]")
_PBS_BEFORE = re.compile(r"\bPBS[ \t]+(?:item|code)s?(?:[ \t]+(?:no\.?|number))?[ \t:#]*\Z", re.I)
_MONTREAL = re.compile(r"A[1-3][ \t]?L[1-4][ \t]?B[1-3]p?")
_MONTREAL_BEFORE = re.compile(r"\bMontreal(?:[ \t]+classification)?[ \t:]*\Z", re.I)
# Round 21: a medicine's ATC code with its label ("ATC A10BA02", "ATC code: N02BE01").
_ATC = re.compile(r"(?:ATC(?:[ \t]+code)?[ \t:]*)?[A-V]\d\d[A-Z]{2}\d\d")
_ATC_BEFORE = re.compile(r"\bATC(?:[ \t]+codes?)?[ \t:]*\Z")


# Session 46 (dev43): an ICD-10 code alone in brackets right after the diagnosis it codes,
# with no label ("current moderate episode (F33.1);"): the word before the bracket is a clinical
# or English word in lower case, as a diagnosis ends.
_WORD_BEFORE_BRACKET = re.compile(r"\b([a-z][a-z'’-]{2,})[ \t]*\([ \t]*\Z")
_BRACKET_CLOSES = re.compile(r"[ \t]*\)")
# Review 46b (D7): not after any label the redactor reads as an identifier's cue (deid_codes:
# "chart", "encounter", "episode", "ticket", "passport", "account", "specimen"...): the bracket
# holds that record's number, whatever its shape. (A short list of its own here missed most.)
_ID_LABEL_BEFORE = re.compile(
    r"(?i:\b(?:" + "|".join(cue for _, cue in ID_CUES) + r"))[ \t]*\([ \t]*\Z"
)
# But "episode" ending a mood disorder's diagnosis in ICD-10's words (F30-F33: "severe
# depressive episode", "manic episode", "current moderate episode") is the diagnosis's; not
# after "current" alone ("her current episode (A12.3)" is the stay's number).
_DIAGNOSIS_EPISODE = re.compile(
    r"(?i:\b(?:depressive|manic|hypomanic|mixed|psychotic|mild|moderate|severe|single|"
    r"recurrent)[ \t]+episode[ \t]*\([ \t]*\Z)"
)


def _bracketed_after_diagnosis(text: str, red: Redaction) -> bool:
    start = max(0, red.start - 40)
    before = _WORD_BEFORE_BRACKET.search(text, start, red.start)
    if before is None or _BRACKET_CLOSES.match(text, red.end) is None:
        return False
    labelled = _ID_LABEL_BEFORE.search(text, start, red.start) is not None
    if labelled and _DIAGNOSIS_EPISODE.search(text, start, red.start) is None:
        return False
    word = before.group(1)
    lex = lexicon()
    return lex.clinical(word) or word in lex.english


def _given_back(text: str, red: Redaction) -> bool:
    span = red.original
    before = text[max(0, red.start - 40) : red.start]
    if _NDC.fullmatch(span):
        return span.startswith("NDC") or _NDC_BEFORE.search(before) is not None
    if _ISO.fullmatch(span) and (span.startswith("ISO") or _ISO_BEFORE.search(before)):
        return True
    if _PBS.fullmatch(span) and _PBS_BEFORE.search(before):
        return True
    if _MONTREAL.fullmatch(span) and _MONTREAL_BEFORE.search(before):
        return True
    if _ATC.fullmatch(span) and (span.startswith("ATC") or _ATC_BEFORE.search(before)):
        return True
    if _ICD10.fullmatch(span) and (
        _ICD10_BEFORE.search(before) or _bracketed_after_diagnosis(text, red)
    ):
        return True
    if _SNOMED.fullmatch(span):
        line = text[text.rfind("\n", 0, red.start) + 1 : red.start]
        return _SNOMED_LINE.search(line) is not None
    return False


def without_clinical_codes(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the codes of medicines, standards and diagnoses (see above)."""
    return [red for red in redactions if red.kind not in _KINDS or not _given_back(text, red)]
