"""Runs of capitalised words read as a whole: facilities, organisations and employers, named
wards, streets, counties and places, and what is left of a run handed on to the names.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, abbreviations_joined, fold
from medlocal.privacy.deid_names import cued_name, plain_word, read_names, role_prefix, word_cue
from medlocal.privacy.deid_people_words import (
    COLON_ROLES,
    FUNCTION_CUES,
    HONORIFICS,
    LIST_GAP,
    PERSON_ONLY_AFTER,
    RELATIONS,
    ROLE_QUALIFIERS,
    ROLES,
    SOFT_CUES,
    TITLES,
)
from medlocal.privacy.deid_place_words import (
    AT_BEFORE,
    DESCRIPTIVE,
    DIRECTION_AFTER,
    EMPLOYER_CUE,
    EMPLOYER_CUE_ENDS,
    FACILITY_AHEAD,
    FACILITY_HEADS,
    FOR_PLACE,
    GENERIC,
    HEAD_FIRST,
    HOLY_DEDICATIONS,
    HOSPITAL_AREAS,
    KIND_AFTER,
    LOWER_HEAD_AFTER,
    NAMED_FOR,
    PLACE_CUES,
    PLACE_PREFIXES,
    REGIONS,
    RESIDENCE_BEFORE,
    RESIDENCE_REACH,
    STREET_WORDS,
    THE_PLACE_CUES,
    TRAVEL_BEFORE,
    WARD_HEADS,
    WARD_KINDS,
    WEAK_HEADS,
    last_word,
    may_end_with_preposition,
)
from medlocal.privacy.deid_role_terms import bracketed_role, role_before_abbreviation
from medlocal.privacy.deid_tokens import Tok, WordSpan, sentence_start, word_before, word_end

# An article or a word before a description of a place, not its name ("a Catholic care home").
_DESCRIBED = re.compile(r"\b(?:a|an|any|local|some|another|private)[ \t]+\Z", re.I)
# A street's last word after "on" ("on Maple St"), "St" included.
_STREET_ENDINGS = STREET_WORDS | {"st"}
# Words that say a street is one, not which one.
_STREET_KIND_WORDS = STREET_WORDS | {"the", "of"}


# Unions of word lists made once, where they were made again for every word read.
_TITLES_OR_RELATIONS = TITLES | RELATIONS
_ROLES_OR_SOFT_CUES = ROLES | SOFT_CUES
_NAME_CUES = SOFT_CUES | ROLES | FUNCTION_CUES | COLON_ROLES
_RELATIONS_NAMING = RELATIONS - FUNCTION_CUES
_FACILITY_OR_STREET_HEADS = FACILITY_HEADS | STREET_WORDS
_WARD_OR_FACILITY_HEADS = WARD_KINDS | FACILITY_HEADS


def _role_alone(run: list[Tok]) -> bool:
    """A run of grading words ending in a role, with no name after it ("Senior Staff Nurse",
    "Student Midwife")."""
    return (
        len(run) >= 2
        # Session 40 (cue40): "Sister" after a grading word is a nurse's grade ("Spoke with
        # Ward Sister"); "Ward" was read as a name before it.
        and (run[-1].lower in ROLES or run[-1].lower == "sister")
        and all(t.lower in ROLE_QUALIFIERS for t in run[:-1])
    )


# Round 18 (walk 21): a clinician's grade, then "in" and the field of practice ("Consultant in
# Old Age Psychiatry", "Registrar in Acute Medicine", "Specialist Nurse in Sexual Health").
_ROLE_IN = re.compile(
    r"\b(?i:consultants?|registrars?|specialists?|physicians?|surgeons?|nurses?|fellows?|"
    r"trainees?|lecturers?|professors?|doctors?|practitioners?|therapists?|sho|spr|st[1-8]|"
    r"fy[12]|ct[1-3])[ \t]+in[ \t]+\Z"
)
# Words that end an institution's name, not a field's: "Registrar in Cork University Hospital".
_INSTITUTION_ENDS = frozenset(
    {
        "hospital", "hospitals", "infirmary", "clinic", "clinics", "centre", "center", "practice",
        "home", "hospice", "trust", "university", "college", "school", "institute", "foundation",
        "house", "ward", "unit", "lodge", "court", "board", "service", "services",
    }
)  # fmt: skip


def _specialty_of_role(run: list[Tok], text: str, lex: Lexicon) -> bool:
    """A run of ordinary words after a clinician's grade and "in" that names the field practised,
    not an institution: no word of a name or a place, and no institution's head at its end."""
    reach = max(0, run[0].start - 24)
    if not may_end_with_preposition(text, reach, run[0].start):
        return False  # speed: _ROLE_IN ends with "in" and a blank; most runs have none before
    if _ROLE_IN.search(text, reach, run[0].start) is None:
        return False
    words = [t.lower.rstrip("'’") for t in run]
    if words[-1] in _INSTITUTION_ENDS:
        return False
    return all(
        t.shape == "joiner"
        or w in GENERIC
        or lex.clinical(w)
        or (lex.known(w) and w not in lex.places and not t.strong)
        for t, w in zip(run, words, strict=True)
    )


