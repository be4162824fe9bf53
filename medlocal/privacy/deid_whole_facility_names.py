"""A found facility's span grown to the whole name it stops short of (issue 16, session 62:
deid62a).

The readings find the distinctive words of a facility's name and often stop before the words
that join or head them, so the name stays partly in view: "[University Hospitals Bristol] and
[Weston NHS Foundation Trust]", "[Szpitala Bielańskiego] im. ks. J. [Popiełuszki]", "Istituto
[Clinico Humanitas]", "AZ [Sint-Lucas]", "[Balgownie] Lodge", "[Amsterdam UMC], locatie AMC".
This pass runs once resolution has spoken (every reading's spans and the department keeps are
settled) and grows a found piece of a name or place (not a person's after a title), on its own
line, to a facility's span over:

* **a joint**: the connectors between it and another found piece of a name or place - "and",
  "&", "at", "of", "for" and the particles of other languages ("de la", "im.", "ks.", a title
  "Dr." or an initial "J.", quotes, dashes). A list's "and" stays ("[Leeds General Infirmary]
  and [St James's]", "[UHW] and [Llandough]": one "and" joins only a headless first half to a
  second that ends on the whole name's head), and so does a person's "at" ("[Dr Kwa] at
  [Mater]": the English particles follow only a found organisation);
* **a head before it**: a facility's kind word of many languages right before it ("Istituto",
  "Cliniques", "Ústavu", "Klinik", "Campus for"; not a service's "Day Hospital for"), or a
  closed list of the kinds' initials of other countries ("AZ", "UZ", "KB", "FN", "KK", "SMK",
  "HMP");
* **a head after it**: an English facility head in capitals ("[Balgownie] Lodge", "[Te
  Rangatahi] Trust", or a kind's word and the head after a headless piece: "[Barangay 12]
  Health Center"; not one a capital follows: "Hospital Home Oxygen Service"; a lower-case
  "care home" or "wing" after a name is the notes' generic word and stays), and the Title Case
  name after a head-first name of another language ("[hôpital] Cochin", "[Hospicjum] ...");
* **a site after a comma**: a campus, site or location word and its name or number ("[Amsterdam
  UMC], locatie AMC", "[Clínica Universidad de Navarra], sede Madrid", ", Building 4").

What stays: a clinical word, a clinical abbreviation, a department or ward's word and a line
break stop every reading, so "[St Mary's] Cardiology", "[Leeds] renal unit" and "Glasgow Coma
Scale" keep their words. Each reading looks only at the text beside a found span: linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import pairwise

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label

# The kinds whose spans are pieces of a name or a place (a patient's own name and codes are
# not: "[Patient] at [Hospital]" is a relation, not a name).
_PIECE_KINDS = frozenset({"facility", "location", "city", "county", "name"})
# Connectors inside a name (folded): English, Romance, Germanic, Slavic, Celtic, Filipino.
_CONNECTORS = frozenset(
    {
        "and", "&", "at", "of", "for", "on", "the", "upon", "de", "del", "della", "delle",
        "dei", "degli", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "l",
        "d", "y", "e", "i", "et", "a", "au", "aux", "und", "der", "die", "dem", "am", "im",
        "zum", "zur", "von", "vom", "van", "het", "voor", "og", "och", "af", "gan", "na", "ng",
        "ks", "sw", "sv", "dr", "st", "ste", "sta", "sto", "prof",
    }
)  # fmt: skip
# Connectors that join two whole names in a list as often as the halves of one name: they
# join only where the first piece does not end on its head ("[Leeds General Infirmary] and
# [St James's]" stays two names).
_LIST_CONNECTORS = frozenset({"and", "&", "y", "e", "i", "et", "und", "a", "og", "och"})
_TITLES_IN_NAMES = frozenset({"dr", "prof"})
_QUOTES = frozenset('"“”«»„')
_ENGLISH = frozenset({"at", "of", "for", "on", "the", "upon"})
_FIRST_WORD = re.compile(r"(?:[lLdD]['’])?([^\W\d_]+)")
_GAP_TOKEN = re.compile(r"[ \t]*(?:([^\W\d_]+)\.?|([A-Z])\.|&|[\"“”«»'’-]|[–—])[ \t]*")
_MOST_GAP = 30
# A facility's kind in many languages (folded, as written before or after its name).
_KIND_WORDS = frozenset(
    {
        "hospital", "hospitals", "hopital", "hopitaux", "ospedale", "ospedali", "krankenhaus",
        "klinikum", "klinik", "kliniken", "klinika", "kliniek", "clinique", "cliniques",
        "clinica", "clinicas", "nemocnice", "nemocnici", "nemocnica", "szpital", "szpitala",
        "szpitalu", "bolnica", "sairaala", "sjukhus", "sjukhuset", "sykehus", "sykehuset",
        "sygehus", "ziekenhuis", "istituto", "instituto", "institut", "institute", "instytut",
        "instytucie", "ustav", "ustavu", "ustavem", "centro", "centre", "center", "zentrum",
        "centrum", "policlinico", "poliklinik", "poliklinika", "hospice", "hospiz", "hospicjum",
        "hospicio", "fondazione", "fundacion", "fundacao", "fondation", "stiftung", "campus",
        "infirmary", "doma", "dom", "domov", "casa", "residencia", "residenza", "spital",
        "spitaal", "uniklinik", "universitatsklinik", "universitatsklinikum", "sanatorium",
        "sanatorio", "praxis", "apotheke", "farmacia", "pharmacie", "lazaret", "lasarett",
    }
)  # fmt: skip
# German compounds end on their kind ("Brustzentrum", "Herzklinik", "Kinderkrankenhaus").
_KIND_ENDINGS = ("zentrum", "klinik", "klinikum", "krankenhaus", "spital", "hospiz")
# Kinds' initials before a facility's name in other countries: Belgian "AZ"/"UZ", Croatian
# "KB"/"KBC", Czech and Slovak "FN", Malaysian "KK"/"SK"/"SMK", English prisons "HMP", Spanish
# French "CHU", Polish "SP ZOZ"'s "ZOZ" ("CS", "CH", "SK" and "CAP" are clinical
# abbreviations as often).
_KIND_INITIALS = frozenset({"AZ", "UZ", "KB", "KBC", "FN", "KK", "SMK", "HMP", "CHU", "ZOZ"})
# English heads that end a facility's name after it, in capitals ("[Balgownie] Lodge").
_HEADS_AFTER = frozenset(
    {"hospital", "hospitals", "infirmary", "hospice", "lodge", "manor", "trust", "campus",
     "building", "wing", "pavilion", "tower", "institute", "foundation", "centre", "center",
     "mine", "hall", "house", "court", "home", "church", "school", "college", "academy",
     "university", "club"}
)  # fmt: skip
# A site written after a comma: its word and its name or number ("locatie AMC", "sede Madrid",
# "Building 4", "Campus Benjamin Franklin"). Only a building's word takes a bare number or
# letter: "site 1", "sitio 2" or "Site A" after a hospital is a specimen's or an injection's
# site ("Biopsies at [X], site 1 benign, site 2 malignant"; review62a).
_SITE = re.compile(
    r",[ \t]+(?:"
    r"(?:[Cc]ampus|[Bb]uilding|[Ww]ing|[Pp]avilion|[Pp]avillon)[ \t]+"
    r"(?:\d{1,3}[A-Z]?|[A-Z](?![\w'’]))"
    r"|(?:[Ll]ocatie|[Ss]ede|[Ss]ite|[Cc]ampus|[Bb]uilding|[Ww]ing|[Ss]tandort|[Pp]residio|"
    r"[Pp]lesso|[Vv]estiging|[Ss]itio|[Pp]avilion|[Pp]avillon|[Ll]ocalizaci[óo]n)"
    r"[ \t]+[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]*){0,2})(?![\w'’])"
)
_WORD_BEFORE = re.compile(
    r"(?<![\w.-])([^\W\d_][^\W\d_'’]*)[ \t]+(?:(for|of|de|di|do|der)[ \t]+)?\Z"
)
_SERVICE_BEFORE = re.compile(r"\b(?i:day|night|virtual|home)[ \t]+\Z")
# One blank only: two blanks or a tab are a field's gap ("Works at [Greggs]  School run: ...").
_CAPITAL_AFTER = re.compile(r" ([A-ZÀ-ÖØ-Þ][\w'’-]*)")
_HEAD_AFTER = re.compile(r" ([A-Z][a-z]+|[A-Z]+)(?![\w'’])")
# A head after one Title Case word that says what kind of place it is, after a piece that has
# no head of its own: "[Barangay 659] Health Center", "[Bucktown] Sports Club", "[Kloof] Gold
# Mine" (session 63, deid63a). Not a service's "Day Hospital" or "Home Care".
_MODIFIED_HEAD = re.compile(r" ([A-Z][a-z]+) ([A-Z][a-z]+)(?![\w'’])")
_SERVICE_MODIFIERS = frozenset({"day", "night", "virtual", "home", "outpatient", "inpatient"})
# Words that make a run of pieces an organisation's name though no facility's kind.
_NAME_KINDS = frozenset({"nhs", "university", "universitario", "universitaria", "court", "trust"})
_TITLE_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_]+)\.?[ \t]+\Z")
_SPECIALTY_ENDINGS = (
    "logie", "logia", "logy", "iatrie", "iatria", "iatry", "medizin", "medicina", "chirurgie",
    "chirurgia", "cirugia", "cirurgia",
)  # fmt: skip
_LAST_WORD = re.compile(r"([^\W\d_]+)[^\w]*\Z")
_LOOK_BACK = 40
# Words of a department, ward or service: never the end of a name.
_WARD_WORDS = frozenset(
    {"ward", "unit", "department", "dept", "clinic", "service", "services", "team", "suite",
     "theatre", "theatres", "bay", "bed", "room", "floor", "level", "block", "station", "oddzial",
     "abteilung", "afdeling", "servizio", "servicio", "unidad", "osasto", "reparto"}
)  # fmt: skip


def _pieces(text: str, spans: Iterable[Redaction]) -> list[tuple[int, int, frozenset[str]]]:
    """The found pieces of names and places in text order, those that overlap or stand side
    by side on a line ("[Hospital Juárez] [de México]") joined into one with both kinds."""
    ordered = sorted((s for s in spans if s.kind in _PIECE_KINDS), key=lambda s: s.start)
    joined: list[tuple[int, int, frozenset[str]]] = []
    for span in ordered:
        if joined and (
            span.start <= joined[-1][1] or not text[joined[-1][1] : span.start].strip(" \t")
        ):
            start, end, kinds = joined[-1]
            joined[-1] = (start, max(end, span.end), kinds | {span.kind})
        else:
            joined.append((span.start, span.end, frozenset({span.kind})))
    return joined


def _kind_word(word: str) -> bool:
    bare = fold(word)
    return bare in _KIND_WORDS or (len(bare) > 8 and bare.endswith(_KIND_ENDINGS))


def _names_kind(piece: str) -> bool:
    """Some word of ``piece`` names a facility's kind ("[Szpitala Bielańskiego] im. ks. ...")."""
    return any(
        _kind_word(w) or fold(w) in _HEADS_AFTER or fold(w) in _NAME_KINDS
        for w in re.findall(r"[^\W\d_]+", piece)
    )


