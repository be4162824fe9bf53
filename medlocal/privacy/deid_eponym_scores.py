"""Scores and scales named after people, written with their value ("Downton 4", "Apfel 3",
"Likert 5", "Simpson-Angus 4", "Barthel 45/100"), read as the score, not a person (session 62,
prec62; issue 16).

Most such scales are on no other word list, and the word scan reads a capitalised word it does not
know as a name. A surname followed by a small number is a score where nothing names a person:

* the word is a scale listed here, and its value is one the scale can take (review62q: any
  unknown capitalised word before a small number was kept, so "Okafor 12", "Zhang 4 review",
  "Duffy 2 attended" and the street "Mannerheimintie 14" leaked); a scale measured in a unit
  takes its unit or a pair ("Hertel 17/18", "Schober 3 cm", not "Regards, Hertel 22");
* the word stands alone (one word, or two joined by a hyphen), and is no given name and no
  place ("Dublin 7" is a postal district, "Lima 2 de diciembre" a town and a date);
* no title, relation, role or name label comes before it, and no capitalised word (a given
  name) right before it;
* the value, one blank after the word (a wider gap is a letterhead's column: "Lima   2 de
  diciembre"), is one or two digits (with a decimal), or a score out of N that reads as no day and
  month (both parts over 12: "45/100", "17/18"), and what follows the value is the line's end,
  punctuation or a lower-case word that is no unit of time and no month ("3 days", "4 weeks"
  follow a person's visit), and no hyphen and digits ("06-44182290" is a phone number);
* the word is not the patient's name, and is written nowhere in the text after a title or a
  relation or before a given name's initial ("Dr Wells ... Wells 2" stays removed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, fold
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction


class _Scale(NamedTuple):
    top: int  # the largest value the scale takes
    unit: str = ""  # what a lone value must be written with (a regex), where the scale has it


# Review62q: the scales, named after people, whose eponym the word scan reads as a name and no
# other list keeps before its value (the common ones are deid_eponyms' _SCALE_EPONYMS). Each with
# its range, so that a bleep, a room, a house or a postal district after the same word is no
# score.
_SCALES = {
    "downton": _Scale(11),  # falls risk, 0-11
    "apfel": _Scale(4),  # postoperative nausea, 0-4
    "likert": _Scale(7),  # 5- or 7-point (PI-RADS Likert 1-5)
    "simpson-angus": _Scale(40),  # extrapyramidal signs, 10 items of 0-4
    "ferriman-gallwey": _Scale(36),  # hirsutism, 9 areas of 0-4
    "montgomery-asberg": _Scale(60),  # MADRS, 0-60
    "hughes-score": _Scale(6),  # Guillain-Barré disability grade, 0-6
    # SPMSQ errors, 0-10, written with the word ("Pfeiffer 3 errores"): Pfeiffer is a common
    # surname, and "Pfeiffer 3" alone a ward board's room.
    "pfeiffer": _Scale(10, "(?:errores|errors|erros|errori|erreurs|fehler|fouten)"),
    "pflegestufe": _Scale(5),  # German care level
    "pflegegrad": _Scale(5),
    "bromage": _Scale(4),  # motor block, 0-3 (some write 1-4)
    "hachinski": _Scale(18),  # ischaemic score, 0-18
    "hertel": _Scale(35, "mm"),  # exophthalmometry in mm
    "schober": _Scale(15, "cm"),  # lumbar flexion in cm
    "schirmer": _Scale(35, "mm"),  # tear test in mm
}

_WORD = re.compile(r"[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Z][a-zà-öø-ÿ]+)?")
_VALUE = re.compile(
    r" (?P<a>\d{1,3})(?:(?P<dec>[.,]\d{1,2})|/(?P<b>\d{1,3}))?"
    r"(?![\d/:.,–-]?\d|[/.–-][^\W\d_])(?P<rest>[^\n]{0,12})"
)
# What may follow the value: the line's end, punctuation, or a lower-case word that is no unit
# of time or age ("Smith 3 days ago", "Jones 4 weeks post-op").
_AFTER_OK = re.compile(r"(?:\Z|[ \t]*[;,.)\]–-]|[ \t]*\n|[ \t]+[a-zà-ÿ%])")
_TIME_AFTER = re.compile(
    r"[ \t]*(?:days?|d\b|weeks?|wks?|months?|mths?|years?|yrs?|y/?o|yo\b|h\b|hrs?|hours?"
    r"|mins?|minutes?|am\b|pm\b|times?|visits?|children|kids"
    # A dose after a name is a medicine's slot ("Current medications: Adeyemi 5 mg").
    r"|mg\b|mcg\b|micrograms?|µg|ug\b|g\b|ml\b|units?\b|iu\b|mmol\b|tabs?\b|tablets?|caps?\b|puffs?)",
    re.I,
)
# A Title Case word after a comma or a dash, with no value of its own, goes on an address
# ("Praha 5 - Interní", "Mizhar 1, Deira"); a list of scores goes on with the next score ("Downton
# 4, Apfel 3").
_PLACE_AFTER = re.compile(r"[ \t]*[,–-][ \t]*[A-Z][a-zà-ÿ]+(?![a-zà-ÿ]|[ \t]*\d)")
# A day's number before a month: "Lima 2 de diciembre", "Leeds 3 of March".
_DATE_AFTER = re.compile(r"[ \t]+(?:(?:de|del|di|du|of|da|do)[ \t]+)?(?P<w>[^\W\d_]+)")
# Relations of other languages before a name ("dochter Marieke 06-...", "Tochter Anna 2").
_WORD_BEFORE = re.compile(r"(?P<w>[^\W\d_]+)\.?[ \t]*[:,]?[ \t]*\Z")
_PEOPLE_WORDS = (
    RELATIONS
    | ROLES
    | TITLES
    | frozenset(
        re.findall(
            r"\S+",
            "dochter zoon moeder vader echtgenote echtgenoot tochter sohn mutter vater ehefrau"
            " ehemann fille fils mere pere epouse epoux mari femme hija hijo madre padre esposa"
            " esposo marido filha filho mae pai figlia figlio moglie marito datter son mor far"
            " dotter hustru corka syn zona maz matka ojciec",
        )
    )
)
# A title, relation, role or name label before the word names a person ("Dr Wells 2", "NOK:
# Hertel 4"); a bed list's slot does too ("Bay 2: Jones 4").
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:dr|mr|mrs|ms|miss|mx|prof|professor|sr|sister|nurse|rn|rgn|doctor|consultant|"
    r"registrar|reg|gp|name|surname|patient|pt|client|resident|nok|kin|contact|carer|partner|"
    r"wife|husband|mother|mum|father|dad|son|daughter|brother|sister|friend|neighbour|signed|"
    r"by|with|from|to|cc|and|or|dear|per|saw|seen|called|phoned|rang|bed|bay|room|cubicle|"
    r"herr|frau|mme|mlle|sra?|dra?|sig|dott)\.?[ \t]*[:,#-]?[ \t]*"
    r"(?:\d{1,3}[ \t]*[:,-]?[ \t]*)?)\Z",
    re.I,
)
_DIGIT_BEFORE = re.compile(r"(?:\d{3,}|\d+[ \t]\d+)[ \t]*\Z")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’.-]*[ \t]+\Z")
_TITLED = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sister|Nurse|Herr|Frau|Mme|Sr|Sra|Dra?)\.?[ \t]+"
    r"(?:[A-Z][\w'’-]*[ \t]+){0,2}(?P<w>[A-Z][\w'’-]+)"
)
_INITIAL_BEFORE = re.compile(r"\b[A-Z]\.?[ \t]+(?P<w>[A-Z][a-z][\w'’-]*)")


class EponymScores:
    """Reads, once per text, the words written as people's names (after a title or an
    initial), so each candidate is tested in constant work."""

    def __init__(self, text: str, lex: Lexicon, own_names: Iterable[str]) -> None:
        self.text = text
        self.lex = lex
        named = {m.group("w").lower() for m in skipped_finditer(_TITLED, text)}
        named |= {m.group("w").lower() for m in _INITIAL_BEFORE.finditer(text)}
        self.named = named | {name.lower() for name in own_names}

    def kept(self, start: int, end: int) -> bool:
        """Whether the name candidate ``text[start:end]`` is a score's eponym with its value."""
        text = self.text
        eponym = _WORD.match(text, start, end)
        if eponym is None or eponym.group().lower() in self.named:
            return False
        scale = _SCALES.get(fold(eponym.group()))
        if scale is None:
            return False
        if fold(eponym.group()) in self.lex.places:
            return False
        if any(fold(part) in self.lex.given_names for part in eponym.group().split("-")):
            return False
        value = _VALUE.match(text, eponym.end())
        if value is None or not _score_value(value, scale):
            return False
        # The span is the word alone, or the word grown over its value ("Hertel 17/18").
        if end not in (eponym.end(), value.start("rest")):
            return False
        rest = value.group("rest")
        if _AFTER_OK.match(rest) is None or _TIME_AFTER.match(rest) is not None:
            return False
        if _PLACE_AFTER.match(rest) is not None:
            return False  # "Praha 5 - Interní klinika", "Mizhar 1, Deira": an address's parts
        month = _DATE_AFTER.match(rest)
        if month is not None and (
            fold(month.group("w")) in CALENDAR_WORDS or month.group("w") != month.group().strip()
        ):
            return False  # "3 March", "2 de dezembro": a day and its month
        return not person_cue_before(text, start)


