"""A device's maker and model read by the model's shape, not by a list of products (issue 16,
session 58, deid58a).

deid_device_makers keeps a listed maker before a listed product or a device's word ("Abbott
FreeStyle Libre 2", "Zimmer Persona knee"). Monitors, ventilators, pumps and lab equipment
are named on no list and written with no device word: "Philips IntelliVue MX450", "Edwards
FloTrac", "Dräger Evita V800", "Stryker S3", "NIKI T34", "Compumedics Grael" were each made a
name (dev69, written blind: 14 of 98 damaged terms). What names the product is its model's
shape, which no person's name has:

* a word in camel case, a capital after two or more small letters, after a listed maker
  ("Edwards FloTrac", "Philips IntelliVue", "Jaeger MasterScreen") or before a model's code
  ("DermLite DL5"); organisations write their names so too ("LifeLabs", "PhilHealth"), and a
  name's own prefixes ("MacLeod", "VanDyke", "FitzGerald") are not such a word;
* a listed maker opening the span with a model's code after it ("Dräger Evita V800", "Abbott
  Gallant HF"), or opening a span of product words where neither the maker nor the words are
  names a list knows ("Compumedics Grael", "Natus Dantec Keypoint");
* a one-word span no name list knows, in capitals, before a model's code ("NIKI T34").

A person's cue before the span (a title, a role, a relation, "by", "cc") keeps it a person,
and a model's code is never a doctor's grade, a credential, a heart sound, an ECG lead or a
vertebra ("Karen Edwards FY2", "Jones S3 gallop" stay names).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_pattern_context import DEVICE_MAKER_FORMS
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction

_CAMEL = re.compile(r"[A-Z][a-z]{2,}[A-Z][A-Za-z]*")
_NAME_CAMEL = re.compile(r"(?:Mac|Van|Von|Fitz|Del|Della|Dal|Des|Den|Ter|Ten|Vander|Ver)[A-Z]")
# A model's code: a few capitals and a number ("V800", "MX450", "S3", "VN500", "DL5"), or two
# to four capitals alone after a listed maker's product ("HF", "XT").
_MODEL_CODE = re.compile(r"[A-Z]{1,3}\d{1,4}[A-Z]?\+?(?![\w-])")
_MODEL_LETTERS = re.compile(r"[A-Z]{2,4}(?![\w-])")
# Codes a person's name stands before: grades, credentials, heart sounds, leads, vertebrae.
_NOT_MODELS = re.compile(
    r"(?:FY[12]|F[12]|ST[1-8]|CT[1-3]|PGY[1-7]|R[1-5]|Y[1-6]|S[1-4]|V[1-6]|L[1-5]|C[1-8]|"
    r"T(?:[1-9]|1[0-2])|RN|EN|RGN|RMN|RM|MW|HCA|NP|PA|MD|DO|CNS|ANP|SHO|SPR|STR|REG|PHD|MRCP|"
    r"FRCS|MBBS|FRCP|BSC|MSC|JR|SR|II|III|IV)(?![\w-])"
)
# The word right after the span, one blank away: a wider gap is a table's next column.
_NEXT_WORD = re.compile(r"[ \t](?P<w>[A-Z][\w+-]*)")
_WORD_BEFORE = re.compile(r"(?P<w>[A-Za-z]+)\.?[ \t]*[:,]?[ \t]*\Z")
# RELATIONS holds the joining words of "seen with", "spoke to"; a device is used "with" too.
_PERSON_CUES = TITLES | ROLES | (RELATIONS - {"with", "to", "and"}) | {"by", "cc"}
_MAKER = re.compile("|".join(f"(?:{form})" for form in DEVICE_MAKER_FORMS))


def _camel(word: str, lex: Lexicon) -> bool:
    if _CAMEL.fullmatch(word) is None or _NAME_CAMEL.match(word) is not None:
        return False
    # Two names joined are a person's ("MaryAnn", "AnnMarie": review58d), not a product's.
    inner = next(i for i in range(1, len(word)) if word[i].isupper())
    return not (_named(word[:inner], lex) and _named(word[inner:], lex))


def _model_code(word: str, maker: bool) -> bool:
    if _NOT_MODELS.fullmatch(word) is not None:
        return False
    return _MODEL_CODE.fullmatch(word) is not None or (
        maker and _MODEL_LETTERS.fullmatch(word) is not None
    )


def _named(word: str, lex: Lexicon) -> bool:
    lower = fold(word)
    return lower in lex.given_names or lower in lex.surnames


def _person_word(word: str, lex: Lexicon) -> bool:
    """A given name, or a surname that is no English word ("Jones", not "Gallant")."""
    lower = fold(word)
    return lower in lex.given_names or (lower in lex.surnames and not lex.known(lower))


def _code_after_person(code: str, words: list[str], lex: Lexicon) -> bool:
    """Whether the code after a maker's span is a field's label or a bed, not a model: a name's
    words before it ("Edwards Sarah DOB", "Stryker Jones MRN", "Edwards Sarah B12": the patient
    named surname first; review58d) take only a model's code of three digits or more ("Dräger
    Evita V800")."""
    if not any(_person_word(word, lex) for word in words[1:]):
        return False
    return sum(c.isdigit() for c in code) < 3


def is_device_model(text: str, red: Redaction, lex: Lexicon) -> bool:
    """Whether a name span is a device's maker or product written with its model (see the
    module's docstring)."""
    if red.kind != "name":
        return False
    words = red.original.split()
    if not words or len(words) > 3:
        return False
    before = _WORD_BEFORE.search(text, max(0, red.start - 20), red.start)
    if before is not None and fold(before.group("w")) in _PERSON_CUES:
        return False
    after = _NEXT_WORD.match(text, red.end)
    following = after.group("w") if after is not None else ""
    maker = _MAKER.fullmatch(fold(words[0])) is not None
    # Organisations write their names in camel case too ("LifeLabs", "PhilHealth", "Manukau
    # SuperClinic"): a camel word is a product's after a listed maker or before a model's code.
    camel = any(_camel(word, lex) for word in words[1:]) or _camel(following, lex)
    if (maker and camel) or (_camel(words[-1], lex) and _model_code(following, maker=False)):
        return True
    # Capitals alone are a model's only after the maker's product ("Abbott Gallant HF"): after
    # the maker alone they are as often the next field's label ("Hamilton NHI ...").
    if (
        maker
        and following
        and _model_code(following, maker=len(words) > 1)
        and not _code_after_person(following, words, lex)
    ):
        return True
    if maker and len(words) > 1 and not _named(words[0], lex):
        return not any(_named(word, lex) for word in words[1:])
    return (
        len(words) == 1
        and words[0].isupper()
        and len(words[0]) >= 3
        and not _named(words[0], lex)
        and _model_code(following, maker=False)
    )