def _a_person(text: str, start: int, kinds: frozenset[str]) -> bool:
    """A name's piece after a title or a role ("Dr [Smith]", "Sister [Jones]"): a person."""
    if kinds != {"name"}:
        return False
    word = _TITLE_BEFORE.search(text, max(0, start - _LOOK_BACK), start)
    return word is not None and fold(word.group(1)) in TITLES | ROLES


def _ends_on_head(text: str, start: int, end: int) -> bool:
    """The piece's last word is a facility's head: the piece is a whole name."""
    last = _LAST_WORD.search(text, max(start, end - _LOOK_BACK), end)
    return last is not None and (_kind_word(last.group(1)) or fold(last.group(1)) in _HEADS_AFTER)


def _clinical(word: str, lex: Lexicon) -> bool:
    bare = fold(word.strip("'’-"))
    return (
        lex.clinical(bare)
        or clinical_abbreviation(word)
        or bare in _WARD_WORDS
        or bare in CALENDAR_WORDS
        or (lex.known(bare) and not lex.name_like(bare) and bare not in lex.places)
    )


def _clinical_word(word: str, lex: Lexicon) -> bool:
    """A clinical word, abbreviation or a ward's word: never a head-first name's own name
    ("Hôpital [Cochin]" is one, "Klinikum Innere Medizin" a department)."""
    bare = fold(word.strip("'’-"))
    return (
        lex.clinical(bare)
        or lex.foreign_clinical(bare)
        or clinical_abbreviation(word)
        or bare in _WARD_WORDS
        or bare in CALENDAR_WORDS
        or bare.endswith(_SPECIALTY_ENDINGS)
    )


