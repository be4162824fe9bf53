"""Words the scan read as a person's name, or as a name's cue, that are neither (walk 21):

* "ms" after a number is milliseconds, not "Ms": "QTc 452 ms. Echo (...)" made "Echo" a woman's
  name after her title. The dictionary word after it stays a word; an unknown word after it (a
  surname) is still read as the scan reads it.
* A college's diploma after a name and the specialty or college in brackets after it: "Mr A.
  Smith FRCS (Orth)", "FRCP (Lond)", "MRCP(UK)", "FRCS (Tr & Orth)" made "(Orth)" a name and
  "Smith FRCS" one. Credentials stay outside a name; the bracket names a specialty.
* A device after its size in French gauge ("16 Fr Foley", "14 Ch Foley", "20 FG Foley"), or
  after its material ("silicone Foley", "latex Foley"): the catheter named after its maker.
* A short label before "No" and a code ("Hosp No RX-448190", "Reg. No. 4471"): the label of a
  number, not a name. ("Hosp" stays a word of a hospital's name elsewhere: "Waikato Hosp".)
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_cancel import checkpoint
from medlocal.privacy.deid_car_models import protect_car_models
from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_serovars import protect_serovars
from medlocal.privacy.deid_tokens import Tok
from medlocal.privacy.deid_trial_names import protect_trial_names

# "No", "No.", "Number", "Nr" or "#" and a code with a digit after a label ("Hosp No RX-448190").
_NUMBER_AFTER_LABEL = re.compile(
    r"\.?[ \t]+(?:No\.?|NO\.?|Number|Nr\.?|#)[ \t]*+:?[ \t]*+[A-Z0-9][A-Z0-9/-]*\d"
)
# The same with the field's colon ("Aadhaar No.: 4521 8876 3312").
_NUMBER_FIELD_AFTER = re.compile(
    r"[ \t]+(?:No\.?|NO\.?|Number|Nr\.?|ID)[ \t]*:[ \t]*+[A-Z0-9][A-Z0-9 /-]*\d"
)
# A catheter's size or material right before a capitalised word ("16 Fr Foley", "silicone
# Foley"); a person is never sized in French gauge.
_SIZE_BEFORE = re.compile(
    r"(?:\d[ \t]*(?:Fr|FG|Ch|French)\.?|\b(?:silicone|latex|silastic|hydrogel|2-way|3-way|"
    r"two-way|three-way|indwelling|suprapubic|urethral)(?:[ \t]+(?:catheter|cath))?)[ \t]+\Z"
)
# A number right before the token ("452 ms", "120ms").
_NUMBER_BEFORE = re.compile(r"\d[ \t]?\Z")
# The Royal Colleges' and Australasian colleges' diplomas ("FRCS", "MRCP", "FRCPath",
# "MRCPsych", "FRCSEd", "FRACP", "FRANZCR", "FRCPC"), the American colleges' fellowships
# ("FACP", "FACS", "FAAP"), and South Africa's ("FCS(SA)").
DIPLOMA = re.compile(
    r"(?:[FM]R(?:A|ANZ)?C[A-Z][A-Za-z]{0,6}|FA(?:C|A)[A-Z]{1,4}|FC[A-Z]{1,4}|DRCOG|DFSRH|"
    # Walk 23: diplomas after a doctor's degrees ("MD DCH", "MBBS DGM", "DTM&H").
    r"DCH|DGM|DTMH|DTM&H|DPM|DObst|DipObst|DRANZCOG|FANZCA|FACEM|FRACGP|MRCPCH)"
)
# The bracket after a diploma, one to three short capitalised words ("(Orth)", "(Tr & Orth)",
# "(Lond)", "(UK)", "(Glasg)", "(SA)").
_BRACKET_AFTER = re.compile(
    r"[ \t]?\([ \t]*[A-Z][A-Za-z.]{0,11}(?:[ \t]*(?:&|and|/|[ \t])[ \t]*[A-Z][A-Za-z.]{0,11}){0,2}"
    r"[ \t]*\)"
)


def protect_false_cues(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Read "ms" after a number as the unit, and a diploma with its bracket as no name."""
    if "ms" in text or "MS" in text:
        _after_milliseconds(tokens, text, lex)
    if "RC" in text or "FA" in text or "FC" in text or "D" in text:
        _diplomas(tokens, text)
    checkpoint()
    protect_car_models(tokens, text, lex)
    checkpoint()
    if "Fr" in text or "FG" in text or "Ch" in text or "way" in text or "ili" in text:
        _sized_devices(tokens, text)
    checkpoint()
    protect_trial_names(tokens, text)
    checkpoint()
    protect_serovars(tokens, text)
    checkpoint()
    if "No" in text or "#" in text or "Nr" in text or "Number" in text:
        _labels_before_numbers(tokens, text, lex)
    checkpoint()
    _scheme_labels(tokens, text)


