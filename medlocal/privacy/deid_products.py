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

A word after a title, a relation or a listed given name is never read so ("Dr Amlovar 10 mg",
"gave Jim Amlovar 2 tabs" stay names, there and wherever the word stands again), nor a listed
given name in the brand rules (a person stands in brackets more often than a brand), nor, in
brackets between a generic and its dose, a listed surname no list holds as a medicine (session
55: "Metformin (Okonkwo) 500 mg" is the prescriber); a run of
plain unknown words before a model number, or a lone one in brackets after a device word, is a
person's name as often as a model's, and is left to the name rules.
Each rule is prefiltered by a cheap test of the text and reads each token at most once.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_brand_pairs import SURNAME_ENDINGS, protect_brand_pairs
from medlocal.privacy.deid_clinical_values import DOSE_AFTER, people_listed_before
from medlocal.privacy.deid_eponyms import model_like
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_pattern_context import DEVICE_MAKER_FORMS, DEVICE_MAKERS
from medlocal.privacy.deid_people_words import (
    BED_BEFORE,
    FUNCTION_CUES,
    LEAD_TO_PERSON,
    RELATIONS,
    TITLES,
)
from medlocal.privacy.deid_tokens import Tok

_PERSON_CUES = TITLES | RELATIONS - FUNCTION_CUES

