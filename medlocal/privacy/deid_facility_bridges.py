"""The words a found facility's name leaves in view between, after or before its found pieces
(issue 16, session 59: deid59a).

The rules find the capitalised words of a name and leave what joins them: the particles of
its language ("Fakultní nemocnice v Motole", "Domov pro seniory Chodov", "Häuser zum Leben"),
its lower-case kind ("Solgårdens vård- och omsorgsboende", "bradford teaching hospitals",
"Runosmäen terveysasema"), its number ("Hospital General de Zona No. 32", "Farmacia Comunale
41") and a saint's word before it in lower case ("st columba's"). Each word left in view keeps
the facility identifiable, and none of them is a clinical word. The readings, from the spans
the rules and the statistical line found (names, places and facilities, never a patient's or a
code's span):

* **a bridge**: two found pieces on one line with at most three words between them, each a
  particle of a name (multilingual: der, zum, v, pro, contre le, de, do...), a facility's kind
  word of any language, or a lower-case word no list explains ("seniory"); the run is taken
  whole where a piece is a facility or a word of the run names a facility's kind. The English
  particles (at, of, on, for, the) join only a found facility to a place or facility after it
  ("CHI at Temple Street"): "Dr Smith of Leeds" stays two spans;
* **a kind's tail**: a found piece followed by up to three lower-case words that end on a
  facility's kind word (the plural of an English one, or a kind of another language) - every
  word before it a particle, an unknown word or a word of a place's kind ("teaching");
* **a number**: a found facility followed by its number ("No. 32", "#12", "41", "47/GB"); a
  bare number only where the phrase ends after it, never a year or a quantity ("3 days");
* **a saint's word**: "st", "st.", "saint", "san", "santa", "sri" right before a found piece,
  and a saint's place in lower case by a given name's possessive ("at st mary's").
* **an unknown capital** after a run that names a facility's kind ("... der MedUni Wien"), and
  **a chain's branch**: a found place after "<name> pharmacy" ("priceline pharmacy
  parramatta"), a place's words after a found "... Pharmacy" ("Well Pharmacy Great Horton").

What stays: a clinical word, a clinical abbreviation, a function word of a sentence ("and",
"with", "to") and punctuation stop every reading, so "[Leeds] renal unit" and "[Mater] and
[Beaumont]" keep their words. Each reading looks only at the text beside a found span: linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

from medlocal.privacy.deid_eponym_heads import HEADS_AFTER
from medlocal.privacy.deid_eponyms import EPONYM_HEADS
from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_place_words import HOSPITAL_AREAS
from medlocal.privacy.deid_spans import Redaction, label

# The kinds whose spans are pieces of a name (a patient's own name and codes are not).
_PIECE_KINDS = frozenset({"facility", "name", "location", "city", "county"})
_PLACE_KINDS = frozenset({"facility", "location", "city", "county", "street_address"})
# The particles inside a name of another language (folded). Polish and Czech "z", "w", "u" are
# left out: they open a sentence's next phrase ("leczona w [X] z zaostrzeniem") more often than
# they join a name.
_PARTICLES = frozenset(
    {
        "de", "du", "des", "la", "le", "les", "do", "da", "das", "dos", "di", "del", "della",
        "delle", "dei", "degli", "der", "die", "den", "von", "vom", "zum", "zur", "am", "im",
        "fur", "v", "ve", "na", "pro", "za", "och", "og", "y", "contre",
        "sur", "en", "au", "aux", "van", "het", "ter", "ten", "ng", "ni", "al", "el", "l", "d",
    }
)  # fmt: skip
# English particles join only a facility to a place after it.
_ENGLISH_PARTICLES = frozenset({"at", "of", "on", "for", "the", "upon"})
# A facility's kind in the languages the notes come in (folded): hospitals, clinics, homes,
# pharmacies, centres, institutes, leagues and foundations, schools. A word here may stand in a
# bridge's gap or end a tail, and makes a run of found pieces a facility.
_KIND_WORDS = frozenset(
    {
        "hospital", "hospitals", "hopital", "hopitaux", "ospedale", "ospedali", "krankenhaus",
        "klinikum", "klinik", "klinika", "kliniek", "clinique", "clinica", "nemocnice",
        "nemocnica", "nemocnici", "szpital", "bolnica", "bolnisnica", "sairaala", "sjukhus",
        "sjukhuset", "sykehus", "sygehus", "ziekenhuis", "domov", "dps", "omsorgsboende",
        "aldreboende", "vardboende", "boende", "sykehjem", "plejehjem", "terveysasema",
        "terveyskeskus", "vardcentral", "vardcentralen", "legesenter", "laegehus", "apotheke",
        "apotek", "apteka", "farmacia", "pharmacie", "residencia", "residenza", "residence",
        "lar", "maison", "haus", "hauser", "heim", "pflegeheim", "altersheim", "seniorenheim",
        "centro", "zentrum", "centrum", "instituto", "institut", "instytut", "instytucie",
        "instytutu", "istituto", "ligue", "liga", "stichting", "fondazione", "fundacion",
        "fundacao", "fondation", "stiftung", "policlinico", "poliklinik", "poliklinika",
        "ambulatorio", "praxis", "consultorio", "hospiz", "hospicio", "hospicjum", "hospice",
        "homes", "clinics", "pharmacies", "centres", "centers",
        "escuela", "ecole", "schule", "scuola", "szkola", "skola", "skole", "politidistrikt",
        "seniory", "senioren", "uniklinik", "universitatsklinik", "universitetssjukhus",
        "pflegedienst", "spitex",
    }
)  # fmt: skip
# Words of a place's kind that may stand between a name and its kind ("teaching hospitals").
# English heads that make a run a facility (never taken as a tail's or a gap's word: "home",
# "school" and "centre" also close a sentence's phrase).
_HEADS = frozenset(
    {"hospital", "clinic", "centre", "center", "pharmacy", "institute", "school", "college",
     "university", "infirmary", "hospice", "surgery", "practice", "home", "lodge", "manor",
     "foundation", "trust", "academy", "laboratory", "laboratories"}
)  # fmt: skip
_PLACE_WORDS = frozenset(
    {"teaching", "general", "public", "community", "university", "district", "county",
     "regional", "memorial", "municipal", "private", "state", "city", "central", "national"}
)  # fmt: skip
_MOST_WORDS = 3
_WORD = re.compile(r"[ \t]+([^\W_]+(?:['’-][^\W\d_]*)?)")
_LAST_WORD = re.compile(r"([^\W\d_][^\W_]*)['’]?s?\W*\Z")
# A facility's number: with its sign in any case ("No. 32", "no. 32", "NO. 32", "Nr 4", "Núm.
# 32", "n. 41", "#12"), or bare where the phrase ends. A number before an item it sizes is
# the item's, not the facility's ("St Mary's Hospital No. 2 dressing").
_SIGNED_NUMBER = re.compile(
    r"[ \t]+(?:(?i:no|nr|n[º°]|n[úu]m)\.?|n\.|#)[ \t]?\d{1,5}(?:/[A-Z]{1,3})?\b"
)
_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
_SIZED_ITEMS = frozenset(
    {"dressing", "dressings", "bandage", "bandages", "suture", "sutures", "blade", "blades",
     "needle", "needles", "tube", "tubes", "catheter", "catheters", "cannula", "swab", "swabs",
     "gauze", "pack", "packs", "drain", "drains", "stent", "stents", "scalpel", "bougie",
     "tablet", "tablets", "capsule", "capsules", "bottle", "bottles", "size", "gauge"}
)  # fmt: skip
_BARE_NUMBER = re.compile(r"[ \t]+\d{1,3}(?:/[A-Z]{1,3})?(?=[ \t]*(?:[,;:)\]]|\.(?!\d)|$))", re.M)
# A piece that ends on the number's sign ("[... de Zona No]. 32"): the number after it.
_SIGN_AT_END = re.compile(r"\b(?i:no|nr|n[º°]|n[úu]m)\Z")
_SIGN_ENDED_NUMBER = re.compile(r"\.?[ \t]?\d{1,5}(?:/[A-Z]{1,3})?\b")
_SAINT_BEFORE = re.compile(r"(?<![\w.])(?:st\.?|saint|san|santa|sri)[ \t]+\Z", re.I)
_LOOK_BACK = 12
_LOOK_BACK_WORD = 40


def _pieces(spans: Iterable[Redaction]) -> list[tuple[int, int, frozenset[str]]]:
    """The found pieces of names, overlapping ones joined, in text order, with their kinds."""
    ordered = sorted((s for s in spans if s.kind in _PIECE_KINDS), key=lambda s: s.start)
    joined: list[tuple[int, int, frozenset[str]]] = []
    for span in ordered:
        if joined and span.start <= joined[-1][1]:
            start, end, kinds = joined[-1]
            joined[-1] = (start, max(end, span.end), kinds | {span.kind})
        else:
            joined.append((span.start, span.end, frozenset({span.kind})))
    return joined


def _names_kind(text: str, lex: Lexicon) -> bool:
    """Some word of ``text`` names a facility's kind."""
    return any(fold(w) in _KIND_WORDS or fold(w) in _HEADS for w in re.findall(r"[^\W\d_]+", text))


