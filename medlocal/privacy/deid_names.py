"""Names of people in the word scan: the cue before a run (a title, a relation, a soft cue),
the names a run holds, given names before surnames, and given names listed before a found name.
"""

from __future__ import annotations

import itertools
import re

from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_lexicon import Lexicon, lexicon
from medlocal.privacy.deid_people_words import (
    COLON_ROLES,
    FUNCTION_CUES,
    PARTICLES,
    RELATION_AFTER,
    RELATIONS,
    ROLE_AFTER,
    ROLE_QUALIFIERS,
    ROLES,
    SIGN_OFF,
    SOFT_CUES,
    TITLES,
)
from medlocal.privacy.deid_place_words import (
    GENERIC,
    PLACE_CUES,
    PLACE_PREFIXES,
    REGIONS,
    STREET_WORDS,
)
from medlocal.privacy.deid_role_terms import mixed_case_relation
from medlocal.privacy.deid_run_cuts import cut_run
from medlocal.privacy.deid_tokens import Tok, WordSpan, sentence_verb, word_before, word_end

# The word before a position, with what may stand between it and a name (a period, a colon, a
# bracket, "is"). Anchored at a word's start: the leftmost match always starts there, and the
# engine skips the positions inside words.
_CUE_WORD = re.compile(
    r"(?<![\w'’-])([\w'’-]+)(\.?)([,:(]?)[ \t]*[(]?[ \t]*(?:is[ \t]+|was[ \t]+)?\Z"
)


# Unions of word lists made once, where they were made again for every word read.
_RELATIONS_NAMING = RELATIONS - FUNCTION_CUES
_SOFT_OR_COLON_CUES = SOFT_CUES | COLON_ROLES
_ROLE_WORDS = ROLES | COLON_ROLES
# Possessive words that are also listed surnames ("Her" is a Hmong surname): before a role or a
# relation they are the pronoun ("Her GP", "Their doctor", "his daughter"), never a name.
_POSSESSIVES = frozenset({"her", "his", "their", "our", "my", "your", "its"})


_AFTER_NUMBER = re.compile(r"\d[ \t]?\Z")


# The window's last two words with what stands between and after them, read on the window
# written backwards (see _last_two_words).
_LAST_TWO_WORDS_BACKWARDS = re.compile(r"[^\w'’-]*(?:[\w'’-]+[^\w'’-]*){0,2}")


def _last_two_words(before: str) -> int:
    """Where the search for _CUE_WORD in ``before`` may begin: a match opens a run of word
    characters and holds at most one run after it ("is" or "was"), so it opens one of the last
    two. Speed (session 40): the search from the window's start tried each word's every
    letter (4 of its 10 ms a redaction of the 20-page record saved)."""
    backwards = _LAST_TWO_WORDS_BACKWARDS.match(before[::-1])  # always: it may match nothing
    return len(before) - (backwards.end() if backwards is not None else 0)


# The word right before another, across blanks.
_QUALIFIER_BEFORE = re.compile(r"(?<![\w'’-])([A-Za-z]+)[ \t]+\Z")


def nursing_sister(text: str, start: int) -> bool:
    """Whether "Sister" at ``start`` follows a word that grades or places a role ("Ward
    Sister", "Theatre Sister", "Senior Sister"): a nurse's grade there, not a relation."""
    match = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    return match is not None and match.group(1).lower() in ROLE_QUALIFIERS


# Speed (session 49): the cue before a capitalised run is asked again by each later reading of
# the run (3,100 asks at 1,870 places of a 20-page record). The answers for the one text read
# last are kept with the text itself (held, so its identity is never another text's) until
# forget_cues(), which every preview calls when done: no patient's text is kept after it.
_CUES_OF: tuple[str, dict[int, str]] | None = None


def word_cue(text: str, start: int) -> str:
    """The cue word right before ``start`` ("his daughter Grace", "Dr. Frost", "Chaperone:
    Heather Wood", "family (Amelia"), or "" where there is none. A period ends a sentence after
    any word but a title ("...with his mother. Device check" is no cue; "Dr. Frost" is)."""
    global _CUES_OF
    known = _CUES_OF  # read once: another thread may put its own text there meanwhile
    if known is None or known[0] is not text:
        known = _CUES_OF = (text, {})
    cue = known[1].get(start)
    if cue is None:
        cue = known[1][start] = _word_cue(text, start)
    return cue


