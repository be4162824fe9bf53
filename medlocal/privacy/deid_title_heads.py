"""An eponym's head written in Title Case (session 51, issue 16: clinical terms redacted).

Notes typed in Title Case capitalise every word of a finding, a section's content or a problem
list: "Wickham Striae", "Kerley B Lines", "Couvelaire Uterus", "Mallory-Denk Bodies", "Lund and
Browder Chart", "Milligan-Morgan Haemorrhoidectomy", "Psoriatic Arthritis". The eponym reader
(:func:`medlocal.privacy.deid_eponyms.protect_eponyms`) counts most heads only in lower case,
since a capitalised head may end a person's or a place's name ("Ana Frame", "Grace Field", "Tom
Lane", "Castle Hill Arthritis Centre"). Blind half dev52 lost 35 of its 86 damaged terms to it.

A capitalised head counts here by its own shape, never by the words before it:

* its lower-case form is an eponym head the reader already lists (a listed head or a broader
  English head), or it ends as an operation or a disease does and no English word ends so
  ("Haemorrhoidectomy"; not "Program", "Osteopathy", "Trophy": businesses' names end so);
* no given-name or place list holds it, nor its singular, nor (a singular word) the surname
  list ("Field", "Lane", "Frame", "Stains" are listed), and it is no word of a facility's,
  street's, ward's or region's name, no title or role ("Hill", "Court", "Unit", "Centre");
* it ends the capitalised run: a capitalised word right after it makes it part of a longer name
  ("Fracture Clinic", "Arthritis Centre"); and no word of a facility's name stands in the run
  before it ("Community", "Medical", "Health");
* it is no head that also ends a business's, a service's or a place's name ("View", "Complex",
  "Laser", "Guidance", "Canal", "Plexus": those count in lower case only);
* the run follows no copy's, referral's or letter's cue ("Copy to Riverbend Hysteroscopy",
  "copied to", "cc:", "referred to" with no article: a letter goes to a place, never to a
  finding), and its first word is no unlisted place-like compound of an English word and a
  place's ending ("Harbourside", "Castlebrook", "Kingsmead": fix51c, review51a H7);
* the run is not a bed's, bay's or room's entry ("Bay 2 Okafor Cellulitis": a ward list names
  the person in the bed), nor right after "at" or "from" with no article, where a workplace's
  or a place's name stands ("a driver at Dangote Cement"; a finding is "at the" site).

The reader then applies its broader heads' guards: a title, a relation or a given name before
the words, or a name the note gives a person elsewhere, keeps them a person's ("Dr Moss
Fracture", "Sarah Cellulitis", "Sarah Kowalczyk ... Kowalczyk Fever").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import Lexicon, fold
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_place_words import (
    GENERIC,
    REGIONS,
    STREET_WORDS,
    WARD_HEADS,
    WARD_KINDS,
)
from medlocal.privacy.deid_tokens import Tok

# Words that end a place's or an organisation's name, never a clinical finding's.
_PLACE_ENDS = GENERIC | STREET_WORDS | WARD_HEADS | WARD_KINDS | REGIONS
# The endings of operations and diseases that no everyday English word shares (not "gram",
# "ism", "graphy", "pathy", "trophy", "metry", "emia", "algia": "Program", "Tourism",
# "Photography", "Osteopathy", "Trophy", "Geometry", "Academia", "Nostalgia").
_SAFE_ENDINGS = (
    "ectomy", "otomy", "ostomy", "plasty", "pexy", "rrhaphy", "itis", "osis", "aemia", "plasia",
    "scopy",
)  # fmt: skip
# Heads that also end the name of a business, a service, a venue or a place ("Lakeside View",
# "Sports Complex", "Optimax Laser", "Careers Guidance", "Grand Canal", "Plexus", "Rhythm"):
# in Title Case they count only in lower case.
_NAME_ENDS = frozenset(
    {
        "view", "complex", "space", "spaces", "plane", "monitor", "model", "screen", "pulse",
        "guidance", "function", "effect", "plate", "plates", "laser", "bulb", "grid", "boot",
        "bands", "wave", "waves", "rhythm", "breathing", "pattern", "patterns", "sequence",
        "crisis", "crises", "paradox", "principle", "hypothesis", "algorithm", "curve", "curves",
        "attack", "attacks", "mixture", "solution", "reaction", "reagent", "panel", "ratio",
        "projection", "segment", "segments", "scan", "sleeve", "sleeves", "sling", "tube",
        "appliance", "dressing", "hoist", "mobilisation", "mobilization", "traction", "groove",
        "grooves", "nucleus", "valve", "shunt", "graft", "flap", "pouch", "canal", "canals",
        "tract", "plexus", "bundle", "cement", "iodine", "acid", "acids", "broth", "pads",
        "rods", "rings", "nails", "wires", "configuration", "correction", "index", "inventory",
        "stitch", "position", "method", "technique", "protocol", "regimen", "repair", "operation",
    }
)  # fmt: skip
# Function words of a facility's name that eponyms share ("Lund and Browder Chart").
_JOINING = frozenset({"the", "of", "and", "&", "a"})
# Words before an organisation's or a place's name with no article ("works at", "came from").
_PLACE_CUES = frozenset({"at", "from", "employer", "employed", "company", "firm"})
# A copy's, a referral's or a letter's cue right before the run: the run is where it goes.
_SENT_TO_BEFORE = re.compile(
    r"(?i)(?:\b(?:cop(?:y|ies|ied)|cc'?d|cc|bcc|c\.c\.|refer(?:red|ral)?|sent|send|letter|"
    r"transfer(?:red)?|discharged|forwarded|addressed|copied[ \t]+in)(?:[ \t]+(?:to|for))?"
    r"|\bto)[ \t]*:?[ \t]*$"
)
# The cues above that need nothing after them ("cc:", "Copy:"); a bare "to" needs one of them
# shortly before it ("Letter copied to", "Copy sent to").
_COPY_CUE = re.compile(
    r"(?i)\b(?:cop(?:y|ies|ied)|cc'?d|cc|bcc|c\.c\.|refer(?:red|ral)?|sent|send|letter|"
    r"transfer(?:red)?|discharged|forwarded|addressed)\b"
)
# Endings of places' names: with an English word before them an unlisted word is a place's or
# a facility's name ("Harbourside", "Riverbend", "Castlebrook"), not a surname an eponym has.
_PLACE_SUFFIXES = (
    "side", "bend", "brook", "mead", "meadow", "meadows", "field", "fields", "ford", "bridge",
    "gate", "wood", "woods", "dale", "vale", "port", "mouth", "hill", "hills", "view", "water",
    "bank", "moor", "stone", "cliff", "haven", "bay", "burn", "combe", "bury", "wick", "worth",
    "leigh", "lea", "hurst", "grove", "green", "marsh", "heath", "cross", "shore", "crest",
    "ridge", "park", "holm", "stead", "well", "wells", "spring", "springs", "town",
)  # fmt: skip
# A bed, bay, room or cubicle label shortly before the run: a ward list's entry names a person.
_BED_BEFORE = re.compile(
    r"(?i)\b(?:bed|bay|room|rm|cubicle|cot|side\s+room|chair|trolley|pod)\b[\s.:#\-]*"
    r"[\w/]{0,4}[\s.:\-)]*$"
)


def _listed(word: str, lex: Lexicon) -> bool:
    """On a given-name or place list, or a word of a place's name; a singular word on a surname
    list too ("Frame", "Field", "Law"). A plural is no one's surname as a head ("Mallory-Denk
    Bodies", "Kerley B Lines"): its surname reading is not asked, its singular's place and
    given-name readings are ("Bodies": "body", not the town of "Bodie")."""
    singular = ""
    if word.endswith("ies") and len(word) > 5:
        singular = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        singular = word[:-1]
    for form in (word, singular) if singular else (word,):
        if form in lex.given_names or form in lex.places or form in _PLACE_ENDS:
            return True
    return not singular and word in lex.surnames


def _place_like(word: str, lex: Lexicon) -> bool:
    """An unlisted word made of an English word and a place's ending ("Harbourside",
    "Riverbend", "Kingsmead"); no surname or given name list holds it."""
    if word in lex.surnames or word in lex.given_names or word in lex.english:
        return False
    for suffix in _PLACE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if any(
                form in lex.english or form in lex.surnames or form in lex.places
                for form in (stem, stem.rstrip("s"))
            ):
                return True
    return False


def _head_by_ending(word: str, lex: Lexicon) -> bool:
    """An operation's or a disease's name by its ending that no English word shares
    ("Haemorrhoidectomy", "Micrografting" does not end so); the English words of those endings
    ("Program", "Tourism", "Osteopathy", "Academia", "Trophy") end businesses' names too."""
    return word.endswith(_SAFE_ENDINGS) and (word not in lex.english or lex.clinical(word))


