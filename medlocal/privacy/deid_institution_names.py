"""An institution named only by words that say what it is, where the note fixes which one
(issue 16, session 55: deid55a).

"UNIVERSITY TEACHING HOSPITAL, LUSAKA", "University Hospital of the West Indies", "National
University Hospital" on a letterhead: every word of such a name is a kind's word (university,
teaching, national, general, hospital), so the word scan reads it as a kind, not a name ("the
Sleep Clinic", "Nursing Home" stay, `deid_place_words.GENERIC`), and a name with nothing found
in it is no letterhead to `deid_first_line`. The note itself says it is one institution's name
in two places:

* **the letterhead**: the run opens one of the note's first lines (the organisation that wrote
  it), ends on an institution's head word (hospital, infirmary, hospice, polyclinic, institute,
  university, college, medical or health centre) and then the line ends or goes on after a
  separator (a comma, a dash, a bar, a colon, a bracket: "..., LUSAKA - HIV CLINIC");
* **its place**: anywhere, the same run right before a found place ("General Hospital, [Kitwe]").

A head's "of" and the capitalised words after it belong to the name ("University Hospital of
the West Indies", "Hospital of the University of Pennsylvania").

Stays: a department or service written the same way ("EMERGENCY DEPARTMENT", "Occupational
Health Service", "Respiratory Clinic": no institution head, or a clinic), a run whose words
before the head are all kinds of ward or care or clinical words ("Day Hospital", "Eye Hospital",
"Cancer Centre", "General Hospital" alone), a run that goes on in words after its head ("HOSPITAL
DISCHARGE SUMMARY"), one word alone ("HOSPITAL").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_place_words import WARD_KINDS
from medlocal.privacy.deid_spans import Redaction, label

# The heads that make an institution (a place of its own), not a department or a service.
_HEADS = frozenset(
    {
        "hospital", "hospitals", "infirmary", "hospice", "polyclinic", "institute",
        "university", "college", "sanatorium",
    }
)  # fmt: skip
# "Centre" and "Center" name an institution only after these ("Medical Centre", "Health
# Center"); "Cancer Centre", "Sleep Centre" and "Trauma Center" are services.
_CENTRES = frozenset({"centre", "center"})
_CENTRE_KINDS = frozenset({"medical", "health"})
_JOINERS = frozenset({"of", "the", "and", "&", "for"})
# Words before a head that say only which service or kind it is: a ward's kind ("Day", "Acute",
# "Maternity"), and the care words a ward list does not hold.
_KIND_WORDS = WARD_KINDS | frozenset(
    {
        "eye", "ear", "dental", "mental", "cottage", "community", "district", "teaching",
        "children's", "childrens", "women's", "womens", "university", "national", "city",
        "county", "state", "regional", "central", "royal", "public", "private", "base",
        "referral", "specialist", "military", "army", "veterans", "memorial",
    }
)  # fmt: skip
# The kinds of care or ward before a head: with nothing else they name a service of the
# hospital the note is written in ("Day Hospital", "Eye Hospital", "Women's Hospital").
_SERVICES = WARD_KINDS | frozenset(
    {"eye", "ear", "dental", "mental", "cottage", "children's", "childrens", "women's", "womens"}
)  # fmt: skip
# A capitalised run: Title Case or capitals, joined by "of", "the", "and", "&", "for".
_RUN = re.compile(
    r"(?:[A-Z][A-Za-z'’.-]*)(?:[ \t]+(?:[A-Z][A-Za-z'’.-]*|of|the|and|&|for|OF|THE|AND|FOR))*"
)
# What may end a letterhead's name: the line's end or a separator.
_SEPARATOR = re.compile(r"[ \t]*(?:$|[,:|(/–—]|-[ \t])", re.M)
# A found place right after the name, past a comma or a dash ("..., [Lusaka]").
_PLACE_GAP = re.compile(r"[ \t]*(?:,|[-–—])[ \t]*")
_PLACE_KINDS = frozenset({"city", "location", "county", "street_address", "zip_code"})
_FIRST_LINES = 3  # a letterhead's lines: the organisation, its department, its address


def _head_at(words: list[str], i: int) -> bool:
    lower = fold(words[i].rstrip("."))
    if lower in _HEADS:
        return True
    return lower in _CENTRES and i > 0 and fold(words[i - 1]) in _CENTRE_KINDS


def _name_end(words: list[str]) -> int:
    """How many words of a run make the institution's name, or 0: up to its last head, with
    the head's "of" and what follows it when the run ends there."""
    for i in range(len(words) - 1, -1, -1):
        if not _head_at(words, i):
            continue
        rest = words[i + 1 :]
        if (
            len(rest) > 1
            and fold(rest[0]) == "of"
            and all(w[0].isupper() or fold(w) in _JOINERS for w in rest)
        ):
            return len(words)
        return i + 1
    return 0