def forget_cues() -> None:
    """Drop the cues kept for the text read last (see word_cue)."""
    global _CUES_OF
    _CUES_OF = None


def _word_cue(text: str, start: int) -> str:
    before = text[max(0, start - 30) : start]
    sign_off = SIGN_OFF.search(before) if "\n" in before else None
    if sign_off is not None:
        return sign_off.group(1).lower()  # "Kind regards,\nJane Frost"
    match = _CUE_WORD.search(before, _last_two_words(before))
    if match is None or match.end(1) == len(before):
        return ""
    written = match.group(1)
    if mixed_case_relation(written):
        return ""  # "MoM, CPR 1.6": multiples of the median, no mother (session 52)
    word = written.lower().removeprefix("ex-")  # "ex-partner Rose", "ex-husband Rich"
    tail = word.rsplit("-", 1)[-1]
    if word not in RELATIONS and tail in _RELATIONS_NAMING:
        word = tail  # "half-siblings Ruby-Lee and Kai", "step-dad Gary", "great-grandson Jack"
    if word == "sister" and nursing_sister(before, match.start(1)):
        # Session 40 (cue40): "Ward Sister", "Theatre Sister" is a nurse's grade, read as the
        # role it is: "Ward Sister, Ward 7" named "Ward" as the sister's name.
        word = "nurse"
    if match.group(2) and word not in TITLES:
        return ""
    if word in TITLES and match.group(3) == ",":
        return ""  # "0.4 ms, R-wave 14.8 mV": a unit, not "Ms"; a title takes no comma
    if (
        word in TITLES
        and match.group(1).islower()
        and _AFTER_NUMBER.search(before, 0, match.start(1))
    ):
        return ""  # walk 24: "QRS 142 ms (RBBB)", "PR 188 ms. QRS": a unit after its value
    if (
        word in TITLES
        and match.group(1).isupper()
        and len(word) > 1
        and _plain_word_at(text, start)
    ):
        return ""  # "MR Brain", "MS Lesions": a scan's capitals before a plain word, not "Mr"
    # A relation with a colon heads a family history ("Mother: Breast Cancer at 50"), not a
    # name; the soft cues take one ("Chaperone: Heather Wood").
    # A role takes one as well ("Scribe: Amber L.", "Pharmacist: Grant").
    # Round 16: so does a signing field's "by" ("Reviewed by: Rose Walker", "Dispensed by:").
    if match.group(3) in (":", "(") and word not in _SOFT_OR_COLON_CUES and word != "by":
        return ""
    return word


_WORD_AT = re.compile(r"[A-Za-z][a-z]+\b")


def _plain_word_at(text: str, start: int) -> bool:
    """Whether a dictionary or clinical word starts at ``start`` ("Brain", "Spine")."""
    match = _WORD_AT.match(text, start)
    if match is None:
        return False
    lex = lexicon()
    lower = match.group().lower()
    return lex.known(lower) and (lower in lex.english or not lex.name_like(lower))


def _cue_before(text: str, start: int) -> bool:
    """A title or a relation before ``start``: every capitalised word after it is a name.
    Function words ("with", "by") are soft cues instead (see read_run)."""
    word = word_cue(text, start)
    return word in TITLES or word in _RELATIONS_NAMING


# Plural endings and what each leaves of its singular ("Headaches": "headache", "Arteries":
# "artery", "Drugs": "drug").
_PLURAL_ENDINGS = (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""))


def plain_word(lower: str, lex: Lexicon) -> bool:
    """Session 40 (cue40): a dictionary or clinical word, or the plural of one, that no name or
    place list holds ("Headaches", "Doses", "Drugs"; not "Hope", "Banks", "Wells"). The
    plural is read by its singular because the dictionary holds singulars: a plural it knows
    only by its ending was marked weak by ``classify`` like an unlisted name, and after a
    function cue ("with Headaches and Seizures") it was read as one."""
    if lex.name_like(lower) or lower in lex.places:
        return False
    if lower in lex.english or lex.clinical(lower):
        return True
    for ending, base in _PLURAL_ENDINGS:
        stem = lower[: -len(ending)] + base
        if (
            lower.endswith(ending)
            and len(stem) >= 3
            and (stem in lex.english or lex.clinical(stem))
        ):
            return True
    return False