def _after_milliseconds(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower not in ("ms", "msec") or not _NUMBER_BEFORE.search(
            text, max(0, tok.start - 2), tok.start
        ):
            continue
        after = tokens[i + 1]
        if text[tok.end : after.start] not in (". ", " ", ", ", "; ", ".  "):
            continue
        if after.shape == "title" and lex.known(after.bare):
            after.shape = "lower"


def _diplomas(tokens: list[Tok], text: str) -> None:
    starts = [t.start for t in tokens]
    for tok in tokens:
        if tok.shape not in ("caps", "title") or not DIPLOMA.fullmatch(tok.word):
            continue
        tok.shape = "lower"  # a credential, outside the name before it
        bracket = _BRACKET_AFTER.match(text, tok.end)
        if bracket is None:
            continue
        i = bisect_left(starts, bracket.start())
        while i < len(tokens) and tokens[i].start < bracket.end():
            tokens[i].shape = "lower"
            i += 1


# deidfix33 (walk 35): the name of an identity-number scheme as a field's label, in brackets
# or not, before its colon and number ("UID (Aadhaar): 4821 7730 5519", "ABHA: 91-...",
# "OHIP 1234-567-890"): "[NAME]" stood for the scheme. Names no dictionary holds.
_SCHEMES = frozenset(
    {"aadhaar", "aadhar", "abha", "uidai", "ohip", "ramq", "ppsn", "nhi", "ihi", "chi", "bsn",
     "cpf", "nric", "nik", "ktp", "curp", "dni", "nie", "nir", "nss", "rrn", "cnp", "pesel",
     "amka", "egn", "oib", "emso", "jmbg", "personnummer", "henkilötunnus", "kennitala"}
)  # fmt: skip
_SCHEME_FIELD_AFTER = re.compile(
    r"\)?[ \t]*(?:(?:No\.?|NO\.?|Number|Nr\.?|ID|#)[ \t]*)?[:#]?[ \t]*[A-Z]{0,3}[ \t-]?\d"
)


def _scheme_labels(tokens: list[Tok], text: str) -> None:
    for tok in tokens:
        if (
            tok.lower in _SCHEMES
            and tok.shape in ("title", "caps")
            and _SCHEME_FIELD_AFTER.match(text, tok.end)
        ):
            tok.shape = "lower"


def _labels_before_numbers(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    for i, tok in enumerate(tokens):
        inside_name = (
            i > 0
            and text[tokens[i - 1].end : tok.start] in (" ", ". ")
            and (tokens[i - 1].shape in ("title", "caps", "initial"))
        )
        if (
            not inside_name
            and tok.shape in ("title", "caps")
            and len(tok.word) <= 12
            and not lex.name_like(tok.bare)
            and (tok.bare not in lex.places or tok.shape == "caps")
            and _NUMBER_FIELD_AFTER.match(text, tok.end)
        ):
            # Walk 23: a scheme's name as a form's label, its colon and number after "No."
            # ("Aadhaar No.: 4521 ...", "ABHA No.: 91-...") read "[NAME] No.:".
            tok.shape = "lower"
            continue
        if tok.shape != "title" or len(tok.word) > 5 or tok.bare in lex.given_names:
            continue
        if tok.bare in lex.places:
            continue  # "Chak No. 47/GB": a numbered village of Punjab, a place's own name
        if inside_name:
            continue  # "Waikato Hosp No 3": inside a name, the scan reads the whole
        if _NUMBER_AFTER_LABEL.match(text, tok.end):
            tok.shape = "lower"


_GAUGES = frozenset({"Fr", "FG", "Ch", "French"})


# The word before a device that may size it (tested before the pattern, for speed).
_SIZE_WORDS = frozenset(
    {
        "fr", "fg", "ch", "french", "silicone", "latex", "silastic", "hydrogel", "way",
        "indwelling", "suprapubic", "urethral", "catheter", "cath",
    }
)  # fmt: skip


def _sized_devices(tokens: list[Tok], text: str) -> None:
    for i, tok in enumerate(tokens):
        if tok.shape == "lower":
            continue
        if tok.word in _GAUGES and _NUMBER_BEFORE.search(text, max(0, tok.start - 2), tok.start):
            tok.shape = "lower"  # "14 Ch": the gauge, not a name
        elif (
            i > 0
            and tokens[i - 1].lower in _SIZE_WORDS
            and _SIZE_BEFORE.search(text, max(0, tok.start - 30), tok.start)
        ):
            tok.shape = "lower"