# A department or ward of another language that no list holds ("Sahlgrenska sjukhuset
# [kardiologi] Göteborg", "Szpital Bielański [oddział] Warszawa"): its words are clinical, never
# a name's.
_WARD_WORDS = frozenset(
    {"oddzial", "oddzialu", "avdelning", "avdelningen", "avdeling", "afdeling", "abteilung",
     "station", "reparto", "servizio", "servicio", "service", "osasto", "oddeleni", "pavilhao",
     "unidad", "unita", "planta"}
)  # fmt: skip
_SPECIALTY_ENDINGS = (
    "logi", "logie", "logia", "iatri", "iatrie", "iatria", "medisin", "medicin", "medizin",
    "kirurgi", "chirurgie", "chirurgia", "cirugia", "cirurgia", "ziekten", "sykdommer", "terapi",
)  # fmt: skip


def _unknown_lower(word: str, lex: Lexicon) -> bool:
    """A lower-case word of another language that no list explains ("seniory"), never a ward's
    or a specialty's word."""
    bare = fold(word.rstrip("-"))
    return (
        word[:1].islower()
        and bare not in _WARD_WORDS
        and not bare.endswith(_SPECIALTY_ENDINGS)
        and len(bare) > 2
        and not lex.known(bare)
        and not lex.clinical(bare)
        and not clinical_abbreviation(word)
    )


