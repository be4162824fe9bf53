"""Where a run of capitalised words holds more than one thing to read (round 18, walk 21).

A sentence's first word is capitalised, and "and the" or "of the" join capitalised words into
one run, so the word scan read the verb or the membership before an organisation, and two
organisations side by side, as one facility:

* a verb of going or belonging that opens the run ("Attended Harwick Community College",
  "Joined Tolworth Rowing Club") is no part of the name after it;
* a member's or an office holder's word before "of the" ("Member of the Tolworth Rowing
  Club", "Treasurer of the Bowls Society") is who the person is, not the club's name ("Friends
  of the Earth" and "University of Leeds" keep their "of");
* "and" between two organisations, each with its own head word, is two of them ("the Tolworth
  Rowing Club and the Mothers' Union"); "Chelsea and Westminster Hospital" (no head before
  "and") and "Club and Institute" (no name of its own after it) stay one;
* a service named only by what it treats ("Arrhythmia Clinic", "Anticoagulation Service",
  "Heart Failure Team") is a kind of clinic every hospital has, not which one: clinical words
  and words of a place's kind before a service's head word leave no run to read.

Each cut looks at the run's words once; the run's reading (deid_places.read_run) is unchanged.
"""

from __future__ import annotations

from medlocal.privacy.deid_lexicon import Lexicon
from medlocal.privacy.deid_people_words import ROLES
from medlocal.privacy.deid_place_words import FACILITY_HEADS, GENERIC, STRONG_HEADS, WARD_KINDS
from medlocal.privacy.deid_tokens import Tok

# Verbs that open a sentence about where someone goes, went or belongs: before an
# organisation's name, never the first word of it. Public: the tagger's piece left over beside a
# found name ("[Attended] Harwick Community College") is one of these as well, for the tagger's
# reading to keep.
OPENING_VERBS = frozenset(
    {
        "attends", "attended", "attending", "visits", "visited", "joined", "joins", "rejoined",
        "enjoys", "likes", "loves", "volunteers", "volunteered", "works", "worked", "studied",
        "studies", "teaches", "taught", "supports", "supported", "left", "quit", "leaves",
    }
)  # fmt: skip
# Who a person is in an organisation, written before "of the" ("Member of the ...").
_MEMBERS = ROLES | frozenset(
    {
        "member", "members", "chair", "chairman", "chairwoman", "chairperson", "treasurer",
        "president", "trustee", "governor", "patron", "founder", "captain", "employee",
        "parishioner", "ex-member", "life-member", "organiser", "organizer", "leader",
    }
)  # fmt: skip
# The head words of a hospital's service (a hospital's own name is "Heart Hospital" too).
_SERVICE_HEADS = frozenset(
    {
        "clinic", "clinics", "service", "services", "unit", "team", "teams", "department",
        "dept", "ward", "lab", "laboratory", "programme", "program", "centre", "center",
    }
)  # fmt: skip


def cut_run(run: list[Tok], lex: Lexicon) -> list[list[Tok]]:
    """``run`` as the runs it holds: an opening verb or membership dropped, two organisations
    joined by "and" apart, a kind of service left out (see the module's docstring). One pass
    over the words: a run of thousands of them costs no more than reading them."""
    start = _name_start(run, lex)
    parts: list[list[Tok]] = []
    begin = start
    named = False  # a word before this one, since the part's start, is no kind word
    for j in range(start, len(run) - 1):
        word = run[j].lower.rstrip("'’")
        if (
            word == "and"
            and named
            and j - begin >= 2
            and run[j - 1].lower.rstrip("'’") in STRONG_HEADS
            and run[j - 1].shape == "title"  # a heading in capitals stays whole (and kept)
            and _names_one(run, j + 1)
        ):
            parts.append(run[begin:j])
            begin, named = j + 1, False
            continue
        named = named or word not in GENERIC
    parts.append(run[begin:])
    return [part for part in parts if not _service_kind(part, lex)]


def _name_start(run: list[Tok], lex: Lexicon) -> int:
    """How many words open ``run`` before the organisation it names: an opening verb, or a
    member's word and its "of the" ("Member of the"); 0 where the run has no head word after
    them."""
    if len(run) < 2 or run[0].shape != "title":
        return 0
    first = run[0].lower
    if first in OPENING_VERBS and not lex.name_like(first):
        skip = 1
    elif (
        first in _MEMBERS
        and len(run) > 3
        and run[1].lower == "of"
        and run[2].lower == "the"
        and not lex.name_like(first)
    ):
        skip = 3
    else:
        return 0
    rest = run[skip:]
    if len(rest) < 2 or rest[0].shape not in ("title", "caps"):
        return 0
    if not any(t.lower.rstrip("'’") in FACILITY_HEADS for t in rest[1:]):
        return 0
    return skip


def _names_one(run: list[Tok], start: int) -> bool:
    """Whether the words of ``run`` from ``start`` name an organisation of their own: "the" or
    a word that is no head word first, and a head word last ("the Mothers' Union", "Tolworth
    Bowls Club")."""
    if len(run) - start < 2 or run[-1].lower.rstrip("'’") not in FACILITY_HEADS:
        return False
    first = run[start]
    if run[-1].shape != "title":
        return False
    if first.lower == "the":
        return len(run) - start > 2 or run[start + 1].lower.rstrip("'’") not in GENERIC
    return first.lower not in GENERIC and first.shape in ("title", "caps")


def _service_kind(run: list[Tok], lex: Lexicon) -> bool:
    """Whether ``run`` is a service named only by what it treats ("Arrhythmia Clinic", "Lipid
    Clinic"): a service's head word last, before it words of a place's kind and at least one
    word of the clinical lists. Words that also spell out abbreviations ("Eastern", "Sports",
    "Total") and capitals ("RCT": a council's initials as often) may name which one."""
    if len(run) < 2 or run[-1].lower not in _SERVICE_HEADS:
        return False
    clinical = False
    for tok in run[:-1]:
        bare = tok.bare
        if tok.shape != "title":
            return False
        if _treated(bare, lex):
            clinical = True
        elif bare not in GENERIC and bare not in WARD_KINDS:
            return False
    return clinical


# Endings of the words for what a clinic treats or tests ("arrhythmia", "lipid", "colitis").
_CLINICAL_ENDS = ("ia", "osis", "itis", "id", "ic", "al", "ure", "ism", "ion", "ology", "ma")


def _treated(word: str, lex: Lexicon) -> bool:
    """A word of the clinical lists that reads as what a clinic treats: a dictionary word or
    one with a clinical ending, no name or place (the clinical lists hold "Texas" too)."""
    return (
        lex.clinical(word)
        and (word in lex.english or word.endswith(_CLINICAL_ENDS))
        and not lex.name_like(word)
        and word not in lex.places
    )
