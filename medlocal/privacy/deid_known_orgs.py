"""Organisations named without a facility word that are known by name (eleventh round): national
charities, support groups, services, unions and large employers ("referred to Age UK", "attends
Alcoholics Anonymous", "night shifts at Costco"), listed in resources/deid_organisations.txt.
A listed name is matched as written, capitals and all; one that is also an English word alone
("Mind", "Crisis", "Shelter", "Beat") only after a word that says an organisation follows.
"""

from __future__ import annotations

import re
from functools import cache

from medlocal.paths import resources_dir
from medlocal.privacy.deid_eponym_heads import HEADS_AFTER
from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold, read_list
from medlocal.privacy.deid_tokens import WordSpan, after_sentence_end

# A word right before an organisation ("referred to Mind", "support from Shelter", "attends Beat").
_CUE_BEFORE = re.compile(
    r"\b(?:to|from|with|at|by|via|through|for|attends|attended|attending|contacted|called|"
    r"phoned|joined|member[ \t]+of|volunteers?|works|ring|rang|call|phone)[ \t]+(?:the[ \t]+)?\Z",
    re.I,
)


# Round 16: words right after a listed name of one plain word that say it is the organisation
# ("Shout text line", "Mind drop-in", "Mind in Croydon"), and a local branch's place after "in"
# ("Mind in Croydon", "Age UK in Leeds"): one or two capitalised words that are a listed place or
# no known word.
_CUE_AFTER = re.compile(
    r"[ \t]+(?:text[ \t]?line|help[ \t]?line|crisis[ \t]+line|drop-in|"
    r"peer[ \t]+(?:group|support)|support[ \t]+group|advocate|advocacy|key[ \t]?worker|"
    r"support[ \t]+worker|volunteers?\b"
    # Round 18: its telephone number ("Healthline 0800 611 116", "Clicks on 021 555 0199").
    r"|(?:on[ \t]+|[(:][ \t]*)?\+?\d[\d \t-]{6,}\d)"
)
_BRANCH_IN = re.compile(r"[ \t]+in[ \t]+(?P<p>[A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?)")


def _branch_end(text: str, end: int, lex: Lexicon) -> int:
    """Where a listed name ends with its branch's place after "in", if one follows."""
    branch = _BRANCH_IN.match(text, end)
    if branch is None:
        return end
    words = [fold(w) for w in branch.group("p").split()]
    # Only a listed place (review of round 16: "Scope in Endoscopy", "Aware in AMU", "Beat in
    # AF" took a clinical word or an abbreviation as the branch).
    if all(w in lex.places and not lex.clinical(w) and not clinical_abbreviation(w) for w in words):
        return branch.end()
    return end


@cache
def _listed() -> tuple[re.Pattern[str], frozenset[str]]:
    """One pattern of every listed name (longest first), and the names of one plain word."""
    names = read_list(resources_dir() / "deid_organisations.txt")
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    plain = frozenset(n for n in names if " " not in n and "'" not in n)
    # A branch's number goes with it ("VFW Post 5460", "Unite Branch 12").
    branch = r"(?:[ \t]+(?:Post|Branch|Lodge|Chapter|Local)[ \t]+(?:No\.?[ \t]*)?\d+)?"
    # The names' first letters, tried first: most places in a text start none of them, and a
    # class is cheaper to fail than the long alternation (the list grew in round 13).
    firsts = "".join(sorted({re.escape(n[0]) for n in names}))
    return (
        re.compile(rf"(?=[{firsts}])(?<![\w'’&-])(?P<n>{alternatives}){branch}(?![\w&-]|['’]s\b)"),
        plain,
    )


_HEADING_COLON = re.compile(r"[ \t]*:")
# Session 45: listed names whose only sense as a word is inside one anatomical phrase ("dura
# mater"): capitalised anywhere else they name the organisation, with no cue needed ("Physio
# Mater day 1", "(Mater OPD, room 6)"); after the phrase's first word they stay, as in "Alma
# Mater" (review 45 D6).
_PHRASE_ONLY = {"Mater": re.compile(r"(?i:\b(?:dura|pia|arachnoid|arachnoidal|alma))[ \t]+\Z")}


def known_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """The listed organisations in ``text``."""
    pattern, single = _listed()
    found: list[WordSpan] = []
    for match in pattern.finditer(text):
        name = match.group("n")
        phrase = _PHRASE_ONLY.get(name)
        if phrase is not None:
            if phrase.search(text, max(0, match.start() - 16), match.start()):
                continue
            found.append(WordSpan("facility", match.start(), match.end()))
            continue
        plain = name in single and lex.known(fold(name))
        # A plain word opening a sentence is the word ("Crisis support worker visited"); mid-
        # sentence the words after it, or its branch's listed place, say the organisation.
        told_after = not after_sentence_end(text, match.start()) and (
            _CUE_AFTER.match(text, match.end()) is not None
            or _branch_end(text, match.end(), lex) > match.end()
        )
        if (
            plain
            and not _CUE_BEFORE.search(text, max(0, match.start() - 24), match.start())
            and not told_after
        ):
            continue
        if _eponym_possessive(text, name, match.end()):
            continue
        if clinical_abbreviation(name) and _HEADING_COLON.match(text, match.end()):
            # Session 42 (walk 42d): a clinical abbreviation before a colon heads an
            # examination's line ("CVS: S1 S2 heard"), no pharmacy chain.
            continue
        found.append(WordSpan("facility", match.start(), _branch_end(text, match.end(), lex)))
    return found