def person_cue_before(text: str, start: int) -> bool:
    """Whether the words before ``start`` on its line name a person there: a title, relation,
    role, cue or name label ("Dr", "daughter", "by", "NOK:"), a bed slot, a capitalised word (a
    given name) or a postcode."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start]
    word_before = _WORD_BEFORE.search(before)
    if word_before is not None and fold(word_before.group("w")) in _PEOPLE_WORDS:
        return True
    if _DIGIT_BEFORE.search(before) is not None:
        return True  # "150 30 Praha 5": a postcode, then the town and its district
    return _PERSON_BEFORE.search(before) is not None or _CAPITAL_BEFORE.search(before) is not None


def _score_value(value: re.Match[str], scale: _Scale) -> bool:
    """Whether ``value`` is one ``scale`` takes, written as it writes it."""
    first = int(value.group("a"))
    unit = bool(scale.unit) and re.match(rf"[ \t]*{scale.unit}\b", value.group("rest")) is not None
    if value.group("b") is None:
        if scale.unit and not unit:
            return False  # "Regards, Hertel 22" is a signature, "Hertel 22 mm" a measure
        return first <= scale.top and not (first == scale.top and value.group("dec"))
    # A pair reads as no day and month with its unit ("Schober 10/14 cm") or both parts over 12
    # ("Hertel 17/18"); "4/5" and "12/8" could be a date after a name.
    second = int(value.group("b"))
    low = 0 if unit else 12
    return low < first <= scale.top and low < second <= scale.top


def without_eponym_scores(
    text: str, candidates: Iterable[Redaction], lex: Lexicon, own_names: Iterable[str]
) -> Iterator[Redaction]:
    """``candidates`` without the names that are a score's eponym before its value."""
    scores: EponymScores | None = None
    for red in candidates:
        if red.kind == "name" and red.end - red.start >= 3:
            scores = scores or EponymScores(text, lex, own_names)
            if scores.kept(red.start, red.end):
                continue
        yield red
