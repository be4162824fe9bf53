"""The flat, staircase, block, floor and door parts after a found street, however many (session
62, deid62c).

deid_place_growth grows a found street over one flat or floor written after its comma ("Calle
Mayor 4, 2º dcha", "Storgatan 3, lgh 1102"). Addresses of Italy, Romania, Croatia, Poland,
Belgium, Greece and Finland chain several, in their own words, and the second and later ones
were left in view (dev83): "Via Roma 14, scala C, int. 7", "Str. Mihai Eminescu nr. 14, bl. A3,
sc. 2, ap. 17", "Ilica 214, 2. kat, stan 7", "rue Saint-Gilles 147 bte 3", "Πατησίων 112, 3ος
όροφος", "Hämeenkatu 19 B 12".

Each part is a unit word of those languages and its number or letter, or a floor's number and
its word; the parts follow the street's end one after the other, apart by a comma or a blank,
and all of them join the street. A part needs its unit word, so a list that goes on after the
street ("Via Roma 14, 3 days later") is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_spans import Redaction, label

# Words for a staircase, block, entrance, building, flat, floor or door, with their short forms.
_UNIT_WORD = (
    r"scala|sc\.|int\.|interno|ap\.|apt\.?|apto\.?|app\.?|appartamento|apartament|bl\.|bloc|"
    r"bloco|blok|block|blk\.?|et\.|etaj|kat|stan|bte|bo[îi]te|bus|piso|planta|puerta|pta\.|"
    r"esc\.|escalera|portal|porta|lgh\.?|m\.|mieszk\.|lok\.|byt|[čc]\.[ \t]?b\.|stiege|stg\.|"
    r"top|t[üu]r|whg\.?|flat|unit|suite|ste\.?|floor|fl\.?|piano|p\.|edificio|torre|casa|"
    r"d[ií]szl[óo]|em\.|ajt[óo]|lh\.|as\.|rappu|όροφος|διαμ\.|διαμέρισμα"
)
# A unit word and its number or letter ("scala C", "int. 7", "bl. A3", "ap. 17", "bte 3").
_PART = (
    rf"(?:(?i:{_UNIT_WORD})[ \t]*(?:n[º°o]\.?[ \t]*)?(?:\d{{1,4}}[A-Za-z]?|[A-Z]\d{{0,2}})\b"
    # A floor's number and its word ("2. kat", "3ος όροφος", "2. em.", "3e étage").
    r"|\d{1,2}(?:\.|ος|ης|e|er|º|ª)?[ \t]*(?i:kat|etaj|όροφος|em\.|emelet|piano|étage|etage|"
    r"stock|floor|fl\.|piso|andar|etg\.|etasje)(?!\w)"
    # A Finnish or Swedish staircase and flat after the house number ("19 B 12").
    r"|[A-Z][ \t]\d{1,3}(?![\w.,/-]))"
)
# One part, after its comma or blank. A part that a lower-case word follows (not another part,
# nor a one-letter preposition: "bte 3 à Bruxelles") is a count or a view of the note going on:
# "14 Mill Road, sc. 2 units insulin", "…, ap. 2 views", "…, top 3 priorities", "… B 12 pack
# years"; the tail ends before it.
_NEXT_PART = re.compile(rf"(?:,[ \t]*|[ \t]+){_PART}(?![ \t]+(?!{_PART})[a-zß-öø-ÿα-ω]{{2}})")


def unit_tail_end(text: str, end: int) -> int:
    """Where the unit parts that follow ``end`` (a street's end) end; ``end`` if none follow."""
    while (part := _NEXT_PART.match(text, end)) is not None:
        end = part.end()
    return end


def unit_tail_spans(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """The unit parts right after each street of ``found`` (see above), as one street span."""
    for red in found:
        if red.kind != "street_address":
            continue
        end = unit_tail_end(text, red.end)
        if end == red.end:
            continue
        start = end - len(text[red.end : end].lstrip(", \t"))
        yield Redaction("street_address", start, end, text[start:end], label("street_address"))
