"""A device's maker written before its product is no person (round 19).

"Abbott FreeStyle Libre 2 sensor applied" became "[NAME] FreeStyle Libre 2": the maker is a
listed surname, and a surname alone before a capitalised word reads as a person. A company that
makes a sensor, a pump or a meter names no patient, and its name tells the reader which device
it is ("Roche Accu-Chek", "Abbott Libre 3"). A single-word name span is dropped where the word
after it opens a listed product ("FreeStyle Libre", "Accu-Chek", "MiniMed"), unless the word is
a given name (a person's "Sarah Dexcom" is no maker) or a title or a role stands before it.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_pattern_context import DEVICE_MAKER_FORMS
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

# The product's first word right after the span, on its line.
_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[A-Z][\w-]*)")
_WORD_BEFORE = re.compile(r"(?P<w>[A-Za-z]+)\.?[ \t]*[:,]?[ \t]*\Z")
_PERSON_CUES = TITLES | ROLES | RELATIONS


# Round 21 (precision): a listed maker alone in brackets after the device it made ("Exeter V40
# stem (Stryker)", "Trident cup (Stryker)", "laser fibre (Boston Scientific)"): the device's
# word, in lower case, right before the bracket. A person in brackets follows a role or a verb
# ("registrar (Edwards)", "reviewed (Baxter)"), never one of these words.
_ONE_WORD_MAKERS = frozenset(f for f in DEVICE_MAKER_FORMS if re.fullmatch(r"[a-z-]+", f))
_DEVICE_WORDS = frozenset(
    {
        "stem", "cup", "head", "liner", "shell", "insert", "plate", "screw", "screws", "nail",
        "cage", "morcellator", "laser", "fibre", "fiber", "lens", "iol", "valve", "stent", "pump",
        "catheter", "sheath", "device", "implant", "implants", "prosthesis", "scope",
        "endoscope", "generator", "pacemaker", "lead", "mesh", "stapler", "clip", "clips",
        "cement", "sensor", "monitor", "analyser", "analyzer", "ventilator", "resectoscope",
        "arthroscope", "instrumentation", "system", "kit",
    }
)  # fmt: skip
# The device's word, perhaps with its size or model after it ("stem 44 no.2 (Stryker)").
_DEVICE_BEFORE = re.compile(r"(?P<w>[a-z]+)(?:[ \t]+[\w.+/-]*\d[\w.+/-]*){0,3}[ \t]*\([ \t]*\Z")


def _maker_after_device(text: str, red: Redaction) -> bool:
    """Whether the span is a listed maker alone in brackets after its device's word."""
    if fold(red.original) not in _ONE_WORD_MAKERS or not text.startswith(")", red.end):
        return False
    before = _DEVICE_BEFORE.search(text, max(0, red.start - 40), red.start)
    return before is not None and before.group("w") in _DEVICE_WORDS


# Session 32 (format sweep): a listed maker and one capitalised word, then a device's word in
# lower case ("Zimmer Persona knee", "Stryker Triathlon knee", "Edwards Intuity valve"): the
# maker and its product's name, however the product's name reads ("Persona" is a given name).
_DEVICE_AFTER = re.compile(r"[ \t]+(?P<w>[a-z]+)\b")
_JOINT_WORDS = frozenset({"knee", "hip", "shoulder", "elbow", "ankle", "wrist", "spine"})


_ONE_WORD_MAKER = re.compile("|".join(f"(?:{f})" for f in DEVICE_MAKER_FORMS))


def _maker_and_product(text: str, red: Redaction, lex: Lexicon) -> bool:
    words = red.original.split()
    if len(words) != 2 or not _ONE_WORD_MAKER.fullmatch(fold(words[0])):
        return False
    # A surname second is a person's ("Edwards Jones knee pain").
    if fold(words[1]) in lex.surnames:
        return False
    after = _DEVICE_AFTER.match(text, red.end)
    if after is None or not (after.group("w") in _DEVICE_WORDS or after.group("w") in _JOINT_WORDS):
        return False
    # A title, a role or a relation before it makes it a person ("Mr Edwards Jones knee pain").
    before = _WORD_BEFORE.search(text, max(0, red.start - 20), red.start)
    return before is None or fold(before.group("w")) not in _PERSON_CUES


def is_maker_and_product(text: str, red: Redaction, lex: Lexicon) -> bool:
    """Whether a two-word name span is a listed maker and its product's name before the
    device's word ("Zimmer Persona knee")."""
    return red.kind == "name" and _maker_and_product(text, red, lex)


def is_device_maker(text: str, red: Redaction, lex: Lexicon) -> bool:
    """Whether a one-word name span is a device's maker written before its listed product, or
    in brackets after its device."""
    word = red.original
    if red.kind != "name" or not word.isalpha() or not word[:1].isupper() or len(word) < 3:
        return False
    if _maker_after_device(text, red):
        return True
    after = _NEXT_WORD.match(text, red.end)
    if after is None:
        return False
    product = fold(after.group("w"))
    if product not in lex.products:
        phrase = lex.clinical_phrases.match(text, after.start("w"))
        # The phrase must be a product's name: a listed product word inside it.
        if phrase is None or not any(fold(p) in lex.products for p in phrase.group().split()):
            return False
    lower = fold(word)
    if lower in lex.given_names or lex.clinical(lower):
        return False
    before = _WORD_BEFORE.search(text, max(0, red.start - 20), red.start)
    return before is None or fold(before.group("w")) not in _PERSON_CUES
