"""A car's make and model is no identifier (walk 21: "Ford Focus" became "[NAME]").

Safe Harbor's vehicle identifiers are the plate and the VIN (the number rules take both); the
make and model say what kind of car, as a drug's brand says what kind of tablet. The makes are a
maintained list of the world's large car makers; a make is read as a car only where a model
follows it: a model code of letters and digits ("Ford F-150", "Mazda CX-5", "Hyundai i30"), or
a capitalised word after a vehicle's cue ("drives a Ford Focus", "car: Skoda Octavia"). Without
a cue a make and a word are as often a company's or a street's name ("Mitsubishi Shoji",
"Vauxhall Bridge").

A make alone stays with the scan: "works at Nissan" names an employer (an organisation), and
"Ford", "Honda", "Mercedes" are names too. Neither is read as a car after a title, a relation
or a given name ("Dr Ford Focus"?, "Harrison Ford"), nor where a capitalised word follows the
model ("Toyota South Africa Motors" is a company).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_tokens import Tok

MAKES = frozenset(
    {
        "ford", "toyota", "honda", "nissan", "vauxhall", "holden", "mazda", "hyundai", "kia",
        "subaru", "volkswagen", "vw", "skoda", "škoda", "peugeot", "renault", "citroen",
        "citroën", "fiat", "audi", "bmw", "mercedes", "mercedes-benz", "volvo", "tesla",
        "chevrolet", "chevy", "dodge", "jeep", "mitsubishi", "suzuki", "lexus", "porsche",
        "dacia", "opel", "buick", "cadillac", "chrysler", "acura", "infiniti", "gmc", "ram",
        "isuzu", "daihatsu", "proton", "perodua", "tata", "mahindra", "maruti", "geely", "byd",
        "chery", "haval", "ssangyong", "lada", "cupra",
    }
)  # fmt: skip
# A model's code: letters and digits ("F-150", "CX-5", "i30", "X5", "3008", "RAV4", "C-Class").
_MODEL_CODE = re.compile(r"[A-Za-z]{0,3}-?\d{1,4}[A-Za-z]{0,2}\b|[A-Z]{1,3}-[A-Z][a-z]+\b")
# A vehicle's cue within the words before the make ("drives a silver", "car:", "vehicle -").
_VEHICLE_CUE = re.compile(
    r"(?i:\b(?:drives?|driving|drove|driver|car|vehicle|van|ute|truck|suv|hatchback|sedan|"
    r"saloon|taxi|motor|rego|registration|owns)\b)[^\n.;]{0,30}\Z"
)
_NO_CAR_BEFORE = TITLES | RELATIONS
# Speed: one scan of the text for a make before the tokens are read.
_ANY_MAKE = re.compile(
    "(?i:" + "|".join(sorted((re.escape(m) for m in MAKES), key=len, reverse=True)) + r")\b"
)


def _make_written(tokens: list[Tok], text: str) -> bool:
    """Whether ``_ANY_MAKE.search(text)`` finds a make, where a token the loop below reads
    might be one; False where none might (the loop then changes nothing either way). Speed
    (session 54): the whole-text search tries some sixty names at every character (9-10 ms of a
    20-page record); it is asked first at the place of the first such token, where it mostly
    matches, and of the whole text only where it does not there."""
    for tok in tokens[:-1]:
        if tok.bare in MAKES and tok.shape in ("title", "caps"):
            return _ANY_MAKE.match(text, tok.start) is not None or (
                _ANY_MAKE.search(text) is not None
            )
    return False


def protect_car_models(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """A make and its model read as no name."""
    if not _make_written(tokens, text):
        return
    for i, tok in enumerate(tokens[:-1]):
        if tok.bare not in MAKES or tok.shape not in ("title", "caps"):
            continue
        if (
            i > 0
            and text[tokens[i - 1].end : tok.start] in (" ", ". ")
            and (
                tokens[i - 1].lower in _NO_CAR_BEFORE
                or (tokens[i - 1].word[:1].isupper() and tokens[i - 1].bare in lex.given_names)
            )
        ):
            continue
        if text[tok.end : tok.end + 1] != " ":
            continue
        code = _MODEL_CODE.match(text, tok.end + 1)
        model = tokens[i + 1]
        if code is not None and not code.group().isdigit():
            tok.shape = "lower"
            continue
        if model.start != tok.end + 1 or model.shape not in ("title", "caps"):
            continue
        if (
            i + 2 < len(tokens)
            and text[model.end : tokens[i + 2].start] == " "
            and (tokens[i + 2].shape in ("title", "caps"))
        ):
            continue  # "Toyota South Africa Motors": a company's name
        if _VEHICLE_CUE.search(text, max(0, tok.start - 40), tok.start) is not None:
            tok.shape = "lower"
            model.shape = "lower"