# Round 14: a listed name in the possessive before an eponym's head in lower case is the
# eponym's ("McDonald's rule" of fundal height, not the restaurant).
_HEAD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")


def _eponym_possessive(text: str, name: str, end: int) -> bool:
    if not name.endswith(("'s", "’s")):
        return False
    after = _HEAD_AFTER.match(text, end)
    return after is not None and (after.group(1) in EPONYM_HEADS or after.group(1) in HEADS_AFTER)


# A hospital known by its initials, told by its emergency department after them ("seen at RVX
# A&E", "taken to QMH ED", "brought to SJGH Emergency"): the initials before a department of
# emergencies name the hospital; a cue before them ("at", "to", "from") says a place follows.
# The department is looked for first (a text names it a few times), the initials and the cue
# then read back from it.
_EMERGENCY = re.compile(r"(?=[AEC])(?:A&E|A\+E|ED|ER|Emergency|EMERGENCY|Casualty)\b")
# Round 15: initials that open a line before the department head a letterhead ("QMC EMERGENCY
# DEPARTMENT - ..."), with no cue before them.
_INITIALS_BEFORE = re.compile(
    r"(?:\b(?:at|to|from|in|via|the)[ \t]+(?:the[ \t]+)?|^[ \t]*)"
    r"(?<![\w&])(?P<n>[A-Z][A-Z&]{1,5})[ \t]+\Z",
    re.M,
)
# Initials there that name a kind of care or a unit, not a hospital.
_NOT_A_HOSPITAL = frozenset(
    {"the", "our", "main", "gp", "nhs", "ooh", "paeds", "adult", "local", "rural", "peds", "ped"}
)


def hospital_initials(text: str, lex: Lexicon) -> list[WordSpan]:
    """Hospitals named by their initials before their emergency department."""
    found: list[WordSpan] = []
    for department in skipped_finditer(_EMERGENCY, text):
        match = _INITIALS_BEFORE.search(text, max(0, department.start() - 24), department.start())
        if match is None:
            continue
        name = match.group("n")
        if name.lower() in _NOT_A_HOSPITAL or lex.clinical(fold(name)):
            continue
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found


# Session 32 (format sweep): a hospital's initials before one of its wards or units ("MGH ward
# 7", "From: RCH Renal Unit", "QEUH Department of Surgery"): a unit's word is looked for first,
# then the initials read back from it. Initials the abbreviation vocabulary explains ("ICU",
# "AMU", "ENT", "SCBU") are units or kinds of care, not hospitals.
# Session 48 (deid48a): a hospital's own parts as well ("QEH, Theatre 4", "KNH Tower Block",
# "SGH Block 3"), a capitalised "Ward" that closes the unit's name ("PGH, Cardiology Ward,
# Manila"), and a comma after the initials, as a letterhead's first line writes them.
_UNIT_WORD = re.compile(
    r"\b(?:[Ww]ard[ \t]+[\w-]|Ward\b(?![ \t]+[a-z])|Unit\b|Department\b|Dept\b|"
    r"Theatres?[ \t]+\w|Block\b|Wing\b|Tower\b)"
)
_INITIALS_BEFORE_UNIT = re.compile(
    r"(?<![\w&-])(?P<n>[A-Z]{2,5}),?[ \t]+(?:(?:[A-Z][a-z]+|of|&)[ \t]+){0,3}\Z"
)


_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’&-]*[ \t]+\Z")


def hospital_unit_initials(text: str, lex: Lexicon) -> list[WordSpan]:
    """Hospitals named by their initials before a ward or a unit of theirs."""
    found: list[WordSpan] = []
    for unit in skipped_finditer(_UNIT_WORD, text):
        match = _INITIALS_BEFORE_UNIT.search(text, max(0, unit.start() - 40), unit.start())
        if match is None:
            continue
        name = match.group("n")
        # A capitalised word before the initials opens a longer name whose initials they are
        # not ("NZ CJD Surveillance Unit": "CJD" is the disease's).
        if _CAPITALISED_BEFORE.search(text, max(0, match.start("n") - 30), match.start("n")):
            continue
        if (
            name.lower() in _NOT_A_HOSPITAL
            # Initials ending in U name a unit ("AAU", "HASU", "CICU", "SSDU": review 32b); a
            # hospital's end in its kind (H, I for an infirmary).
            or name.endswith("U")
            or lex.clinical(fold(name))
            or clinical_abbreviation(name)
            or lex.known(fold(name))
        ):
            continue
        found.append(WordSpan("facility", match.start("n"), match.end("n")))
    return found
