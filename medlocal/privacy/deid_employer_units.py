"""An employer named in an employer's slot, and an armed forces unit told by its shape (issue 16,
session 64: deid64a).

Two shapes of organisation that no list can hold and whose words, read alone, explain nothing:

* **an employer in its slot**: "Retired from Texas Instruments", "employee of ScotRail", "drives
  for SA Pathology", "works at the H-E-B warehouse", "drives a taxi for ComfortDelGro",
  "volunteers with Age Concern". The name's words are a state and a common noun, an unknown word
  or an acronym; the slot before it ("retired from", "employee of", "employed by", "works
  at/for", "drives for", "contractor with", "volunteers at") is what says an organisation
  follows. The run taken is the capitalised words right after the slot (an ampersand, "and" or
  "of" between them), at most four. It stays where the run is one English or clinical word
  ("Retired from Nursing", "works at Weekends") or where every word is clinical, a service's or
  a specialty's ("Retired from General Practice", "works for Social Services", "works at A&E"),
  or where a person's title opens it ("works for Dr Patel": the person readings take it).
* **an armed forces unit**: a number or an ordinal, up to three capitalised words and a unit's
  noun ("28th Infantry Division", "1st Battalion", "16 Air Assault Brigade", "45 Commando",
  "3 Medical Regiment"), with the regiment's name after it when "The" or a regiment's noun
  closes it ("1st Battalion The Royal Welsh", "1st Battalion, Royal Irish Regiment"), and a
  corps named by its arm ("the Royal Engineers", "Royal Army Medical Corps"). A wing, a group, a
  company or a fleet is left out: a hospital has wings, a drug has groups, a vehicle a fleet
  number.

Each reading is one pass of a pattern over the text: linear in its length.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_lower_orgs import _SERVICE_SHORT
from medlocal.privacy.deid_spans import Redaction, label

_SLOT = re.compile(
    r"(?<![\w-])(?i:retired[ \t]+from|resigned[ \t]+from|redundant[ \t]+from|"
    r"laid[ \t]+off[ \t]+(?:from|by)|employee[ \t]+(?:of|at)|employed[ \t]+(?:by|at|with)|"
    r"(?:works|worked|working|work)[ \t]+(?:at|for)|"
    r"(?:drives|drove|driving)(?:[ \t]+(?:a|an)[ \t]+[a-z]+)?[ \t]+for|driver[ \t]+(?:for|with)|"
    r"contractor[ \t]+(?:for|with)|contracted[ \t]+to|apprentice[ \t]+(?:at|with)|"
    r"(?:volunteers|volunteered|volunteering)[ \t]+(?:at|for|with)|"
    r"(?:his|her|my|their)[ \t]+(?:company|employer)[ \t]+is)"
    r"[ \t]+(?:the[ \t]+)?"
)
# A name's word: capitalised, in capitals, or led by a digit with a capital in it ("3M", "H-E-B",
# "ScotRail", "O'Reilly's").
# A full stop only inside a word ("S.A"): one after it ends the sentence and the name.
_NAME_WORD = r"(?:[A-Z](?:[\w'’&-]|\.(?=\w))*|\d+[A-Z][\w-]*)"
_NAME = re.compile(rf"{_NAME_WORD}(?:[ \t]+(?:(?:&|and|of)[ \t]+)?{_NAME_WORD}){{0,3}}")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame"})
# Services and kinds of work that name no organisation ("Social Services", "Private Practice").
_SERVICES = frozenset(
    {"social", "services", "service", "care", "practice", "private", "home", "health",
     "nursing", "teaching", "general", "community", "agency", "council", "department", "dept",
     "night", "nights", "day", "days", "weekends", "shifts", "nhs", "locum", "bank",
     # a hospital's own parts: "works at Oncology Day Unit", "Main Theatres"
     "unit", "units", "ward", "wards", "clinic", "clinics", "outpatients", "theatre", "theatres",
     "team", "centre", "center", "hospital", "main", "reception", "pharmacy", "lab", "labs",
     "laboratory", "office", "desk", "kitchen", "estates", "admin", "administration"}
)  # fmt: skip
_JOINERS = frozenset({"&", "and", "of"})


def _plain(word: str) -> str:
    return fold(word.rstrip(".,").removesuffix("'s").removesuffix("’s"))


def _shaped(word: str) -> bool:
    """A capital or a digit inside the word: a brand's shape ("ScotRail", "Q-Park", "3M"), which
    an English word in the lists ("Park") does not explain."""
    return any(c.isupper() or c.isdigit() for c in word[1:])


def _names_an_employer(words: list[str], lex: Lexicon) -> bool:
    plain = [_plain(w) for w in words if w not in _JOINERS]
    if not plain or plain[0] in _TITLES:
        return False
    if len(plain) == 1 and (
        clinical_abbreviation(words[0]) or (lex.known(plain[0]) and not _shaped(words[0]))
    ):
        return False
    return not all(
        w in _SERVICES
        or w in _SERVICE_SHORT
        or lex.clinical(w)
        or clinical_abbreviation(w)
        or w.endswith(("ology", "ics", "iatry", "ery"))
        for w in plain
    )


def _facility(text: str, start: int, end: int) -> Redaction:
    return Redaction("facility", start, end, text[start:end], label("facility"))


def employer_slot_candidates(text: str, lex: Lexicon) -> list[Redaction]:
    """The capitalised run right after an employer's slot, where it names an organisation."""
    found: list[Redaction] = []
    for slot in skipped_finditer(_SLOT, text):
        name = _NAME.match(text, slot.end())
        if name is None:
            continue
        words = name.group().split()
        if not _names_an_employer(words, lex):
            continue
        end = name.end()
        while end > name.start() and text[end - 1] in ".,":
            end -= 1  # a sentence's full stop is no part of the name
        found.append(_facility(text, name.start(), end))
    return found