def _after_caps_heading(run: list[Tok], lex: Lexicon) -> list[Tok]:
    """``run`` without a heading in capitals that opens it, where a sentence's first word
    follows on the same line: a passage's snippet flattens "HOSPITAL COURSE\nPresented with
    fever" onto one line, and walk 29 read "HOSPITAL COURSE Presented" as a facility. The
    heading's words are known words none of which names anyone, and neither its last word nor
    the word after it is a place's kind ("ROYAL FREE Hospital" stays whole); what follows the
    heading is read as its own run ("DISCHARGE SUMMARY Margaret Ellison": the name alone)."""
    caps = 0
    while caps < len(run) and run[caps].shape in ("caps", "joiner"):
        caps += 1
    if not 0 < caps < len(run) or run[caps].shape != "title":
        return run
    heading, first = run[:caps], run[caps]
    if any(t.strong or t.weak or not lex.known(t.lower) for t in heading):
        return run
    if heading[-1].lower in GENERIC or first.lower in GENERIC:
        return run  # "ROYAL INFIRMARY Edinburgh", "ROYAL FREE Hospital": one name
    return run[caps:]


# Session 38: a run that opens with its own residence cue ("Resident of Settle for 40 years").
_OWN_CUES = frozenset({"resident", "residents", "native"})


def _residence_place(run: list[Tok], words: list[str], text: str, lex: Lexicon) -> Tok | None:
    """The first word of the place that ``run`` names after a residence or travel cue ("lives
    alone in Settle", "returned to Settle"), or None: no such cue, or the words are no place's
    (a generic, clinical or hospital word, a facility's or street's head)."""
    if len(run) > 2 and words[0] in _OWN_CUES and words[1] in ("of", "in"):
        run, words = run[2:], words[2:]
        cued = True
    elif run[0].shape != "title":
        return None  # (read first: the cues are searched for only before a capitalised word)
    else:
        reach = max(0, run[0].start - RESIDENCE_REACH)
        # Both cues end with a preposition: most runs have none before them (speed).
        if not may_end_with_preposition(text, reach, run[0].start):
            return None
        cued = RESIDENCE_BEFORE.search(text, reach, run[0].start) is not None
        if not cued and TRAVEL_BEFORE.search(text, reach, run[0].start) is not None:
            # After a verb that also moves patients round a hospital, only a word that is no
            # plain English word ("returned to Settle", not "returned to Neurosurgery").
            cued = all(
                w in lex.places or lex.name_like(w) or not lex.known(w)
                for w in words
                if w not in ("of", "the", "and", "&")
            )
    if (
        not cued
        or run[0].shape != "title"
        or all(w in GENERIC or w in TITLES or w in HOSPITAL_AREAS or lex.clinical(w) for w in words)
        or any(w in _FACILITY_OR_STREET_HEADS for w in words)
    ):
        return None
    return run[0]


