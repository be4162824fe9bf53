"""The recall-first word scan: capitalised words that are not known words are identifiers.

After Philter (Norgeot et al., npj Digital Medicine 2020): rather than recognising names, treat
every word that is neither an ordinary English word nor a clinical term as a possible identifier.
Runs of capitalised words are then read as a whole:

* a run ending in a facility word ("Hospital", "Clinic", "Practice", "Nursing Home") with at least
  one distinctive word is a facility ("St. Brigid's Hospital", "Summit Ridge Gastroenterology");
* a run ending in a street word is a street ("Perkins Avenue"), one ending in "County" a county;
* a listed place of two or more words is a location ("Cedar Rapids", "Eau Claire");
* otherwise every unknown word is a name or place, and so are the neighbouring words that are on a
  name or place list ("Helen Vale": "Vale" is an English word but a surname next to a name), and
  every word after a title ("Dr. Frost") or a relation ("his daughter Grace").

A word found once is then removed wherever else it is written with a capital ("Sunrise Meadows
Nursing Home" ... "back to Sunrise Meadows"). Clinical phrases ("Glasgow Coma Scale", "Bell's
palsy") and clinical words are never taken. Words in lower case are left alone: names are almost
always capitalised in notes, and lower-case unknown words are mostly drugs, typos and jargon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlocal.privacy.deid_lexicon import Lexicon, lexicon

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*['’]?")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sr", "fr", "rev"})
_RELATIONS = frozenset(
    {
        "daughter", "son", "wife", "husband", "partner", "spouse", "brother", "sister", "mother",
        "father", "mum", "mom", "dad", "niece", "nephew", "grandson", "granddaughter",
        "grandchild", "grandmother", "grandfather", "great-niece", "great-nephew",
        "daughter-in-law", "son-in-law", "sister-in-law", "brother-in-law", "mother-in-law",
        "father-in-law", "aunt", "uncle", "cousin", "fiancé", "fiance", "fiancée", "fiancee",
        "boyfriend", "girlfriend", "neighbour", "neighbor", "friend", "carer", "caregiver",
        "guardian", "proxy", "coach", "interpreter", "dietitian", "therapist", "manager", "worker",
        "educator", "member", "colleague", "teacher", "pharmacist", "chaplain", "officer",
        "landlord", "employer", "with", "by", "to", "named", "called", "and",
    }
)  # fmt: skip
_FACILITY_HEADS = frozenset(
    {
        "hospital", "hospitals", "clinic", "clinics", "center", "centre", "practice", "surgery",
        "associates", "institute", "laboratory", "laboratories", "lab", "labs", "diagnostics",
        "infirmary", "pavilion", "home", "house", "manor", "village", "school", "college",
        "university", "academy", "pharmacy", "group", "supply", "supplies", "health", "living",
        "hospice", "memorial", "pediatrics", "paediatrics", "cardiology", "gastroenterology",
        "neurology", "endocrinology", "orthopaedics", "orthopedics", "oncology", "dermatology",
        "urology", "radiology", "imaging", "rehabilitation", "healthcare", "services", "partners",
        "network", "trust", "foundation", "company", "inc", "llc", "ltd", "corporation",
        "sanatorium", "residence", "residences", "lodge", "court", "gardens", "towers", "hall",
        "church", "prison", "ymca", "physicians", "specialists", "consultants", "medicine",
        "service", "logistics", "transport", "industries", "solutions", "systems", "store",
        "stores", "market", "bank", "hotel", "motel", "inn", "library", "station",
    }
)  # fmt: skip
# Words that say what a facility is, not which: a run made only of these ("the Sleep Clinic",
# "Nursing Home") names no place and is kept.
_GENERIC = _FACILITY_HEADS | frozenset(
    {
        "the", "of", "and", "&", "medical", "general", "community", "regional", "family",
        "children's", "childrens", "women's", "womens", "care", "nursing", "surgical", "day",
        "mental", "sleep", "eye", "heart", "cancer", "teaching", "emergency", "primary", "urgent",
        "youth", "state", "county", "city", "national", "university", "veterans", "public",
        "private", "main", "assisted", "senior", "retirement", "outpatient", "inpatient",
        "ambulatory", "specialty", "dental", "walk-in", "a", "our", "your", "their", "his", "her",
        "this", "that", "internal", "sports", "nuclear", "physical", "respiratory", "critical",
        "intensive", "palliative", "geriatric", "pediatric", "paediatric", "adult", "maternal",
        "fetal", "memory", "pain", "wound", "vascular", "plastic", "transplant", "ambulance",
        "fire", "police",
    }
)  # fmt: skip
_STREET_WORDS = frozenset(
    {
        "street", "avenue", "road", "lane", "drive", "boulevard", "court", "terrace", "way",
        "place", "crescent", "close", "parkway", "highway", "circle", "trail", "square", "row",
        "walk", "hill", "grove", "gardens", "mews", "ave", "blvd", "rd", "ln", "pkwy", "hwy",
    }
)  # fmt: skip
_REGIONS = frozenset({"county", "parish", "borough", "township"})
_JOINERS = frozenset(
    {"of", "the", "de", "van", "von", "la", "le", "du", "da", "del", "di", "al", "el", "bin"}
)
# "Lake Placid", "Port Ellison", "Mount Vernon": a place whatever the second word.
_PLACE_PREFIXES = frozenset(
    {"lake", "mount", "mt", "port", "fort", "ft", "glen", "cape", "san", "santa", "los", "las"}
)
# Mixed-case abbreviations; "Mc", "Mac", "De", "La", "Van"... begin names instead ("McMurray").
_ABBREVIATION = re.compile(r"^(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z]{0,2}[A-Z][A-Za-z]*$")
_PLACE_CUES = frozenset({"in", "from", "near", "at", "to", "of", "outside"})


@dataclass(frozen=True)
class WordSpan:
    kind: str  # "name", "facility", "location", "street_address" or "county"
    start: int
    end: int


@dataclass
class _Tok:
    start: int
    end: int
    word: str
    shape: str  # "title", "caps", "initial", "lower", "joiner"
    lower: str
    strong: bool = False  # an identifier on its own
    weak: bool = False  # an identifier next to one (name or place list)


def _shape(word: str, text: str, end: int) -> str:
    if len(word) == 1:
        # "H. Lindgren"; a lone capital without a period is a flag or a grade ("(L)", "grade B")
        return "initial" if word.isupper() and text[end : end + 1] == "." else "lower"
    if _ABBREVIATION.match(word):
        return "lower"  # "IgA", "CrCl", "HbA", "FiO": clinical abbreviations, not names
    if word.isupper() and len(word) > 1:
        return "caps"
    if word[0].isupper():
        return "title"
    return "joiner" if word in _JOINERS else "lower"


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“(":
        i -= 1
    if i < 0 or text[i] in "\n!?:;•*":
        return True
    if text[i] == ".":
        word = re.search(r"(\w+)\.$", text[max(0, i - 6) : i + 1])
        return not (
            word and (word.group(1).lower() in _TITLES | {"st", "mt"} or len(word.group(1)) == 1)
        )
    return False


def _facts(lower: str, lex: Lexicon) -> tuple[bool, bool, bool]:
    """(known word, plain English or clinical, on a name or place list)."""
    known = lex.known(lower)
    strict = lower in lex.english or lex.clinical(lower)
    named = lex.name_like(lower.removesuffix("'s").removesuffix("’s")) or lower in lex.places
    return known, strict, named


def _classify(tok: _Tok, text: str, lex: Lexicon, memo: dict[str, tuple[bool, bool, bool]]) -> None:
    lower = tok.lower.rstrip("'’")
    if tok.shape in ("lower", "joiner") or lower in _TITLES or lex.clinical(lower):
        return
    if lower not in memo:  # a record repeats its words: look each up once
        memo[lower] = _facts(lower, lex)
    known, strict, named = memo[lower]
    if tok.shape == "caps":
        # An all-caps word of a few letters is an acronym ("ANC", "LVEF"); a listed name in
        # capitals ("DARNELL") is a name.
        tok.strong = named and not strict and len(lower) >= 3
        tok.weak = named
        return
    if tok.shape == "initial":
        return
    # An unknown word is an identifier wherever it stands (Philter). A listed name that is known
    # only by its ending ("Louise", "Clive") is one too, except where a capital says nothing (at
    # the start of a sentence). A listed name that is also an English word ("Grace", "Vale") is
    # weak: it counts only next to an identifier or after a title or relation.
    tok.strong = not known or (named and not strict and not _sentence_start(text, tok.start))
    tok.weak = tok.strong or named


def _gap_joins(text: str, left: _Tok, right: _Tok) -> bool:
    gap = text[left.end : right.start]
    if gap in (" ", "\t"):
        return True
    # "St. Brigid's", "H. Lindgren", "Mt. Sinai"
    return gap in (". ", ".") and (
        left.shape == "initial" or left.lower in {"st", "mt", "ft"} | _TITLES
    )


def _runs(tokens: list[_Tok], text: str) -> list[list[_Tok]]:
    runs: list[list[_Tok]] = []
    current: list[_Tok] = []
    for tok in tokens:
        if tok.shape == "lower":
            if current:
                runs.append(current)
            current = []
            continue
        if current and not _gap_joins(text, current[-1], tok):
            runs.append(current)
            current = []
        if tok.shape == "joiner" and not current:
            continue
        current.append(tok)
    if current:
        runs.append(current)
    # A joiner only joins: drop those left at the end of a run.
    out = []
    for run in runs:
        while run and run[-1].shape == "joiner":
            run = run[:-1]
        if run:
            out.append(run)
    return out


def _cue_before(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    match = re.search(r"([\w'’-]+)\.?,?[ \t]+(?:is[ \t]+|was[ \t]+)?$", before)
    return match is not None and match.group(1).lower() in _RELATIONS | _TITLES


def _end(tok: _Tok) -> int:
    """Where a word ends, leaving a possessive in place ("[NAME]'s wife")."""
    for mark in ("'s", "’s", "'", "’"):
        if tok.word.endswith(mark):
            return tok.end - len(mark)
    return tok.end


def _read_run(run: list[_Tok], text: str, lex: Lexicon, out: list[WordSpan]) -> None:
    if not run:
        return
    if (run[0].lower in _TITLES or run[0].lower in _RELATIONS) and len(run) > 1:
        for tok in run[1:]:  # "Dr. Frost", "Mrs. Delia Frost": every word after a title
            if not lex.clinical(tok.lower):
                tok.strong = True
        run = run[1:]
    words = [t.lower.rstrip("'’") for t in run]
    if words[-1] in _FACILITY_HEADS and all(w in _GENERIC for w in words):
        return  # "Maternal Fetal Medicine", "the Sleep Clinic": a kind of service, not which one
    for i in range(len(run) - 1, 0, -1):
        head = words[i]
        distinctive = [t for t in run[: i + 1] if t.lower.rstrip("'’") not in _GENERIC]
        if head in _FACILITY_HEADS and distinctive:
            first = 1 if words[0] == "the" else 0
            last = len(run) - 1 if i + 1 < len(run) and words[i + 1] == "of" else i
            out.append(WordSpan("facility", run[first].start, _end(run[last])))
            _read_run(run[last + 1 :], text, lex, out)
            return
        if head in _STREET_WORDS and distinctive and run[i].shape == "title":
            out.append(WordSpan("street_address", run[0].start, _end(run[i])))
            _read_run(run[i + 1 :], text, lex, out)
            return
        if head in _REGIONS and distinctive:
            out.append(WordSpan("county", run[0].start, _end(run[i])))
            _read_run(run[i + 1 :], text, lex, out)
            return
    i = 0
    while i < len(run):
        size = lex.multiword_place([t.word.rstrip("'’") for t in run[i:]])
        if not size and words[i] in _PLACE_PREFIXES and i + 1 < len(run):
            size = 2 if not lex.clinical(words[i + 1]) and run[i + 1].shape == "title" else 0
        if size:
            out.append(WordSpan("location", run[i].start, _end(run[i + size - 1])))
            i += size
            continue
        i += 1
    # A listed place after "in", "from", "near"... is a place even if it is also a word ("in Bath").
    for tok in run:
        if (
            tok.weak
            and tok.lower.rstrip("'’") in lex.places
            and _word_before(text, tok.start) in _PLACE_CUES
        ):
            tok.strong = True
    if _cue_before(text, run[0].start):
        for tok in run:
            if tok.shape in ("title", "caps") and not lex.clinical(tok.lower):
                tok.weak = tok.lower not in _TITLES
        if any(t.weak for t in run):
            run[0].strong = run[0].strong or run[0].weak
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
    i = 0
    while i < len(run):
        if not run[i].strong:
            i += 1
            continue
        j = i
        while j + 1 < len(run) and run[j + 1].strong:
            j += 1
        kind = _name_or_place(run[i : j + 1], text, lex)
        out.append(WordSpan(kind, run[i].start, _end(run[j])))
        i = j + 1


def _word_before(text: str, start: int) -> str:
    match = re.search(r"(\w+)[ \t]+$", text[max(0, start - 12) : start])
    return match.group(1).lower() if match else ""


def _name_or_place(toks: list[_Tok], text: str, lex: Lexicon) -> str:
    phrase = " ".join(t.lower.rstrip("'’") for t in toks)
    cue = _word_before(text, toks[0].start)
    if phrase in lex.places and (cue in _PLACE_CUES or not lex.name_like(phrase)):
        return "location"
    return "name"


def scan(text: str, lex: Lexicon | None = None) -> list[WordSpan]:
    """Every name, facility and place the word scan finds in ``text``, in text order."""
    lex = lex or lexicon()
    protected = [m.span() for m in lex.clinical_phrases.finditer(text)]
    tokens: list[_Tok] = []
    memo: dict[str, tuple[bool, bool, bool]] = {}
    p = 0
    for match in _TOKEN.finditer(text):
        while p < len(protected) and protected[p][1] <= match.start():
            p += 1
        if p < len(protected) and protected[p][0] <= match.start() < protected[p][1]:
            tokens.append(_Tok(match.start(), match.end(), match.group(), "lower", "", False))
            continue
        word = match.group()
        tok = _Tok(match.start(), match.end(), word, _shape(word, text, match.end()), word.lower())
        _classify(tok, text, lex, memo)
        tokens.append(tok)
    found: list[WordSpan] = []
    for run in _runs(tokens, text):
        _read_run(run, text, lex, found)
    return _propagate(text, tokens, found, lex)


def _propagate(
    text: str, tokens: list[_Tok], found: list[WordSpan], lex: Lexicon
) -> list[WordSpan]:
    """Remove every other capitalised occurrence of what was already found: its distinctive words
    that are not plain English ("Raghunathan", "Vale" as a name), and its first two distinctive
    words together ("Sunrise Meadows" from "Sunrise Meadows Nursing Home")."""
    kinds: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for span in found:
        words = [
            m.group().rstrip("'’")
            for m in _TOKEN.finditer(text, span.start, span.end)
            if m.group().rstrip("'’").lower() not in _GENERIC | _STREET_WORDS | _REGIONS | _TITLES
        ]
        for word in words:
            lower = word.lower()
            if len(word) >= 3 and (lower not in lex.english or lex.name_like(lower)):
                kinds.setdefault(lower, span.kind)
        if len(words) >= 2:
            phrases.setdefault(" ".join(words[:2]), span.kind)
    covered = bytearray(len(text))  # 1 where a span already lies
    for span in found:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    extra: list[WordSpan] = []
    if phrases:
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        for match in re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", text):
            if not covered[match.start()]:
                extra.append(WordSpan(phrases[match.group()], match.start(), match.end()))
                covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for tok in tokens:
        word = tok.word.rstrip("'’")
        kind = kinds.get(word.lower())
        if kind and tok.shape in ("title", "caps") and not covered[tok.start]:
            extra.append(WordSpan(kind, tok.start, tok.start + len(word)))
    return sorted(found + extra, key=lambda s: (s.start, s.end))