_ORDINAL = (
    r"(?:\d{1,3}(?:st|nd|rd|th)?|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|"
    r"Tenth|Eleventh|Twelfth)"
)
# "Division" and "Corps" only after an arm's word ("28th Infantry Division"): a bare "2nd
# Division" is a league's.
_UNIT_NOUN = r"(?:Battalion|Brigade|Regiment|Squadron|Commando|Bn|Bde|Regt|Sqn)"
_ARMED_NOUN = r"(?:Division|Corps)"
_REGIMENT_NOUN = (
    r"(?:Regiment|Rifles|Guards|Fusiliers|Lancers|Hussars|Dragoons|Highlanders|Welsh|Scots|Irish|"
    r"Anglians?|Gurkhas?|Yorkshire|Lancashire|Marines|Engineers|Signals|Artillery|Corps)"
)
_ARM_WORD = r"(?:[A-Z][a-z]+|RE|REME|RA|RAMC|RLC)"
_UNIT = re.compile(
    rf"(?<![\w/.-]){_ORDINAL}[ \t]+(?:(?:{_ARM_WORD}[ \t]+){{0,3}}{_UNIT_NOUN}"
    rf"|(?:{_ARM_WORD}[ \t]+){{1,3}}{_ARMED_NOUN})(?![\w-])"
    # the regiment the battalion belongs to
    rf"(?:[ \t]+The[ \t]+(?:[A-Z][\w'’-]+[ \t]+){{0,2}}[A-Z][\w'’-]+"
    rf"|,?[ \t]+(?:The[ \t]+)?(?:[A-Z][\w'’-]+[ \t]+){{0,3}}{_REGIMENT_NOUN}(?![\w-]))?"
)
_CORPS = re.compile(
    r"(?<![\w-])Royal[ \t]+(?:Engineers|Marines|Signals|Artillery|Logistic[ \t]+Corps|"
    r"Army[ \t]+Medical[ \t]+(?:Corps|Service)|Military[ \t]+Police|"
    r"Electrical[ \t]+and[ \t]+Mechanical[ \t]+Engineers|Army[ \t]+Dental[ \t]+Corps|"
    r"Corps[ \t]+of[ \t]+Signals|Tank[ \t]+Regiment|Horse[ \t]+Artillery)(?![\w-])"
)


def military_unit_candidates(text: str) -> list[Redaction]:
    """Armed forces units told by a number and a unit's noun, and corps named by their arm."""
    return [_facility(text, m.start(), m.end()) for m in skipped_finditer(_UNIT, text)] + [
        _facility(text, m.start(), m.end()) for m in skipped_finditer(_CORPS, text)
    ]
