"""Field labels of other languages that name a kind of place, kept as words (review57a, session
57; deid57a's report: "Arbeitgeber:", "Krankenkasse:", "Hemtjänst:" went as [NAME]).

deid_kind_labels reads the organisation after such a label; the label itself, a capitalised
word on no English list at a line's or a sentence's start, was read as a name by the scan
("[NAME]: [FACILITY]"). A label is kept only as one of these words right before its colon:
the value after the colon is read as before, and no listed name is among them.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_tokens import Tok

# One-word labels of deid_kind_labels' kinds in German, Dutch, French, Spanish, Italian,
# Portuguese and Swedish (its English labels are English words, which the scan leaves).
_LABEL = re.compile(
    r"(?im)(?:^|(?<=[.;|]))[ \t]{0,8}(?P<label>"
    r"apotheke|pflegedienst|pflegeheim|seniorenheim|hausarztpraxis|krankenkasse|arbeitgeber|"
    r"apotheek|thuiszorg|verpleeghuis|verzorgingshuis|huisartsenpraktijk|zorgverzekeraar|"
    r"werkgever|pharmacie|ehpad|mutuelle|employeur|farm[aá]cia|aseguradora|empleador|empresa|"
    r"datore|apotek|v[aå]rdcentral|hemtj[aä]nst|[aä]ldreboende|arbetsgivare"
    r")(?:[ \t]+di[ \t]+lavoro)?[ \t]{0,3}:"
    # a value in lower case is left as before: the scan read it with the label ("Farmacia:
    # farmacia Garbatella" was found whole only so, dev65)
    r"(?![ \t]{0,3}(?-i:[a-zß-ÿ]))"
)


def protect_field_labels(tokens: list[Tok], text: str) -> None:
    """Read (``shape`` "lower") such a label before its colon as a word, not a name."""
    if ":" not in text:
        return
    starts = [t.start for t in tokens] if tokens else []
    for match in skipped_finditer(_LABEL, text):
        i = bisect_left(starts, match.start("label"))
        if i < len(tokens) and tokens[i].start == match.start("label"):
            tokens[i].shape = "lower"