def _joint(text: str, start: int, end: int) -> list[str] | None:
    """The connectors between two pieces, or None where anything else stands between them."""
    words: list[str] = []
    at = start
    while at < end:
        token = _GAP_TOKEN.match(text, at, end)
        if token is None or token.end() == at:
            return None
        word = token.group(1)
        if word is not None:
            if fold(word) not in _CONNECTORS:
                return None
            words.append(fold(word))
        at = token.end()
    return words


def _joints(text: str, pieces: list[tuple[int, int, frozenset[str]]]) -> list[tuple[int, int]]:
    grown = []
    for (start, end, kinds), (n_start, n_end, _) in pairwise(pieces):
        gap = text[end:n_start]
        if not gap or len(gap) > _MOST_GAP or "\n" in gap or not any(c.isalpha() for c in gap):
            continue
        words = _joint(text, end, n_start)
        if not words or not _joins(text, (start, end, kinds), (n_start, n_end), words):
            continue
        grown.append((start, n_end))
    return grown


def _joins(
    text: str, left: tuple[int, int, frozenset[str]], right: tuple[int, int], words: list[str]
) -> bool:
    """The connectors ``words`` join the halves of one name, not a person and a place or two
    names of a list."""
    start, end, kinds = left
    gap = text[end : right[0]]
    if set(words) & _TITLES_IN_NAMES and not (set(gap) & _QUOTES or "im" in words):
        # A title inside a name is quoted or follows "im." ("... de México "Dr. Eduardo
        # Liceaga"", "Szpital im. dr. ..."); elsewhere it opens a person ("[Durbanville Medical
        # Centre] – Dr [L. Naidoo]", "Refer [ENT] Dr [Okoro]").
        return False
    if set(words) & _LIST_CONNECTORS:
        # "[Star Health] and [Allied Insurance]": one "and", the first half headless and the
        # second ending on the whole name's head; "[KPJ Damansara] and [Klinik Kesihatan]",
        # "[UHW] and [Llandough]", "and at [X]" are lists.
        return (
            len(words) == 1
            and not _ends_on_head(text, start, end)
            and _ends_on_head(text, *right)
            and not _opens_on_head(text, right[0])
        )
    if set(words) & _ENGLISH:
        # "[Royal Infirmary of Edinburgh] at [Little France]", "[County Court] at [Central
        # London]": only a found organisation is joined to what follows ("[Dr Kwa] at
        # [Mater]" is a person and a place; "[Earlier] at the [Royal Hallamshire]" a word).
        return ("facility" in kinds or _names_kind(text[start:end])) and words[-1] != "the"
    return "facility" in kinds or _names_kind(text[start : right[1]])


