"""Names written with initials, which the word scan's lists cannot vouch for.

* Initials before a surname: "C. Obi", "T. Will", "P. du Plessis", "J.H. Park". The surname may
  be an English word ("Will", "Stone"): initials with full stops before a capitalised word are a
  person's name far more often than anything else in a note.
* A surname before its initials: "Stone, P.", "Park J.H." (two or more initials, so that
  "Hepatitis B." and "Vitamin D." stay).
* Initials alone where a signature stands: after a title ("Dr RM"), at the end of a line after a
  dash or a role ("— BB", "Triage RN: KW"). Clinical abbreviations ("NAD", "ICU") are not taken.

* A name typed in lower case where a signature stands: after "by", "per" or "cc" a word that
  is no English or clinical word ("authorised by njoroge"), or words before a role ("handed
  over by rose hill RN", "taken by: bethan (receptionist)").

Organisms ("E. Coli", "S. Aureus") and clinical words after an initial are left, and so are
plain words after "by" ("by mouth", "per protocol").
"""

from __future__ import annotations

import re

from medlocal.abbreviations import default_abbreviations
from medlocal.privacy.deid_addresses import STATES
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, fold
from medlocal.privacy.deid_people_words import PARTICLES, ROLE_AFTER
from medlocal.privacy.deid_place_words import GENERIC, REGIONS, STREET_WORDS
from medlocal.privacy.deid_tokens import TOKEN, Tok, WordSpan, word_end

# Initials, each with its full stop ("C.", "J.H.", "J. H."), then a surname, perhaps after
# particles ("P. du Plessis", "A. van der Berg").
_INITIALS_FIRST = re.compile(
    r"(?<![^\s(:;,\[])(?:[A-Z]\.[ \t]?){1,3}(?:(?:" + "|".join(sorted(PARTICLES)) + r")[ \t]+){0,2}"
    r"(?=[A-Z][a-z])"
)
# A surname, then a comma and initials ("Stone, P."), or two or more initials ("Park J.H.").
# Not before a number: "Independencia, C.P. 64720" is a postcode's label.
_INITIALS_AFTER = re.compile(
    r"(?:,[ \t]*(?:[A-Z]\.[ \t]?){1,3}|[ \t]+[A-Z]\.[ \t]?[A-Z]\.)(?!\w)(?![ \t]*\d)"
)
# Two or three capitals where a signature stands.
_SIGNED_INITIALS = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+(?P<titled>[A-Z]{2,3})\b(?![ \t]*[a-z])"
    # A dash only after a sentence's end ("Next visit Nov 3. — BB"; "Diet - NBM" is a value).
    r"|(?:(?<=[.!?)])[ \t]*[—–-]|\b(?:RN|RM|MD|NP|PA|HCA|CNA|EN|Signed|Sig|Initials)\b\.?:?)"
    r"[ \t]*(?P<signed>[A-Z]{2,3})[ \t]*$)",
    re.M,
)
_LOWER_SIGNATURE = re.compile(
    r"\b(?:by|per|cc|signed|sig)\b:?[ \t]+(?!(?:by|per|cc|to|the|a|an)\b)"
    r"(?P<first>[a-z][a-z'’-]{2,})(?:[ \t]+(?P<second>[a-z][a-z'’-]{2,}))?"
)
# Initials after "Signed", before a time, a slash or a comma, and the co-signer's after a slash
# ("Signed: TH 0811 / BK 0815", "Signed CM / Dr Aziz", "Initials: PJ, RW").
_SIGNED_PAIR = re.compile(
    r"\b(?:Signed|Sig|Initials|Countersigned|Co-signed)\b\.?:?[ \t]*"
    r"(?P<a>[A-Z]{2,3})\b(?=[ \t]*(?:\d{3,4}\b|[/,;(]|$))"
    r"(?:[ \t]*\d{3,4})?(?:[ \t]*[/,][ \t]*(?P<b>[A-Z]{2,3})\b(?![ \t]*[a-z.]))?",
    re.M,
)
# A cue before initials that makes even an English word a surname ("Signed: C. Obi").
_SIGNATURE_CUE = re.compile(
    r"(?i:\b(?:signed|by|per|cc|from|dr|prof|reviewed|seen|copy|authori[sz]ed|reported|"
    r"verified|checked|with)\b)\.?:?[ \t]*\Z"
)
# Endings of Latin species names: an initial before one is a genus ("M. Tuberculosis",
# "C. Albicans", "P. Falciparum"), not a person.
_SPECIES = ("us", "is", "um", "ae", "ii", "genes", "ans", "ens", "arum", "icus", "ica", "osa")
_NOT_SURNAMES = GENERIC | STREET_WORDS | REGIONS


def _surname(tok: Tok, lex: Lexicon, cued: bool = False) -> bool:
    """A capitalised word that may be a surname: not protected, clinical or a facility word; a
    listed name, a word in no dictionary that is not shaped like a species ("Tuberculosis"),
    or after a signature's cue any word ("Signed: C. Obi"; "Rhythm: A. Fib" stays)."""
    lower = tok.bare
    if tok.shape != "title" or lex.clinical(lower) or lower in _NOT_SURNAMES:
        return False
    if lex.name_like(lower):
        return True
    if lower.endswith(_SPECIES) and not cued:
        return False
    return cued or not lex.known(lower)