def _unknown_capital(word: str, lex: Lexicon) -> bool:
    """A capitalised word no list explains but as a place ("MedUni", "HaHayal", "Roslindale"):
    never a clinical word of any language, a clinical abbreviation, a title or a month."""
    bare = fold(word.rstrip("-'’"))
    return (
        word[:1].isupper()
        and len(bare) > 2
        and bare.isalpha()
        and sum(c.isupper() for c in word) < 3  # "POChP", "HbA1C": an abbreviation's capitals
        and bare not in lex.clinical_words
        and not clinical_abbreviation(word)
        and bare not in CALENDAR_WORDS
        and bare not in TITLES
        and bare not in HOSPITAL_AREAS  # "[Royal Infirmary] Bay 3": a bay, not the name's end
        and (bare in lex.places or not (lex.known(bare) or lex.name_like(bare)))
    )


def _gap_words(text: str, start: int, end: int) -> list[str] | None:
    """The words between two pieces, or None where anything but words and blanks stands there
    (a comma, a bracket, a line break) or more than three words do."""
    words: list[str] = []
    at = start
    while at < end:
        word = _WORD.match(text, at, end)
        if word is None:
            break
        words.append(word.group(1))
        at = word.end()
    if text[at:end].strip(" \t") or len(words) > _MOST_WORDS:
        return None
    return words


