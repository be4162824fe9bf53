"""Medicines and devices by the form of the text around them, for brands no list holds.

A brand sold in one country ("Amlovar", "Bosvate", "Dermoxin") is on no list MedLocal ships, so
the word scan reads it as a surname. Its neighbours say what it is:

* a brand in brackets right after its generic, then a dose or a form ("amlodipine (Xyz) 10 mg",
  "chlorhexidine 0.2% (Xyz) mouthwash");
* a brand, a release or strength qualifier and a dose ("Xyz DS 960 mg", "Xyz Met 50/1000");
* a brand before a formulation word of English, German, French, Spanish, Italian, Portuguese or
  Dutch ("Xyz Creme", "Xyz Mundgel", "Xyz pomada", "Xyz comprimés"): the formulation word is
  kept too;
* a device's maker and model before a field strength or a model number and a device noun
  ("Maker Model 3T", "Xyz 80 stapler"), a product code of English words and a number
  ("FAST-FIX 360"), a stent or implant named in brackets after it ("stented (Xyz Abc)");
* a word kept as a medicine by its dose anywhere in the note is a medicine where it stands alone
  ("Xyz 75 mg" ... "continue Xyz").

A word after a title or relation is never read so ("Dr Amlovar 10 mg" stays a name), nor a
listed given name in the brand rules (a person stands in brackets more often than a brand).
Each rule is prefiltered by a cheap test of the text and reads each token at most once.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_clinical_values import DOSE_AFTER
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_pattern_context import DEVICE_MAKERS
from medlocal.privacy.deid_people_words import FUNCTION_CUES, RELATIONS, TITLES
from medlocal.privacy.deid_tokens import Tok

_PERSON_CUES = TITLES | RELATIONS - FUNCTION_CUES

# A dose, as written after a brand in brackets ("(Xyz) 0.4 g/kg", "(Xyz) 2.5 mg").
_DOSE = (
    r"\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?[ \t]*"
    r"(?:mg|mcg|µg|ug|g|mL|ml|units?|IU|UI|IE|%|mmol|puffs?|tabs?|tablets?|caps?|drops?)(?![^\W\d_])"
)
# Formulation words of English, German, French, Spanish, Italian, Portuguese and Dutch: a
# medicine's name stands before them ("Xyz Creme", "Xyz pomada", "Xyz comprimés").
_FORMS = (
    r"creams?|cr[eè]mes?|crema|salbe|pomm?ada|pommade|unguento|ungüento|zalf|ointment|"
    r"gels?|[a-zäöü]{3,8}gel|emulsion|emulsi[oó]n|lotion|lozione|loci[oó]n|lo[cç][aã]o|"
    r"tablets?|tabletten?|tablette|comprim[eé]s?|comprimidos?|compresse|compressa|"
    r"capsules?|kapseln?|g[eé]lules?|c[aá]psulas?|capsule|"
    r"drops|tropfen|gouttes|gotas|gocce|druppels|collyre|collirio|colirio|col[ií]rio|"
    r"syrup|sirup|sirop|jarabe|sciroppo|xarope|stroop|"
    r"mouthwash|mundsp[uü]lung|bain[ \t]+de[ \t]+bouche|colutorio|collutorio|enxaguat[oó]rio|"
    r"spray|pflaster|patch|parche|cerotto|adesivo|pleister|"
    r"z[aä]pfchen|suppositoires?|suppositor(?:y|ies)|supositorios?|supposte|zetpillen|"
    r"sachets?|bustine|granulat|granulado|"
    r"l[oö]sung|soluci[oó]n|soluzione|solu[cç][aã]o|oplossing|"
    r"inhaler|inhalador|inalatore|inhalateur|"
    r"ampoules?|ampullen|ampollas?|fiale|"
    r"injektionsl[oö]sung|inyectable|iniettabile|injet[aá]vel|"
    r"shampoo|champ[uú]|puder|poudre|polvo|"
    r"nasenspray|augentropfen|ohrentropfen|augensalbe|lutschtabletten|brausetabletten|"
    r"filmtabletten|retardtabletten|mundgel|zahngel|nebuli[sz]\w*|inhala\w*|aerosol\w*"
)
# A preposition may stand before a way of inhaling ("Xyz w nebulizacji", "Xyz en aerosol").
_FORM_AFTER = re.compile(
    r"[ \t]+(?:(?:w|en|in|per|via|als|em|par|por)[ \t]+(?=(?i:nebul|inhal|aerosol)))?"
    rf"(?i:(?P<form>{_FORMS}))(?![^\W\d_])"
)
# A release or strength qualifier between a brand and its dose ("Xyz DS 960 mg", "Xyz XR
# 500 mg", "Xyz Met 50/1000", "Xyz Forte 400 mg").
_QUALIFIED_DOSE = re.compile(
    r"[ \t]+(?:DS|SS|XR|SR|CR|ER|XL|LA|MR|ODT|CD|LP|ZOK|Retard|Forte|Mite|Plus|Met|Duo|Comp|"
    r"HCT|Depot|Mini|Max|Junior)[ \t]+"
    rf"(?:{_DOSE}|\d+(?:[.,]\d+)?/\d+(?:[.,]\d+)?(?![\d/]))"
)
# A brand in brackets after its generic and perhaps its strength; a dose or form after it.
_BRACKETED = re.compile(
    r"(?P<generic>[^\W\d_][\w-]*)(?:[ \t]+\d+(?:[.,]\d+)?[ \t]*%)?[ \t]*"
    r"\((?P<brand>[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+)?)\)"
    rf"(?=[ \t]*(?:{_DOSE})|{_FORM_AFTER.pattern})"
)
# A brand alone in brackets after a medicine or a form ("NSAIDs (Xyz)", "carbonate (Xyz
# Plus)", "mouthwash (Xyz)").
_BRAND_ALONE = re.compile(
    r"(?P<generic>[^\W\d_][\w-]*)[ \t]*\((?P<brand>[A-Z][a-z]{3,}(?:[ \t]+[A-Z][a-z]+)?)[),]"
)
_FORM_WORD = re.compile(rf"(?:{_FORMS})")
# A device's model: a field strength ("Maker Model 3T", "1.5 T"), or a number and a device
# noun ("Xyz 80 stapler", "Xyz 45 mm stent").
_DEVICE_NOUNS = (
    r"stapler|stent|catheter|cannula|sheath|balloon|pump|lens|valve|clip|clips|screw|screws|"
    r"plate|nail|anchor|suture|mesh|graft|implant|pacemaker|scanner|scope|endoscope|probe|"
    r"device|system|reload|cartridge|trocar|drain|tube|wire|guidewire|coil"
)
_MODEL_AFTER = re.compile(
    r"[ \t]+(?:\d(?:[.,]5)?[ \t]?T(?![^\W\d_])"
    rf"|\d+(?:[.,]\d+)?(?:[ \t]*(?:mm|cm|Fr|F))?[ \t]+(?i:{_DEVICE_NOUNS})(?![^\W\d_]))"
)
# A maker, then a model word in capitals, with digits or a capital inside ("Maker EPIQ CVx",
# "Maker MAGNETOM Vida"), then up to two more words of the model.
_MAKER_MODEL = re.compile(
    rf"\b(?i:{DEVICE_MAKERS})[ \t]+(?P<model>(?:[A-Z][A-Z0-9+]+|[A-Z][a-z]*\d[\w+]*)(?![\w-])"
    r"(?:[ \t]+[A-Z][\w+]*(?![\w-])){0,2})"
)
# A product code of English words and a number ("FAST-FIX 360", "QUICK-LOCK 2").
_CODED_PRODUCT_AFTER = re.compile(r"[ \t]+\d{1,4}(?![\d/]|[.,:-]\d)")
# A stent, implant or device named in brackets after it ("stented (Xyz Abc)", "valve (Xyz)").
_DEVICE_BRACKET = re.compile(
    r"(?i:\b(?:stent\w*|implant\w*|prosth\w*|pr[oó]tes\w*|protesi|pacemaker|device|valve|"
    r"lens|IOL|pump|catheter|cath[eé]ter|cat[eé]ter|mesh|graft))[ \t]*"
    r"\((?P<model>[A-Z][\w-]*(?:[ \t]+[A-Z0-9][\w-]*){0,3})\)"
)


def protect_products(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Read the brands and devices of the note by the forms above (tokens read as lower case)."""
    if not tokens:
        return
    starts = [t.start for t in tokens]
    if "(" in text:
        _bracketed_brands(tokens, starts, text, lex)
        _device_brackets(tokens, starts, text)
    protect_markers(tokens, text)
    _maker_models(tokens, starts, text, lex)
    medicines: set[str] = set()
    for i, tok in enumerate(tokens):
        if not tok.word[:1].isupper() or (i and _after_person_cue(tokens, i, text)):
            continue
        after = text[tok.end : tok.end + 24]
        if not after[:1].isspace():
            continue
        if any(c.isdigit() for c in after):
            if _QUALIFIED_DOSE.match(text, tok.end) and not _given(tok, lex):
                _lower(tok, medicines, lex)
                _lower(tokens[i + 1], None, lex)  # the qualifier ("DS", "Met")
                continue
            if DOSE_AFTER.match(text, tok.end) and not _given(tok, lex):
                _lower(tok, medicines, lex)
                continue
            if _MODEL_AFTER.match(text, tok.end):
                _device_run(tokens, i, text)
                continue
            if (
                tok.shape == "caps"
                and "-" in tok.word
                and _CODED_PRODUCT_AFTER.match(text, tok.end)
                and all(lex.known(p.lower()) for p in tok.word.split("-") if p)
            ):
                tok.shape = "lower"
                continue
        form = _FORM_AFTER.match(text, tok.end)
        if (
            form is not None
            and tok.shape in ("title", "caps")
            and not _given(tok, lex)
            # after a given name it is a surname ("gave Jim Xyz tablets")
            and not (
                i and tokens[i - 1].bare in lex.given_names and tokens[i - 1].word[:1].isupper()
            )
            and tok.bare not in lex.places  # "Devon cream" is a place's
            # a compound read as "-gel" that is a surname ("Xyz Spiegel") is no form
            and not lex.name_like(fold(form.group("form")))
        ):
            _lower(tok, medicines, lex)
            j = bisect_left(starts, form.start("form"))
            if j < len(tokens) and tokens[j].start == form.start("form"):
                tokens[j].shape = "lower"  # "Creme", "Mundgel": the form itself
    if medicines:
        # The same word elsewhere in the note, standing alone ("continue Xyz").
        for i, tok in enumerate(tokens):
            if (
                tok.shape == "title"
                and tok.bare in medicines
                and not (i and _after_person_cue(tokens, i, text))
            ):
                tok.shape = "lower"