def cued_name(tok: Tok, lex: Lexicon) -> bool:
    """After a soft cue: a listed name (even one that is also a clinical word, "Walker"), or a
    word that is no dictionary or clinical word (even one that looks like a word by its ending,
    "Lindqvist")."""
    lower = tok.bare
    parts = [part for part in lower.split("-") if part]
    if (
        len(parts) > 1
        and not tok.strong
        and all(lex.known(part) and not lex.name_like(part) for part in parts)
    ):
        # Walk 19: "with Community-acquired pneumonia": plain words joined by a hyphen are a
        # compound, not a name ("Smith-Jones", "Anne-Marie" hold a listed name).
        return False
    if lower in _ROLE_WORDS and not lex.name_like(lower):
        # Round 18: a role the dictionary lacks is the field's value, not a person ("FAO:
        # Discharge Coordinator", "Physio: Keyworker"); "Nurse Porter" is still named.
        return False
    if tok.weak or tok.strong or lex.name_like(lower):
        return True
    return (
        lower not in lex.english
        and not lex.clinical(lower)
        and not lex.inflected(lower)
        # Walk 25: a clinical word of another language ("Dra. Ana Souza, Endocrinologista").
        and not lex.foreign_clinical(lower)
    )


def read_names(run: list[Tok], text: str, lex: Lexicon, out: list[WordSpan]) -> None:
    """Names in a run: cued words, then listed names and initials next to an identifier."""
    if _plain_field_value(run, text, lex) or _graded_condition(run, text, lex):
        return
    if _cue_before(text, run[0].start) or (
        any(t.weak and t.lower not in _POSSESSIVES and not _verb_form(t, lex) for t in run)
        and (
            ROLE_AFTER.match(text, word_end(run[-1])) is not None
            or RELATION_AFTER.match(text, word_end(run[-1])) is not None
        )
    ):
        for tok in run:
            # A cue makes a listed name a name even where it is also a clinical word ("Faith
            # Walker, social worker").
            if tok.shape in ("title", "caps") and (
                not lex.clinical(tok.lower) or lex.name_like(tok.lower)
            ):
                tok.weak = tok.lower not in TITLES
        if any(t.weak for t in run):
            # The first word of the name, past its initials ("K. Moss, CDCES").
            first = next((t for t in run if t.shape != "initial"), run[0])
            first.strong = first.strong or first.weak
            for k in range(2, len(run)):  # "with Hope and Grace": each name after "and"
                if run[k - 1].lower == "and":
                    run[k].strong = run[k].strong or run[k].weak
    # Absorb listed names and initials next to an identifier, until nothing changes.
    changed = True
    while changed:
        changed = False
        for i, tok in enumerate(run):
            if tok.strong:
                continue
            near = [run[j] for j in (i - 1, i + 1) if 0 <= j < len(run)]
            if any(n.strong for n in near) and (tok.weak or tok.shape == "initial"):
                tok.strong = changed = True
            elif tok.shape == "joiner" and tok.lower in PARTICLES and _particle_joins(run, i):
                tok.strong = changed = True  # "Ana van der Merwe", "Maria de la Cruz"
    i = 0
    while i < len(run):
        if not run[i].strong:
            i += 1
            continue
        j = i
        while j + 1 < len(run) and run[j + 1].strong:
            j += 1
        i += role_prefix(run[i : j + 1], lex)
        kind = _name_or_place(run[i : j + 1], text, lex)
        out.append(WordSpan(kind, run[i].start, word_end(run[j])))
        i = j + 1


# A number or a class letter after a word: a type, stage or class ("Type 2", "Child-Pugh B").
_GRADE_AFTER = re.compile(r"[ \t]+(?:\d{1,2}\b|[A-D]\b|I{1,3}\b|IV\b)")


def _graded_condition(run: list[Tok], text: str, lex: Lexicon) -> bool:
    """Session 59 (review59d): a relation word before a plain word that a number or a class
    letter follows names the relative's condition in a family history ("Wife Type 2 DM",
    "Father Type 1 diabetes", "Mother Child-Pugh B cirrhosis"), not the relative: "Type" was
    removed as a name. A word on a name list stays a name ("Wife Hope 2 kids", "Son Jack 3")."""
    first = run[0]
    return (
        len(run) == 1
        and word_cue(text, first.start) in _RELATIONS_NAMING
        and plain_word(first.lower, lex)
        and _GRADE_AFTER.match(text, word_end(first)) is not None
    )


