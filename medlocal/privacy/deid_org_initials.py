"""Organisations told by where their initials or their name stand in a sentence (round 20).

An organisation is often written only as its initials, and initials are also how clinical
things are written; what tells the two apart is the place they stand in:

* initials closing a clause after "at", "via", "to the" or "from the" ("supported by Rosie at
  SAMH.", "report sent to the MTO)"): a place or a body is where one is or what one writes to;
  a drug, a test or a condition is not "at" anything ("switched to TDF" has no "the"), and
  initials ending in "U" there are a hospital's own unit ("transferred to the CICU.");
* a former employer or service in front of a job ("ex-RAF engineer", "Ex-KLM pilot"): "ex-"
  before initials and a job names whose the job was; a former habit ("ex-IVDU, on methadone")
  has no job after it;
* a name that ends in "International" or "Worldwide" ("Hernia International", "Amnesty
  International"): a body's own suffix, which a clinical term never ends with;
* a family firm ("Mabena and Sons Funeral Parlour", "Okafor & Daughters"): a surname joined to
  "Sons", "Daughters" or "Brothers" is a business, and the capitalised words after it its trade;
* initials before "Health" closing a name ("inpatient, KRH Health."): a health system's name,
  as a clinical term never is (a clinical term's initials are left: "HIV Health");
* a home-care provider's name with its "Care at Home" ("Lochside Care at Home"): the words "at
  Home" belong to the name, not to where the care is given.

Initials that are an English word, a clinical term or a listed clinical abbreviation, a place
(a country: "moved from the UK") or a time are left as they are. Each pattern is found from a
literal word ("at", "ex-", "International") and read forward a few characters, so the cost
stays linear and small.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_tokens import WordSpan

# Initials after a word that says where or to whom, closing the clause: a stop, a comma, a
# semicolon, a bracket or the line's end after them. Spanish "al" and French "au" ("avisa al
# SAMUR") read the same.
# Session 47: initials joined by "&" with three letters or more ("RD&E", "NCH&C", "PG&E"; two
# letters so joined are as often clinical: "A&E", "O&G", "U&E", "I&D"), and after "at the" a
# hospital's or an infirmary's initials ending in "H" or "I" ("at the RVI.", "at the QEH,",
# "at the RD&E."; "at the MDM." stays: any other initials there are as often a meeting or a
# department).
_INITIALS = r"[A-Z]{3,6}|[A-Z]{2,3}&[A-Z]{1,3}|[A-Z]&[A-Z]{2,3}"
_AT_INITIALS = re.compile(
    r"(?<![\w'’-])(?:at|via|al|au|(?:to|from)[ \t]+the|at[ \t]+the(?=[ \t]+[A-Z]+(?:&|[HI]\b)))"
    rf"[ \t]+(?P<n>{_INITIALS})(?![\w&'’-])(?=[ \t]*(?:[.,;:()]|\n|\Z))"
)
# Session 47: a hospital's initials after the ward and before the town on a letterhead or a
# ward round's first line ("Ward 38, RVI, Newcastle", "Bay 4 bed 22, Ward 7C (Elderly Care),
# QEH, King's Lynn"): the ward's own words, then a comma, the initials, and a comma, a dash or
# the line's end.
_WARD_INITIALS = re.compile(
    r"\b(?:Ward|Wd|Wad|Bay)[ \t]+[^,\n]{1,30},[ \t]+"
    rf"(?P<n>{_INITIALS})(?![\w&'’-])(?=[ \t]*(?:[,;]|[-–—][ \t]|\n|\Z))"
)
# A former employer or service before a job in lower case ("ex-RAF engineer").
_EX_BODY = re.compile(
    r"[Ee](?<![\w'’-].)x-(?P<n>[A-Z]{2,6})(?![\w&'’-])"
    r"(?=[ \t]+[a-z]*(?:er|or|ist|ian|man|woman|men|ee|pilot|nurse|staff|soldier|crew|"
    r"sailor|marine|airman|officer)\b)"
)
# A body's own suffix ("Hernia International"), and the one to three capitalised words before
# it, read back from the suffix: a scan from every capital was most of the rules' cost.
_SUFFIXED = re.compile(r"[ \t](?:International|Worldwide)(?![\w'’-])(?![ \t]+[A-Z])")
_RUN_BACK = re.compile(r"(?<![\w'’&-])[A-Z][\w'’&-]*(?:[ \t]+[A-Z][\w'’&-]*){0,2}\Z")
_NAME_BACK = re.compile(r"(?<![\w'’&-])[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?\Z")
_INITIALS_BACK = re.compile(r"(?<![\w'’&-])[A-Z]{2,6}\Z")


# A family firm's joining word and up to three capitalised words of its trade after it; its
# surname is read back from "and".
_FAMILY_FIRM = re.compile(
    r"[ \t](?:and|&)[ \t]+(?:Sons|Son|Daughters|Daughter|Brothers|Bros\.?)(?![\w'’-])"
    r"(?:[ \t]+[A-Z][\w'’-]*){0,3}"
)
# "Health" closing a name, with no capitalised word after ("KRH Health", not "NHS Health
# Check"), and a name's "Care at Home": the initials or the name read back from them.
_INITIALS_HEALTH = re.compile(r"[ \t]Health(?![\w'’-])(?![ \t]+[A-Z])")
_CARE_AT_HOME = re.compile(r"[ \t]Care[ \t]+at[ \t]+Home\b")


def plain_initials(word: str, lex: Lexicon) -> bool:
    """Initials that are a word, a clinical term or abbreviation, a place, a time or a title."""
    bare = word.lower()
    return (
        lex.known(bare)
        or lex.clinical(bare)
        or clinical_abbreviation(word)
        or bare in lex.places
        or bare in CALENDAR_WORDS
        or bare in TITLES
    )


def initialled_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Initials after "at"/"via"/"to the" closing a clause, initials after "ex-" before a job,
    and names ending in "International"."""
    found: list[WordSpan] = []
    for pattern in (_AT_INITIALS, _EX_BODY, _WARD_INITIALS):
        for match in skipped_finditer(pattern, text):
            initials = match.group("n")
            if pattern is not _EX_BODY and initials.endswith("U"):
                continue  # "transferred to the CICU.": a hospital's own unit
            if initials[-2:-1] == "&" and text.startswith(".", match.end("n")):
                # "at the RD&E. Methotrexate": the word scan reads "E." as an initial and takes
                # the sentence's next word with it; only "RD&E," or "RD&E)" are taken.
                continue
            if not plain_initials(initials, lex):
                found.append(WordSpan("facility", match.start("n"), match.end("n")))
    if "International" in text or "Worldwide" in text:
        for match in _SUFFIXED.finditer(text):
            name = _RUN_BACK.search(text, max(0, match.start() - 60), match.start())
            if name is None:
                continue
            start = name.start()
            if text.startswith("The ", start):
                start += 4  # "The Hunger Project International": the article is no name
            words = [fold(w.strip("'’")) for w in text[start : name.end()].split()]
            if not words or words[0] in TITLES or words[0] in RELATIONS:
                continue  # "Dr Lee International": a person
            if any(w in CALENDAR_WORDS for w in words):
                continue
            found.append(WordSpan("facility", start, match.end()))
    if "Son" in text or "Daughter" in text or "Bro" in text:
        for match in _FAMILY_FIRM.finditer(text):
            name = _NAME_BACK.search(text, max(0, match.start() - 50), match.start())
            if name is None:
                continue
            first = fold(name.group().split()[0])
            if first in TITLES or first in RELATIONS or first in CALENDAR_WORDS:
                continue  # "Mum and Son", "Dr and Son"
            if lex.known(first) and not lex.name_like(first):
                continue  # "Patient and Son present": a plain word, no surname
            found.append(WordSpan("facility", name.start(), match.end()))
    if "Health" in text:
        for match in _INITIALS_HEALTH.finditer(text):
            initials = _INITIALS_BACK.search(text, max(0, match.start() - 8), match.start())
            if initials is None:
                continue
            bare = initials.group().lower()
            if not (lex.clinical(bare) or lex.known(bare) or bare in lex.places):
                found.append(WordSpan("facility", initials.start(), match.end()))
    if "at Home" in text:
        for match in _CARE_AT_HOME.finditer(text):
            name = _NAME_BACK.search(text, max(0, match.start() - 50), match.start())
            if name is None:
                continue
            words = [fold(w) for w in name.group().split()]
            if not all(lex.clinical(w) or (lex.known(w) and not lex.name_like(w)) for w in words):
                found.append(WordSpan("facility", name.start(), match.end()))
    return found
