"""Organisations told by whose a person is (round 20).

A note names the body a person works or volunteers for in the same few shapes whatever the
body's name looks like, and the name then needs no facility word:

* a person's role, perhaps their name, then "of", "from" or "at" and the body ("Officer Ruiz
  of Lakeview PD", "chaplain Rev. Amos Hale of Grace Fellowship", "befriender 'Aunty Jo' from
  Golden Years Befrienders", "outreach worker Kim from Helping Hands Trust");
* a clinician's degree, then a dash and the body ("Ann Lowe, MD - NorthStar Health"), or the
  degree's university in brackets as initials ("MBBS (UWM)");
* a specialty, a comma and the body, closing a bracket or a line ("Dr Lee (medical oncology,
  Valley Cancer Care - Riverton)", "Referring: Dr Okoro, neurology, Lakes Health North");
* a line in capitalised words before a comma, a house number and a street ("Maple Family
  Medical, 12 Orchard Rd, Newtown"): a practice's or a person's address block.

A role, a degree or a specialty is an anchor most text lacks, and a street's line opens with
capitals before a digit, so each pattern is found from a literal word and read forward on one
line: the cost stays linear and small.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from medlocal.privacy.deid_first_characters import SKIP_FROM, skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, TITLES
from medlocal.privacy.deid_place_words import GENERIC, STREET_WORDS
from medlocal.privacy.deid_tokens import WordSpan
from medlocal.privacy.deid_word_starts import matches_at

# A capitalised run: words with a capital first (a saint's "St." among them), joined by a space
# or by a small linking word before another capital ("Caring in Bristol", "Hope for Kids").
# A full stop only inside a word or after "St", so a sentence's end stops the run.
_WORD = r"(?:St\.|[A-ZÀ-Þ](?:[\w'’&-]|\.(?=\w))*)"
_RUN = rf"{_WORD}(?:[ \t]+(?:(?:of|for|in|on|and|&|de|del|la|du|des)[ \t]+)?{_WORD}){{0,5}}"
# A role that belongs to a body, not to a family (a relation's "brother from Leeds" says where
# he lives, not whose he is).
_ROLES = (
    r"officer|constable|sergeant|detective|trooper|priest|chaplain|vicar|rector|pastor|"
    r"minister|imam|rabbi|deacon|curate|parson|bishop|befriender|volunteer|caseworker|"
    r"keyworker|worker|teacher|headteacher|coach|counsell?or|advocate|co-?ordinator|warden|"
    r"mentor|navigator|liaison|interpreter|nurse|midwife|physio|physiotherapist|therapist|"
    r"pharmacist|dentist|optometrist|surgeon|consultant|psychologist|psychiatrist|dietitian|"
    r"paramedic|gp|friend|colleague|manager|supervisor|boss"
)
# The role, up to four words of the person's name (a title, a capitalised word, an initial, a
# quoted nickname), the word that says whose, and the body.
_ROLE_OF = re.compile(
    rf"(?<![\w'’-])(?i:{_ROLES})"
    r"(?:[ \t]+(?:[\"“‘][^\"”’\n]{1,24}[\"”’]|[A-Z][\w'’-]*\.?)){0,4}"
    r"[ \t]+(?:of|from|at)(?:[ \t]+|[ \t]*\n[ \t]*)(?:the[ \t]+)?"
    rf"(?P<org>{_RUN})"
)
# Speed (session 41): the role words are common ("nurse", "friend", "GP") and the engine tried
# each at every word (4-12 ms of a 20-page record). Every match reads, on the line it opens on,
# a blank, "of", "from" or "at" (matched with case), and after blanks, perhaps a line break and
# "the", the body's capital (a run's first word opens with "St." or "[A-ZÀ-Þ]"); nothing before
# that blank reads a line break (the role, blanks, capitalised words and quoted names of no line
# break). So each match opens with a role on the line of such an anchor, before it.
_ROLE_OF_ANCHOR = re.compile(r"[ \t](?:of|from|at)(?=[ \t]*\n?[ \t]*(?:the[ \t]+)?[A-ZÀ-Þ])")
_ROLE_OPENING = re.compile(rf"(?<![\w'’-])(?i:{_ROLES})")


def roles_of(text: str) -> Iterator[re.Match[str]]:
    """What ``_ROLE_OF.finditer(text)`` finds, asked only where a role opens before an anchor
    on its line (see _ROLE_OF_ANCHOR)."""
    places: list[int] = []
    searched = 0  # the text before this was searched for roles already
    for anchor in _ROLE_OF_ANCHOR.finditer(text):
        end = anchor.start()
        pos = max(text.rfind("\n", 0, end) + 1, searched)
        # Every place a role opens (not only those finditer would give: one may open inside
        # another's match); a role ends before the anchor's blank.
        while (found := _ROLE_OPENING.search(text, pos, end)) is not None:
            places.append(found.start())
            pos = found.start() + 1
        searched = max(searched, end)
    return matches_at(_ROLE_OF, text, places)


# A clinician's degree, then a dash and the body to the line's end or a closing mark.
_DEGREES = (
    r"MD|DO|MBBS|MBChB|MB[ \t]BS|FRCPC|FRCP|FRCS|FRACP|FACP|FACS|FRCR|MRCP|MRCGP|RN|NP|PA-C|"
    r"PhD|DNP|PharmD|MCh|DPM|DDS|DMD|MSN|BSN"
)
_DEGREE_DASH = re.compile(
    rf"(?<![\w-])(?:{_DEGREES})\.?[ \t]+[-–—][ \t]+(?P<org>{_RUN})"
    r"(?=[ \t]*(?:\n|\Z|[,;|(]))"
)
# The university of a degree, in brackets as initials ("MBBS (UWM)").
# A doctor's degree only: a nurse's bracket holds her own qualification ("RN (SCPHN)").
_DEGREE_SCHOOL = re.compile(
    r"(?<![\w-])(?:MD|MBBS|MBChB|MB|BS|BSc|MSc|MMed|MPH|PhD|MCh|DM)\.?[ \t]*"
    r"\((?P<org>[A-Z]{3,6})\)"
)
# A specialty (perhaps its clinic or team), a comma and the body, closing a bracket or a line
# (or with a dash and its site: "BC Health - Kelowna").
_SPECIALTY_COMMA = re.compile(
    # From a word's start only: read from inside a long word of letters, "[a-z]*" would scan
    # its rest again at every letter.
    r"(?<![A-Za-z])(?i:[a-z]*(?:ology|iatry|iatrics|paedics|pedics|surgery|medicine|oncology|nephrology))"
    r"(?:[ \t]+(?i:clinic|team|service|department|dept))?[ \t]*,[ \t]*"
    rf"(?P<org>{_RUN}(?:[ \t]+[-–—][ \t]+[A-ZÀ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+)?)?)"
    r"(?=[ \t]*(?:\n|\Z|[);|]|\.(?:[ \t\n]|\Z)))"
)
# Speed (session 40): what every match of _SPECIALTY_COMMA holds after its word's first letters
# (the specialty's ending, its clinic or team, the comma), found by the engine in one pass: the
# pattern itself opens with any letter and was tried at each of 10,000 words (7 ms a 20-page
# record). The look-ahead, folding case as the ending does, lets the engine skip to the endings'
# first letters.
_SPECIALTY_ENDING = re.compile(
    r"(?=(?i:[oipsmn]))"
    r"(?i:ology|iatry|iatrics|paedics|pedics|surgery|medicine|oncology|nephrology)"
    r"(?:[ \t]+(?i:clinic|team|service|department|dept))?[ \t]*,"
)
# The characters "(?i:[a-z])" matches: the ASCII letters, the dotted and dotless i, the long s
# and the Kelvin sign (they fold to an ASCII letter).
_ASCII_LETTERS = frozenset(string.ascii_letters)
_SPECIALTY_LETTERS = _ASCII_LETTERS | frozenset("\u0130\u0131\u017f\u212a")


def specialty_commas(text: str) -> Iterator[re.Match[str]]:
    """What ``_SPECIALTY_COMMA.finditer(text)`` finds, matched only before its endings.

    A match opening at or after ``pos`` reads letters from its start to an ending; the first
    ending found from ``pos`` (at ``end``) is no later than that one. So a match opening before
    ``end`` opens in the run of letters just before it: each place of that run, and ``end``
    itself, where a match may open is tried in order; where none matches, the next match opens
    after ``end``.
    """
    pos = 0
    while True:
        ending = _SPECIALTY_ENDING.search(text, pos)
        if ending is None:
            return
        end = ending.start()
        start = end
        while start > pos and text[start - 1] in _SPECIALTY_LETTERS:
            start -= 1
        for place in range(start, end + 1):
            if place and text[place - 1] in _ASCII_LETTERS:
                continue  # the pattern's "(?<![A-Za-z])" turns it away
            match = _SPECIALTY_COMMA.match(text, place)
            if match is not None:
                yield match
                pos = match.end()
                break
        else:
            pos = end + 1


# Round 20: the body a note is sent to, a person is referred or signposted to, or a team asked
# or rang ("referral to Harbour Lights Trust", "rang Valley Anticoagulation Service", "work note
# for Birch Hill Roofing").
_ADDRESSED = re.compile(
    r"(?<![\w'’-])(?i:referred[ \t]+to|referral[ \t]+to|refer[ \t]+to|signposted[ \t]+to|asked|"
    r"contacted|phoned|rang|emailed|faxed|(?:letter|note)[ \t]+(?:to|for))"
    r"(?:[ \t]+|[ \t]*\n[ \t]*)(?:the[ \t]+)?"
    rf"(?P<org>{_RUN})"
)
_STREET = "|".join(sorted(STREET_WORDS, key=len, reverse=True))
# A line of capitalised words before a comma, a house number and a street of one to three
# words ("Maple Family Medical, 12 Orchard Rd").
_NAME_BEFORE_STREET = re.compile(
    r"(?m:^)[ \t]*(?P<org>[A-ZÀ-Þ][\w'’&.-]*(?:[ \t]+(?:&|of|and|the|[A-ZÀ-Þ][\w'’&.-]*)){1,5})"
    r",[ \t]*\d{1,5}[A-Za-z]?[ \t]+(?:[A-ZÀ-Þ][\w'’-]*[ \t]+){1,3}"
    rf"(?i:{_STREET})\.?(?![\w'’-])"
)
# The linking words a run may hold, which say nothing of whose it is.
_LINKS = frozenset({"of", "for", "in", "on", "and", "&", "de", "del", "la", "du", "des", "the"})
# A body's own short suffix that is also a clinical abbreviation ("Lakeview PD": police, not
# Parkinson's disease), kept where a trailing clinical word is trimmed.
_BODY_SUFFIXES = frozenset({"pd", "fd", "so", "ems", "dhb", "hhs", "ccg", "icb", "lhd", "nhs"})
# Words of a generic public body, which say no more than a kind ("Social Services").
# A department's own kind words and a roman numeral ("Microbiology Section", "Unit III") say
# which part of a hospital, not which body.
_GENERIC_BODY = frozenset(
    {
        "mash", "procurator", "fiscal", "desk",
        "social", "services", "service", "council", "department", "team", "office", "housing",
        "section", "room", "division", "floor", "bay", "suite", "lab", "laboratory", "education",
        "ii", "iii", "iv", "vi", "vii", "viii",
    }
)  # fmt: skip
_PARTS = frozenset({"section", "room", "division", "floor", "bay", "suite", "wing"})
# A job's name after a degree ("MD - Consultant Pathologist", "RN - Advice Nurse") is a role.
_ROLE_WORD = re.compile(rf"(?i:{_ROLES}|chief|head|lead|[a-z]+(?:ist|ian))\Z")
_LAST_WORD = re.compile(r"[ \t]+(?P<w>\S+)\Z")


def _words(text: str) -> list[str]:
    return [fold(w.strip("'’.,")) for w in text.split() if w.lower() not in _LINKS]


def _plain(word: str, lex: Lexicon) -> bool:
    """A word that says a kind, a time or a clinical thing rather than which body."""
    return (
        lex.clinical(word)
        or clinical_abbreviation(word)
        or word in GENERIC
        or word in CALENDAR_WORDS
        or word in TITLES
        or word in RELATIONS
        or word in _GENERIC_BODY
    )


_TITLE_INSIDE = re.compile(r"[ \t](?:Dr|Mr|Mrs|Ms|Prof|Fr|Rev)\b")


def _trim(text: str, start: int, end: int, lex: Lexicon) -> int:
    """The run's end, less a person named after it ("Neuro ROD Dr Ames"), a trailing full stop
    and a trailing clinical word ("UBTH ENT")."""
    title = _TITLE_INSIDE.search(text, start, end)
    if title is not None:
        end = title.start()
    while end > start and text[end - 1] in ".-":
        end -= 1
    while True:
        last = _LAST_WORD.search(text, start, end)
        if last is None:
            return end
        word = fold(last.group("w").strip("'’."))
        if word in _BODY_SUFFIXES or (
            not (lex.clinical(word) or clinical_abbreviation(word)) and word not in _LINKS
        ):
            return end
        end = last.start()


def _names_a_body(words: list[str], lex: Lexicon, single_known: bool) -> bool:
    """Words that can be a body's name: not all plain, not a person's title or relation first;
    one word alone not a plain English one unless ``single_known`` allows it."""
    if not words or words[0] in TITLES or words[0] in RELATIONS:
        return False
    if all(_plain(w, lex) for w in words):
        return False
    if words[-1] in _PARTS:
        return False  # "Microbiology Section", "Labor Room": a part of a hospital
    if any(_ROLE_WORD.match(w) or any(c.isdigit() for c in w) for w in words):
        return False  # "Advice Nurse", "Clinic, E17": a role or a room, not a body
    if len(words) == 1 and not single_known:
        word = words[0]
        return not lex.known(word) or lex.name_like(word) or word in lex.places
    return True


def affiliated_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Bodies named after a person's role, a clinician's degree, a specialty or before a
    street's address, in text order of the rules."""
    found: list[WordSpan] = []
    for pattern in (_ROLE_OF, _DEGREE_DASH, _SPECIALTY_COMMA, _NAME_BEFORE_STREET, _ADDRESSED):
        if pattern is _SPECIALTY_COMMA:
            matches = specialty_commas(text)
        elif pattern is _ROLE_OF and len(text) >= SKIP_FROM:
            matches = roles_of(text)
        else:
            matches = skipped_finditer(pattern, text)
        for match in matches:
            start = match.start("org")
            end = _trim(text, start, match.end("org"), lex)
            if end <= start:
                continue
            if _names_a_body(_words(text[start:end]), lex, pattern is _NAME_BEFORE_STREET):
                found.append(WordSpan("facility", start, end))
    for match in skipped_finditer(_DEGREE_SCHOOL, text):
        initials = match.group("org")
        if not clinical_abbreviation(initials) and not lex.known(initials.lower()):
            found.append(WordSpan("facility", match.start("org"), match.end("org")))
    return found