def _joining_word(word: str, english: bool) -> bool:
    """A particle or a kind's word: it may join the pieces of any found facility."""
    bare = fold(word.rstrip("-'’"))
    return bare in _PARTICLES or bare in _KIND_WORDS or (english and bare in _ENGLISH_PARTICLES)


def _named_word(word: str, lex: Lexicon) -> bool:
    """A number or a word no list explains: it joins pieces only in a run that names its kind
    (a found facility may be a maker or a test: "Jaeger MasterScreen DLCO", "Surflo 20G")."""
    if word.isdigit():
        return len(word) <= 4  # a branch's or a zone's number ("Barangay 659 Health Center")
    return _unknown_lower(word, lex) or _unknown_capital(word, lex)


def _bridges(
    text: str, pieces: list[tuple[int, int, frozenset[str]]], lex: Lexicon
) -> Iterator[Redaction]:
    for (start, end, kinds), (n_start, n_end, n_kinds) in pairwise(pieces):
        if n_start - end > 40 or n_start == end:
            continue
        words = _gap_words(text, end, n_start)
        if not words:
            continue
        english = "facility" in kinds and bool(n_kinds & _PLACE_KINDS) and "name" not in n_kinds
        joining = all(_joining_word(w, english) for w in words)
        kind_named = _names_kind(text[start:n_end], lex)
        if joining and not ("facility" in kinds | n_kinds or kind_named):
            continue
        if not joining and not (
            kind_named and all(_joining_word(w, english) or _named_word(w, lex) for w in words)
        ):
            continue
        yield Redaction("facility", start, n_end, text[start:n_end], label("facility"))


# The word before a piece: a title or a role makes the piece a person's name.
_WORD_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+)\.?[ \t]+\Z")
_PERSON_WORDS = TITLES | ROLES


def _person_before(text: str, start: int) -> bool:
    """A title or a role stands right before ``start`` ("Dr Smith", "Sister Jones")."""
    word = _WORD_BEFORE.search(text, max(0, start - _LOOK_BACK_WORD), start)
    return word is not None and fold(word.group(1)) in _PERSON_WORDS


def _kind_tails(
    text: str, pieces: list[tuple[int, int, frozenset[str]]], lex: Lexicon
) -> Iterator[Redaction]:
    for start, end, kinds in pieces:
        if kinds == {"name"} and _person_before(text, start):
            continue  # "Dr [Smith] hospice consultant": a person's service, not a facility's kind
        at = end
        for _ in range(_MOST_WORDS):
            word = _WORD.match(text, at)
            if word is None or not word.group(1)[:1].islower():
                break
            bare = fold(word.group(1).rstrip("-"))
            at = word.end()
            if bare in _KIND_WORDS:
                yield Redaction("facility", start, at, text[start:at], label("facility"))
                break
            if not (
                bare in _PARTICLES or bare in _PLACE_WORDS or _unknown_lower(word.group(1), lex)
            ):
                break


def _trailing_names(
    text: str, pieces: list[tuple[int, int, frozenset[str]]], lex: Lexicon
) -> Iterator[Redaction]:
    for start, end, _kinds in pieces:
        if not _names_kind(text[start:end], lex):
            continue  # a found facility of no kind's word may be a maker ("Jaeger MasterScreen")
        at, best = end, None
        for _ in range(_MOST_WORDS):
            word = _WORD.match(text, at)
            if word is None:
                break
            if _unknown_capital(word.group(1), lex) and not _eponym_before(text, word.end()):
                best = at = word.end()
            elif fold(word.group(1)) in _PARTICLES and best is None:
                at = word.end()
            else:
                break
        if best is not None:
            yield Redaction("facility", start, best, text[start:best], label("facility"))