def _plain_field_value(run: list[Tok], text: str, lex: Lexicon) -> bool:
    """Round 18: after a role's field label ("OT:", "Physio:", "SALT:"), dictionary words whose
    last is on no name list are the field's note, not a person ("OT: Kitchen Assessment",
    "Physio: Review Monday"); "OT: Bryony Kettle" ends in a listed surname and is read."""
    at = run[0].start
    while at and text[at - 1] in " \t":  # step back over the blanks, not a copy of the text
        at -= 1
    if text[at - 1 : at] != ":":
        return False
    if any(t.lower not in lex.english for t in run) or lex.name_like(run[-1].lower):
        return False
    return word_cue(text, run[0].start) in COLON_ROLES


def role_prefix(toks: list[Tok], lex: Lexicon) -> int:
    """Round 17: how many words at the head of ``toks`` are a role, never part of the name
    after it ("Senior Nurse Mbeki", "Staff Nurse Ola", "Consultant Surgeon Reyes"): grading
    words up to a role word, then more role words on no name list. A role word that is also a
    listed name ("Porter", "Nurse") counts only after a grading word ("and Porter Hale" may be
    Mr Porter Hale), and the last word is never the role's (0 where no word would be left)."""
    i = 0
    while i < len(toks) - 1 and toks[i].lower in ROLE_QUALIFIERS:
        i += 1
    head = toks[i].lower
    if i >= len(toks) - 1 or head not in ROLES or (i == 0 and lex.name_like(head)):
        return 0
    i += 1
    while i < len(toks) - 1 and toks[i].lower in ROLES and not lex.name_like(toks[i].lower):
        i += 1
    return i


def split_at_roles(run: list[Tok], lex: Lexicon) -> list[list[Tok]]:
    """Round 18: ``run`` cut where "and" (or "&", "/") comes before a role that a name follows:
    "Dr Okonkwo and Senior Staff Nurse Mbeki" is two people, and the role between them stays in
    view (it was read as one name over the role). Walk 21: a job title alone is dropped, and a
    run that holds an opening verb or two organisations is cut (deid_run_cuts)."""
    return [part for cut in cut_run(run, lex) for part in _split_at_roles(cut, lex)]


def _split_at_roles(run: list[Tok], lex: Lexicon) -> list[list[Tok]]:
    title_end = _job_title_end(run, lex)
    if title_end:
        # Round 18 (walk 21): a job title of a grade, a specialty and a role ("Consultant Old
        # Age Psychiatrist", "Consultant Paediatric Surgeon") names no one; a title after it
        # opens its own run ("... Psychiatrist Dr Hale").
        rest = run[title_end:]
        return _split_at_roles(rest, lex) if rest else []
    parts: list[list[Tok]] = []
    start = 0
    for j in range(1, len(run) - 2):
        if run[j].lower in _LIST_JOINERS and j > start and role_prefix(run[j + 1 :], lex) > 0:
            parts.append(run[start:j])
            start = j + 1
    return [*parts, run[start:]] if parts else [run]


# What joins two people in a list; "the" and "of" join the words of one name ("St Joseph the
# Worker Parish").
_LIST_JOINERS = frozenset({"and", "&", "/"})


# The endings of a specialist's or a specialty's word ("geriatrician", "psychiatrist",
# "neurology"): with a dictionary word before them, the head of a job title.
_SPECIALIST_ENDINGS = ("ist", "ician", "iatry", "iatrics", "ology", "medicine", "surgery")
_ROLE_HEADS = _ROLE_WORDS | ROLE_QUALIFIERS


def _job_title_end(run: list[Tok], lex: Lexicon) -> int:
    """Where a job title that opens ``run`` ends (0 where none does): a role or grading word,
    dictionary words, then a role or specialist's word that ends the run or comes before a
    title ("Consultant Old Age Psychiatrist", "Senior Clinical Fellow Dr Amara")."""
    if len(run) < 2 or run[0].lower not in _ROLE_HEADS or lex.name_like(run[0].lower):
        return 0
    end = 0
    for k in range(1, len(run)):
        tok = run[k]
        lower = tok.lower
        if tok.shape not in ("title", "caps") or not lex.known(lower):
            break
        if lower in lex.given_names and lower not in lex.english:
            break  # "Consultant Amos ...": a given name, the person
        if lex.name_like(lower):
            continue  # "Nurse Porter", "Nurse Baptist": the role word may be the surname
        if lower in _ROLE_WORDS or lower.endswith(_SPECIALIST_ENDINGS):
            end = k + 1
    if end == 0 or (end < len(run) and run[end].lower not in TITLES):
        return 0
    return end


