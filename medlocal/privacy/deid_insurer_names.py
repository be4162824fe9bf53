"""An insurer named as an insurer is kept (walk 21: "private cover with Bupa" became "[NAME]").

The evaluation conventions keep an insurer or drug maker named as such: a health plan's name
says which company pays, not who the patient is (its member number is the identifier, and the
number rules take it). The word scan and the tagger read an insurer's name as an unknown name;
this module gives it back where the words around it say it is the insurer: a cover word before
it on its line ("insurance", "insurer", "cover", "PHI", "fund", "payer") or a member's number's
words after it ("Bupa member no.", "Aetna policy"). Followed by a facility's word it names a
place of care ("Bupa Aged Care Greenwood", "Bupa Cromwell Hospital") and stays redacted, as a
redaction longer than the insurer's name does.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_number_forms import INSURERS
from medlocal.privacy.deid_spans import Redaction

_INSURER = re.compile(rf"(?:{INSURERS})")
_COVER_BEFORE = re.compile(
    r"(?i:\b(?:insurance|insurer|insured|insurers|cover|covered|coverage|PHI|fund|payer|payor|"
    r"plan|scheme|medical[ \t]+aid|private(?:ly)?|health[ \t]+(?:insurance|fund|plan)|"
    r"funded|billed|claim|claims|pre-?auth(?:orisation|orization)?)\b)"
)
_MEMBER_AFTER = re.compile(
    r"[ \t]*(?:,[ \t]*)?(?i:member(?:ship)?|policy|plan|card|no\.|number|id\b|#|claim|"
    r"pre-?auth|authori[sz]ation|cover)"
)
_KINDS = frozenset({"name", "facility"})


def _named_as_insurer(text: str, red: Redaction) -> bool:
    line = text.rfind("\n", 0, red.start) + 1
    before = text[max(line, red.start - 50) : red.start]
    return bool(_COVER_BEFORE.search(before)) or _MEMBER_AFTER.match(text, red.end) is not None


def without_insurers(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the insurers' names written as the insurer."""
    return [
        red
        for red in redactions
        if not (
            red.kind in _KINDS and _INSURER.fullmatch(red.original) and _named_as_insurer(text, red)
        )
    ]