# A test's result in six languages: an antigen or marker in capitals before it is a test's
# ("HHV-8 LANA negativ", "EBV VCA positive").
_RESULT_AFTER = re.compile(
    r"[ \t]+(?i:positive|negative|positiv|negativ|positivo|negativo|positiva|negativa|positif|"
    r"n[eé]gatif|n[eé]gative|detected|not[ \t]+detected|nachweisbar|detectado|rilevato|"
    r"reactive|non-reactive)(?![^\W\d_])"
)
# Between a marker's virus or gene and the marker: its number ("HHV-8 ", "EBV ", "HIV-1 ").
_MARKER_GAP = re.compile(r"(?:-?\d{1,2})?[ \t]+")


def protect_markers(tokens: list[Tok], text: str) -> None:
    """A word in capitals between a clinical abbreviation (perhaps with its number) and a
    result ("HHV-8 LANA negativ"): a marker, even where it is also a given name."""
    for i in range(1, len(tokens)):
        tok = tokens[i]
        if tok.shape != "caps" or len(tok.word) > 6 or not _RESULT_AFTER.match(text, tok.end):
            continue
        before = tokens[i - 1]
        gap = _MARKER_GAP.fullmatch(text, before.end, tok.start)
        if gap is None:
            continue
        # A listed abbreviation, or letters in capitals with a number ("HHV-8", "HTLV-1").
        numbered = any(c.isdigit() for c in gap.group()) and before.word.isupper()
        if numbered or clinical_abbreviation(before.word):
            tok.shape = "lower"