def _verb_form(tok: Tok, lex: Lexicon) -> bool:
    """A verb's "-ing" or "-ed" form on no name list ("Referring clinician:", "Attending
    physician:"): walk 19 read it as a name before the role after it."""
    return (
        tok.lower.endswith(("ing", "ed")) and lex.known(tok.lower) and not lex.name_like(tok.lower)
    )


def _particle_joins(run: list[Tok], i: int) -> bool:
    """A lower-case particle inside a name: a name word after it, and one before it (past any
    other particles: "van der"). One side must be a found name, the other at least listed ("son
    Pieter van der Berg": Berg is an English word, but on the surname list)."""
    if i + 1 >= len(run) or not (run[i + 1].strong or run[i + 1].weak):
        return False
    k = i - 1
    while k >= 0 and run[k].shape == "joiner" and run[k].lower in PARTICLES:
        k -= 1
    if k < 0:
        return False
    before, after = run[k], run[i + 1]
    return (before.strong and after.weak) or (after.strong and (before.weak or before.strong))


def _name_or_place(toks: list[Tok], text: str, lex: Lexicon) -> str:
    phrase = " ".join(t.lower.rstrip("'’") for t in toks)
    cue = word_before(text, toks[0].start)
    if phrase in lex.places and (cue in PLACE_CUES or not lex.name_like(phrase)):
        return "location"
    return "name"


# Unions of word lists made once, where they were made again for every word read.
_GENERIC_OR_TITLES = GENERIC | TITLES


def names_before_names(text: str, tokens: list[Tok], found: list[WordSpan], lex: Lexicon) -> None:
    """A listed given name right before a found name and "and", a comma or "&" is a name too,
    even at the start of a sentence or where it is also a word ("Bill and Frank came in",
    "Rose, Ivy and Jack"). Read from the last name back, so a list is taken whole."""
    names = sorted((s for s in found if s.kind == "name"), key=lambda s: s.start, reverse=True)
    by_end = {tok.end: tok for tok in tokens}
    starts = {s.start for s in found}
    for span in names:
        while True:
            gap = _GAP_BEFORE.search(text, max(0, span.start - 8), span.start)
            if gap is None:
                break
            tok = by_end.get(gap.start())
            if (
                tok is None
                or tok.shape != "title"
                or tok.start in starts
                or tok.lower.rstrip("'’") not in lex.given_names
                or lex.clinical(tok.lower)
                or tok.lower in _GENERIC_OR_TITLES
            ):
                break
            span = WordSpan("name", tok.start, tok.end)
            found.append(span)
            starts.add(tok.start)
    found.sort(key=lambda s: (s.start, s.end))


_GAP_BEFORE = re.compile(r"(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*)\Z")


# Unions of word lists made once, where they were made again for every word read.
_PLACE_LAST_WORDS = GENERIC | STREET_WORDS | REGIONS | EPONYM_HEADS | PLACE_PREFIXES
_PLACE_FIRST_WORDS = GENERIC | PLACE_PREFIXES


def given_and_surname(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """A listed given name right before a listed surname is a person even where both are also
    English words and no cue stands before them ("RN in charge Jasmine Ko", "Will Major")."""
    for left, right in itertools.pairwise(tokens):
        if left.shape != "title" or right.shape != "title" or (left.strong and right.strong):
            continue
        if text[left.end : right.start] != " ":
            continue
        first, last = left.lower.rstrip("'’"), right.lower.rstrip("'’").removesuffix("'s")
        if first not in lex.given_names or not lex.name_like(last):
            continue
        if lex.clinical(first) or lex.clinical(last) or first in TITLES:
            continue
        if last in _PLACE_LAST_WORDS:
            continue
        if first in _PLACE_FIRST_WORDS:
            continue
        if sentence_verb(first, text, left.start, lex):
            right.strong = True  # "See Grace in clinic": the verb is no part of the name
            continue
        left.strong = right.strong = True
