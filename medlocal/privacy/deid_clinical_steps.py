"""A scale's step after the condition it stages (session 51, issue 16: clinical terms redacted).

"Chronic Kidney Disease Stage 3B;", "Pressure Ulcer Stage 4)", "Acute Kidney Injury Stage 2,":
a problem list typed in Title Case writes the stage with a capital and ends it with punctuation,
so :func:`medlocal.privacy.deid_scale_parts.scale_not_address` (which reads a step as clinical
only before a lower-case word: "Stage 2 hypertension") let the address patterns read "Stage 3B"
as a flat's level, and the address-line reader then took the rest of the list ("Gout; Benign
Prostatic Hyperplasia") as the address's lines. Blind half dev52 lost five problems so.

A step is clinical here where the word right before it, on its line, is a condition a stage
belongs to: a disease, injury, ulcer, failure or tumour word of the list below, or a word the
clinical lists own (``Lexicon.clinical``) ending as a disease does. (The English disease words,
"Lymphoma", "Melanoma", are left out of those lists, so the ending path adds little.) No
address writes a flat's level or an estate's phase right after such a word; a place's own words
("Tower", "Block", "Court", "Centre") are none of them.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import fold, lexicon

_CONDITIONS = frozenset(
    {
        "disease", "injury", "ulcer", "ulcers", "failure", "cancer", "tumour", "tumor",
        "lesion", "sore", "sores", "insufficiency", "deficiency", "dysfunction", "retinopathy",
        "neuropathy", "nephropathy", "hypertension", "obesity", "prolapse", "lymphoedema",
        "lymphedema", "cirrhosis", "fibrosis", "impairment", "myeloma",
    }
)  # fmt: skip
_DISEASE_ENDINGS = ("oma", "itis", "osis", "pathy", "aemia", "emia", "plasia")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")


def stage_of_condition(text: str, start: int) -> bool:
    """Whether the scale's step at ``start`` ("Stage 3B") follows, on its line and after one
    blank, the condition it stages."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = fold(before.group(1))
    if word in _CONDITIONS:
        return True
    return word.endswith(_DISEASE_ENDINGS) and lexicon().clinical(word)