def _after_person_cue(tokens: list[Tok], i: int, text: str) -> bool:
    """The word right after a title or relation ("Dr Xyz", "wife Xyz")."""
    before = tokens[i - 1]
    return text[before.end : tokens[i].start] in (" ", ". ") and before.lower in _PERSON_CUES


def _given(tok: Tok, lex: Lexicon) -> bool:
    return tok.bare in lex.given_names


def _lower(tok: Tok, medicines: set[str] | None, lex: Lexicon) -> None:
    """Read ``tok`` as lower case; remember it as a medicine unless a name list holds it."""
    if tok.shape in ("title", "caps"):
        tok.shape = "lower"
    if medicines is not None and len(tok.bare) >= 4 and not lex.name_like(tok.bare):
        medicines.add(tok.bare)


def _bracketed_brands(tokens: list[Tok], starts: list[int], text: str, lex: Lexicon) -> None:
    for match in _BRACKETED.finditer(text):
        generic = match.group("generic")
        folded = fold(generic)
        if not (lex.clinical(folded) or clinical_abbreviation(generic)):
            continue
        j = bisect_left(starts, match.start("brand"))
        while j < len(tokens) and tokens[j].end <= match.end("brand"):
            if _given(tokens[j], lex) or tokens[j].lower in _PERSON_CUES:
                break
            tokens[j].shape = "lower"
            j += 1
    for match in _BRAND_ALONE.finditer(text):
        # Without a dose after it, only a brand no name or place list holds, after a medicine
        # or a formulation ("calcium carbonate (Xyz Plus)", "mouthwash (Xyz) BD").
        before = fold(match.group("generic"))
        if not (lex.clinical(before) and before not in lex.english) and not _FORM_WORD.fullmatch(
            before
        ):
            continue
        j = bisect_left(starts, match.start("brand"))
        brand = []
        while j < len(tokens) and tokens[j].end <= match.end("brand"):
            brand.append(tokens[j])
            j += 1
        if brand and not any(
            lex.name_like(t.bare) or t.bare in lex.places or t.lower in _PERSON_CUES
            for t in brand[:1]
        ):
            for t in brand:
                t.shape = "lower"