def _kinds_only(words: list[str], lex: Lexicon) -> bool:
    """Every word before the head is a kind's word or a clinical one ("Day Hospital")."""
    for i, word in enumerate(words):
        lower = fold(word.rstrip("."))
        if lower in _JOINERS or _head_at(words, i):
            continue
        if lower in _KIND_WORDS or lex.clinical(lower) or clinical_abbreviation(word):
            continue
        return False
    return True


def _letterhead_lines(text: str) -> Iterator[tuple[int, int]]:
    """The note's first lines that hold words, as (start, end)."""
    pos = 0
    seen = 0
    while pos < len(text) and seen < _FIRST_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            seen += 1
            yield pos, end
        pos = end + 1


def _candidate(text: str, run: re.Match[str], lex: Lexicon) -> tuple[int, int] | None:
    words = run.group().split()
    n = _name_end(words)
    if n < 2:
        return None
    name = words[:n]
    # A run's name ends where its words do: count the characters of the first n words.
    end = run.start()
    for word in name:
        end = text.index(word, end) + len(word)
    # The name's own words are those up to its first head: what follows "of" is who or where.
    own = next((i for i in range(1, n) if fold(name[i]) == "of" and _head_at(name, i - 1)), n)
    head = max(i for i in range(own) if _head_at(name, i))
    if not _kinds_only(name[:own], lex):
        return None  # a proper name beside the kinds: the word scan's, not this pass's
    before = [w for w in name[:head] if fold(w) not in _JOINERS]
    if not before and own == n:
        return None  # the head alone ("HOSPITAL")
    if before and all(fold(w.rstrip(".")) in _SERVICES for w in before) and own == n:
        return None  # "Day Hospital", "General Hospital", "Eye Hospital", "Acute Medical Centre"
    return run.start(), end


def institution_name_spans(
    text: str, spans: Iterable[Redaction], lex: Lexicon
) -> Iterator[Redaction]:
    """Institutions named by kinds' words on a letterhead or before a found place."""
    places = sorted(r.start for r in spans if r.kind in _PLACE_KINDS)
    taken: set[int] = set()
    for line_start, line_end in _letterhead_lines(text):
        lead = len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip())
        run = _RUN.match(text, line_start + lead, line_end)
        if run is None:
            continue
        found = _candidate(text, run, lex)
        if found is None or not _SEPARATOR.match(text, found[1]):
            continue
        taken.add(found[0])
        yield _facility(text, found)
    if not places:
        return
    place_starts = set(places)
    for run in _RUN.finditer(text):
        if run.start() in taken or not _any_head(run.group()):
            continue
        found = _candidate(text, run, lex)
        if found is None:
            continue
        gap = _PLACE_GAP.match(text, found[1])
        if gap is None or gap.end() not in place_starts:
            continue
        yield _facility(text, found)


def _facility(text: str, span: tuple[int, int]) -> Redaction:
    start, end = span
    return Redaction("facility", start, end, text[start:end], label("facility"))


def _any_head(run: str) -> bool:
    words = run.split()
    return any(_head_at(words, i) for i in range(len(words)))
