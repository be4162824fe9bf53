"""British spellings folded to American ones ("haemoglobin" -> "hemoglobin", "tumour" ->
"tumor", "litre" -> "liter"): the de-identification lexicon looks words up in a dictionary spelt
the American way, and the grounding checks compare a sentence's words with a passage's.
"""

from __future__ import annotations

import re

_BRITISH_AE = re.compile(r"(?<=[a-z])ae(?=[a-z])")  # haemoglobin, anaesthetic, paediatric
_BRITISH = (
    (re.compile(r"(?<=[a-z])oe(?=[a-z]{2})"), "e"),  # foetus, coeliac
    (re.compile(r"^oe(?=[a-z]{3})"), "e"),  # oedema, oesophagus, oestrogen
    (re.compile(r"(?<=[a-z]{2})our(?=s?$|ed$|ing$|ite)"), "or"),  # tumour, colour, favourite
    (re.compile(r"(?<=[a-z]{2}[^aeiou])re(?=s?$)"), "er"),  # litre, fibre, centre, theatre
    (re.compile(r"(?<=[a-z]{2})is(?=e$|es$|ed$|ing$|ation)"), "iz"),  # catheterise
    (re.compile(r"(?<=[a-z]{2})ys(?=e$|es$|ed$|ing$)"), "yz"),  # analyse
    (re.compile(r"(?<=[a-z]{2})ogue(?=s?$)"), "og"),  # catalogue
    (re.compile(r"(?<=[a-z]{3})mme(?=s?$)"), "m"),  # programme
    (re.compile(r"(?<=[a-z]{2}[aeiou])ll(?=ed$|ing$|er$)"), "l"),  # travelled, labelling
    (re.compile(r"(?<=[a-z]{2})ence$"), "ense"),  # licence, defence
)
# Two more that only clinical comparison needs: the dictionary lists neither spelling.
_CLINICAL = (
    (re.compile(r"(?<=[a-z]{3})oea$"), "ea"),  # diarrhoea, gonorrhoea
    (re.compile(r"sulph"), "sulf"),  # sulphate
)


def american(lower: str) -> str:
    """``lower`` (a lower-case word) in American spelling. A word of five letters keeps its
    "ae" ("saeed" is no British "seed"); shorter words are left as they are."""
    if len(lower) < 5:
        return lower
    if len(lower) >= 6:
        lower = _BRITISH_AE.sub("e", lower)
    for pattern, replacement in _BRITISH:
        lower = pattern.sub(replacement, lower)
    return lower


def american_clinical(lower: str) -> str:
    """:func:`american`, also folding "-oea" and "sulph" ("diarrhoea", "sulphate")."""
    if len(lower) < 5:
        return lower
    lower = american(lower)
    for pattern, replacement in _CLINICAL:
        lower = pattern.sub(replacement, lower)
    return lower