def title_case_head(tokens: list[Tok], i: int, text: str, lex: Lexicon, listed_head: bool) -> bool:
    """Whether ``tokens[i]``, a capitalised word, heads an eponym as its lower-case form would
    (the conditions are the module's docstring's); ``listed_head``: its lower-case form is a
    head the eponym reader lists."""
    head = tokens[i]
    if head.shape != "title" or i == 0:
        return False
    word = fold(head.bare.split("-")[0])
    if not listed_head and not _head_by_ending(word, lex):
        return False
    if len(word) < 4 or word in TITLES or word in ROLES or word in _NAME_ENDS:
        return False
    if _listed(word, lex):
        return False
    if i + 1 < len(tokens):
        after = tokens[i + 1]
        if after.shape in ("title", "caps") and text[head.end : after.start] in (" ", " & "):
            return False
    line_start = text.rfind("\n", 0, tokens[i - 1].start) + 1
    # The word before the capitalised run: a workplace or a place is "at" or "from" it ("a
    # driver at Dangote Cement"); a finding is "at the" site it names.
    j = i - 1
    while (
        j > 0
        and tokens[j - 1].word[:1].isupper()
        and text[tokens[j - 1].end : tokens[j].start] in (" ", "-")
    ):
        j -= 1
    # A facility's own word in the run ("Community", "Medical", "Health"): an organisation.
    if any(t.lower in GENERIC and t.lower not in _JOINING for t in tokens[max(0, j, i - 4) : i]):
        return False
    if (
        j > 0
        and tokens[j - 1].lower in _PLACE_CUES
        and text[tokens[j - 1].end : tokens[j].start] == " "
    ):
        return False
    # A letter is copied or a patient referred to a place ("Copy to Riverbend Hysteroscopy").
    run_start = tokens[j].start
    before = text[max(line_start, run_start - 40) : run_start]
    sent = _SENT_TO_BEFORE.search(before)
    if sent is not None and (
        not sent.group().lower().strip(" \t:").startswith("to")
        or _COPY_CUE.search(before, 0, sent.start()) is not None
    ):
        return False
    if _place_like(fold(tokens[j].bare.split("-")[0]), lex):
        return False
    # The bed label may stand up to four words before the head ("Bed 4 Jane Okafor Cellulitis").
    first = i - 1
    while first > 0 and i - first < 4 and tokens[first - 1].start >= line_start:
        first -= 1
    for k in range(first, i):
        if _BED_BEFORE.search(text, max(line_start, tokens[k].start - 24), tokens[k].start):
            return False
    return True
