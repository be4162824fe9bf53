"""Reference codes typed in lower case after their label (session 54, deid54c; issue 16).

The code rules (deid_codes, deid_labelled_codes) read a labelled value in capitals and digits: a
code is printed so. Typed in a hurry it is not ("claim ref rmmr 7730418", "screening no.
scr-044", "randomisation code kx-tango-7", "donation nos g1183 26 447102 k", "form ref rsp
77410"): the capitals rule took the digits and left the letters, or nothing.

After a label the rules already read (deid_codes.ID_CUES, of every kind) or any word with "no.",
"nos", "number", "code", "ref" or "id", the value is read token by token (blanks between): a
token with a digit, a short prefix of letters that no list knows before one ("rmmr 7730418"),
and a last check letter ("... 447102 k"). The value must hold a lower-case letter (the capitals
rules own the rest) and three digits at least, so a ward's "unit 4b", a dose ("reg 10u"), a
count ("kit 2 x 5 ml") and a short grade stay (a code of words and a digit joined by
hyphens, "kx-tango-7", needs only the one digit; spinal levels, "t12-l1", stay); a token that
is a number with its unit ("100u", "5mg") or a lower-case ICD code ("i48.0") ends the value,
and a label after a clinical code's name ("ICD code", "SNOMED", "LOINC") reads nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_codes import ID_CUES
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_spans import Redaction, label

# Each label of deid_codes as a named group of its kind; then the generic markers.
_KIND_GROUPS = {f"k{i}": kind for i, (kind, _) in enumerate(ID_CUES)}
_LABEL = re.compile(
    r"(?i:(?<![\w-])(?:"
    + "|".join(f"(?P<k{i}>{cue})" for i, (_, cue) in enumerate(ID_CUES))
    + r"|(?P<g>(?:[^\W\d_]{2,20}[ \t]+)?(?:no\.?|nos\.?|number|code|ref\.?|r[ée]f[ée]rence|id)"
    r"|#))(?![\w-])[ \t]*+[:#=]?[ \t]*+)\Z"
)
# Speed: a lower-case code is rare, so its opening is found first (a token with a lower-case
# letter and a digit, or a short prefix of letters before digits) and the label read backwards
# from there.
_OPENING = re.compile(
    r"(?<![\w/.-])(?:[a-z]{2,6}[ ](?=\d)|(?=[a-z0-9/._-]*\d)(?=[0-9/._-]*[a-z])[a-z0-9])"
)
_TOKEN = re.compile(r"[a-z0-9](?:[a-z0-9]|[-/._](?=[a-z0-9]))*")
# A number with a unit or a count after it, glued ("100u", "5mg", "2x"): a dose, never a code.
_WITH_UNIT = re.compile(
    r"\d+(?:\.\d+)?(?:u|iu|units?|mg|mcg|ug|g|kg|ml|l|mmol|h|hrs?|d|wk|wks|x|mm|cm|m|s|min)"
)
# A lower-case clinical code ("i48.0", "m45.9", "c61").
_ICD = re.compile(r"[a-z]\d{2}(?:\.\d{1,4})?[a-z]?")
_CLINICAL_CODE_BEFORE = re.compile(
    r"(?i:\b(?:icd(?:-?1[01])?(?:-?cm)?|snomed(?:[ \t-]?ct)?|loinc|atc|cpt|opcs|read|dx|"
    r"diagnosis|diagnostic|procedure|hgvs|omim|mesh)\b)[^\n]{0,12}\Z"
)
_UNIT_AFTER = re.compile(
    r"[ \t]+(?i:mg|mcg|ug|g|kg|ml|l|units?|iu|mmol|times|hours?|hrs?|days?|weeks?|wks?|months?|"
    r"years?|mins?|minutes?|x|tabs?|tablets?|caps?)\b"
)
# A code of words and a digit joined by hyphens ("kx-tango-7"): fewer digits will do.
_WORDED = re.compile(r"(?=[\w-]{6,}$)(?=.*\d)(?=(?:.*[a-z]){2})[a-z0-9]+(?:-[a-z0-9]+)+")
# Spinal levels in lower case ("t12-l1", "l4-l5") are anatomy.
_VERTEBRAE = re.compile(r"[cltsCLTS]\d{1,2}(?:-[cltsCLTS]?\d{1,2})?")
_MAX_TOKENS = 5
_CLOSED = re.compile(r"[ \t]*(?:[,;:)\]]|\.(?!\w)|$|and\b|or\b)", re.M)


def lower_code_candidates(text: str) -> Iterator[Redaction]:
    """Codes in lower case (three digits at least) after an identifier's label."""
    last_end = 0
    for opening in skipped_finditer(_OPENING, text):
        start = opening.start()
        if start < last_end:
            continue
        tokens = _value(text, start)
        taken = _taken(text, tokens) if tokens else 0
        if not taken:
            continue
        end = tokens[taken - 1].end()
        value = text[start:end]
        if not any(c.islower() for c in value) or _VERTEBRAE.fullmatch(value):
            continue
        if sum(c.isdigit() for c in value) < 3 and not _WORDED.fullmatch(value):
            continue
        # The label is read last: most openings are no code.
        cue = _LABEL.search(text, max(0, start - 60), start)
        if cue is None:
            continue
        line_start = text.rfind("\n", 0, cue.start()) + 1
        if _CLINICAL_CODE_BEFORE.search(text, line_start, cue.end()):
            continue
        kind = next((_KIND_GROUPS[k] for k, v in cue.groupdict().items() if v and k != "g"), "")
        kind = kind or "id_number"
        last_end = end
        yield Redaction(kind, start, end, value, label(kind))


def _value(text: str, pos: int) -> list[re.Match[str]]:
    """The tokens after a label: lower case letters and digits, single blanks between."""
    tokens: list[re.Match[str]] = []
    while len(tokens) < _MAX_TOKENS:
        match = _TOKEN.match(text, pos)
        if match is None or (match.end() < len(text) and text[match.end()].isalpha()):
            break  # a capital glued on: not a lower-case code
        tokens.append(match)
        if text[match.end() : match.end() + 1] != " ":
            break
        pos = match.end() + 1
    return tokens


def _taken(text: str, tokens: list[re.Match[str]]) -> int:
    """How many of ``tokens`` make the code (0 when none does)."""
    taken = 0
    for i, token in enumerate(tokens):
        word = token.group()
        has_digit = any(c.isdigit() for c in word)
        if _WITH_UNIT.fullmatch(word) or _ICD.fullmatch(word):
            break
        if has_digit:
            if _UNIT_AFTER.match(text, token.end()) and word.isdigit():
                break  # "batch x447 10 mg": the dose's number is no part of the code
            taken = i + 1
            continue
        if i == 0 and len(word) <= 6 and word.isalpha() and not _known(word):
            nxt = tokens[1].group() if len(tokens) > 1 else ""
            if any(c.isdigit() for c in nxt):
                continue  # a prefix of letters before the code's digits ("rmmr 7730418")
            break
        if i == taken and taken and len(word) == 1 and _CLOSED.match(text, token.end()):
            taken = i + 1  # a last check letter ("447102 k"), closed by punctuation or "and"
        break
    return taken


def _known(word: str) -> bool:
    return lexicon().known(fold(word))