def _eponym_before(text: str, end: int) -> bool:
    """The capital that ends at ``end`` names a sign, anomaly or syndrome by the lower-case
    head after it ("Kingston Hospital [Ebstein] anomaly clinic"): an eponym, not a name's end."""
    head = _WORD.match(text, end)
    return head is not None and fold(head.group(1)) in _EPONYM_HEADS


_EPONYM_HEADS = EPONYM_HEADS | HEADS_AFTER


# Parts of a hospital that a number after them counts: the number is the part's.
_NUMBERED_PARTS = frozenset(
    {"ward", "wards", "bay", "bays", "room", "rooms", "bed", "beds", "cubicle", "side", "pod",
     "level", "floor", "theatre", "theatres", "suite", "wing", "block", "station"}
)  # fmt: skip


def _numbers(
    text: str, pieces: list[tuple[int, int, frozenset[str]]], lex: Lexicon
) -> Iterator[Redaction]:
    for start, end, kinds in pieces:
        if "facility" not in kinds and not _names_kind(text[start:end], lex):
            continue
        last = _LAST_WORD.search(text, max(start, end - _LOOK_BACK_WORD), end)
        if last is not None and fold(last.group(1)) in _NUMBERED_PARTS:
            continue  # "[Kingston Hospital Ward] 12": the ward's number, not the facility's
        number = (
            _SIGN_ENDED_NUMBER.match(text, end)
            if _SIGN_AT_END.search(text, max(start, end - 3), end)
            else _SIGNED_NUMBER.match(text, end) or _BARE_NUMBER.match(text, end)
        )
        if number is not None and not _item_after(text, number.end()):
            yield Redaction(
                "facility", start, number.end(), text[start : number.end()], label("facility")
            )


def _item_after(text: str, end: int) -> bool:
    """An item the number sizes follows it ("No. 2 dressing", "No. 4 bandage"): the number is
    the item's, not the facility's."""
    word = _WORD_AFTER.match(text, end)
    return word is not None and word.group(1) in _SIZED_ITEMS


# The kind a saint's word takes from the piece after it ("san [Leandro]" stays a place).
_SAINT_KINDS = ("facility", "location", "city", "county", "name")
# A saint's possessive that names a herb or a disease, not a place ("st john's wort", "st
# anthony's fire", "st vitus' dance"): a medicine or a diagnosis the note must keep.
_SAINTS_TERMS = frozenset({"wort", "worts", "fire", "dance"})
_TERM_AFTER = re.compile(r"[ \t-]*([^\W\d_]+)")


def _saints(text: str, pieces: list[tuple[int, int, frozenset[str]]]) -> Iterator[Redaction]:
    for start, end, kinds in pieces:
        saint = _SAINT_BEFORE.search(text, max(0, start - _LOOK_BACK), start)
        if saint is not None and not _saints_term(text, end):
            kind = next(k for k in _SAINT_KINDS if k in kinds)
            yield Redaction(kind, saint.start(), end, text[saint.start() : end], label(kind))


# A saint's place in lower case by its possessive ("a cleaner at st mary's", "from st john's",
# "saint mary's", "st marys"): the saint's name must be a given name the lists hold.
_LOWER_SAINT = re.compile(
    r"(?<![\w.])(?:st\.?[ \t]+|st-|saint[ \t]+)"
    r"(?:(?P<n>[a-z]{3,})['’]s?|(?P<bare>[a-z]{3,}?)s)(?![\w'’])"  # "thomas'", "marys"
)


def _saints_term(text: str, end: int) -> bool:
    """A saint's possessive that ends at ``end`` names a herb or a disease ("wort", "fire")."""
    term = _TERM_AFTER.match(text, end)
    return term is not None and fold(term.group(1)) in _SAINTS_TERMS


def _lower_saints(text: str, lex: Lexicon) -> Iterator[Redaction]:
    if "st" not in text and "saint" not in text:
        return
    for match in skipped_finditer(_LOWER_SAINT, text):
        if _saints_term(text, match.end()):
            continue
        name = match.group("n") or match.group("bare")
        if name in lex.given_names and not lex.clinical(name):
            yield Redaction(
                "facility", match.start(), match.end(), match.group(), label("facility")
            )


