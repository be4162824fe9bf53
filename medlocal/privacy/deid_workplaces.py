"""Employers and schools told by a person's relation to them (round 16, second wave).

* the employer after a verb of working ("drives for MBTA", "works nights at Harbour STN4",
  "worked 30 yrs at\\n Kodak Coburg", "works as a packer at Delta Foods"): whatever the name's
  shape -- initials, a digit on its end, a capital inside a word, a word that is also clinical
  ("SA Pathology") -- a capitalised run right after "works at/for" is whose the work is; after
  "works in" (round 17) only a name that is no English word or a possessive ("works weekends
  in Dooley's FreshMart"; "works in IT" stays);
* the school or employer in a bracket after a named person, last in a list of what they are
  ("Dr Ann Omondi (MMed II, UoN)", "Student: Sean Kelly (4th yr, UCD)", "Dr Tan (cardio, from
  KKH)"): initials of an institution, not a degree, a grade or a clinical abbreviation.

Both are found from an anchor that most text lacks ("work"/"drive"/"employ"/"volunteer"; a
bracket closed after a comma or "from"), so the cost stays linear and small.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, ROLE_AFTER, TITLES
from medlocal.privacy.deid_place_words import GENERIC, WARD_KINDS
from medlocal.privacy.deid_tokens import WordSpan

# A verb of working, then what is worked (a shift, a span of years, a job in small letters),
# then the word that says whose ("at", "for", "with", "by"). Found from the verb's stem.
_WORK_VERB = re.compile(
    r"(?=[wWdDeEvVaAtT])(?<![\w-])(?i:works?|worked|working|drives?|drove|driving|employed|"
    r"volunteers?|volunteered|volunteering|"
    # Round 19: Dutch, German, French and Spanish verbs of working ("werkt bij", "arbeitet
    # bei", "travaille chez", "trabaja en").
    r"werkt|werkte|arbeitet|arbeitete|travaille|travaillait|trabaja|trabajaba)"
    r"(?:[ \t]+(?:(?i:nights|days|shifts|weekends|part-time|full-time|part[ \t]+time|"
    r"full[ \t]+time|there|now|still|currently)|\d{1,2}[ \t]*(?i:yrs?|years?)))?"
    r"(?:[ \t]+as[ \t]+(?:an?[ \t]+)?[a-z][\w/-]*(?:[ \t]+[a-z][\w/-]*){0,2})?"
    r"[ \t]+(?P<p>at|for|by|in|bij|bei|chez|en|para)[ \t]*\n?[ \t]*"
)
# One word of a name: a capital first, then letters, digits, '&' or an apostrophe.
_NAME_WORD = re.compile(r"[A-Z][\w&'’-]*")
# Round 21: a shop's "n" joins its name as "&" does ("Pick n Pay", "Rock 'n' Bowl").
_GAP = re.compile(r"[ \t]+(?:(?:&|n|'n'|’n’)[ \t]+)?")
# Words that say who or when, not whose: a name does not run over them.
# Feasts and shifts are times ("works at Christmas", "works at Night Shift").
_STOPS = (
    TITLES
    | CALENDAR_WORDS
    | RELATIONS
    | frozenset(
        {
            "the", "a", "an", "home", "i", "christmas", "xmas", "easter", "thanksgiving",
            "diwali", "eid", "ramadan", "hanukkah", "passover", "weekend", "weekends", "night",
            "shift", "day", "evening", "morning", "afternoon",
        }
    )
)  # fmt: skip
# A national service or a department in capitals is everyone's, not one employer ("works for
# NHS", "works at A&E").
_SERVICES = frozenset({"nhs", "a&e", "a+e", "hse", "va", "dhb", "ae"})
_GENERIC_PLACES = GENERIC | WARD_KINDS | _SERVICES


def _plain(word: str, lex: Lexicon) -> bool:
    """A word that names no one's workplace alone: clinical, a kind of place, an abbreviation
    of care ("works with OT", "works for Pathology"), or an English word not also a name."""
    return (
        lex.clinical(word)
        or word in _GENERIC_PLACES
        or clinical_abbreviation(word)
        or (lex.known(word) and not lex.name_like(word))
    )


def work_employers(text: str, lex: Lexicon) -> list[WordSpan]:
    """Employers named after a verb of working."""
    found: list[WordSpan] = []
    for verb in skipped_finditer(_WORK_VERB, text):
        pos = verb.end()
        start = end = -1
        words: list[str] = []
        for _ in range(4):
            word = _NAME_WORD.match(text, pos)
            if word is None:
                break
            bare = fold(word.group().rstrip("'’"))
            if bare in _STOPS or bare.rstrip("s") in _STOPS:
                break
            if start < 0:
                start = word.start()
            end = word.end()
            words.append(bare)
            gap = _GAP.match(text, end)
            if gap is None:
                break
            pos = gap.end()
        if not words:
            continue
        if (
            len(words) == 1
            and _plain(words[0], lex)
            and not text[start:end].isupper()
            # Round 19: a plain English word with a capital after "drives for" is the firm
            # ("drives for Stagecoach"); a kind of place or a clinical word never.
            and not (
                verb.group().lower().startswith("dr")
                and verb.group("p") == "for"
                and lex.known(words[0])
                and not lex.clinical(words[0])
                and words[0] not in _GENERIC_PLACES
            )
        ):
            continue  # "works at Home", "works for Pathology"
        if all(lex.clinical(w) or w in _GENERIC_PLACES or clinical_abbreviation(w) for w in words):
            continue  # "works with OT", "works at ED"
        # Round 17: "in" says a trade or a department as often as a workplace ("works in IT",
        # "works in Sales"): only a name that is no English word, or a possessive, is whose
        # ("works weekends in Harrow's FreshMart").
        if (
            verb.group("p") in ("in", "en")
            and not any(not lex.known(w) or w in lex.places for w in words)
            and not re.search(r"[A-Za-z]['’]s\b", text[start:end])
        ):
            continue
        found.append(WordSpan("facility", start, end))
    return found


# A bracket after a named person whose last item is an institution's initials ("(MMed II,
# UoN)", "(5th yr, TCD)", "(cardio, from IJN)"). Found from the item's end at the bracket's
# close, the person read back from the bracket's opening.
_LAST_ITEM = re.compile(
    r"(?:,[ \t]*|[ \t]from[ \t]+)(?:from[ \t]+)?"
    r"(?P<a>[A-Z](?:[A-Za-z&]){1,6})[ \t]*\)"
)
_BRACKET_OPEN = re.compile(r"\(([^()\n]{0,40})\Z")
# The person before the bracket: a title and a name, or a role's label and a name
# ("Dr Ann Omondi", "Student: Sean Kelly").
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms|Miss|Mx|Sr|Sister|RN|Nurse|Rev)\.?[ \t]+"
    r"|\b[A-Z][a-z]+[ \t]*:[ \t]*(?:Dr\.?[ \t]+)?)"
    r"(?:[A-Z][\w'’-]+[ \t]+){0,3}[A-Z][\w'’-]+[ \t]*\Z"
)
_ROMAN = re.compile(r"(?i:[IVX]+)")


def bracket_affiliations(text: str, lex: Lexicon) -> list[WordSpan]:
    """Institutions' initials last in a bracket after a named person."""
    found: list[WordSpan] = []
    if "(" not in text:
        return found
    for item in _LAST_ITEM.finditer(text):
        initials = item.group("a")
        if sum(c.isupper() for c in initials) < 2 or _ROMAN.fullmatch(initials):
            continue  # "(cardio, Mon)", "(year, II)"
        if clinical_abbreviation(initials) or lex.clinical(fold(initials)):
            continue  # "(mild, LVH)"
        if ROLE_AFTER.match(" " + initials) or fold(initials) in TITLES:
            continue  # "(locum, MRCP)": a degree or a role, not a school
        bracket = _BRACKET_OPEN.search(text, max(0, item.start() - 40), item.start())
        if bracket is None:
            continue
        if not _PERSON_BEFORE.search(text, max(0, bracket.start() - 60), bracket.start()):
            continue
        found.append(WordSpan("facility", item.start("a"), item.end("a")))
    return found
