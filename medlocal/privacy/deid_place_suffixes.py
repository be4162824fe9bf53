"""Towns and localities named by a landform or settlement word at their end, after a word that
leads to a place (round 17): "in Piney Flats", "out by Angling Lake", "from Deep Creek", "near
Rush Springs"; and the "Mile" names of the outback and the bush ("near the 14 Mile turnoff",
"out at Six Mile camp").

The name's own words may be English ("Piney", "Angling"): what makes them a place is the word at
their end and the word before them. No clinical, generic, title, role or calendar word may stand
among them ("in Heart Valley" does not occur; "at Peak Flow" has no such ending), and the
pattern opens on the cue word, so the reading is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_place_words import AREA_DESCRIBING, not_place_word
from medlocal.privacy.deid_spans import Redaction, label

# Words that end a place's name in North America, Australia and New Zealand.
_ENDINGS = (
    # Not "Bay" nor "Station": a hospital's bays and stations ("Resus Bay", "Nurses Station").
    # Nor "Falls", "Junction" or "Bend": "from Recurrent Falls", "at Gastric Junction".
    r"Lake|Lakes|Creek|Springs|Flats|Valley|Beach|Harbour|Harbor|Heights|Crossing|Landing|"
    r"River|Hollow|Mills|Corners|Cove|Bluff|Plains|Wells|Forks|Rapids|Narrows|Gully|Gorge|"
    r"City|Town"
)
# The cue, then blanks or a line's end ("out by\nAngling Lake").
_CUE = r"(?:in|near|from|by|at|to|outside|past|around|towards?|nr\.?)(?:[ \t]+|[ \t]*\n[ \t]*)"
_NAMED = re.compile(
    rf"\b{_CUE}(?P<v>(?P<n>[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+)?)[ \t]+(?:{_ENDINGS}))"
    r"(?![\w'’-])(?![ \t]+[A-Z])"
)
# A place named by its distance ("the 14 Mile", "Six Mile", "Twelve Mile Creek"): after a cue
# and "the", before a landmark in lower case or the sentence's end; "ran the 10 Mile race" has
# none of these.
_NUMBERS = (
    r"\d{1,3}|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Fifteen|Twenty|"
    r"Thirty|Forty|Fifty"
)
_MILE = re.compile(
    rf"\b{_CUE}(?:the[ \t]+)?(?P<v>(?:{_NUMBERS})[ \t-]Mile(?:[ \t]+(?:{_ENDINGS}|Camp|"
    r"Bore|Road))?)"
    r"(?=[ \t]+(?:turn-?off|turnoff|camp|community|outstation|bore|crossing|roadhouse|store|"
    r"junction|settlement)\b|[ \t]*(?:[.,;)]|$))",
    re.M,
)


def suffixed_place_spans(text: str) -> Iterator[Redaction]:
    """Places named by their ending word or their distance (see the module's docstring)."""
    lex = lexicon()
    for match in skipped_finditer(_NAMED, text):
        words = [fold(w) for w in match.group("n").split()]
        if any(not_place_word(w, lex) or w in AREA_DESCRIBING for w in words):
            continue
        yield Redaction("city", match.start("v"), match.end("v"), match.group("v"), label("city"))
    if "Mile" in text:
        for match in skipped_finditer(_MILE, text):
            yield Redaction(
                "city", match.start("v"), match.end("v"), match.group("v"), label("city")
            )