def _plain_after_cue(tok: Tok, lex: Lexicon, text: str) -> bool:
    """A capitalised plain word (see :func:`~medlocal.privacy.deid_names.plain_word`) that no
    earlier reading made a name (a title before it makes it strong), on a line written in
    title case. In prose a capital after "with" marks a proper noun ("footy with Pioneers",
    "training with Rovers": teams, kept removed); in a title-cased line ("Discharge Summary
    with Doses and Routes", "Presented with Headaches and Seizures") it says nothing."""
    return (
        tok.shape == "title"
        and not tok.strong
        and plain_word(tok.bare, lex)
        and _title_cased_line(text, tok.start)
    )


# Session 56: the cues after which a word of the medical spelling dictionaries is what was used
# or done, not who ("packed with Gelfoam", "Herzkatheter and Koronarangiographie"); after "by",
# "to", "per", "called" and the roles it is still read as a person.
_THING_CUES = frozenset({"with", "and"})
# "with" after a word of meeting or talking leads to a person ("discussed with Steindler").
_PERSON_WITH = re.compile(
    r"(?i:\b(?:discuss\w*|spoke|spoken|speak\w*|talk\w*|liais\w*|agreed|met|meet\w*|seen|"
    r"review\w*|consult\w*|chat\w*|lives?|living|stay\w*|works?|working|visit\w*|"
    r"appointment|left|came|come|arrived|accompanied|along))"
    # Review 56b: one adverb between ("Seen today with Steindler", "seen again with").
    r"(?:[ \t]+(?i:today|again|together|jointly|also|briefly|later|earlier))?[ \t]+with[ \t]+\Z"
)


def _dictionary_after(cue: str | None, tok: Tok, text: str, lex: Lexicon) -> bool:
    """A capitalised word of the medical spelling dictionaries (no name list holds it) that no
    earlier reading made a name, after "with" (not after a word of meeting: "discussed with")
    or "and"."""
    return (
        cue in _THING_CUES
        and tok.shape == "title"
        and not tok.strong
        and tok.bare in lex.dictionary_words
        and _PERSON_WITH.search(text, max(0, tok.start - 48), tok.start) is None
        # Review 56b: what follows may say a person ("with Mesmer, who says ...").
        and PERSON_ONLY_AFTER.match(text, tok.end) is None
    )


# Words a title-cased line leaves in lower case.
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "per", "the",
     "to", "via", "with"}
)  # fmt: skip
_LINE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# How far a line is read either way: a longer line is prose, not a heading (and a line of
# thousands of words is not read again for every run on it).
_LINE_REACH = 160


