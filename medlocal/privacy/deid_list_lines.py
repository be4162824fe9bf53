"""Medication, results and diagnosis lists labelled in other languages (issue 16, session 57,
deid57d).

A line opened by "Meds:" keeps its capitalised words (deid_clinical_values.protect_med_lists):
most brands sold outside the US are on no list, and the label is the evidence. Notes of other
countries label the same lists in their own words ("Leki:", "Läkemedel:", "Terapi:",
"Gyógyszerek:", "Tratamiento:"), and label lab results and diagnoses so too ("Labor:", "Wyniki:",
"Análises:", "Bilan :", "Diagnózis:"); there a brand ("Ketonal", "Paralen 500"), a lab name
("Leukosit 11.200", "Vérkép") or a diagnosis in its own language ("Szívelégtelenség") was read
as a name. On dev68 (written blind) 30 of 48 damaged terms stood on such a line.

Keeping text is where names leak, so a word of such a line is kept only when nothing says it is
a person's or a place's (each guard has must-remove probes in
tests/unit/test_deid_list_lines57.py that leak without it):

1. a title or relation right before it ("Leki: ... dr Nowak", "Befunde: Frau Keller");
2. a listed surname or given name no clinical, product or English list explains ("Terapia:
   fisioterapia, Kowalski"; brands that are listed names stay removed, as in "Meds:" lines);
3. a word of agency or place right before it ("by", "with", "at", "von", "bei", "por", "chez":
   "Labor: Hb 12, abgenommen von Brunner", "Wyniki: wysłane do Gdańska");
4. what only a person does after it (deid_people_words.PERSON_ONLY_AFTER: "Kien phoned");
5. a capitalised run holding a facility, street or place word ("Labor: extern, Klinikum
   Nord") is left to the facility and address rules whole;
6. in a results or diagnosis list, two capitalised words side by side that no list explains
   ("Wyniki: Hb 12, Zbyszko Wrzosek"): a lab's or a diagnosis's name writes its second word in
   lower case or is known ("Krevní obraz", "Blodstatus Hb"); a brand's is not ("Spiolto
   Respimat"), so a medication list does not ask this.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation
from medlocal.privacy.deid_people_words import (
    HONORIFICS,
    PERSON_ONLY_AFTER,
    RELATIONS,
    SOFT_CUES,
    TITLES,
)
from medlocal.privacy.deid_place_words import FACILITY_HEADS, HEAD_FIRST, STREET_WORDS
from medlocal.privacy.deid_tokens import Tok

# The labels, folded to lower case, of other languages' medication, results and diagnosis
# lists (English "Meds:" lines are MED_LIST's; English "Labs:", "Bloods:" and "Dx:" lines are
# left to the English rules: with them the held-out halves lost one city for three terms
# kept). A label may follow one or two words ("Traitement de sortie") and take a few more
# before its colon ("Labor vom 3.12.").
_MEDICINE_LABELS = (
    r"medikation|medikamente|entlassmedikation|arzneimittel|m[ée]dicaments?|traitements?|"
    r"medicamentos?|medicaci[óo]n|medica[çc][ãa]o|tratamientos?|medicatie|geneesmiddelen|"
    r"farmaci|terapia|terapie|terapi|therapie|leki|l[ée]ky|medikace|gy[óo]gyszerek|"
    r"gy[óo]gyszerel[ée]s|l[äa]kemedel|medicinering|l[äa]akkeet|l[äa][äa]kitys|ila[çc]lar|"
    r"verilen|tedavi|obat|"
    # Session 58 (deid58a, dev69): Norwegian, Danish, Estonian, Croatian, Serbian, Romanian and
    # Dutch medication and feeding lists.
    r"legemidler|medisiner|medicin|ravimid|ravi|lijekovi|lekovi|terapija|tratament|"
    r"medica[tţț]ie|voeding"
)
_LABELS = (
    _MEDICINE_LABELS + "|"
    # results
    r"labor|laborwerte|labordiagnostik|befunde?|laboratorio|"
    r"laboratorium|laborat[oó][řr]|laboratoire|bilan|biologie|an[áa]lises|anal[íi]ticas?|"
    r"ex[áa]menes|exames|paracl[íi]nicos|wyniki|badania|labb|provsvar|tahlil|"
    # diagnoses
    r"diagnose|diagnosi|diagnosen|diagn[óo]sticos?|diagn[óo]zis|diagn[óo]za|rozpoznanie|dg|"
    # Session 58 (deid58a): the same lists in Norwegian, Danish, Estonian, the languages of
    # former Yugoslavia, Romanian and Dutch.
    r"diagnoser|diagnoosid|dijagnoz[ae]|diagnostic|anal[üu][üu]sid|nalazi|analize|problemen"
)
# Two words at most before the label, a few characters after it, then the colon; the list runs
# to the end of its line or sentence, as a "Meds:" list does. Every repeat is bounded and the
# line start anchors it: a label and 20,000 blanks are read once.
_LIST_LINE = re.compile(
    r"(?im)^[ \t]{0,40}(?:[^\W\d_]{1,30}[ \t]{1,4}){0,2}?(?P<label>" + _LABELS + r")\b"
    r"[^:\n]{0,30}?[ \t]*:"
    r"(?P<list>(?:[^\n.]|\.(?![ \t]+[A-Z]))*)"
)
_MEDICINE_LABEL = re.compile(r"(?i)(?:" + _MEDICINE_LABELS + r")\Z")
# Words of agency or place that put a person or a place after them ("von Brunner", "at
# Northfield", "do Gdańska").
_AGENT_OR_PLACE = frozenset(
    {
        "by", "with", "from", "at", "in", "to", "per", "via", "for", "von", "bei", "durch",
        "mit", "nach", "aus", "im", "par", "chez", "avec", "à", "por", "con", "en", "em",
        "com", "pelo", "pela", "przez", "u", "w", "we", "do", "od", "z", "av", "hos", "från",
        "i", "till", "tarafından", "ile", "oleh", "dari", "di", "dengan", "k", "v", "ve",
        "által",
        # review58d: the same words in the languages deid58a added ("hentet på Apoteket
        # Nørrebro, København" kept the town): Norwegian and Danish, Croatian and Serbian,
        # Romanian, Dutch.
        "på", "fra", "af", "ved", "kod", "iz", "kroz", "la", "din", "prin", "bij", "door",
        "uit", "naar", "van",
    }
)  # fmt: skip
# Titles, relations and honorifics of the lexicon, and the titles of the lists' languages it
# lacks ("pani", "MUDr.", "Bpk.", "Dre"); a cue is never kept itself, so the rules that read a
# name after it still see it.
_NAME_CUES = (
    TITLES
    | RELATIONS
    | HONORIFICS
    | SOFT_CUES
    | frozenset(
        {"pan", "pani", "mudr", "mgr", "ing", "doc", "dre", "mlle", "hr", "srta", "bpk", "ny"}
    )
)
# Pharmacies, hospitals, practices and labs in the lists' languages that the place words lack.
_PLACE_WORDS = (
    FACILITY_HEADS
    | HEAD_FIRST
    | STREET_WORDS
    | frozenset(
        {
            "apotheke",
            "apteka",
            "apotek",
            "apoteket",
            "farmacia",
            "farmácia",
            "pharmacie",
            "eczane",
            "eczanesi",
            "lékárna",
            "gyógyszertár",
            "szpital",
            "spital",
            "nemocnice",
            "kórház",
            "sjukhus",
            "sjukhuset",
            "hastane",
            "hastanesi",
            "poliklinik",
            "praxis",
            "przychodnia",
            "ordinace",
            "rendelő",
            "vårdcentral",
            "vårdcentralen",
            "apotik",
            "puskesmas",
            "laboratorio",
            "laboratório",
            "laboratoire",
            "laboratorium",
            # review57a: a university hospital, Norwegian hospitals and practices, a German
            # spa town's prefix ("Semmelweis Egyetem", "Ullevål Sykehus", "Bad Nauheim")
            "egyetem",
            "egyetemi",
            "klinika",
            "sykehus",
            "sykehuset",
            "legekontor",
            "legesenter",
            "bad",
        }
    )
)
# Endings of a facility written as one compound word ("Vitusapotek", "Rosen-Apotheke",
# "Kantonsspital", "Universitetssjukhuset", "Uniklinik"; review57a).
_FACILITY_ENDINGS = (
    "apotek", "apoteket", "apotheke", "apteka", "spital", "sjukhus", "sjukhuset", "sykehus",
    "sykehuset", "klinik", "klinikum", "kórház", "hastanesi", "praxis",
)  # fmt: skip
# Endings only surnames take ("Mroczkowski", "Gudbrandsen", "Andersson", "Petrović"): a word
# on no list with one of them is a person's, not a brand's (review57a: "Leki: Polocard,
# Mroczkowski." kept the surname as a medicine).
_SURNAME_ENDINGS = (
    "ski", "ska", "cki", "cka", "dzki", "dzka", "wicz", "czyk", "czak", "sson", "ssen", "sen",
    "poulos", "escu", "ović", "ovic", "ević", "evic", "enko", "ová", "oğlu", "oglu",
)  # fmt: skip
# Endings of street names in the lists' languages ("Rosenweg", "Hauptstraße", "Váci utca").
_STREET_ENDINGS = (
    "straße", "strasse", "weg", "gasse", "platz", "allee", "ring", "damm", "ufer", "gatan",
    "vägen", "gade", "vej", "utca", "ulica", "caddesi", "sokak", "sokağı",
)  # fmt: skip


def _named_word(tok: Tok, lex: Lexicon) -> bool:
    """A listed surname or given name that no clinical, product or English list explains."""
    bare = tok.bare
    return (
        (bare in lex.surnames or bare in lex.given_names)
        and bare not in lex.products
        and not lex.clinical(tok.lower)
        and not lex.clinical(bare)
        and not lex.known(bare)
    )


def _surname_shaped(tok: Tok, lex: Lexicon) -> bool:
    """A word on no list that ends as only surnames do (review57a)."""
    bare = tok.bare
    return (
        len(bare) >= 6
        and bare.endswith(_SURNAME_ENDINGS)
        and bare not in lex.products
        and not lex.clinical(tok.lower)
        and not lex.clinical(bare)
        and not lex.known(bare)
    )


def _joined(text: str, a: Tok, b: Tok) -> bool:
    return b.word[:1].isupper() and not text[a.end : b.start].strip(" \t-")


def _place_runs(tokens: list[Tok], lo: int, hi: int, text: str, lex: Lexicon) -> set[int]:
    """The tokens from ``lo`` to ``hi`` whose capitalised run (the capitalised words joined to
    them by blanks, whatever an earlier rule made of them: "5 mg, Klinikum Nord" keeps
    "Klinikum" as a medicine's next item) holds a facility, street or place word. Each run is
    read once (review57a: reading it again for each of its words was quadratic in a long run,
    "Leki: Polocard Ketonal Polocard ...")."""
    while lo and lo < len(tokens) and _joined(text, tokens[lo - 1], tokens[lo]):
        if not tokens[lo - 1].word[:1].isupper():
            break
        lo -= 1
    places: set[int] = set()
    start = lo
    while start < min(hi, len(tokens)):
        end = start
        if tokens[start].word[:1].isupper():
            while end + 1 < len(tokens) and _joined(text, tokens[end], tokens[end + 1]):
                end += 1
        if any(
            t.bare in _PLACE_WORDS
            or t.bare.endswith(_STREET_ENDINGS)
            or t.bare.endswith(_FACILITY_ENDINGS)
            or (t.bare in lex.places and not lex.clinical(t.bare))
            for t in tokens[start : end + 1]
        ):
            places.update(range(start, end + 1))
        start = end + 1
    return places


def _run_of_place(i: int, places: set[int], tokens: list[Tok], text: str) -> bool:
    """Guard 5: the word's capitalised run holds a facility, street or place word, or follows
    such a run after a comma, as a town follows its pharmacy ("Apoteket Nørrebro, København":
    review58d found the town kept)."""
    if i in places:
        return True
    return i - 1 in places and text[tokens[i - 1].end : tokens[i].start].strip(" \t") == ","


def _unexplained(tok: Tok, lex: Lexicon) -> bool:
    return not (
        lex.known(tok.bare)
        or lex.clinical(tok.lower)
        or lex.clinical(tok.bare)
        or tok.bare in lex.products
        or clinical_abbreviation(tok.word)
    )


def _unexplained_run(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """Guard 6, in a results or diagnosis list: the word and a capitalised word joined to it by
    a blank are both on no list ("Labs: ... Quorra Vantbridge"): two unknown capitalised words
    together are a name or a place far more often than a lab's or a diagnosis's name, which
    writes its second word in lower case or is known ("Krevní obraz", "Blodstatus Hb")."""
    if not _unexplained(tokens[i], lex):
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            a, b = sorted((tokens[i], tokens[j]), key=lambda t: t.start)
            if (
                tokens[j].shape in ("title", "caps")
                and not text[a.end : b.start].strip(" \t")
                and _unexplained(tokens[j], lex)
            ):
                return True
    return False


def _explained(tok: Tok, lex: Lexicon) -> bool:
    return (
        lex.clinical(tok.lower)
        or lex.clinical(tok.bare)
        or tok.bare in lex.products
        or clinical_abbreviation(tok.word)
    )


def _name_pair(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """In a medication list (review57a): the word and a Title-case word joined to it by a blank,
    one on no list and neither clinical nor a product, with no strength after them ("Leki:
    Polocard, Zbigniew Wrzosek.", "Läkemedel: Trombyl, Lars Andersson."); a brand of two words
    on no list is kept where a number follows it ("Spiolto Respimat 2,5")."""
    tok = tokens[i]
    if _explained(tok, lex):
        return False
    for j in (i - 1, i + 1):
        # read by its letters, not its shape: an earlier rule may have kept the word after a
        # dose ("75 mg, Zbigniew Wrzosek")
        if not 0 <= j < len(tokens) or not tokens[j].word.istitle():
            continue
        a, b = sorted((tok, tokens[j]), key=lambda t: t.start)
        if text[a.end : b.start].strip(" \t") or _explained(tokens[j], lex):
            continue
        if not (_unexplained(tok, lex) or _unexplained(tokens[j], lex)):
            continue
        if not re.match(r"[ \t]*\d", text[b.end : b.end + 12]):
            return True
    return False


def _cue_before(tokens: list[Tok], i: int, text: str, name_before: bool) -> bool:
    """Guard 1: a title or relation right before the word, or the word goes on a name such a
    cue opened ("dr Jan Wrzosek": the title guards "Jan", and "Wrzosek" follows it)."""
    before = tokens[i - 1]
    if before.lower.rstrip(".") in _NAME_CUES:
        return True
    return name_before and not text[before.end : tokens[i].start].strip(" \t")


def _given_before_surname(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """A listed given name that a list explains too ("Ana", "Maria") joined by a blank to a
    surname a guard removes ("Terapija: ...; Ana Kovač", "Diagnostic: HTA; Maria Ionescu":
    review58d found the given name kept and the surname gone)."""
    tok = tokens[i]
    if tok.shape != "title" or tok.bare not in lex.given_names or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1]
    return (
        after.word.istitle()
        and not text[tok.end : after.start].strip(" \t")
        and (_named_word(after, lex) or _surname_shaped(after, lex))
    )


def _agent_before(tokens: list[Tok], i: int) -> bool:
    """Guard 3: a word of agency or place right before the word."""
    return tokens[i - 1].lower in _AGENT_OR_PLACE


def _person_after(text: str, tok: Tok) -> bool:
    """Guard 4: what only a person does after the word."""
    return PERSON_ONLY_AFTER.match(text, tok.end) is not None


def _guarded(
    tokens: list[Tok],
    i: int,
    text: str,
    lex: Lexicon,
    list_start: int,
    name_before: bool,
    medicines: bool,
    places: set[int],
) -> bool:
    tok = tokens[i]
    if not medicines and _unexplained_run(tokens, i, text, lex):
        return True
    if medicines and tok.shape == "title" and _name_pair(tokens, i, text, lex):
        return True
    before_in_list = i > 0 and tokens[i - 1].start >= list_start
    if before_in_list and (_cue_before(tokens, i, text, name_before) or _agent_before(tokens, i)):
        return True
    if _named_word(tok, lex) or _surname_shaped(tok, lex) or _person_after(text, tok):
        return True
    if _given_before_surname(tokens, i, text, lex):
        return True
    return _run_of_place(i, places, tokens, text)


def protect_list_lines(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Keep (``shape`` "lower") the label and the capitalised words of another language's
    medication, results or diagnosis list but where a guard above says the word is a person's
    or a place's. A label that is itself a listed name ("Bilan") keeps nothing."""
    lines = [(m.start("label"), *m.span("list")) for m in _LIST_LINE.finditer(text)]
    if not lines:
        return
    starts = [t.start for t in tokens]
    keep: list[int] = []
    for label, start, end in lines:
        i = bisect_left(starts, label)
        if i == len(tokens) or tokens[i].start != label or _named_word(tokens[i], lex):
            continue
        keep.append(i)
        medicines = _MEDICINE_LABEL.match(tokens[i].word) is not None
        guarded = -2  # the last word a guard left to the other rules
        i = bisect_left(starts, start, i)
        places = _place_runs(tokens, i, bisect_left(starts, end, i), text, lex)
        while i < len(tokens) and tokens[i].start < end:
            if tokens[i].shape in ("title", "caps"):
                if tokens[i].lower.rstrip(".") in _NAME_CUES or _guarded(
                    tokens, i, text, lex, start, guarded == i - 1, medicines, places
                ):
                    guarded = i
                else:
                    keep.append(i)
            i += 1
    for i in keep:
        tokens[i].shape = "lower"
