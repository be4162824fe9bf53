"""Organisations in a field whose label names a kind of place deid_org_labels does not read:
care homes, home-care services, insurers and laboratories, and the same fields written in
French, German, Dutch, Spanish, Italian, Portuguese and Swedish (issue 16, session 57: deid57a).

A discharge letter of any country lists who looks after the patient as fields: "Apotheek:
Overvecht", "Thuiszorg: Careyn", "Pflegedienst: Sonnenschein", "Care home: Drummond Grange",
"Insurer: Discovery", "Laboratoire : Cerballiance". deid_org_labels reads the English labels of
churches, schools, employers and pharmacies; these labels say the same thing - the value names
which place - so its reading of the value is reused: one to five capitalised words up to a
comma, a semicolon, a bracket, a full stop or the line's end, and a value that says a kind or a
state ("Thuiszorg: Geen", "Care home: Residential", "Apotheke: Keine") or a clinical word stays.

A laboratory's field also holds results ("Labs: Creatinine, urea normal", "Labor: Leukozyten,
CRP erhöht"), so its value must be two capitalised words or more, none of them clinical ("Labor:
Labor Berlin", "Lab: Sonic Healthcare"); one word after it stays. Labels that name a person
("Hausarzt:", "huisarts:", "médecin traitant :") are left to the person rules.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_org_labels import labelled_organisations
from medlocal.privacy.deid_tokens import WordSpan

# Before the label: a line's start and up to two words, or a sentence's end on the same line.
_LEAD = r"(?im:(?:^[ \t]*(?:[^\W\d_]+[ \t]+){0,2}|(?<=[.;|])[ \t]+)"
# After the label: up to three lower-case words, the colon (French puts a space before it) and
# perhaps a line break; then the value, as deid_org_labels reads it.
_VALUE = (
    r"(?:[ \t]+[^\W\d_]+){0,3}[ \t]*:[ \t]*(?:\n[ \t]*)?)"
    r"(?P<n>(?:St\.?[ \t]+)?[A-Z][\w'’&.-]*"
    r"(?:[ \t]+(?:(?:&|of|the|and|de|del|da|do|du|la|le|van|von|der|di)[ \t]+)?[A-Z][\w'’&-]*)"
    r"{0,4})"
    r"(?=[ \t]*(?:[,;(]|\.(?:\s|\Z)|(?m:$)|[ \t]{2,}))"
)
# Answers, not places, in the languages of the labels ("Apotheke: Keine", "Thuiszorg: Geen",
# "Mutuelle : Aucune"): the English ones deid_org_labels already leaves.
_ANSWERS = frozenset(
    {
        "keine", "kein", "nein", "unbekannt", "privat", "geen", "nee", "onbekend", "aucun",
        "aucune", "non", "inconnu", "inconnue", "ninguno", "ninguna", "desconocido", "privada",
        "nessuno", "nessuna", "sconosciuto", "privata", "nenhum", "nenhuma", "desconhecido",
        "ingen", "inget", "nej", "okänd", "ja", "oui", "sí", "si", "sim",
    }
)  # fmt: skip
_KINDS = (
    r"(?:care[ \t]+home|nursing[ \t]+home|rest[ \t]+home|residential[ \t]+home|home[ \t]*care|"
    r"care[ \t]+agency|domiciliary[ \t]+care|hospice|insurer|"
    r"gp[ \t]+practice|gp[ \t]+surgery|"
    # German
    r"apotheke|pflegedienst|pflegeheim|seniorenheim|hausarztpraxis|praxis|krankenkasse|"
    r"arbeitgeber|schule|kirche|"
    # Dutch
    r"apotheek|thuiszorg|verpleeghuis|verzorgingshuis|huisartsenpraktijk|zorgverzekeraar|"
    r"werkgever|kerk|"
    # French
    r"pharmacie|ehpad|mutuelle|employeur|[ée]cole|[ée]glise|"
    # Spanish, Italian, Portuguese
    r"farm[aá]cia|residencia|aseguradora|mutua|empleador|empresa|escuela|colegio|iglesia|"
    r"scuola|chiesa|datore[ \t]+di[ \t]+lavoro|escola|igreja|lar|"
    # Swedish
    r"apotek|v[aå]rdcentral|hemtj[aä]nst|[aä]ldreboende|arbetsgivare|skola|kyrka)"
)
_LABS = r"(?:labs?|laboratory|pathology|labor|laboratoire|laboratorio|laborat[oó]rio|labb)"
# A laboratory's own words, beside its name in the value.
_LAB_WORDS = frozenset(
    {
        "lab", "labs", "labo", "labor", "laboratory", "laboratories", "laboratoire", "laboratorio",
        "laboratório", "labb", "pathology", "diagnostics", "diagnostic", "medical", "clinical",
        "healthcare", "health", "services", "group", "gmbh", "ltd", "inc", "mvz", "bv", "sa",
    }
)  # fmt: skip
_KIND_LABELLED = re.compile(_LEAD + _KINDS + _VALUE)
# A label's words before a colon: where the patterns are worth reading (see _label_lines); each
# pattern's label opens with one of them, at most four words before the colon.
_LABEL_WORDS = frozenset(
    {
        "care", "nursing", "rest", "residential", "home", "homecare", "domiciliary", "hospice",
        "insurer", "gp", "apotheke", "pflegedienst", "pflegeheim", "seniorenheim",
        "hausarztpraxis", "praxis", "krankenkasse", "arbeitgeber", "schule", "kirche", "apotheek",
        "thuiszorg", "verpleeghuis", "verzorgingshuis", "huisartsenpraktijk", "zorgverzekeraar",
        "werkgever", "kerk", "pharmacie", "ehpad", "mutuelle", "employeur", "école", "ecole",
        "église", "eglise", "farmacia", "farmácia", "residencia", "aseguradora", "mutua",
        "empleador", "empresa", "escuela", "colegio", "iglesia", "scuola", "chiesa", "datore",
        "escola", "igreja", "lar", "apotek", "vårdcentral", "vardcentral", "hemtjänst",
        "hemtjanst", "äldreboende", "aldreboende", "arbetsgivare", "skola", "kyrka", "lab", "labs",
        "laboratory", "pathology", "labor", "laboratoire", "laboratorio", "laboratório", "labb",
    }
)  # fmt: skip
_LABEL_REACH = 80
_WORDS_BEFORE = 5
_LAB_LABELLED = re.compile(_LEAD + _LABS + _VALUE)


def _names_something(value: str, lex: Lexicon) -> bool:
    """A value of several words names a place when one of them is a name, a place or no English
    word ("Drummond Grange", "Pharmacie du Grand Parc"); English words alone say what is done
    ("Care home: Respite Booked", "Hospice: Referral Sent")."""
    words = [fold(w.strip(".'’")) for w in value.split() if w[:1].isupper()]
    return len(words) < 2 or any(
        lex.name_like(w) or w in lex.places or w not in lex.english for w in words
    )


def _names_a_laboratory(value: str, lex: Lexicon) -> bool:
    """Two capitalised words or more, one of them no English word (or a town's name: "Berlin")
    nor a day or a month, the others a laboratory's own word: a laboratory's name ("Labor
    Berlin"), not a result ("Full Blood Count", "Sodium Low", "U&E Normal" stay; so does "Sonic
    Healthcare", of English words)."""
    words = [fold(w.strip(".'’")) for w in value.split() if w[:1].isupper()]
    if len(words) < 2 or any(lex.clinical(w) or clinical_abbreviation(w) for w in words):
        return False
    naming = [
        w
        for w in words
        if w.isalpha()
        and w not in _LAB_WORDS
        and w not in CALENDAR_WORDS
        and (w not in lex.english or (w in lex.places and lex.name_like(w)))
    ]
    return bool(naming) and all(w in naming or w in _LAB_WORDS for w in words)


def _label_lines(text: str) -> list[tuple[int, int]]:
    """Speed: the stretches (a line with a colon, and the line after it) where a label may
    stand before its colon; the labels' patterns are read there only, not at each of a long
    record's sixty thousand characters (23 ms -> a few on the twenty-page record)."""
    stretches: list[tuple[int, int]] = []
    start, line_end, end = 0, -1, -1  # the colon's line, its end and the stretch's end
    colon = text.find(":")
    while colon >= 0:
        if colon > line_end:  # a new line: each newline is looked for once (linear time)
            start = text.rfind("\n", max(line_end, 0), colon) + 1 or start
            line_end = text.find("\n", colon)
            line_end = len(text) if line_end < 0 else line_end
            end = text.find("\n", line_end + 1)
            end = len(text) if end < 0 else end
        words = text[max(start, colon - _LABEL_REACH) : colon].lower().split()[-_WORDS_BEFORE:]
        if any(word.strip(".,;|()") in _LABEL_WORDS for word in words):
            if stretches and start <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
            else:
                stretches.append((start, end))
        colon = text.find(":", colon + 1)
    return stretches


def kind_labelled_organisations(text: str, lex: Lexicon) -> list[WordSpan]:
    """The organisations named in a field labelled by a kind of place (see the docstring)."""
    found: list[WordSpan] = []
    for start, end in _label_lines(text):
        part = text[start:end]
        for span in labelled_organisations(part, lex, _KIND_LABELLED):
            value = part[span.start : span.end]
            if fold(value.rstrip(".")) not in _ANSWERS and _names_something(value, lex):
                found.append(WordSpan(span.kind, start + span.start, start + span.end))
        for span in labelled_organisations(part, lex, _LAB_LABELLED):
            if _names_a_laboratory(part[span.start : span.end], lex):
                found.append(WordSpan(span.kind, start + span.start, start + span.end))
    return found