def _opens_on_head(text: str, start: int) -> bool:
    """The piece at ``start`` opens on a facility's kind word ("[Klinik Kesihatan Kelana]",
    "[l'Hôpital Notre-Dame]"): a new name begins there."""
    first = _FIRST_WORD.match(text, start)
    return first is not None and (
        _kind_word(first.group(1)) or fold(first.group(1)) in _HEADS_AFTER
    )


def _heads_before(text: str, places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    grown = []
    for start, end in places:
        head = _WORD_BEFORE.search(text, max(0, start - _LOOK_BACK), start)
        if head is None:
            continue
        word = head.group(1)
        if _SERVICE_BEFORE.search(text, max(0, head.start() - _LOOK_BACK), head.start()):
            continue  # "Day Hospital for [Older Persons]": a service of a hospital
        if (word in _KIND_INITIALS and head.group(2) is None) or (
            word[:1].isupper() and _kind_word(word) and word.lower() not in ROLES
        ):
            grown.append((head.start(), end))
    return grown


def _heads_after(text: str, places: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    grown = []
    for start, end in places:
        site = _SITE.match(text, end)
        if site is not None and not any(_clinical(w, lex) for w in site.group().split()[2:]):
            grown.append((start, site.end()))
            continue
        head = _HEAD_AFTER.match(text, end)
        if (
            head is not None
            and fold(head.group(1)) in _HEADS_AFTER
            and _CAPITAL_AFTER.match(text, head.end()) is None  # "Hospital Home Oxygen Service"
        ):
            grown.append((start, head.end()))
            continue
        if (modified := _modified_head(text, start, end, lex)) is not None:
            grown.append((start, modified))
            continue
        last = _LAST_WORD.search(text, max(start, end - _LOOK_BACK), end)
        if last is None or not _kind_word(last.group(1)) or fold(last.group(1)) in _HEADS_AFTER:
            continue  # an English head ends its name ("[Leeds General Infirmary] Cardiology")
        at = end
        while (word := _CAPITAL_AFTER.match(text, at)) is not None and not _clinical_word(
            word.group(1), lex
        ):
            at = word.end()
            if at - end > _LOOK_BACK:
                break
        if at > end:
            grown.append((start, at))
    return grown


def _modified_head(text: str, start: int, end: int, lex: Lexicon) -> int | None:
    """The end of a kind's word and the head after a headless piece ("[Barangay 659] Health
    Center"), or None."""
    head = _MODIFIED_HEAD.match(text, end)
    if (
        head is None
        or fold(head.group(2)) not in _HEADS_AFTER
        or fold(head.group(1)) in _SERVICE_MODIFIERS
        or _clinical_word(head.group(1), lex)
        or _CAPITAL_AFTER.match(text, head.end()) is not None
        or _ends_on_head(text, start, end)
    ):
        return None
    return head.end()


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """``span`` overlaps one of ``others`` (sorted by start)."""
    at = bisect_left(others, (span[1],))
    return at > 0 and others[at - 1][1] > span[0]


def whole_facility_names(text: str, redactions: list[Redaction], lex: Lexicon) -> list[Redaction]:
    """The settled redactions, each facility's span grown to the whole name it stopped short of
    (see the module's docstring); spans the growth reaches are joined into one facility."""
    pieces = _pieces(text, redactions)
    # A person's name after a title is no facility's piece for a head to grow from.
    places = [(start, end) for start, end, kinds in pieces if not _a_person(text, start, kinds)]
    grown = _joints(text, pieces) + _heads_before(text, places) + _heads_after(text, places, lex)
    if not grown:
        return redactions
    # A growth never reaches over a code or a date: those keep their own spans and kinds.
    others = sorted((r.start, r.end) for r in redactions if r.kind not in _PIECE_KINDS)
    grown = sorted(g for g in grown if not _overlaps(g, others))
    merged: list[list[int]] = []
    for start, end in grown:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[Redaction] = []
    at = 0
    for red in sorted(redactions, key=lambda r: r.start):
        while at < len(merged) and merged[at][1] <= red.start:
            at += 1
        if (
            red.kind in _PIECE_KINDS
            and at < len(merged)
            and merged[at][0] < red.end
            and red.start < merged[at][1]
        ):
            start, end = merged[at]
            merged[at][0] = min(start, red.start)
            merged[at][1] = max(end, red.end)
            continue
        out.append(red)
    for start, end in merged:
        out.append(Redaction("facility", start, end, text[start:end], label("facility")))
    return sorted(out, key=lambda r: r.start)
