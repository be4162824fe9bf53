"""The clinical value grammar around capitalised words in the word scan: a short abbreviation
before its value ("Qb 300"), medicines before a dose or a form ("Coversyl 4 mg"), a genus before
its species ("Candida auris"), a test before its result ("Rh positive"): such words are kept.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from medlocal.privacy.deid_cancel import checked
from medlocal.privacy.deid_false_cues import protect_false_cues
from medlocal.privacy.deid_lexicon import Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import (
    BED_BEFORE,
    FUNCTION_CUES,
    LEAD_TO_PERSON,
    PARTICLES,
    PERSON_VERB,
    RELATIONS,
    ROLES,
    TITLES,
)
from medlocal.privacy.deid_tokens import Tok

# A value after a word: a number, perhaps after "/V" ("Qb 300", "Kt/V 1.32", "Qd 500").
# Possessive blanks: read once, so a run of thousands of blanks after a word is no quadratic
# search (walk 20: "Ref" and 20,000 blanks took seconds).
# Round 18 (walk 21): a comparison spaced from its value ("Cr > 133") and a letter in brackets
# ("Lp(a) 148"). An abbreviation in brackets after its full name ("creatinine (Cr) 148") is
# read in protect_values, for listed clinical abbreviations only (a bracketed name before a
# number is a person's as often: "(Xyz) 0412").
_VALUE_AFTER = re.compile(r"(?:\([a-z]\)|/[A-Za-z]{1,3})?[ \t]*+[:=]?[ \t]*+(?:[<>≤≥]=?[ \t]*+)?\d")
# A dose after a run of capitalised words: the words are a medicine ("Coversyl 4 mg", "Panadol
# Osteo 1330 mg", "Targin 5/2.5 bd", "Spiriva Respimat 2 puffs").
_DOSE_AFTER = re.compile(
    r"[ \t]+\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?(?:[ \t]+\d+)?)?[ \t]*"
    r"(?:mg|mcg|µg|ug|g|mL|ml|units?|IU|%|mmol|micrograms?|milligrams?|puffs?|tabs?|tablets?|"
    r"caps?|capsules?|sachets?|drops?|sprays?|patch|bd|bid|tds|tid|qid|od|"
    r"qhs|nocte|mane|daily|prn|PRN|Fr|FG|Ch|French|gauge|"
    # Round 17: the frequencies written in capitals or words ("Xyz 40 OD", "Xyz 40 once
    # daily"), and a day's schedule of other countries ("Xyz 75 1-0-0", "Xyz 5 0-0-1").
    r"OD|BD|BID|TDS|TID|QDS|QID|qds|OM|NOCTE|MANE|(?:once|twice)[ \t]+(?:daily|a[ \t]+day)|"
    r"[0-4](?:[.,]5)?-[0-4](?:[.,]5)?-[0-4](?:[.,]5)?(?:-[0-4])?(?![\w-]))\b"
)
DOSE_AFTER = _DOSE_AFTER  # read by deid_products too (a brand's dose)
# A formulation or route after a capitalised word: it is a medicine ("Movicol sachets", "Targin
# SR", "Prontosan solution", "Augmentin IV").
_FORM_AFTER = re.compile(
    r"[ \t]+(?:tablets?|capsules?|injection|inhaler|cream|ointment|gel|eye[ \t]+drops|drops|"
    r"patch(?:es)?|spray|syrup|suspension|infusion|solution|lozenges?|pessary|pessaries|"
    r"suppositor(?:y|ies)|sachets?|nebules?|wash|XR|SR|CR|ER|XL|LA|MR|ODT|IV|PO|SC|IM|SL|"
    r"nocte|mane|bd|tds|qid|qds|od|prn|PRN|therapy|treatment|course|levels?|toxicity|doses?|"
    r"prophylaxis|allergy|challenge|trough|monotherapy|loading|infusions?)\b"
)
# A species after a capitalised genus: an organism ("Cutibacterium acnes", "Candida auris",
# "Enterococcus faecalis"); the species is no English word and ends like Latin.
_SPECIES_AFTER = re.compile(
    r"[ \t]+(?P<s>acnes|(?=[a-z]{4})[a-z]{2,}(?:us|is|ae|ii|um|genes|ans|ens|ica|ile|i|a))\b"
)
# A result after a word: it names a test ("Rh positive", "Ishihara normal", "Strep positive").
_RESULT_AFTER = re.compile(
    r"[ \t]+(?:positive|negative|pos|neg|normal|abnormal|intact|equivocal|reactive|"
    r"non-reactive|nonreactive|detected|undetected|not[ \t]+detected|sensitive|resistant)\b"
)


def _between_medicines(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """A word in a list whose neighbours on both sides are medicines or clinical words, or one
    that no name list holds after a medicine and its dose ("cyclizine 50 mg tds, Xonvea")."""
    if i == 0:
        return False
    left = tokens[i - 1]
    gap = text[left.end : tokens[i].start]
    if (
        _DOSE_BEFORE.search(text, max(0, left.start - 30), tokens[i].start)
        and not lex.name_like(tokens[i].lower.rstrip("'’"))
        and not _PERSON_ACTS.match(text, tokens[i].end)
        and not PERSON_VERB.match(text, tokens[i].end)
    ):
        # "cyclizine 50 mg tds, Xyz, ..." / "Xyz 10 mg": the next item of the list, not a
        # person doing something ("1-0-1, Xyz to recheck", "bd, Xyz will call")
        return True
    if i + 1 >= len(tokens):
        return False
    right = tokens[i + 1]
    gaps = (gap, text[tokens[i].end : right.start])
    if re.fullmatch(r"[ \t]*\+[ \t]*", gaps[1]) and not lex.name_like(tokens[i].bare):
        # "on Xyz + cyclosporin", "tacrolimus, Xyz + cyclosporin", "Regimen: Xyz + abc": a
        # medicine given with another. Both sides are read: in a phrase, the word before is a
        # medicine or a word of taking one ("Joint visit Xyz + physio" is a person seen with
        # the physio); after a colon, a bullet or a line's start it begins the item.
        in_phrase = not gap.strip(" \t,")
        if in_phrase and not (left.lower in _TAKING_BEFORE or _medicine_word(left, lex)):
            return False
        return _medicine_word(right, lex)
    if not all(
        re.fullmatch(r",[ \t]*|[ \t]+and[ \t]+|;[ \t]*|[ \t]*\+[ \t]*", gap) for gap in gaps
    ):
        return False
    return all(
        lex.clinical(fold(t.word.rstrip("'’"))) and fold(t.word) not in lex.given_names
        for t in (left, right)
    )


def _medicine_word(tok: Tok, lex: Lexicon) -> bool:
    return lex.clinical(fold(tok.word.rstrip("'’"))) and fold(tok.word) not in lex.given_names


# Words after which a medicine is named ("on Xyz + tacrolimus", "started Xyz + ...").
_TAKING_BEFORE = frozenset(
    {"on", "started", "start", "starting", "commenced", "add", "added", "adding", "continue",
     "continued", "restart", "restarted", "plus"}
)  # fmt: skip
# What a person does after their name, where a medicine would stand ("1-0-1, Xyz to recheck",
# "bd, Xyz will review"): a name, not the next item of the list ("tds, Xyz if no better").
_PERSON_ACTS = re.compile(
    r"[ \t]+(?:to(?![ \t]+be\b)|needs|should|must|rechecks?|checks?|checked|reviews?|"
    r"reviewed|sees|saw|spoke|rings?|rang|emails?|emailed)\b"
)


# A medicine, its dose and perhaps a frequency, then a list gap: the next item is a medicine.
_DOSE_BEFORE = re.compile(
    r"\d[ \t]*(?:mg|mcg|µg|ug|g|mL|ml|units?|IU|puffs?)(?:[ \t]+(?:bd|bid|tds|tid|qid|qds|od|"
    r"daily|nocte|mane|prn|PRN|qhs"
    # and the frequencies of other countries ("2dd" in Dutch, "1-0-1" in German, "x2")
    r"|\d[ \t]?dd|\d-\d-\d(?:-\d)?|x[ \t]?\d|\d[ \t]?x(?:[ \t]?(?:daily|/d|par[ \t]jour))?))?"
    # and perhaps its generic or a note in brackets ("Xyz 400 mg (imatinib) or Abc 400")
    r"(?:[ \t]*\([^()\n]{1,30}\))?(?:,[ \t]*|[ \t]+or[ \t]+)\Z"
)
# A medication list: after its label and colon, to the end of the line or sentence ("Meds:
# Jardiance 25 mg, Coversyl Plus, Panadol Osteo"; "Meds reviewed with the pharmacist: apixaban,
# Novo-Docusate").
_MED_LIST = re.compile(
    r"(?im)^[ \t]*(?:current[ \t]+|discharge[ \t]+|home[ \t]+|regular[ \t]+)?"
    r"(?:meds|medications?|medicines?|drugs|rx)\b[^:\n]{0,60}:"
    r"(?P<list>(?:[^\n.]|\.(?![ \t]+[A-Z]))*)"
)
# Read by deid_medicine_slot_names too (a listed name in a medication list is a person's).
MED_LIST = _MED_LIST


# Unions of word lists made once, where they were made again for every word read.
_NAME_CUES = TITLES | RELATIONS - FUNCTION_CUES


def protect_med_lists(tokens: list[Tok], text: str) -> None:
    """The capitalised words of a medication list are medicines ("Coversyl Plus", "Panadol
    Osteo"), but for words after a title or relation."""
    spans = [m.span("list") for m in _MED_LIST.finditer(text)]
    if not spans:
        return
    k = 0
    for i, tok in enumerate(tokens):
        while k < len(spans) and spans[k][1] <= tok.start:
            k += 1
        if k == len(spans):
            return
        if spans[k][0] <= tok.start and tok.shape in ("title", "caps"):
            before = tokens[i - 1].lower if i else ""
            if before not in _NAME_CUES:
                tok.shape = "lower"


# Unions of word lists made once, where they were made again for every word read.
_TITLES_OR_RELATIONS = TITLES | RELATIONS
# Review 14B: a list of people before a result: contacts screened, a household, a relation or
# a role with a colon ("Contacts screened: Xyz negative", "Husband: Xyz positive").
_PEOPLE_LABEL = re.compile(
    r"(?i:\b(?:contacts?|household|family|relatives?|siblings?|visitors?|"
    + "|".join(sorted(RELATIONS | ROLES | {"interpreter", "carer", "keyworker"}))
    + r")\b)"
)
_DEVICE_SIZE = re.compile(r"[ \t]+\d+[ \t]*(?:Fr|FG|Ch|French|gauge)\b")


def people_listed_before(text: str, start: int, listed: bool) -> bool:
    """Whether a relation, a role or a list of contacts is named on the line before ``start``
    (or, in a list, a little above it)."""
    begin = start - 160 if listed else max(text.rfind("\n", 0, start), start - 160)
    return _PEOPLE_LABEL.search(text, max(0, begin), start) is not None


def _person_before_dose(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """A word before a dose that is a person's: a listed surname, or after a word leading to a
    person or a bed label ("Seen by Dr Xyz. Xyz 0.5 mg", "given by Xyz 2.5 mg")."""
    tok = tokens[i]
    if lex.clinical(tok.lower):
        return False  # a listed medicine ("switched to Xyzpril 5 mg")
    if tok.bare in lex.surnames and not _DEVICE_SIZE.match(text, tok.end):
        return True  # "Xyz 0.5 mg lorazepam"; not a catheter's size ("Foley 14Fr")
    if i and tokens[i - 1].lower in LEAD_TO_PERSON:
        return True
    return BED_BEFORE.search(text, max(0, tok.start - 24), tok.start) is not None


def protect_values(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """The clinical value grammar around capitalised words: a short abbreviation before its
    value ("Qb 300", "Kt/V 1.32"), medicine names before a dose, a test before its result. A
    given name, or a word after a title or relation, stays a candidate ("Amy 0412 345 678",
    "Dr Ng 4 pm")."""
    # Round 18: a unit or a diploma read as a name's cue (deid_false_cues), first, so that the
    # words it frees are read by the value grammar below like any other.
    protect_false_cues(tokens, text, lex)
    _protect_compared_measures(tokens, text)
    for i, tok in enumerate(checked(tokens)):
        if tok.shape != "title":
            continue
        if (
            i > 0
            and text[tokens[i - 1].end : tok.start] in (" ", ". ")
            and tokens[i - 1].lower in _NAME_CUES
        ):
            continue
        lower = tok.lower.rstrip("'’")
        species = _SPECIES_AFTER.match(text, tok.end)
        # A whole word after an initial is a surname, not a genus ("Dr M. Ouellet   permis").
        after_initial = (
            i > 0
            and tokens[i - 1].shape == "initial"
            and text[tokens[i - 1].end : tok.start] in (". ", ".")
        )
        if (
            not after_initial
            and species is not None
            and species.group("s") not in lex.english
            and species.group("s") not in PARTICLES  # "Zaleha binti Osman" is no genus
            and (not lex.inflected(species.group("s")) or species.group("s").endswith("acnes"))
        ):
            tok.shape = "lower"  # a genus before its species, even one that is a given name
            continue
        if _between_medicines(tokens, i, text, lex):
            tok.shape = "lower"  # "Lasix, Coversyl, metformin": one of a list of medicines
            continue
        if lower in lex.given_names:
            continue
        short_value = len(lower) <= 3 and (
            _VALUE_AFTER.match(text, tok.end) is not None
            or (
                text[tok.start - 1 : tok.start] == "("
                and text[tok.end : tok.end + 1] == ")"
                and clinical_abbreviation(tok.word)
                and _VALUE_AFTER.match(text, tok.end + 1) is not None
            )
        )
        result = (
            _RESULT_AFTER.match(text, tok.end) is not None
            and lower not in lex.surnames
            and not people_listed_before(
                text,
                tok.start,
                text[max(0, tok.start - 3) : tok.start].rstrip(" \t")[-1:]
                in ("-", "•", "*", "\n", ""),
            )
        )
        if short_value or result:
            tok.shape = "lower"
        elif _DOSE_AFTER.match(text, tok.end) or _FORM_AFTER.match(text, tok.end):
            if (
                i > 0
                and text[tokens[i - 1].end : tok.start] == " "
                and tokens[i - 1].word[:1].isupper()
                and tokens[i - 1].bare in lex.given_names
            ):
                continue  # a surname after a given name ("gave Jim Xyz tablets")
            if _person_before_dose(tokens, i, text, lex):
                continue
            j = i
            while j >= 0 and j > i - 3 and tokens[j].shape == "title":
                if tokens[j].lower in _TITLES_OR_RELATIONS or tokens[j].lower in lex.given_names:
                    break
                tokens[j].shape = "lower"
                if j == 0 or text[tokens[j - 1].end : tokens[j].start] != " ":
                    break
                j -= 1


# A brand after these words ("biosimilar Zercepac", "brand Glucophage"). (A brand in brackets
# after a medicine, "escitalopram 10 mg (Cipralex)", was tried in round 13 and dropped: people
# and pharmacies stand in such brackets as often.)
_BRAND_CUES = frozenset({"biosimilar", "biosimilars", "brand", "branded", "generic", "trade"})
# Session 46 (dev43): the brand a biosimilar is sold under stands before the word too
# ("trastuzumab (Hertraz biosimilar)"). Review 46b (D5): only right after its generic, in
# brackets or not, and never a listed surname: "Okoro biosimilar arm of the trial" and
# "trastuzumab (Okoro biosimilar)" name the person who took part or gave it. (No biosimilar
# brand sold in the UK, EU, US or India is a listed surname; "Peg" is a given name, refused
# anyway.)
_BIOSIMILAR = frozenset({"biosimilar", "biosimilars"})
_GAP_AFTER_GENERIC = re.compile(r"[ \t]*\(?[ \t]*")


def protect_brands(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """A brand name after "biosimilar" or "brand" ("biosimilar Ogivri"), or before
    "biosimilar" right after its generic ("trastuzumab (Hertraz biosimilar)", session 46),
    unless it is a listed given name (or, before the word, a listed surname)."""
    if "iosimilar" not in text and "rand" not in text and "eneric" not in text:
        return
    for i, tok in enumerate(tokens):
        if i == 0 or tok.shape not in ("title", "caps") or tok.lower in TITLES:
            continue
        if tok.lower in lex.given_names:
            continue
        after_cue = tokens[i - 1].lower in _BRAND_CUES and _spaced(tokens[i - 1], tok, text)
        if after_cue or _before_biosimilar(tokens, i, text, lex):
            tok.shape = "lower"


def _spaced(first: Tok, second: Tok, text: str) -> bool:
    return text[first.end : second.start] == " "


def _before_biosimilar(tokens: list[Tok], i: int, text: str, lex: Lexicon) -> bool:
    """Whether ``tokens[i]`` is a brand right before "biosimilar" and right after its generic,
    bracketed or not ("trastuzumab (Hertraz biosimilar)"), and no listed surname."""
    generic = tokens[i - 1]
    gap = text[generic.end : tokens[i].start]
    return (
        i + 1 < len(tokens)
        and tokens[i + 1].lower in _BIOSIMILAR
        and _spaced(tokens[i], tokens[i + 1], text)
        and tokens[i].bare not in lex.surnames
        and bool(gap)
        and _GAP_AFTER_GENERIC.fullmatch(gap) is not None
        and lex.clinical(generic.lower)
        and generic.bare not in lex.given_names
    )


# A row of a results table: the test's name at the start of a line, then its value and unit
# after a column gap ("Hemoglobina      10,9 g/dL", "Ácido úrico   8,9 mg/dL", "Filtrado
# glomerular (CKD-EPI) 39 mL/min"). The name's capitalised words are a test's, not a person's.
_LAB_ROW = re.compile(
    r"(?m)^[ \t]*(?P<name>[^\W\d_][^\n\d:]{0,40}?)"
    # A column gap, or one space before a compound unit ("310 mg/g").
    r"(?:[ \t]{2,}|\t|(?<=\))[ \t]+|[ \t](?=\S+[ \t]*\w+/))"
    r"[<>≤≥]?\d+(?:[.,]\d+)?[ \t]*"
    r"(?:%|(?:[mµμunpk]?(?:g|mol|Eq|eq|L|l)|[mµμ]?U|IU|UI|fL|fl|mmHg|mm|x10\S*|10\^\S*)"
    r"(?:/[\w.,µμ²^]{1,10}){0,2})(?![^\W\d_])"
)


def protect_lab_rows(tokens: list[Tok], text: str, lex: Lexicon) -> None:
    """The capitalised words of a results row's test name, but for a row with a title or a
    given name in it ("Dr Rao   10 mg" is no test)."""
    rows = [m.span("name") for m in _LAB_ROW.finditer(text)]
    if not rows:
        return
    starts = [t.start for t in tokens]
    for start, end in rows:
        i = bisect_left(starts, start)
        row: list[Tok] = []
        while i < len(tokens) and tokens[i].start < end:
            row.append(tokens[i])
            i += 1
        _protect_row(row, text, lex)


def _protect_row(row: list[Tok], text: str, lex: Lexicon) -> None:
    # Session 55 (review54b): a listed surname that is no clinical word keeps the row a
    # person's too ("Reviewed (Okonkwo) 5 mg" is a reviewer in brackets, not a test).
    if not row or any(
        t.lower in TITLES
        or t.bare in lex.given_names
        or (t.bare in lex.surnames and not lex.clinical(t.lower) and t.lower not in lex.english)
        for t in row
    ):
        return
    for t in row:
        # Session 55 (deid55b): a listed surname that is no clinical word, alone in brackets,
        # is a person's after a medicine ("Metformin (Okonkwo) 500 mg" read as a test's row,
        # its bracket as a method's: "Filtrado glomerular (CKD-EPI) 39 mL/min").
        if (
            text[t.start - 1 : t.start] == "("
            and text[t.end : t.end + 1] == ")"
            and t.bare in lex.surnames
            and not lex.clinical(t.bare)
        ):
            continue
        if t.shape == "title":
            t.shape = "lower"


# A form written before the medicine, as prescriptions in South Asia, Africa and the Gulf do
# ("Tab Glucophage 500 mg", "Inj. Ceftriaxone 1 g", "Syp Calpol"): the capitalised words after
# it are the medicine, whatever lists they are on.
# ("Cap", "Neb", "Supp" are left out: they are words and names too.)
_FORM_BEFORE = frozenset({"tab", "tabs", "inj", "syp", "syr", "susp"})


def protect_prescribed(tokens: list[Tok], text: str) -> None:
    """One or two capitalised words after a written form ("Tab", "Inj.", "Syp")."""
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower not in _FORM_BEFORE or not tok.word[:1].isupper():
            continue
        for j in range(i + 1, min(i + 3, len(tokens))):
            gap = text[tokens[j - 1].end : tokens[j].start]
            if gap not in (" ", ". ") or (j > i + 1 and gap != " "):
                break
            if tokens[j].shape not in ("title", "caps"):
                break
            tokens[j].shape = "lower"


def protect_slashed_abbreviations(tokens: list[Tok], text: str) -> None:
    """A short clinical abbreviation joined by slashes to others ("U/E/Cr", "E/U/Cr",
    "Na/K"): a panel's name, not a person's initials."""
    for tok in tokens:
        if tok.shape != "title" or len(tok.word) > 3 or not clinical_abbreviation(tok.word):
            continue
        before = text[max(0, tok.start - 2) : tok.start]
        after = text[tok.end : tok.end + 2]
        if (before[-1:] == "/" and before[:1].isalpha()) or (
            after[:1] == "/" and after[1:].isalpha()
        ):
            tok.shape = "lower"


# Round 21 (precision): a measure's capitals before a comparison and a number ("PIO >21", "TIO
# <18", "ALT ≥3"): a threshold of a test, in any language; no organisation or person is
# compared with a number.
_COMPARED_AFTER = re.compile(r"[ \t]?(?:[<>≤≥]=?|=<|=>)[ \t]?\d")


def _protect_compared_measures(tokens: list[Tok], text: str) -> None:
    for tok in tokens:
        shaped = tok.shape == "caps" and 2 <= len(tok.word) <= 6 and tok.word.isalpha()
        if shaped and _COMPARED_AFTER.match(text, tok.end) is not None:
            tok.shape = "lower"