def initial_names(text: str, tokens: list[Tok], lex: Lexicon) -> list[WordSpan]:
    """Names with initials in ``text``, whose words are ``tokens`` as the scan read them."""
    at = {tok.start: tok for tok in tokens}
    found: list[WordSpan] = []
    for match in _INITIALS_FIRST.finditer(text):
        tok = at.get(match.end())
        cued = _SIGNATURE_CUE.search(text, max(0, match.start() - 16), match.start()) is not None
        if tok is not None and _surname(tok, lex, cued):
            found.append(WordSpan("name", match.start(), word_end(tok)))
    for tok in tokens:
        after = _INITIALS_AFTER.match(text, word_end(tok))
        if after and _surname(tok, lex) and (lex.name_like(tok.lower) or not lex.known(tok.lower)):
            found.append(WordSpan("name", tok.start, after.end()))
    found += _lower_case_signatures(text, lex)
    senses = default_abbreviations().senses
    for match in _SIGNED_INITIALS.finditer(text):
        group = "titled" if match.group("titled") else "signed"
        if match.group(group) not in senses and match.group(group).lower() not in CLINICAL_SHORT:
            found.append(WordSpan("name", match.start(group), match.end(group)))
    # After "Signed" and before a time or a slash, capitals are initials even where they also
    # abbreviate something ("Signed: TH 0811 / BK 0815", "Signed CM / Dr Aziz").
    for match in _SIGNED_PAIR.finditer(text):
        for group in ("a", "b"):
            initials = match.group(group)
            if initials and initials.lower() not in CLINICAL_SHORT:
                found.append(WordSpan("name", match.start(group), match.end(group)))
    return found


def _lower_case_signatures(text: str, lex: Lexicon) -> list[WordSpan]:
    """Before a role, words on the name lists ("by rose hill RN"); alone, a word in no
    dictionary that is no clinical abbreviation ("by njoroge"; "per ppi", "by abx" stay)."""
    vocabulary = default_abbreviations()
    found: list[WordSpan] = []
    for match in _LOWER_SIGNATURE.finditer(text):
        words = [match.group(g) for g in ("first", "second") if match.group(g)]
        if any(
            lex.clinical(w)
            or w in CLINICAL_SHORT
            or w.upper() in vocabulary.senses
            or w in vocabulary.lower
            for w in words
        ):
            continue
        for size in (2, 1):  # the two words before a role, else the first word alone
            if len(words) < size:
                continue
            end = match.end("first") if size == 1 else match.end("second")
            if ROLE_AFTER.match(text, end) is not None and all(
                lex.name_like(w) or not lex.known(w) for w in words[:size]
            ):
                found.append(WordSpan("name", match.start("first"), end))
                break
            if size == 1 and not lex.known(words[0]):
                found.append(WordSpan("name", match.start("first"), end))
    return found


# Where initials sign for something in a chart or a list: after "Given", "by", a slash, a plus
# or an opening bracket, or before a slash, a tick, "=", a bar or the end of the line
# ("Given AK", "AK/DO'N", "KH ✓", "KH = Katrin Hölzl", "(RB)", "scribe T.L.").
_SIGNED_BEFORE = re.compile(
    r"(?:^|[/(|+·]|\b(?:[Gg]iven|by|per|cc|scribe|[Ii]nitials|key|Sig|Signed|Checked|checker))"
    r":?[ \t]*\Z"
)
_SIGNED_AFTER = re.compile(r"[ \t]*(?:[/✓✔=+|)]|$)", re.M)
# Capitals that read as more than initials ("MI", "RA", "TN", "MD", "SW"): only where they sign.
_AMBIGUOUS = frozenset(STATES.split("|")) | {"SR", "SW", "CM", "MD", "RN", "DO", "NP", "PA", "EN"}


def initials_of_found_names(text: str, found: list[WordSpan]) -> list[WordSpan]:
    """Where a name was found, its initials elsewhere in the same text ("AK" and "A.K." after
    "Abena Kyei RN"): medication charts, handovers and minutes sign with them. Only names of
    two or three capitalised words, and never initials that are a clinical abbreviation ("BP"
    after "Beatrice Price")."""
    initials: set[str] = set()
    for span in found:
        if span.kind != "name":
            continue
        words = [
            m.group()
            for m in TOKEN.finditer(text, span.start, span.end)
            if m.group().lower() not in PARTICLES
        ]
        if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
            letters = "".join(fold(w[0]).upper() for w in words)
            if letters.isascii() and letters.lower() not in CLINICAL_SHORT:
                initials.add(letters)
    if not initials:
        return []
    senses = default_abbreviations().senses
    forms = sorted(initials | {".".join(i) + "." for i in initials}, key=len, reverse=True)
    pattern = re.compile(rf"(?<![\w.])(?:{'|'.join(map(re.escape, forms))})(?![\w])")
    found_here: list[WordSpan] = []
    for match in pattern.finditer(text):
        letters = match.group().replace(".", "")
        if letters in senses or letters in _AMBIGUOUS:
            window = max(text.rfind("\n", 0, match.start()) + 1, match.start() - 12)
            signed = _SIGNED_BEFORE.search(text[window : match.start()])
            if not signed and not _SIGNED_AFTER.match(text, match.end()):
                continue
        found_here.append(WordSpan("name", match.start(), match.end()))
    return found_here