def _device_brackets(tokens: list[Tok], starts: list[int], text: str) -> None:
    for match in _DEVICE_BRACKET.finditer(text):
        j = bisect_left(starts, match.start("model"))
        if j < len(tokens) and tokens[j].lower in _PERSON_CUES:
            continue  # "device (Dr Xyz)": a person
        while j < len(tokens) and tokens[j].end <= match.end("model"):
            tokens[j].shape = "lower"
            j += 1


def _maker_models(tokens: list[Tok], starts: list[int], text: str, lex: Lexicon) -> None:
    """A device maker and its model ("Maker EPIQ CVx"): the model's first word no listed
    abbreviation or known word ("Hamilton ECG" is a person and a test), the maker not after a
    title or a given name ("Dr Hamilton", "Sue Edwards")."""
    for match in _MAKER_MODEL.finditer(text):
        first = match.group("model").split()[0]
        if clinical_abbreviation(first) or lex.known(fold(first)):
            continue
        j = bisect_left(starts, match.start())
        if j < len(tokens) and j > 0 and tokens[j].start == match.start():
            before = tokens[j - 1]
            if before.lower in _PERSON_CUES or (
                before.word[:1].isupper() and before.bare in lex.given_names
            ):
                continue
        while j < len(tokens) and tokens[j].start < match.end():
            tokens[j].shape = "lower"
            j += 1


def _device_run(tokens: list[Tok], i: int, text: str) -> None:
    """The capitalised words of a maker and model before a model number (up to four)."""
    j = i
    while j >= 0 and j > i - 4 and tokens[j].shape in ("title", "caps"):
        if tokens[j].lower in _PERSON_CUES:
            break
        tokens[j].shape = "lower"
        if j == 0 or text[tokens[j - 1].end : tokens[j].start] not in (" ", " & "):
            break
        j -= 1