# A chain's kind: the word after its name and before its branch ("[well pharmacy] kennington",
# "[Well Pharmacy] Great Horton", "[chemist warehouse] toowong").
_CHAIN_KINDS = frozenset({"pharmacy", "chemist", "chemists", "warehouse", "drugstore", "apotek"})
_CHAIN_BEFORE = re.compile(
    r"(?<![\w'’])(?P<n>[^\W\d_][\w'’-]*)[ \t]+(?P<k>[^\W\d_]+)[ \t]+\Z", re.UNICODE
)
# Words before a chain's kind that say which shop of a place it is, not whose.
_NOT_CHAIN_NAMES = frozenset(
    {"hospital", "community", "local", "main", "outpatient", "inpatient", "ward", "dispensing",
     "retail", "online", "nearest", "usual", "regular", "nominated", "her", "his", "their", "my",
     "your", "our", "the", "a", "an", "any", "same", "other", "new", "old", "from", "at", "to",
     "via", "by", "and", "or", "in", "with", "for", "of", "on", "collect", "collected",
     # a service of the shop, not its name ("supervised consumption pharmacy Leeds")
     "consumption", "supervised", "compounding", "specialist", "specialty", "palliative",
     "clinical", "aseptic", "homecare", "oncology", "satellite", "dispensary", "night",
     "emergency", "travel", "repeat", "prescription", "prescriptions", "delivery"}
)  # fmt: skip
_BRANCH_AFTER = re.compile(
    r"[ \t]+(?P<b>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)(?=[ \t]*(?:[,;.)]|$))", re.M
)


def _branches(
    text: str, pieces: list[tuple[int, int, frozenset[str]]], lex: Lexicon
) -> Iterator[Redaction]:
    """A chain's branch: a found place after "<name> pharmacy" ("priceline pharmacy
    [parramatta]"), and a found chain's branch in capitals after it ("[Well Pharmacy] Great
    Horton")."""
    for start, end, kinds in pieces:
        chain = _CHAIN_BEFORE.search(text, max(0, start - 40), start)
        if (
            chain is not None
            and fold(chain.group("k")) in _CHAIN_KINDS
            and kinds & _PLACE_KINDS
            and fold(chain.group("n")) not in _NOT_CHAIN_NAMES
            and not lex.clinical(fold(chain.group("n")))
            and not clinical_abbreviation(chain.group("n"))
        ):
            yield Redaction(
                "facility", chain.start(), end, text[chain.start() : end], label("facility")
            )
        # Only the piece's end is read: a search over a long piece backtracks over each word.
        last = _LAST_WORD.search(text, max(start, end - _LOOK_BACK_WORD), end)
        if "facility" not in kinds or last is None or fold(last.group(1)) not in _CHAIN_KINDS:
            continue
        branch = _BRANCH_AFTER.match(text, end)
        if branch is None:
            continue
        words = [fold(w) for w in branch.group("b").split()]
        placed = words[-1] in lex.places or lex.name_like(words[-1]) or lex.multiword_place(words)
        if placed and not any(lex.clinical(w) or w in CALENDAR_WORDS or w in TITLES for w in words):
            yield Redaction(
                "facility", start, branch.end(), text[start : branch.end()], label("facility")
            )


def facility_bridge_spans(
    text: str, spans: Iterable[Redaction], lex: Lexicon
) -> Iterator[Redaction]:
    """The found pieces of facilities grown over the particles, kind words, numbers and saint's
    words they left in view (see the module's docstring)."""
    pieces = _pieces(spans)
    yield from _bridges(text, pieces, lex)
    yield from _kind_tails(text, pieces, lex)
    yield from _trailing_names(text, pieces, lex)
    yield from _numbers(text, pieces, lex)
    yield from _branches(text, pieces, lex)
    yield from _saints(text, pieces)
    yield from _lower_saints(text, lex)
