"""A device's brand right before the device it names (session 48).

Wards and theatres name equipment by its brand and what it is: "Alterna air mattress", "Kiwi
OmniCup vacuum", "Zio XT patch", "Küschall K-Series active chair". A brand no list holds is
read by the word scan as a surname (Philter's default: unknown and capitalised), so the
device's name was lost from the export. A person is written before such a noun only as its
owner, with a possessive ("Mrs Smith's wheelchair") or a title, never bare.

Privacy first, so one or two capitalised words are read as lower case only where all hold:

* a device's noun follows, in lower case, after at most one lower-case word that qualifies it
  ("air", "tuning", "active") or one model code in capitals or with a digit ("XT", "K-Series");
* no word of them is a listed given name ("Grace air mattress" may be Grace's), nor a listed
  surname unless a model number with a digit stands between ("Okafor pump alarmed" may be the
  nurse; "McKinley T34 driver" is no one; a training grade is a person's: "Smith FY1"), and no
  title, relation or role stands right before them ("Sister Jones pump check");
* no possessive: "Jones's pump" is a person's.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_tokens import Tok

# Devices a brand names, as nurses, therapists and surgeons write them.
_DEVICE_NOUNS = frozenset(
    {
        "mattress", "cushion", "overlay", "wheelchair", "chair", "hoist", "sling", "commode",
        "walker", "rollator", "frame", "patch", "pump", "driver", "retractor", "laser",
        "vacuum", "fork", "monitor", "ventilator", "sensor", "meter", "stapler", "scope",
        "probe", "splint", "brace", "boot", "collar", "orthosis", "dressing", "concentrator",
        "nebuliser", "nebulizer", "spacer", "stent", "valve", "nail", "cup", "stem", "liner",
        "shell", "implant", "generator", "electrode", "analyser", "analyzer", "hearing",
    }
)  # fmt: skip
_PERSON_CUES = TITLES | RELATIONS | ROLES
# A model code between the brand and the noun: capitals ("XT", "FLX"), a digit with capitals
# ("T34", "V500"), or a capital-led word joined by a dash ("K-Series").
_MODEL = re.compile(r"[A-Z]{2,4}|(?=[A-Z0-9-]*\d)[A-Z0-9-]{2,8}|[A-Z]-[A-Z][a-z]+")


def protect_device_nouns(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Read a device's brand before its noun as lower case (see the module's rules)."""
    for k, noun in enumerate(tokens):
        if k == 0 or noun.lower not in _DEVICE_NOUNS or not noun.word.islower():
            continue
        j = k - 1
        between: list[Tok] = []
        if _spaced(tokens, j, text) and (
            tokens[j].word.islower() or _MODEL.fullmatch(tokens[j].word)
        ):
            between = [tokens[j]]  # "air" mattress, "XT" patch
            j -= 1
        if not _spaced(tokens, j, text) or tokens[j].shape not in ("title", "caps"):
            continue
        first = j
        if (
            first
            and tokens[first - 1].shape in ("title", "caps")
            and _spaced(tokens, first - 1, text)
        ):
            first -= 1  # "Kiwi OmniCup" vacuum
        brand = tokens[first : j + 1]
        if any(t.bare in lex.given_names or t.word.endswith(("'s", "’s")) for t in brand):
            continue
        if any(t.bare in lex.surnames for t in brand) and not _coded(between):
            continue  # "Okafor pump alarmed" may be the nurse; "McKinley T34 driver" is none
        if first and tokens[first - 1].lower.rstrip(".") in _PERSON_CUES:
            continue
        for tok in brand + between:
            tok.shape = "lower"


# A training grade after a surname is the person's ("Smith FY1", "Jones ST3", "Patel PGY2").
_GRADE = re.compile(r"(?:FY|ST|CT|F|PGY-?|R|Y|MS|SPR|SHO)\d{0,2}")


def _coded(between: list[Tok]) -> bool:
    """Whether ``between`` is a model code with a digit that is no training grade ("T34")."""
    return (
        bool(between)
        and any(c.isdigit() for c in between[0].word)
        and not (_GRADE.fullmatch(between[0].word.upper()))
    )


def _spaced(tokens: list[Tok], i: int, text: str) -> bool:
    """Whether one space alone parts ``tokens[i]`` from the token after it."""
    return i >= 0 and i + 1 < len(tokens) and text[tokens[i].end : tokens[i + 1].start] == " "
