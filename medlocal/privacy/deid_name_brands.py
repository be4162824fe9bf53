"""A medicine sold under a brand that is also a given name, given back where its context is a
medicine's (round 19, walk 22): "Yasmin", "Katya", "Lucette", "Cerelle", "Myra" became [NAME]
after a dose or in a medication list, while "Friend Yasmin" and "Practice Nurse Katya Nowak"
are people.

Such a brand cannot join the product words (deid_clinical_products.txt leaves out a single word
that is a listed name): the word alone says nothing. Its context does: a strength right after
it ("Katya 30/75", "Yasmin 3 mg/30 mcg", "Myra 400 IU"), a generic in brackets after it
("Yasmin (drospirenone ..."), a dose right before it ("30 micrograms Yasmin", "aspirin 100 mg
(Cartia)"), or a verb of taking before it ("is on Yasmin", "switch to Lucette"). A name span
of the brand's word alone is given back there; a title or a relation before it keeps it a name.
"""

from __future__ import annotations

import functools
import re

from medlocal.paths import resources_dir
from medlocal.privacy.deid_lexicon import lexicon, read_list
from medlocal.privacy.deid_spans import Redaction

_KINDS = frozenset({"name", "patient_name"})
# Brands that are given names the lists do not hold, or hold under another spelling.
_UNLISTED = frozenset(
    {"katya", "lucette", "cerelle", "myra", "yasmin", "cartia", "levest", "allegra", "telma"}
)
_UNIT = r"(?:mg|mcg|µg|μg|ug|micrograms?|IU|units?|mL|ml|g|mmol)(?![^\W\d_])"
_STRENGTH_AFTER = re.compile(
    r"(?:[ \t]+[A-Z]{1,2})?[ \t]+(?:\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?[ \t]*"
    + _UNIT
    + r"|\d{2,3}/\d{2,3}(?!/))"
)
_GENERIC_AFTER = re.compile(r"[ \t]*\([ \t]*([a-z][a-z-]{3,})")
_DOSE_BEFORE = re.compile(r"\d[ \t]*" + _UNIT + r"[ \t]*\(?[ \t]*\Z")
_TAKING_BEFORE = re.compile(
    r"\b(?:is on|was on|been on|started on|starting|start|continue|continues|continued|"
    r"switch(?:ed)? from|change(?:d)? from|"
    r"taking|takes|take|switch(?:ed)? to|change(?:d)? to|changed from|stop|stopped|restart|"
    r"restarted|prescribed|issued|or|and|,)[ \t]+\Z",
    re.I,
)
_DOSE_IN_LINE = re.compile(r"\d[ \t]*(?:mg|mcg|µg|micrograms?)\b")
_PEOPLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|friend|sister|mother|daughter|nurse|Nurse|wife|partner)"
    r"\.?[ \t]+\Z"
)


@functools.cache
def name_brands() -> frozenset[str]:
    """Product words that are listed given names or surnames, and the brands above."""
    lex = lexicon()
    words = {w.lower() for w in read_list(resources_dir() / "deid_clinical_products.txt")}
    listed = {w for w in words if " " not in w and (w in lex.given_names or w in lex.surnames)}
    return frozenset(listed | _UNLISTED)


# The next item of a list, a product or a medicine ("Lucette, Millinette and Zoely").
_NEXT_ITEM = re.compile(r"(?:,|[ \t]+and|[ \t]+or)[ \t]+([A-Za-z][a-z-]+)")


def _brand_context(text: str, red: Redaction) -> bool:
    before = text[max(0, red.start - 40) : red.start]
    if _PEOPLE_BEFORE.search(before):
        return False
    if _STRENGTH_AFTER.match(text, red.end) or _DOSE_BEFORE.search(before):
        return True
    generic = _GENERIC_AFTER.match(text, red.end)
    if generic is not None and lexicon().clinical(generic.group(1)):
        return True
    following = _NEXT_ITEM.match(text, red.end)
    if following is not None and red.kind == "name":
        lower = following.group(1).lower()
        if lower in lexicon().products or lower in name_brands():
            return True
    taking = _TAKING_BEFORE.search(before)
    if taking is None:
        return False
    if taking.group().strip().lower() in ("or", "and", ","):
        if red.kind != "name":
            return False  # the patient's own name in a list stays hers
        # In a list of medicines: the line names a dose elsewhere.
        line_start = text.rfind("\n", 0, red.start) + 1
        line_end = text.find("\n", red.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        return _DOSE_IN_LINE.search(line) is not None
    return True


def without_name_brands(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the name-like brands that their context shows to be medicines."""
    kept: list[Redaction] = []
    for red in redactions:
        word = red.original
        if red.kind not in _KINDS or not word.isalpha() or word.lower() not in name_brands():
            kept.append(red)
            continue
        if not _brand_context(text, red):
            kept.append(red)
    return kept
