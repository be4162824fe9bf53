"""An address written after a word of living, in any case, up to the place the rules found at
its end (walk 22): "Daughter lives at flat 2, the old mill, mill brow, [kirkby lonsdale]."

Typed in lower case, the parts before the town are no capitalised words for the word scan and
no address line for its label; only the town was found. Where a word of living or an address
label opens the run ("lives at", "living at", "resides at", "staying at", "moved to",
"Address:"), and the run is a few short parts split by commas that ends right at a found place,
the parts between are the rest of the address: a house, a flat, a building, a street. One part
at least must say so (a number, or a word of a street or a house), so that "lives at home, with
her son, in [Leeds]" keeps its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_address_lines import HOUSE_WORDS
from medlocal.privacy.deid_place_words import STREET_WORDS
from medlocal.privacy.deid_spans import Redaction, label

# The kinds a found place at the end of the run may have.
_PLACE_KINDS = frozenset({"city", "location", "county", "zip_code", "name", "street_address"})
# Up to five parts of up to five words each, split by commas, right before the found place.
_RUN = re.compile(
    r"(?i:\b(?:lives|living|lived|resides|residing|staying|stays|moved|moving)[ \t]+(?:at|to|in)"
    r"|\baddress[ \t]*:)"
    r"[ \t]+(?P<run>(?:[\w'’.-]+(?:[ \t]+[\w'’.-]+){0,4}[ \t]*,[ \t]*){1,5})\Z"
)
# Words of a house (the address lines' own), a flat or a building ("the old mill", "flat 2").
_HOUSE_WORDS = HOUSE_WORDS | frozenset(
    {
        "flat", "apt", "apartment", "unit", "manor", "hall", "mews", "brow", "terrace", "row",
        "close", "court", "block", "floor", "building", "estate", "chalet",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")
# Round 20: a flat, a unit or a floor and its comma before a found street's number ("flat 3/2,
# 41 ...", "G/F, 44 ...", "Unit 7B, 12 ..."): the dwelling's part of the same address.
_DWELLING_BEFORE = re.compile(
    r"(?<![\w/-])(?:(?i:flat|apt\.?|apartment|unit|suite|rm|room|level|lvl|floor)[ \t]*"
    r"[\dA-Za-z]{1,4}(?:/[\dA-Za-z]{1,3})?|[GB]/F|\d{1,2}/F|\d{1,2}(?:st|nd|rd|th)[ \t]+"
    r"(?i:floor))[ \t]*,[ \t]*\Z"
)


def address_run_candidates(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """The parts of an address between a word of living and the found place at its end."""
    for place in found:
        if place.kind not in _PLACE_KINDS:
            continue
        if place.kind == "street_address" and text[place.start : place.start + 1].isdigit():
            dwelling = _DWELLING_BEFORE.search(text, max(0, place.start - 24), place.start)
            if dwelling is not None:
                start = dwelling.start()
                yield Redaction(
                    "street_address",
                    start,
                    place.end,
                    text[start : place.end],
                    label("street_address"),
                )
        line = text.rfind("\n", 0, place.start) + 1
        match = _RUN.search(text, max(line, place.start - 160), place.start)
        if match is None:
            continue
        run = match.group("run")
        words = [w.lower() for w in _WORD.findall(run)]
        if not any(w.isdigit() or w in _HOUSE_WORDS or w in STREET_WORDS for w in words):
            continue
        start = match.start("run")
        end = start + len(run.rstrip(" \t,"))
        yield Redaction("street_address", start, end, text[start:end], label("street_address"))