# A dose, as written after a brand in brackets ("(Xyz) 0.4 g/kg", "(Xyz) 2.5 mg").
_DOSE = (
    r"\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?[ \t]*"
    r"(?:mg|mcg|µg|ug|g|mL|ml|units?|IU|UI|IE|%|mmol|puffs?|tabs?|tablets?|caps?|drops?)(?![^\W\d_])"
)
# Formulation words of English, German, French, Spanish, Italian, Portuguese and Dutch, folded
# as tokens are: a medicine's name stands before them ("Xyz Creme", "Xyz pomada", "Xyz
# comprimés"). Read by a set lookup on the next token (a pattern tried at every word of a long
# record cost more than the rest of the rule).
FORM_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
    cream creams creme cremes crema salbe pomada pommade unguento zalf ointment gel gels
    mundgel emulgel zahngel augengel hydrogel oralgel dentalgel emulsion lotion lozione locion
    locao tablet tablets tabletten tablette comprime comprimes comprimido comprimidos compresse
    compressa capsule capsules kapsel kapseln gelule gelules capsula capsulas drops tropfen
    gouttes gotas gocce druppels collyre collirio colirio syrup sirup sirop jarabe sciroppo
    xarope stroop mouthwash mundspulung colutorio collutorio enxaguatorio spray pflaster patch
    parche cerotto adesivo pleister zapfchen suppositoire suppositoires suppository
    suppositories supositorio supositorios supposte zetpillen sachet sachets bustine granulat
    granulado losung solucion soluzione solucao oplossing inhaler inhalador inalatore
    inhalateur ampoule ampoules ampullen ampolla ampollas fiale injektionslosung inyectable
    iniettabile injetavel shampoo champu puder poudre polvo nasenspray augentropfen
    ohrentropfen augensalbe lutschtabletten brausetabletten filmtabletten retardtabletten
    """,
    )
)
# Ways of inhaling, after a preposition or not ("Xyz w nebulizacji", "Xyz en aerosol").
_INHALED = ("nebuli", "inhala", "aerosol")
_PREPOSITIONS = frozenset({"w", "en", "in", "per", "via", "als", "em", "par", "por"})
# A release or strength qualifier between a brand and its dose ("Xyz DS 960 mg", "Xyz XR
# 500 mg", "Xyz Met 50/1000", "Xyz Forte 400 mg").
_QUALIFIED_DOSE = re.compile(
    r"[ \t]+(?:DS|SS|XR|SR|CR|ER|XL|LA|MR|ODT|CD|LP|ZOK|Retard|Forte|Mite|Plus|Met|Duo|Comp|"
    r"HCT|Depot|Mini|Max|Junior)[ \t]+"
    rf"(?:{_DOSE}|\d+(?:[.,]\d+)?/\d+(?:[.,]\d+)?(?![\d/]))"
)
# A brand or model in brackets, one to four words ("(Xyz)", "(Xyz Plus)", "(Xyz Abc 2)"): the
# pattern opens with the bracket, so the engine skips every other position at once.
_BRACKET = re.compile(
    r"\((?P<brand>[A-Z][^\W\d_]+(?:-[a-z]+)?(?:[ \t]+[A-Z0-9][\w-]*){0,3})(?P<close>[),])"
)
# What stands before the bracket: a generic, perhaps with its strength ("chlorhexidine 0.2% (").
_BEFORE_BRACKET = re.compile(
    r"(?P<generic>[^\W\d_][\w-]*)(?P<strength>[ \t]+\d+(?:[.,]\d+)?[ \t]*%)?[ \t]*\Z"
)
_DOSE_NEXT = re.compile(rf"[ \t]*(?:{_DOSE})")
# A brand alone in brackets after a medicine or a form ("NSAIDs (Xyz)", "carbonate (Xyz
# Plus)", "mouthwash (Xyz)"): one or two capitalised words of letters.
_BRAND_WORDS = re.compile(
    r"[A-Z][a-z]{3,}(?:[ \t]+[A-Z][a-z]+)?"
    # Session 46 (dev43): a brand whose second part is in lower case ("Peg-grafeel"; a
    # double-barrelled surname capitalises both), and a brand with its release letters and
    # strength ("Arip MT 5", "Xyz XR 50"), as India's and Africa's brands are written.
    # Only release letters: a nurse's "(Xyz RN)" after a drug is a person.
    r"|[A-Z][a-z]{2,}-[a-z]{3,}"
    r"|[A-Z][a-z]{3,}[ \t]+(?:MT|DT|OD|ODT|XR|SR|CR|ER|XL|LA|MR|DS|LP|TR|PR|CD|XT|IR|EC)"
    r"(?:[ \t]+\d{1,4})?"
)
_BRAND_OF_WORDS = re.compile(r"[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+)?")
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
_DEVICE_WORD = re.compile(
    r"(?i:stent\w*|implant\w*|prosth\w*|pr[oó]tes\w*|protesi|pacemaker|device|valve|"
    r"lens|IOL|pump|catheter|cath[eé]ter|cat[eé]ter|mesh|graft)"
)
# The first word of each maker, as tokens fold it ("drager" for "Dräger"): the maker-and-model
# pattern is tried only at these tokens.
_MAKER_FIRST = frozenset(
    re.split(r"[^\w-]", fold(re.sub(r"\[(.)[^\]]*\]", r"\1", form)), maxsplit=1)[0]
    for form in DEVICE_MAKER_FORMS
)
# Round 14: a dose with a decimal comma, as most of Europe writes it ("Xyz 2,5 mg", "Xyz 0,4 mg
# 1x1"); DOSE_AFTER reads the decimal point only.
_COMMA_DOSE = re.compile(r"[ \t]+\d{1,4},\d{1,3}[ \t]*(?:mg|mcg|µg|ug|g|mL|ml|IU|UI|IE|mmol)\b")
# Round 14: a brand, its product code in lower case and a count of tablets ("Xyz e-275 4 tabs",
# a fixed-dose combination by its code).
_CODED_DOSE = re.compile(rf"[ \t]+[a-z]{{1,3}}-?\d{{2,4}}[ \t]+(?:{_DOSE})")
# A digit a little way after a word: the dose and model rules are tried only there.
_DIGIT_NEAR = re.compile(r"[ \t][^\n\d]{0,22}\d")


def protect_products(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """Read the brands and devices of the note by the forms above (tokens read as lower case)."""
    if not tokens:
        return
    starts = [t.start for t in tokens]
    medicines: set[str] = set()
    if "(" in text:
        _brackets(tokens, starts, text, lex)
        # Round 15: a brand and its strength before its generic in brackets, where it stands.
        protect_brand_pairs(tokens, starts, text, lex)
    protect_markers(tokens, text)
    if "-" in text:
        _protect_nuclides(tokens, text)
    if ":Y" in text:
        _protect_laser_crystals(tokens, text)
    if "T1" in text or "T2" in text:
        _protect_sequences(tokens, text)
    size = len(tokens)
    for i, tok in enumerate(tokens):
        if not tok.word[:1].isupper() or text[tok.end : tok.end + 1] not in (" ", "\t"):
            continue
        if i and (_after_person_cue(tokens, i, text) or _after_given_name(tokens, i, text, lex)):
            continue  # "Dr Xyz 2 tabs", "gave Jim Xyz 2 tabs": a person
        if tok.lower in _MAKER_FIRST:
            _maker_model(tokens, i, text, lex)
        if _DIGIT_NEAR.match(text, tok.end) and _dosed_or_model(tokens, i, text, lex, medicines):
            continue
        if i + 1 < size and tok.shape == "title" and _test_or_dye(tokens, i, text, lex):
            tok.shape = "lower"
            continue
        if (
            i + 1 < size
            and tokens[i + 1].lower in _RELEASE_WORDS
            and not _given(tok, lex)
            and tok.lower.rstrip(".") not in _PERSON_CUES  # "Mrs Pen"
            and _released_brand(tokens, i, text, lex)
        ):
            # "Xyz Chrono", "Xyz PEN", "Xyz Velotab": a medicine and its release or device
            nxt = tokens[i + 1]
            if text[tok.end : nxt.start] == " " and tok.shape in ("title", "caps", "lower"):
                _lower(tok, medicines, lex)
                nxt.shape = "lower"
                continue
        if i + 1 < size and tok.shape in ("title", "caps"):
            form = _form_after(tokens, i, text)
            if form is not None and _may_be_brand(tokens, i, lex):
                _lower(tok, medicines, lex)
                form.shape = "lower"  # "Creme", "Mundgel": the form itself
    if medicines:
        # The same word elsewhere in the note, standing alone ("continue Xyz").
        for i, tok in enumerate(tokens):
            if (
                tok.shape == "title"
                and tok.bare in medicines
                and not (
                    i
                    and (
                        _after_person_cue(tokens, i, text)
                        or _after_given_name(tokens, i, text, lex)
                    )
                )
            ):
                tok.shape = "lower"


def _dosed_or_model(
    tokens: list[Tok], i: int, text: str, lex: Lexicon, medicines: set[str]
) -> bool:
    """A brand before its dose, a model before its number; whether ``tokens[i]`` was read so."""
    tok = tokens[i]
    if _QUALIFIED_DOSE.match(text, tok.end) and not _given(tok, lex):
        _lower(tok, medicines, lex)
        _lower(tokens[i + 1], None, lex)  # the qualifier ("DS", "Met")
        return True
    if (
        DOSE_AFTER.match(text, tok.end)
        or _COMMA_DOSE.match(text, tok.end)
        or _CODED_DOSE.match(text, tok.end)
    ) and _dosed_brand(tokens, i, text, lex):
        _lower(tok, medicines, lex)
        if i and _brand_first_word(tokens, i - 1, text, lex):
            tokens[i - 1].shape = "lower"  # "Xyz Ocas 0,4 mg": a brand of two words
        return True
    if _MODEL_AFTER.match(text, tok.end):
        _device_run(tokens, i, text, lex)
        return True
    if (
        tok.shape == "caps"
        and "-" in tok.word
        and _CODED_PRODUCT_AFTER.match(text, tok.end)
        and all(lex.known(p.lower()) for p in tok.word.split("-") if p)
    ):
        tok.shape = "lower"
        return True
    return False


# Round 14: a test's result in the languages of the notes, after a test named by one word at the
# start of a clause ("Tests: Xyz negativo", "; Xyz positive (...)").
_RESULT_WORDS = frozenset(
    {
        "positive", "negative", "positiv", "negativ", "positivo", "negativo", "positiva",
        "negativa", "positif", "negatif", "reactive", "nonreactive", "non-reactive", "reactief",
        "reactivo", "reattivo", "reagente", "nonreagente", "inconclusive", "indeterminate",
        "indeterminado", "indeterminato", "indetermine", "grenzwertig", "borderline",
    }
)  # fmt: skip
_CLAUSE_START = frozenset({"", "\n", ":", ";", "(", "-", "•", "*", "|"})


# Round 14: the release forms and injection devices written after a medicine's brand ("Xyz
# Chrono", "Xyz Retard", "Xyz PEN", "Xyz FlexPen", "Xyz Velotab"). Not "depot": a lorry depot
# follows a firm's or a town's name ("Northern Freight depot").
_RELEASE_WORDS = frozenset(
    {
        "chrono", "retard", "zok", "pen", "flexpen", "kwikpen", "solostar", "penfill",
        "flextouch", "novopen", "autoinjector", "autoinjektor", "fertigpen", "fertigspritze",
        "velotab", "solutab", "zydis", "quicklet", "lingual", "sublingual", "odt",
        "dispersible", "effervescent", "brausetabletten", "filmtabletten", "retardtabletten",
    }
)  # fmt: skip
# A dose or a count after the release word ("Xyz PEN 10 units", "Xyz Retard 200 mg").
_DOSE_AFTER_RELEASE = re.compile(rf"[ \t]+(?:{_DOSE})")


def _released_brand(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """Review 14B: a word before a release or device word is a brand when a list knows it as a
    medicine or product, or a dose follows; never after a word leading to a person ("Seen by
    Xyz PEN review", "Spoke to Xyz PEN")."""
    tok = tokens[i]
    if lex.clinical(tok.lower) or tok.bare in lex.products:
        return True  # a listed medicine ("with Xyz PEN")
    if _person_before(tokens, i, text, lex):
        return False
    if lex.name_like(tok.bare) or tok.bare in lex.places:
        return False
    return _DOSE_AFTER_RELEASE.match(text, tokens[i + 1].end) is not None


# Round 14: a dye named after a place or a person, by its colour and what it shows ("Congo red
# negative", "Sudan black staining", "Evans blue dye"), not a person's colour ("Jones red car").
_DYE_COLOURS = frozenset({"red", "blue", "black", "green", "violet", "brown", "orange", "yellow"})
_DYE_AFTER = re.compile(
    r"[ \t]+(?:stain\w*|dye|uptake|deposits?|positive|negative|positiv|negativ|positivo|negativo|"
    r"positif|n[eé]gatif)\b"
)


def _test_or_dye(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    nxt = tokens[i + 1]
    if nxt.lower in _RESULT_WORDS:
        return _tested(tokens, i, text, lex)
    return (
        nxt.lower in _DYE_COLOURS
        and text[tokens[i].end : nxt.start] == " "
        and _DYE_AFTER.match(text, nxt.end) is not None
        and not _given(tokens[i], lex)
    )


# Review 14B: tests named by one word that no word list knows as clinical ("Mantoux negative",
# "Lyme positive"); every other word must be a known English or clinical word.
_TEST_WORDS = frozenset(
    {
        "mantoux", "lyme", "quantiferon", "tspot", "t-spot", "monospot", "widal", "coombs",
        "gram", "ziehl", "heaf", "tine", "schick", "dick", "casoni", "frei", "weil-felix",
        "paul-bunnell", "kveim", "ham", "schilling", "tzanck", "nikolsky", "patergy", "igra",
    }
)  # fmt: skip


def _tested(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """``tokens[i]`` opens a clause (a label, a list or a line before it), is a known test,
    dye, organism or clinical word and no name, and no list of people or a relation's or
    role's label stands before it: "Tests: Xyz negative" names a test; "Contacts screened:
    Nowak negative", "Husband: Xyz positive" are people."""
    tok = tokens[i]
    if text[tok.end : tokens[i + 1].start] != " " or _given(tok, lex):
        return False
    before = text[max(0, tok.start - 3) : tok.start].rstrip(" \t")
    if before[-1:] not in _CLAUSE_START:
        return False
    if tok.lower not in _TEST_WORDS and (
        lex.name_like(tok.bare) or tok.bare in lex.places or not lex.known(tok.lower)
    ):
        return False
    # The line (and, in a list, the lines a little above it) names no people.
    return not people_listed_before(text, tok.start, before[-1:] in ("-", "•", "*", "\n", ""))


def _person_before(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """A word leading to a person, a title, a relation, a given name or a bed label right
    before ``tokens[i]`` ("by Xyz", "Bed 4 Xyz", "Dr Xyz", "Jim Xyz")."""
    if not i:
        return False
    before = tokens[i - 1]
    if text[before.end : tokens[i].start] in (" ", ". ", "\t") and (
        before.lower.rstrip(".") in LEAD_TO_PERSON | _PERSON_CUES
    ):
        return True
    if _after_given_name(tokens, i, text, lex):
        return True
    return BED_BEFORE.search(text, max(0, tokens[i].start - 24), tokens[i].start) is not None


def _dosed_brand(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """Review 14B: a word before a dose is read as a brand only when it may be one: no given
    name, surname or place, and no person's cue or bed label before it ("Seen by Dr Xyz. Xyz
    0,5 mg lorazepam", "given by Xyz 2,5 mg" keep Xyz a name)."""
    tok = tokens[i]
    if _given(tok, lex):
        return False
    if lex.clinical(tok.lower) or tok.bare in lex.products:
        return True  # a listed medicine ("switched to Xyzpril 5 mg")
    if _person_before(tokens, i, text, lex):
        return False
    return not (lex.name_like(tok.bare) or tok.bare in lex.places)


def _brand_first_word(tokens: list[Tok], j: int, text: str, lex: Lexicon) -> bool:
    """Round 14: ``tokens[j]`` is a capitalised word right before a dosed brand word, no given
    name and after no given name, title or relation ("Sarah Patel Xyz 5 mg" keeps Patel a name);
    review 14B: no listed surname or place, after no bed label or word leading to a person
    ("Bed 4 Xyz Ramipril 2,5 mg")."""
    prev = tokens[j]
    if prev.shape != "title" or text[prev.end : tokens[j + 1].start] != " " or _given(prev, lex):
        return False
    if lex.name_like(prev.bare) or prev.bare in lex.places:
        return False
    if j and (_given(tokens[j - 1], lex) or _person_before(tokens, j, text, lex)):
        return False
    return not (
        j
        and tokens[j - 1].shape in ("title", "caps", "initial")
        and text[tokens[j - 1].end : prev.start] in (" ", ". ")
    )


def _form_after(tokens: list[Tok], i: int, text: str) -> Tok | None:
    """The formulation word right after ``tokens[i]`` ("Creme", "pomada", "w nebulizacji")."""
    nxt = tokens[i + 1]
    if text[tokens[i].end : nxt.start].strip(" \t"):
        return None
    if nxt.lower in FORM_WORDS or nxt.lower.startswith(_INHALED):
        return nxt
    if nxt.lower in _PREPOSITIONS and i + 2 < len(tokens):
        way = tokens[i + 2]
        if way.lower.startswith(_INHALED) and not text[nxt.end : way.start].strip(" \t"):
            return way
    return None


def _may_be_brand(tokens: list[Tok], i: int, lex: Lexicon) -> bool:
    """Not a given name, a surname after one ("gave Jim Xyz tablets") or a place ("Devon
    cream"); the form word no surname either ("Xyz Spiegel")."""
    tok = tokens[i]
    before = tokens[i - 1] if i else None
    return not (
        _given(tok, lex)
        or (before is not None and before.word[:1].isupper() and before.bare in lex.given_names)
        or tok.bare in lex.places
        or lex.name_like(tokens[i + 1].lower)
    )


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


# Round 14: a radionuclide's symbol before its mass number ("Tc-99m", "In-111", "Ga-68"): the
# symbol is no name. Only the symbols of two letters that read as a name's start.
_NUCLIDE_SYMBOLS = frozenset({"tc", "ga", "lu", "in", "tl", "rb", "sm", "zr", "cu", "xe", "kr"})
_MASS_AFTER = re.compile(r"-\d{1,3}m?(?![\w-])")


def _protect_nuclides(tokens: list[Tok], text: str) -> None:
    for tok in tokens:
        if (
            len(tok.word) == 2
            and tok.shape == "title"
            and tok.lower in _NUCLIDE_SYMBOLS
            and _MASS_AFTER.match(text, tok.end)
        ):
            tok.shape = "lower"


# Round 15: a laser by its dopant and crystal ("Nd:YAG", "Ho:YAG", "Er:YSGG", "Tm:YLF"): the
# element's symbol is no name's short form.
_CRYSTAL_AFTER = re.compile(r":Y(?:AG|LF|SGG|AP|VO4)\b")


def _protect_laser_crystals(tokens: list[Tok], text: str) -> None:
    for tok in tokens:
        if len(tok.word) == 2 and tok.shape == "title" and _CRYSTAL_AFTER.match(text, tok.end):
            tok.shape = "lower"


# Round 14: an MRI sequence in capitals after its weighting ("T1 TSE", "T2 FSE", "T1 VIBE", "PD
# SPAIR"): the letters name the sequence, not a person's initials.
_WEIGHTING_BEFORE = re.compile(r"(?<![\w-])(?:T1|T2\*?|PD)[ \t]\Z")


# Review 14B: T1, T2 and PD are also beds and bays ("T1 XYZ B - awaiting bed"): a sequence
# only on a line that speaks of MRI.
_MRI_CONTEXT = re.compile(
    r"(?i:\bMRI?\b|\bMRT\b|weighted|\bsequences?\b|\bFLAIR\b|\bSTIR\b|\bDWI\b|\bADC\b|"
    r"\bgadolinium|\bgad\b|fat[- ]?sat|\bTSE\b|\bFSE\b|\bSPAIR\b|\bVIBE\b|\bMPRAGE\b|"
    r"\bT[12]W\b|\bT[12]-weighted|\bsagittal\b|\baxial\b|\bcoronal\b|\bsignal\b|"
    r"hyperintens|hypointens|\bSWI\b|\bGRE\b|\bDIXON\b|\bHASTE\b|\bTIRM\b)"
)


def _protect_sequences(tokens: list[Tok], text: str) -> None:
    lines: dict[int, list[int]] = {}  # a line's start: where its MRI words start (read once)
    for tok in tokens:
        if tok.shape != "caps" or not 2 <= len(tok.word) <= 8:
            continue
        if not _WEIGHTING_BEFORE.search(text, max(0, tok.start - 4), tok.start):
            continue
        start = text.rfind("\n", 0, tok.start) + 1
        if start not in lines:
            end = text.find("\n", tok.end)
            line = text[start : end if end >= 0 else len(text)]
            lines[start] = [start + m.start() for m in _MRI_CONTEXT.finditer(line)]
        # Another MRI word on the line than the token itself ("T1 TSE" alone says nothing).
        if any(at != tok.start for at in lines[start]):
            tok.shape = "lower"


def _after_person_cue(tokens: list[Tok], i: int, text: str) -> bool:
    """The word right after a title or relation ("Dr Xyz", "wife Xyz")."""
    before = tokens[i - 1]
    return text[before.end : tokens[i].start] in (" ", ". ") and before.lower in _PERSON_CUES


def _given(tok: Tok, lex: Lexicon) -> bool:
    return tok.bare in lex.given_names


def _listed_surname(tok: Tok, lex: Lexicon) -> bool:
    """A listed surname that no list holds as a medicine or a clinical word."""
    return tok.bare in lex.surnames and not lex.clinical(tok.bare)


def _after_given_name(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """The word right after a capitalised given name ("Jim Xyz"): a surname, whatever follows
    it ("gave Jim Xyz 2 tabs", "Jim Xyz will return")."""
    before = tokens[i - 1]
    return (
        before.shape in ("title", "caps")
        and _given(before, lex)
        and text[before.end : tokens[i].start] in (" ", "\t")
    )


def _lower(tok: Tok, medicines: set[str] | None, lex: Lexicon) -> None:
    """Read ``tok`` as lower case; remember it as a medicine unless a name list holds it."""
    if tok.shape in ("title", "caps"):
        tok.shape = "lower"
    if medicines is not None and len(tok.bare) >= 4 and not lex.name_like(tok.bare):
        medicines.add(tok.bare)


def _brackets(tokens: list[Tok], starts: list[int], text: str, lex: Lexicon) -> None:
    """Brands and models in brackets (see the module's list)."""
    for match in _BRACKET.finditer(text):
        open_at = match.start()
        before = _BEFORE_BRACKET.search(text, max(0, open_at - 60), open_at)
        if before is None:
            continue
        generic = before.group("generic")
        inside = _tokens_in(tokens, starts, match.start("brand"), match.end("brand"))
        if not inside or inside[0].lower in _PERSON_CUES:
            continue  # "device (Dr Xyz)": a person
        closed = match.group("close") == ")"
        if closed and not before.group("strength") and _DEVICE_WORD.fullmatch(generic):
            if _model_in_brackets(inside, lex):
                for tok in inside:
                    tok.shape = "lower"
            continue
        brand = match.group("brand")
        folded = fold(generic)
        if (
            closed
            and _BRAND_OF_WORDS.fullmatch(brand)
            and (lex.clinical(folded) or clinical_abbreviation(generic))
            and (_DOSE_NEXT.match(text, match.end()) or _form_word_after(text, match.end()))
        ):
            # Session 55 (deid55b): nor a listed surname that is no listed medicine
            # ("Metformin (Okonkwo) 500 mg" kept the prescriber), as deid_dose_brands reads a
            # word before a dose since session 54.
            if any(_given(tok, lex) or _listed_surname(tok, lex) for tok in inside):
                continue
            for tok in inside:
                if tok.lower in _PERSON_CUES:
                    break
                tok.shape = "lower"
            continue
        # Without a dose after it, only a brand no name or place list holds, after a medicine
        # that is no English word or after a formulation ("carbonate (Xyz Plus)", "mouthwash
        # (Xyz) BD").
        # Round 15: not after a frequency or a unit ("500 mg tds (Xyz)", "mg (Xyz)"), where
        # a prescriber's surname stands as often; nor a word shaped like a surname.
        if (
            not before.group("strength")
            and _BRAND_WORDS.fullmatch(brand)
            and ((lex.clinical(folded) and folded not in lex.english) or folded in FORM_WORDS)
            and len(folded) >= 4
            and folded not in CLINICAL_SHORT
            and not inside[0].bare.endswith(SURNAME_ENDINGS)
            and not (lex.name_like(inside[0].bare) or inside[0].bare in lex.places)
            and not _double_barrelled_name(brand, lex)
        ):
            for tok in inside:
                tok.shape = "lower"


def _double_barrelled_name(brand: str, lex: Lexicon) -> bool:
    """Review 46b (D6): a double-barrelled surname typed with its second part in lower case
    ("pegfilgrastim (Smith-jones)"), not a brand so written ("(Peg-grafeel)"): its first part
    a listed surname or its second any listed name ("Peg" is a given name only, "grafeel" no
    name)."""
    first, dash, second = fold(brand.split()[0]).partition("-")
    return bool(dash) and (first in lex.surnames or lex.name_like(second))


def _model_in_brackets(inside: list[Tok], lex: Lexicon) -> bool:
    """A device's model in brackets after a device word ("stent (Xyz Abc)", "pump (XyZ 2)"), not
    the person who saw to it ("pump (Anna Xyz)", "pump (Xyz) checked"): no given name
    first, and a lone word only in a model's shape (a digit, a capital inside it, capitals) or a
    known word or product; a lone plain capitalised word is as often a surname."""
    if inside[0].shape == "title" and _given(inside[0], lex):
        return False  # a person is written given name first ("(Anna Xyz)"; "(Xyz Sierra)" is not)
    if len(inside) > 1:
        return True
    return _model_word(inside[0], lex)


_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")


def _form_word_after(text: str, end: int) -> bool:
    word = _WORD_AFTER.match(text, end)
    return word is not None and fold(word.group(1)) in FORM_WORDS


def _tokens_in(tokens: list[Tok], starts: list[int], start: int, end: int) -> list[Tok]:
    j = bisect_left(starts, start)
    inside: list[Tok] = []
    while j < len(tokens) and tokens[j].end <= end:
        inside.append(tokens[j])
        j += 1
    return inside


def _maker_model(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> None:
    """A device maker and its model ("Maker EPIQ CVx"): the model's first word no listed
    abbreviation or known word ("Hamilton ECG" is a person and a test), the maker not after a
    given name ("Sue Edwards"; a title was checked before)."""
    match = _MAKER_MODEL.match(text, tokens[i].start)
    if match is None:
        return
    first = match.group("model").split()[0]
    if clinical_abbreviation(first) or lex.known(fold(first)):
        return
    if first.isupper() and not model_like(first, lex):
        return  # Review 14: a role's or a service's initials ("Edwards SHO", "Natus CPN")
    if i and tokens[i - 1].word[:1].isupper() and tokens[i - 1].bare in lex.given_names:
        return
    j = i
    while j < len(tokens) and tokens[j].start < match.end():
        tokens[j].shape = "lower"
        j += 1


def _device_run(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> None:
    """The capitalised words of a maker and model before a model number (up to four), unless a
    given name or a title or relation is among or right before them: "by Anna Xyz 3 T scanner"
    is the person who worked it."""
    run: list[Tok] = []
    j = i
    while j >= 0 and j > i - 4 and tokens[j].shape in ("title", "caps"):
        if tokens[j].lower in _PERSON_CUES or (
            j < i and tokens[j].shape == "title" and _given(tokens[j], lex)
        ):
            return  # "Anna Xyz 3 T": a given name before another word ("GIA 80", "Vida 3T" stay)
        run.append(tokens[j])
        if j == 0 or text[tokens[j - 1].end : tokens[j].start] not in (" ", " & "):
            break
        j -= 1
    else:
        if j >= 0 and j < i and tokens[j].lower in _PERSON_CUES:
            return
    if len(run) > 1 and not any(_model_word(t, lex) for t in run):
        return  # "by Piotr Xyz 3 T scanner": two plain unknown words read as a person's name
    for tok in run:
        tok.shape = "lower"


def _model_word(tok: Tok, lex: Lexicon) -> bool:
    """A maker's or model's word: a listed maker, a word in capitals or with a digit or a capital
    inside it ("MAGNETOM", "iQ5", "TruPoint"), a listed product or a known word."""
    word = tok.word
    return (
        tok.lower in _MAKER_FIRST
        or tok.shape == "caps"
        or any(c.isdigit() or c.isupper() for c in word[1:])
        or tok.bare in lex.products
        or lex.known(tok.bare)
    )