def _title_cased_line(text: str, at: int) -> bool:
    """Whether the line around ``at`` capitalises every word but the small ones (two or more
    such words)."""
    start = text.rfind("\n", max(0, at - _LINE_REACH), at) + 1
    if start == 0 and at > _LINE_REACH:
        return False
    end = text.find("\n", at, at + _LINE_REACH)
    if end == -1:
        if len(text) > at + _LINE_REACH:
            return False
        end = len(text)
    words = [w for w in _LINE_WORD.findall(text, start, end) if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _named_beside(run: list[Tok], plain: list[bool], k: int) -> bool:
    """Whether a capitalised word next to ``run[k]`` (no joiner between) is no plain word: a
    listed or unknown name that the plain word may belong to ("with Rose Doses")."""
    return any(
        0 <= j < len(run) and run[j].shape in ("title", "caps") and not plain[j]
        for j in (k - 1, k + 1)
    )


def read_run(run: list[Tok], text: str, lex: Lexicon, out: list[WordSpan]) -> None:
    if not run:
        return
    if (
        all(t.shape in ("caps", "joiner") for t in run)
        and not any(t.strong for t in run)
        and word_cue(text, run[0].start) not in _TITLES_OR_RELATIONS
    ):
        return  # a heading in capitals ("INPATIENT PSYCHIATRY PROGRESS NOTE", "DEVICE CLINIC")
    run = _after_caps_heading(run, lex)
    if not run:
        return
    if _role_alone(run):
        return  # "Handover to Senior Staff Nurse", "Student Midwife": a role, no one named
    if bracketed_role(run, text, lex) or role_before_abbreviation(run, text):
        return  # "MS (SHO)", "Physio THR precautions": a grade, a therapy's subject (s52)
    if _specialty_of_role(run, text, lex):
        return  # "Consultant in Old Age Psychiatry": the field a clinician works in, no place
    # Round 17: a role of several words at the head ("Staff Nurse", "Senior Paramedic") is read
    # from its last word, so no word of it joins the name ("Staff Nurse [NAME]").
    run = run[max(0, role_prefix(run, lex) - 1) :]
    if run[0].lower in _ROLES_OR_SOFT_CUES and len(run) > 2 and run[1].lower in TITLES:
        run = run[1:]  # "Dear Dr. Farrow", "cc Dr Birch": the title's reading below
    if (
        (run[0].lower in TITLES or run[0].lower.removeprefix("ex-") in RELATIONS)
        and len(run) > 1
        and not text[run[0].start - 1 : run[0].start].isdigit()  # "19Fr Robinson drain"
        and run[1].shape != "joiner"  # "Mother and Baby Unit" is a ward, not a mother's name
    ):
        for tok in run[1:]:  # "Dr. Frost", "Mrs. Delia Frost": every word after a title
            if not lex.clinical(tok.lower):
                tok.strong = True
        run = run[1:]
    elif (
        run[0].lower in _ROLES_OR_SOFT_CUES
        or (
            # Thirteenth round: an honorific of another culture ("Ate Marites", "Alhaji Musa");
            # where the word after it is no name the run is read as it stands ("Ibu Sri").
            run[0].lower in HONORIFICS
            and run[0].shape == "title"
            and len(run) > 1
            and (run[1].strong or run[1].weak or cued_name(run[1], lex))
        )
    ) and len(run) > 1:
        if len(run) == 2 and run[1].lower.rstrip(".") in TITLES:
            return  # walk 20: "Dear Dr" at a line's end: a title with no name after it
        run = run[1:]
        if _plain_after_cue(run[0], lex, text) and not _named_beside(
            run, [_plain_after_cue(tok, lex, text) for tok in run], 0
        ):
            # Session 40 (cue40): a plain word or its plural after the cue is no one ("Dear
            # Colleagues", "Volunteer Drivers"), as after a cue before the run (below).
            pass
        else:
            # "Pastor Eunice", "Volunteer Miles Young", "Dear Jenny": a name-like word after it
            run[0].strong = run[0].strong or run[0].weak or cued_name(run[0], lex)
    if (
        len(run) > 2
        and run[1].word == "the"
        and run[0].shape == "title"
        and sentence_start(text, run[0].start)
        and lex.known(run[0].lower)
        and not lex.name_like(run[0].lower)
        and run[0].lower not in GENERIC
    ):
        # A verb that opens a sentence is no part of the name after "the" ("Attends the
        # Sunnyvale day centre", "Phoned the Okonkwo family").
        run = run[2:]
    words = [t.lower.rstrip("'’") for t in run]
    cue = word_cue(text, run[0].start)
    # After a list of names, the next run is one too ("Present: Iris, Violet and Jasmine").
    listed = (
        bool(out)
        and out[-1].kind == "name"
        and LIST_GAP.fullmatch(text[out[-1].end : run[0].start]) is not None
    )
    if cue in _NAME_CUES or listed:
        # Only a listed name or an unknown word: "Dear Colleague", "discussed with Cardiology"
        # stay; "with Hope and Grace", "NOK: Patience Walker" go.
        plain = [
            _plain_after_cue(tok, lex, text) or _dictionary_after(cue, tok, text, lex)
            for tok in run
        ]
        for k, tok in enumerate(run):
            if plain[k] and not _named_beside(run, plain, k):
                # Session 40 (cue40): a plain word or its plural, on no name list, after the
                # cue is the word, not a person ("Presented with Headaches and Seizures",
                # "Summary with Doses and Routes"): its weak mark (a plural the dictionary
                # knows only by its ending) made cued_name read it as a name. Beside a listed
                # or unknown name it still joins that name. The weak mark itself stays: the
                # organisation readings below count it ("with Pioneers", "Kids Help Phone").
                continue
            tok.strong = tok.strong or (tok.shape == "title" and cued_name(tok, lex))
            # Any other capitalised word joins a name next to it ("with Ikechukwu Obi").
            generic = tok.lower in GENERIC or lex.clinical(tok.lower)
            tok.weak = tok.weak or (tok.shape == "title" and not generic)
    soft_named = cue in SOFT_CUES and run[0].strong
    if (cue in _RELATIONS_NAMING or soft_named) and any(t.strong or t.weak for t in run):
        read_names(run, text, lex, out)  # "Her cousin, Rosemary Lane": a person, not a street
        return
    if (
        run[0].word == "The"
        and len(run) > 1
        and not sentence_start(text, run[0].start)
        and word_before(text, run[0].start) in THE_PLACE_CUES
        and all(t.shape in ("title", "caps", "joiner") for t in run[1:])
        and not all(w in GENERIC or lex.clinical(w) for w in words[1:])
    ):
        # A capital "The" inside a sentence opens a proper name: "at The Willows", "near The Red
        # Lion".
        out.append(WordSpan("facility", run[0].start, word_end(run[-1])))
        return
    if words[-1] in FACILITY_HEADS and all(w in GENERIC for w in words):
        return  # "Maternal Fetal Medicine", "the Sleep Clinic": a kind of service, not which one
    place = _residence_place(run, words, text, lex)
    if place is not None:
        out.append(WordSpan("location", place.start, word_end(run[-1])))  # "lives in Little Haven"
        return
    holy = _holy_dedication(words)
    if holy is not None:
        # "on Tuesdays and Holy Trinity": the parish is the run's end, what comes before is read
        # on its own.
        before = run[:holy]
        while before and before[-1].shape == "joiner":
            before = before[:-1]
        if before:
            read_run(before, text, lex, out)
        out.append(WordSpan("facility", run[holy].start, word_end(run[-1])))
        return
    if _organisation(run, words, text, lex):
        described = KIND_AFTER.match(text, word_end(run[-1])) is not None
        first = 1 if described and _opening_verb(run, text, lex) else 0
        out.append(WordSpan("facility", run[first].start, word_end(run[-1])))
        return
    # What the words up to each one say, built once (a per-word rebuild was quadratic on a
    # pathological run of thousands of capitalised words): any distinctive word (no generic
    # facility word) so far, any listed one among them, all of them plain title-case names.
    any_distinctive, any_weak, all_named, any_street_name = [], [], [], []
    seen = weak = street_name = False
    named = True
    for tok, word in zip(run, words, strict=True):
        any_street_name.append(street_name)  # a word before this one names a street
        street_name = street_name or word not in _STREET_KIND_WORDS
        # An initial says nothing of which facility ("vitamin D. Ophthalmology for ...").
        if tok.lower.rstrip("'’") not in GENERIC and tok.shape != "initial":
            seen = True
            weak = weak or tok.weak
            named = named and (
                tok.shape == "title" and not lex.clinical(tok.lower) and tok.lower not in WARD_KINDS
            )
        any_distinctive.append(seen)
        any_weak.append(weak)
        all_named.append(named)
    for i in range(len(run) - 1, 0, -1):
        head = words[i]
        distinctive = any_distinctive[i]
        named_ward = head in WARD_HEADS and run[i].shape == "title" and distinctive and all_named[i]
        if head in WEAK_HEADS and not any_weak[i] and not named_ward:
            continue
        if head in FACILITY_HEADS and distinctive:
            first = 1 if words[0] == "the" and run[0].word != "The" else 0
            last = len(run) - 1 if i + 1 < len(run) and words[i + 1] == "of" else i
            # Department words after the head belong to it ("Hope Hospital Maternity").
            while last + 1 < len(run) and words[last + 1] in _WARD_OR_FACILITY_HEADS:
                last += 1
            end = word_end(run[last])
            # "... Hospital for Wales": a listed place after "for" names which one; so does a
            # name's own phrase after "for" or "on" ("Royal National Hospital for Rheumatic
            # Diseases", "Glasgow Council on Alcohol"), ended by a lower-case word.
            place_for = FOR_PLACE.match(text, end)
            if place_for is not None and fold(place_for.group("p")) in lex.places:
                end = place_for.end()
            elif (named_for := NAMED_FOR.match(text, end)) is not None and _names_on(
                [fold(w) for w in named_for.group("n").split() if w != "and"], lex
            ):
                end = named_for.end()
            out.append(WordSpan("facility", run[first].start, end))
            read_run(run[last + 1 :], text, lex, out)
            return
        # "St" is a street only at the end of a run ("St Mary's" is a saint); a direction after
        # the street word belongs to it ("Main St NW").
        street = head in STREET_WORDS or (head == "st" and i == len(run) - 1)
        if street and any_street_name[i] and run[i].shape == "title":
            direction = DIRECTION_AFTER.match(text, run[i].end)
            end = direction.end() if direction else word_end(run[i])
            out.append(WordSpan("street_address", run[0].start, end))
            read_run(run[i + 1 :], text, lex, out)
            return
        if head in REGIONS and distinctive:
            out.append(WordSpan("county", run[0].start, word_end(run[i])))
            read_run(run[i + 1 :], text, lex, out)
            return
    if words[0] in ("co", "county") and len(run) > 1 and run[1].shape == "title":
        out.append(WordSpan("county", run[0].start, word_end(run[1])))  # "Co. Kerry", "County Cork"
        read_run(run[2:], text, lex, out)
        return
    i = 0
    while i < len(run):
        size = lex.multiword_place([t.word.rstrip("'’") for t in run[i : i + lex.longest_place]])
        if not size and words[i] in PLACE_PREFIXES and i + 1 < len(run):
            size = 2 if not lex.clinical(words[i + 1]) and run[i + 1].shape == "title" else 0
        if size:
            out.append(WordSpan("location", run[i].start, word_end(run[i + size - 1])))
            i += size
            continue
        i += 1
    # A listed place after "in", "from", "near"... is a place even if it is also a word ("in Bath").
    for tok in run:
        if (
            tok.weak
            and tok.lower.rstrip("'’") in lex.places
            and word_before(text, tok.start) in PLACE_CUES
        ):
            tok.strong = True
    read_names(run, text, lex, out)


def _names_which(run: list[Tok], which: list[str], text: str) -> bool:
    """Plain words before the kind of place that name it ("Little Acorns baby group", "Shine
    peer group"), not describe it ("Dementia day centre"); one plain word that opens a sentence
    says nothing by its capital ("Support group on Mondays")."""
    if any(w in DESCRIPTIVE for w in which):
        return False
    return len(run) > 1 or not sentence_start(text, run[0].start)


_VERBS = frozenset(
    {
        "attends", "attended", "attending", "visits", "visited", "goes", "went", "joined",
        "joins", "uses", "used", "enjoys", "likes", "loves", "prefers", "started", "starts",
        "volunteers", "volunteered", "works", "worked", "helps", "helped", "runs", "ran",
    }
)  # fmt: skip


def _opening_verb(run: list[Tok], text: str, lex: Lexicon) -> bool:
    """A verb that opens a sentence before a name ("Attends Little Acorns baby group"): the
    name after it is read without it."""
    return len(run) > 1 and sentence_start(text, run[0].start) and run[0].bare in _VERBS


def _holy_dedication(words: list[str]) -> int | None:
    """Where a church's name without a facility word begins ("Holy Trinity", "Holy Cross"); one
    with a facility word after it is read as a facility anyway ("Holy Cross Primary School")."""
    for i in range(len(words) - 1):
        if words[i] == "holy" and words[i + 1] in HOLY_DEDICATIONS:
            if any(w in FACILITY_HEADS for w in words[i + 2 :]):
                return None
            return i
    return None


# Unions of word lists made once, where they were made again for every word read.
_GENERIC_OR_WARD_KINDS = GENERIC | WARD_KINDS


def _names_on(words: list[str], lex: Lexicon) -> bool:
    """Whether the words after a facility's "for" or "on" go on with its name: no date, title
    or street among them ("on Nov 2", "on Maple St": the date and street are found as such), and
    one word alone no generic, ward or clinical one ("for Surgery review")."""
    if any(w in CALENDAR_WORDS or w in TITLES or w in _STREET_ENDINGS for w in words):
        return False
    if len(words) == 1:
        word = words[0]
        return word not in _GENERIC_OR_WARD_KINDS and not lex.clinical(word)
    return True


def _organisation(run: list[Tok], words: list[str], text: str, lex: Lexicon) -> bool:
    """A whole run that names an organisation by its form or by what introduces it: a foreign
    facility word first ("Clinique Médicale du Vieux-Port"), an ampersand ("Hargreaves & Daughters
    Funeral Home"), "X of <place>" ("Sunrise of Bellevue"), a facility word in lower case after
    it ("Toronto Western fracture clinic"), or an employer, school, church or pharmacy cue before
    it ("His pharmacy is CVS")."""
    if run[0].lower in TITLES:
        return False
    # Speed (session 40): the cue's last word is read first; most runs have none before them.
    reach = max(0, run[0].start - 40)
    end = last_word(text, reach, run[0].start, "(,:")
    cued = (end is None or end in EMPLOYER_CUE_ENDS) and EMPLOYER_CUE.search(
        text[reach : run[0].start]
    ) is not None
    # Right before what kind of place it is, in lower case ("The Laurels (nursing home)", "the
    # Brackenholt food bank"): an unknown word, a place that is no English word or a capital "The"
    # says which one; plain words describe ("a Catholic care home", "Private nursing home", "the
    # Dementia day centre", "Awaiting Fast Track nursing home").
    which = [w for w in words if w not in _GENERIC_OR_WARD_KINDS and not lex.clinical(w)]
    if (
        which
        and KIND_AFTER.match(text, word_end(run[-1]))
        and not _DESCRIBED.search(text, max(0, run[0].start - 8), run[0].start)
        and (
            run[0].word == "The"
            or any(not lex.known(w) or (w in lex.places and w not in lex.english) for w in which)
            or _names_which(run, which, text)
        )
    ):
        return True
    if len(run) < 2:
        # "His pharmacy is CVS", "works at Tesco": even a word that is also an acronym.
        return cued and run[0].shape in ("title", "caps")
    plain = [w for w in words if w not in GENERIC and not lex.clinical(w)]
    if not plain:
        return False
    # "Bank of Tokelau", "Church of Ardnaree"; not a relation of a person ("Mother of Ms
    # Quimby", walk 18: the name is a person's, found by its own rules).
    if "of" in words[1:-1] and words[0] not in RELATIONS:
        after = run[words.index("of", 1) + 1 :]
        if any(t.strong or t.lower in lex.places for t in after):
            return True
    tail = LOWER_HEAD_AFTER.match(text, word_end(run[-1]))
    if tail and any(t.strong or t.lower in lex.places for t in run):
        return True
    first = 1 if words[0] == "the" and len(run) > 2 else 0
    if words[first] in HEAD_FIRST and any(t.weak or t.strong for t in run[first + 1 :]):
        return True
    # Generic words ending in a facility word, then the place or name that says which one
    # ("University Hospital Ballinacourty", "Regional Hospital Mullingar", "General Hospital of
    # Kingston"): the words after the head name the facility.
    for k, word in enumerate(words[: len(words) - 1]):
        if word not in GENERIC:
            break
        if word in FACILITY_HEADS and k > first and word not in WEAK_HEADS:
            rest = [t for t in run[k + 1 :] if t.lower != "of"]
            if rest and (rest[0].strong or rest[0].weak or rest[0].lower in lex.places):
                return True
    if "&" in text[run[0].start : run[-1].end]:
        return True
    return cued


# Round 15: "via" and "reported to" name a service or a force by its initials as "at" and "from"
# do ("student plan via UTSU", "reported to KPD"); its own four letters and the no-known-word test
# keep the tests and routes ("via PICC", "via NGT") out.
_VIA_BEFORE = re.compile(r"\b(?:via|reported[ \t]+to)[ \t]+\Z")
# Session 43 (dev39): a facility's word that is a scale's qualifier ("Rivermead Mobility Index",
# "de Morton Mobility Index", "Nottingham Health Profile", "Tinetti Performance Oriented
# Mobility Assessment"): a capitalised head of a scale right after it makes the words a scale's,
# and an eponym the rules protected stays protected. No organisation's name ends so.
_SCALE_AFTER_FACILITY_WORD = re.compile(
    r"[ \t]+(?:Index|Scale|Score|Assessment|Profile|Questionnaire|Inventory|Measure|Battery)\b"
)


def organisation_acronyms(tokens: list[Tok], text: str, lex: Lexicon) -> list[Tok]:
    """Acronyms and product-like words read as lower case (see word_shape) that name an
    organisation: before a facility word they join its name; an acronym of four or more letters
    that is no known word is the organisation itself after "at" or "from", or before a place
    ("AIIMS New Delhi"). Returns the tokens that are identifiers on their own."""
    alone: list[Tok] = []
    for i, tok in enumerate(tokens):
        if tok.shape not in ("lower", "caps") or not tok.lower or not tok.word[0].isupper():
            continue
        word = tok.word.rstrip("'’")
        if lex.known(fold(word)) or lex.clinical(fold(word)):
            continue
        if "-" in word and abbreviations_joined(word, lex):
            continue  # "EBUS-TBNA", "PET-CT": a test of abbreviations, no organisation
        ahead = FACILITY_AHEAD.match(text, tok.end)
        if ahead and not _SCALE_AFTER_FACILITY_WORD.match(text, ahead.end()):
            tok.shape = "caps" if word.isupper() else "title"
            continue
        # Four letters at least: three-letter ones after "at" or "from" are mostly wards and
        # tests the abbreviation list lacks ("from HDU", "at OPD"; tried in round 8 and dropped).
        if not word.isupper() or len(word) < 4:
            continue
        after = tokens[i + 1 : i + 4]
        place_after = (
            bool(after)
            and text[tok.end : after[0].start] in (" ", ", ")
            and (lex.multiword_place([t.word for t in after]) > 0 or after[0].lower in lex.places)
        )
        before = text[max(0, tok.start - 14) : tok.start]
        via = word.isalpha() and _VIA_BEFORE.search(before) is not None  # not "via ACL-RSI"
        if place_after or AT_BEFORE.search(before) or via:
            tok.shape = "caps"
            alone.append(tok)
    return alone
