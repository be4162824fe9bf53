"""Structural readings of the word scan's runs, after the runs were read word by word: what a
proper name looks like by where it stands, whatever its words are.

* A run is one name: where part of a capitalised run was found, the rest of it goes too ("Toowong
  Bowls", "Brampton Civic", "Port Augusta Secondary", "Kanchi Kamakoti CHILDS Trust"): a name does
  not stop at a word that also happens to be English. Clinical words, titles, roles, months and
  weekdays stop it ("Dr Lange Cardiology" keeps "Cardiology").
* Items of one list are of one kind: a capitalised run joined by "and", "&" or "/" to a found name
  is a name ("Friends: Junebug and Smoke", "Ruby-Lee and Kai").
* A name's position: a listed given name before an initial ("RN: Rose W.") or a telephone
  number ("Call Summer on 0400 111 222") is a name, even where it is also a word.
* A place's position: a capitalised run after "at", "through", "via", "for" or "from", or after
  a place word and a lower-case "the" ("to the Crown and Anchor", "attend the Rotunda"), names a
  place or an organisation ("see him at Lister", "day labour through Labor Ready") unless all its
  words are clinical, generic ("the Pharmacy") or calendar words; so is one after a word of
  belonging ("parishioner of Good Shepherd", "volunteers with Harmony Voices").

Seventh round: a service word ends a found organisation's name and opens one at a place
("Lakeside Endoscopy", "at Physio Plus Whanganui"), a capital "The" opens a found name ("The
Willows"), a saint's possessive is part of the name ("St Luke's"); a listed or unknown name
after a person word and a comma ("The patient, Faith, says") or after a dash that ends a line
("- Heather") is a name; letterheads and the parts of an address beside a street are read in
:mod:`medlocal.privacy.deid_letterhead`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from medlocal.privacy.deid_letterhead import HEADING_DASH, beside_street, letterhead
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, CLINICAL_SHORT, Lexicon
from medlocal.privacy.deid_names import cued_name
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, SOFT_CUES, TITLES
from medlocal.privacy.deid_place_words import DESCRIPTIVE, GENERIC, KIND_AFTER
from medlocal.privacy.deid_tokens import Tok, WordSpan, sentence_start, word_end

# Service words that end an organisation's name after a word found in it ("Lakeside Endoscopy",
# "Summit Physio", "Otara Family Doctors"), though each is also a clinical or plain word. Not the
# specialties a doctor's name comes before ("Dr Lange Cardiology"), nor after a title.
_SERVICE_TAILS = frozenset(
    re.findall(
        r"\w+",
        "endoscopy imaging radiology pathology physio physiotherapy dental dentistry family"
        " medical surgical health healthcare care diagnostics optical optometry vision audiology"
        " podiatry fertility hearing doctors pharmacy chemist laboratories labs",
    )
)
# A person named by apposition after a person word and a comma ("The patient, Faith, says").
_APPOSITION = re.compile(
    r"\b(?:patient|pt|client|resident|carer|caregiver|chaplain|nurse|"
    r"worker|volunteer|neighbour|neighbor|friend|partner)[ \t]*,[ \t]*\Z"
)
# A signature after a dash at the end of a line ("Thanks, Autumn. - Heather").
_DASH_SIGN = re.compile(r"(?:^|[.!?,][ \t]+)[-–—~][ \t]*\Z", re.M)
_SAINT = re.compile(r"(?:St\.?|Saint|Ste?\.?)[ \t]+[A-Z]")
_LINE_END = re.compile(r"[ \t]*$", re.M)
_APPOSITION_END = re.compile(r"[ \t]*+(?:[,;)]|(?<=[ \t])\(|\.?[ \t]*$)", re.M)
# A run after these is a place or an organisation; "at", "via", "for", "from" need no more ("seen at
# Riverbend", "drives for Yellow Cabs"); after the others a lower-case "the" must come first
# ("to the Crown and Anchor").
_PLACE_BEFORE = re.compile(r"(?:\b(?:at|through|via|for|from)|\b(?:at|to|from|near|attend|attends|"
                           r"attended|visit|visits|in)[ \t]+the"
                           # Seventh round: belonging to a group ("parishioner of Good Shepherd",
                           # "volunteers with Harmony Voices", "a member of the Rotary").
                           r"|\b(?:members?|parishioners?|congregation|employee|volunteers?|"
                           r"volunteering|works|worked|working|sings|plays|played)[ \t]+"
                           r"(?:of|with|at)(?:[ \t]+the)?)[ \t]+\Z")  # fmt: skip


# A telephone number right after a word: the word is whose number it is.
# Possessive blanks: with plain ones a run of blanks was split three ways (cubic: "Ward" and
# 4,000 blanks took 207 s).
_PHONE_AFTER = re.compile(r"[ \t]*+(?:on|at|:|-|–)?[ \t]*+[(]?[ \t]*+\+?\d[\d ()-]{6,}\d")
_FIELD_WORDS = frozenset({"no", "nr", "number", "ref", "id"})  # "Hosp No."
_PERSON_NOUNS = frozenset({"patient", "pt", "client", "resident", "baby", "pupil", "student"})
# Items of one list: joined by "and", "&" or "/" (a comma alone also stands between a name and
# its role: "Marion Grant, Staff Nurse").
# Possessive blanks: a long run of blanks before no "and" was read again from every blank
# (40,000 blanks after "Reported" took 2 s, growing with the square of the run).
_AND_GAP = re.compile(r"(?:[ \t]*+,[ \t]++and|[ \t]++and|[ \t]*+[&/])[ \t]*+")
_AND_GAP_END = re.compile(_AND_GAP.pattern + r"\Z")


# Built once: _stops runs for every capitalised word of every run.
_RUN_STOPS = TITLES | ROLES | CALENDAR_WORDS | _FIELD_WORDS | RELATIONS | SOFT_CUES


def _stops(tok: Tok, lex: Lexicon) -> bool:
    """A word that a name does not run over."""
    lower = tok.bare
    return tok.shape not in ("title", "caps") or lex.clinical(lower) or lower in _RUN_STOPS


def _plain(run: list[Tok], lex: Lexicon) -> bool:
    """A run with a word that is neither generic, clinical, a title, a role nor a calendar word."""
    return any(
        not _stops(t, lex) and t.lower.rstrip("'’") not in GENERIC and t.shape == "title"
        for t in run
    )


def complete_runs(
    text: str, tokens: list[Tok], runs: list[list[Tok]], found: list[WordSpan], lex: Lexicon
) -> list[WordSpan]:
    """``found`` with the three readings above added, in text order."""
    spans = sorted(found, key=lambda s: (s.start, s.end))
    covered = bytearray(len(text) + 1)
    for span in spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    extra: list[WordSpan] = []
    # The kind of the first span of ``extra`` over each character it covers, and the furthest
    # end of ``spans`` up to each: the kind at a place is then looked up, not searched for over
    # every span once per run (quadratic where thousands of runs meet thousands of spans).
    extra_kind: dict[int, str] = {}
    reach = list(accumulate((s.end for s in spans), max))

    def take(kind: str, toks: list[Tok]) -> None:
        start, end = toks[0].start, word_end(toks[-1])
        extra.append(WordSpan(kind, start, end))
        covered[start:end] = b"\x01" * (end - start)
        for at in range(start, end):
            extra_kind.setdefault(at, kind)

    def kind_at(at: int) -> str:
        """The kind of the first span of ``spans + extra`` over ``at``, else "name"."""
        # ``spans`` is in order of start: the first with an end past ``at`` is the one if it
        # starts by then, and no later one starts by then either.
        first = bisect_right(reach, at)
        if first < len(spans) and spans[first].start <= at:
            return spans[first].kind
        return extra_kind.get(at, "name")

    for i, tok in enumerate(tokens):
        if covered[tok.start] or tok.shape != "title" or tok.lower not in lex.given_names:
            continue
        if lex.clinical(tok.lower):
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        initial = after is not None and after.shape == "initial" and after.start == tok.end + 1
        if initial and after is not None:
            take("name", [tok, after])  # "RN: Rose W.", "Sponsor Curtis B."
        elif _PHONE_AFTER.match(text, tok.end):
            take("name", [tok])  # "Call Summer on 0400 111 222"
    streets = {s.end for s in spans if s.kind == "street_address"}
    streets |= {s.start for s in spans if s.kind == "street_address"}
    names = {s.end: s for s in spans if s.kind == "name"}
    names_at = {s.start: s for s in spans if s.kind == "name"}
    for run in runs:
        hit = [i for i, t in enumerate(run) if covered[t.start]]
        if hit:
            _extend(run, hit, kind_at(run[hit[0]].start), text, lex, covered, take)
            continue
        if (
            len(run) <= 2
            and _DASH_SIGN.search(text, max(0, run[0].start - 6), run[0].start)
            and _LINE_END.match(text, word_end(run[-1]))
            and all(t.lower in lex.given_names or not lex.known(t.lower) for t in run[:1])
            # In capitals a bullet's abbreviation ("- NBM"); initials are read in deid_initials.
            and run[0].shape == "title"
        ):
            take("name", run)  # "... - Heather" signing a message
            continue
        beside = beside_street(run, text, streets)
        if beside and len(run) <= 3 and all(t.shape == "title" for t in run):
            take(beside, run)  # "Rose Cottage, Back Lane, Little Snoring"
            continue
        if letterhead(run, text, lex, lambda t: _stops(t, lex)):
            take("facility", run)  # "... RECORD - Boots, High Street"
            continue
        if not _plain(run, lex) or any(lex.clinical(t.lower) for t in run):
            continue
        if (
            len(run) <= 2
            and _APPOSITION.search(text, max(0, run[0].start - 24), run[0].start)
            and _APPOSITION_END.match(text, word_end(run[-1]))
            and all(cued_name(t, lex) for t in run)
        ):
            take("name", run)  # "The patient, Faith, says"
            continue
        gap_before = _gap_to_name(text, names, run[0].start, before=True)
        gap_after = _gap_to_name(text, names_at, word_end(run[-1]), before=False)
        if (gap_before or gap_after) and all(t.shape == "title" for t in run):
            take("name", run)  # "Junebug and Smoke"
        elif _PLACE_BEFORE.search(
            text, max(0, run[0].start - 28), run[0].start
        ) and not _describes_kind(run, text, lex):
            take("facility", run)  # "at Lister", "to the Crown and Anchor"
    # A saint's possessive is part of the name ("St Luke's", "Saint Mary's"); a person's is not.
    out = [
        WordSpan(s.kind, s.start, s.end + 2)
        if _SAINT.match(text, s.start) and text[s.end : s.end + 2] in ("'s", "’s")
        else s
        for s in spans + extra
    ]
    return sorted(out, key=lambda s: (s.start, s.end))


def _describes_kind(run: list[Tok], text: str, lex: Lexicon) -> bool:
    """Plain words before the kind of place in lower case say what it is for, not which one
    ("attends the Dementia day centre", "the Young Onset care home"); "The Laurels (nursing home)"
    and an unknown, name or place word name one ("the Willow day centre"), and so do plain words
    of no descriptive kind ("Little Acorns baby group"; see DESCRIPTIVE)."""
    return (
        KIND_AFTER.match(text, word_end(run[-1])) is not None
        and run[0].word != "The"
        and all(
            lex.known(t.bare) and t.bare not in lex.places and not lex.name_like(t.bare)
            for t in run
        )
        and any(t.bare in DESCRIPTIVE for t in run)
    )


# Unions of word lists made once, where they were made again for every word read.
_RELATIONS_OR_SOFT_CUES = RELATIONS | SOFT_CUES


def _extend(
    run: list[Tok],
    hit: list[int],
    kind: str,
    text: str,
    lex: Lexicon,
    covered: bytearray,
    take: Callable[[str, list[Tok]], None],
) -> None:
    """Take the words of ``run`` on either side of its found words, up to a stop word."""
    first, last = hit[0], hit[-1]
    while last + 1 < len(run):
        if kind == "name" and _body_initials_after_name(run, first, last + 1, text):
            break  # walk 38: "Eleanor Hathersage NHS No:", "Rupert Vance GMC 7012345"
        if not _stops(run[last + 1], lex):
            last += 1
        elif (
            run[last + 1].lower in ("and", "&")
            and last + 2 < len(run)
            and not _stops(run[last + 2], lex)
        ):
            # "Junebug and Smoke": two names; "Crown and Anchor", "Hargreaves & Daughters": one.
            last += 2
        elif _service_tail(run, last + 1):
            last = len(run) - 1  # "Lakeside Endoscopy", "Otara Family Doctors"
        else:
            break
    # Leftwards only over words that could not open a sentence anyway ("Visit Wednesday ..."
    # keeps "Visit").
    while first > 0 and not _stops(run[first - 1], lex):
        tok = run[first - 1]
        lower = tok.lower.rstrip("'’")
        if lower.removeprefix("ex-") in _RELATIONS_OR_SOFT_CUES or lower in _PERSON_NOUNS:
            break  # "Girlfriend Shay Lorimer", "Signed Ray Wood", "Patient Arjun Iyer"
        if kind == "name" and lower in CLINICAL_SHORT:
            break  # walk 19: "CPN Tamsin Angove": a role's initials before a person stay
        if sentence_start(text, tok.start) and lex.known(lower):
            break
        first -= 1
    if first == 1 and run[0].lower in _SERVICE_TAILS and _place_position(text, run[0].start):
        first = 0  # "at Physio Plus Whanganui": a service word opens the name
    if first > 0 and run[first - 1].word == "The" and run[first - 1].end + 1 == run[first].start:
        first -= 1  # "The Willows", "The Old Forge": a capital "The" opens the name
    new = [t for t in run[first : last + 1] if not covered[t.start]]
    if new and any(t.lower not in ("and", "of", "the", "&") or t.word == "The" for t in new):
        take(kind, run[first : last + 1])


# Walk 38: an organisation's initials in capitals with no vowel ("NHS", "GMC", "NMC") after a
# person's name written in small letters, before the number it gives them ("Eleanor Hathersage
# NHS No: 943 476 5919", "Dr Rupert Vance GMC 7012345"): the body that numbers them, not their
# surname. A name's words have vowels ("Jean DUPONT" runs on); without a number after them the
# initials may close an organisation's or a building's name ("Sai Krupa CHS").
# fixdeid35 (review 35b): any capitals without a vowel were cut, and a Czech or Slovak surname
# has none ("Vlk", "Srb", "Plch", "Krch", "Chrt": "Patient: Jan VLK 12/03/1960" kept VLK). Only
# a closed list of registration bodies and organisations that number a person is cut, and only
# before a label or a registration number, never a date or a telephone number.
BODY_INITIALS = frozenset(
    {
        "NHS", "GMC", "NMC", "HCPC", "GPhC", "GDC", "GOC", "GOsC", "GCC", "HPC", "CHI", "PSNI",
        "IMC", "NMBI", "AHPRA", "NPI", "DEA", "UPIN",
    }
)  # fmt: skip

# After the body: a label ("No:", "PIN", "Reg.") or a registration number ("7012345",
# "12A3456E", "PA12345", an NHS number "943 476 5919"); not a date ("12/03/1960") nor a
# telephone number ("0161 496 0000", "07700 900123").
NUMBER_AFTER_INITIALS = re.compile(
    r"[ \t]*(?:"
    r"(?i:no|nr|num|number|pin|reg|registration|ref|id)\b"
    r"|[:#]?[ \t]*(?:"
    r"[A-Z]{0,3}\d{4,8}[A-Z]?\b(?![/.-]?\d)(?![ \t]+\d)"
    r"|[1-9]\d\d[ \t]\d{3}[ \t]\d{4}\b(?![ \t/.-]?\d)"
    r"))"
)


def _body_initials_after_name(run: list[Tok], first: int, at: int, text: str) -> bool:
    """Whether the word of ``run`` at ``at`` is an organisation's initials after the person's
    name ``run[first:at]`` written in small letters, before the number they give the person."""
    tok = run[at]
    return (
        tok.word in BODY_INITIALS
        and all(t.shape == "title" for t in run[first:at])
        and NUMBER_AFTER_INITIALS.match(text, tok.end) is not None
    )


def _place_position(text: str, at: int) -> bool:
    """Whether a name at ``at`` follows a place word ("at") or a heading in capitals and a dash."""
    line = text.rfind("\n", 0, at) + 1
    return bool(_PLACE_BEFORE.search(text, max(0, at - 28), at)) or bool(
        HEADING_DASH.fullmatch(text, line, at)
    )


def _service_tail(run: list[Tok], at: int) -> bool:
    """Whether the words of ``run`` from ``at`` to its end are service words that end an
    organisation's name (a title before the name makes it a person's: "Dr Lange Cardiology")."""
    if run[0].lower.rstrip(".") in TITLES:
        return False
    return all(t.shape == "title" and t.lower in _SERVICE_TAILS for t in run[at:])


def _gap_to_name(text: str, names: dict[int, WordSpan], at: int, *, before: bool) -> bool:
    """Whether a found name lies just before (or after) ``at``, a list separator between."""
    if before:
        match = _AND_GAP_END.search(text, max(0, at - 12), at)
        return match is not None and match.start() in names
    match = _AND_GAP.match(text, at)
    return match is not None and match.end() in names
