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
from medlocal.privacy.deid_false_cues import DIPLOMA
from medlocal.privacy.deid_first_characters import first_characters_lead, skipped_finditer
from medlocal.privacy.deid_lexicon import CLINICAL_SHORT, Lexicon, fold
from medlocal.privacy.deid_people_words import (
    CREDENTIALS,
    HONORIFICS,
    PARTICLES,
    ROLE_AFTER,
    ROLES,
    TITLES,
)
from medlocal.privacy.deid_place_words import GENERIC, REGIONS, STREET_WORDS
from medlocal.privacy.deid_tokens import TOKEN, Tok, WordSpan, word_end

# Initials, each with its full stop ("C.", "J.H.", "J. H."), then a surname, perhaps after
# particles ("P. du Plessis", "A. van der Berg"), capitalised too ("C. Da Costa", thirteenth round).
_INITIALS_FIRST = re.compile(
    r"(?<![^\s(:;,\[])(?:[A-Z]\.[ \t]?){1,3}(?:(?i:"
    + "|".join(sorted(PARTICLES))
    + r")[ \t]+){0,2}"
    r"(?=[A-Z][a-z])"
)
# A surname, then a comma and initials ("Stone, P."), or two or more initials ("Park J.H.").
# Not before a number: "Independencia, C.P. 64720" is a postcode's label.
_INITIALS_AFTER = re.compile(
    r"(?:,[ \t]*(?:[A-Z]\.[ \t]?){1,3}|[ \t]+[A-Z]\.[ \t]?[A-Z]\.)(?!\w)(?![ \t]*\d)"
)
# Initials written with full stops ("J.T.", "K. W."; walk 28: "Signed: J.T." and "-- K.W.
# (practice nurse, ...)" stayed).
_DOTTED = r"(?:[A-Z]\.[ \t]?){1,2}[A-Z]\."
_NOT_LETTERS = re.compile(r"[^A-Za-z]")
# Two or three capitals where a signature stands.
_SIGNED_INITIALS = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof)\.?[ \t]+(?P<titled>[A-Z]{2,3})\b(?![ \t]*[a-z])"
    # A dash only after a sentence's end ("Next visit Nov 3. — BB"; "Diet - NBM" is a value).
    # Session 43: and a doctor's grade on a ward round's team line ("SpR Bex Lyall / F1 TJ").
    r"|\b(?:RN|RM|MD|NP|PA|HCA|CNA|EN|Signed|signed|Sig|Initials|F1|F2|FY1|FY2|SHO|SpR|StR|"
    r"CT[12]|ST[1-8])\b\.?:?[ \t]*"
    rf"(?P<signed>[A-Z]{{2,3}}|{_DOTTED})[ \t]*\.?[ \t]*$"
    # After a dash that ends a sentence, the signer's credential or details may follow ("... --
    # SK RNLD", "... -- HT (MCNZ 48812)").
    rf"|(?<=[.!?)])[ \t]*(?:--?|—|–)[ \t]*(?P<dsigned>[A-Z]{{2,3}}|{_DOTTED})"
    r"(?=[ \t]*\.?[ \t]*$|[ \t]+[A-Z]{2,6}[ \t]*$|[ \t]*\([^)\n]*\)[ \t]*$)"
    # Eleventh round: a line that opens with a signature's dash, then initials and the signer's
    # role or end of line ("-- DW, palliative medicine", "-- SK RNLD", "-- GN (Pathway nurse)"),
    # and initials before a slash and the signer's name ("LH / Dr Leah Horowitz").
    rf"|^[ \t]*(?:--?|—|–)[ \t]*(?P<dashed>[A-Z]{{2,4}}|{_DOTTED})"
    r"(?=[ \t]*(?:[,(]|$)|[ \t]+[A-Z]{2,6}\b)"
    # Twelfth round: a role's label and a colon before initials that end the line
    # ("Phlebotomist: TW", "Verified by: AK").
    r"|\b(?i:phlebotomist|collector|scribe|typist|porter|technologist|radiographer|"
    r"sonographer|scientist|operator|witness|(?:collected|received|verified|checked|reviewed|"
    r"reported|dictated|entered|keyed|typed)[ \t]+by)[ \t]*:[ \t]*"
    rf"(?P<roled>[A-Z]{{2,3}}|{_DOTTED})[ \t]*$"
    # A dictation's reference, the author's initials and the typist's ("(PL/ck)", "(JP/sk)").
    r"|\((?P<author>[A-Z]{2,3})[ \t]*/[ \t]*(?=[a-z]{2,3}\))"
    r"|^(?P<slashed>[A-Z]{2,3})[ \t]*/[ \t]*(?=(?:Dr|Mr|Mrs|Ms|Prof|Nurse|Sister)\b))",
    re.M,
)
# A signer's details in brackets: a registration number or a role ("(MCNZ 48812)", "(Pathway
# nurse)"); "(negative)", "(normal)" are a test's result.
_DETAILS_AFTER = re.compile(
    r"[ \t]*\((?=[^)\n]*(?:\d|\b(?i:rn|rgn|nurse|sister|hca|gp|doctor|dr|registrar|consultant|"
    r"midwife|therapist|pharmacist|worker|carer|physio|ot|slt|cns|anp|acp|gmc|nmc|hcpc|mcnz|"
    r"ahpra)\b))"
)
_LOWER_SIGNATURE = re.compile(
    r"\b(?:by|per|cc|signed|sig)\b:?[ \t]+(?!(?:by|per|cc|to|the|a|an)\b)"
    # An initial before the surname ("note by j. abernathy rn").
    r"(?P<init>[a-z]\.[ \t]?)?"
    r"(?P<first>[a-z][a-z'’-]{2,})(?:[ \t]+(?P<second>[a-z][a-z'’-]{2,}))?"
)
# Eleventh round, signatures typed in lower case: initials or a given name after a closing
# double dash ("-- bk", "-- mercy (night rn)"), and a typist's initials before a slash ("typed
# sm/23.11.26").
_LOWER_DASHED = re.compile(
    r"(?:--|—|–)[ \t]*(?P<v>[a-z]{2,3}|[a-z]{3,}(?=[ \t]*\([^)\n]*\b(?i:rn|nurse|hca|carer|cna|"
    r"lpn|midwife|gp|sw|ot|pt)\b))[ \t]*(?:\([^)\n]*\))?[ \t]*$",
    re.M,
)
# A prescription's directions after "Sig:" ("Sig: UD", "sig: AAA"), not a signer's initials.
_DIRECTIONS = frozenset({"ud", "aaa", "one", "two", "tab", "cap", "gtt", "prn", "asd"})
_NOT_SIGNATURES = frozenset(
    {"ok", "yes", "nil", "nad", "tbc", "tba", "etc", "pls", "thx", "nok", "qc", "na", "pt"}
)
# A typist's initials: before a slash ("typed sm/23.11.26"), a date or the line's end ("typed
# kb", "transcribed jt 3/12/2026"), and after a dictation's author and a slash ("(PL/ck)").
_TYPIST = re.compile(
    r"\b(?i:typed|transcribed|typist)(?:[ \t]+by)?:?[ \t]+(?P<v>[A-Za-z]{2,3})"
    r"(?=/|[ \t]*$|[ \t]+\d{1,2}[/.-]\d)"
    r"|(?<=[A-Z]/)(?P<w>[a-z]{2,3})(?=\))",
    re.M,
)
_AUTHOR_BEFORE = re.compile(r"\(([A-Z]{2,3})[ \t]*/\Z")
# Initials after "Signed", before a time, a slash or a comma, and the co-signer's after a slash
# ("Signed: TH 0811 / BK 0815", "Signed CM / Dr Aziz", "Initials: PJ, RW").
# Walk 24: a clock time with its colon ("Signed RM 11:30 / PR 11:40") as well as without.
_CLOCK = r"(?:\d{3,4}|\d{1,2}[:.h]\d{2})\b"
_SIGNED_PAIR = re.compile(
    r"\b(?P<cue>Signed|signed|Sig|Initials|Countersigned|Co-signed)\b\.?:?[ \t]*"
    rf"(?P<a>[A-Z]{{2,3}})\b(?=[ \t]*(?:{_CLOCK}|[/,;(]|\.?[ \t]*$))"
    rf"(?:[ \t]*{_CLOCK})?(?:[ \t]*[/,][ \t]*(?P<b>[A-Z]{{2,3}})\b(?![ \t]*[a-z.]))?",
    re.M,
)
# A cue before initials that makes even an English word a surname ("Signed: C. Obi").
_SIGNATURE_CUE = re.compile(
    r"(?i:\b(?:signed|by|per|cc|from|dr|prof|reviewed|seen|copy|authori[sz]ed|reported|"
    r"verified|checked|with)\b)\.?:?[ \t]*\Z"
)
# Session 43: a title or role written before the initials, abbreviated with its stop or not
# ("Sgt. N. Mkhize", "Const. T. Ward", "RN K. Obi"): the initials and the word after them are a
# person's, as after "Dr" or "signed" (a role's stop had hidden the cue).
_ROLE_BEFORE = re.compile(r"(?<![\w'’.-])([A-Za-z][A-Za-z0-9]*)\.?[ \t]+\Z")
_PERSON_WORDS = TITLES | ROLES | HONORIFICS
# Endings of Latin species names: an initial before one is a genus ("M. Tuberculosis",
# "C. Albicans", "P. Falciparum"), not a person.
_SPECIES = ("us", "is", "um", "ae", "ii", "genes", "ans", "ens", "arum", "icus", "ica", "osa")
_NOT_SURNAMES = GENERIC | STREET_WORDS | REGIONS


# A credential after a surname ("M. Parkinson, MD"): the words are a person's, whatever they are.
_CREDENTIAL_AFTER = re.compile(
    r",?[ \t]+(?:MD|M\.D\.|DO|RN|NP|PA-C|PhD|DDS|FNP|APRN|MBBS|FRCS|FRCP|MRCP|RGN|CRNA)\b"
)
# A given name right before the initials ("Rodel B. Bautista"), one space apart.
_GIVEN_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z'’-]+) \Z")


def _given_before(text: str, start: int, lex: Lexicon) -> int:
    """Where a name with initials starts: at a capitalised word before them that is a listed
    given name or no word at all ("Rodel B. Bautista"; "Saw B. Bautista" starts at "B.")."""
    match = _GIVEN_BEFORE.search(text, max(0, start - 24), start)
    if match is None:
        return start
    lower = match.group(1).lower()
    if lex.clinical(lower) or lower in _NOT_SURNAMES:
        return start
    if lower in lex.given_names or not lex.known(lower):
        return match.start(1)
    return start


def _surname(tok: Tok, lex: Lexicon, cued: bool = False, credential: bool = False) -> bool:
    """A capitalised word that may be a surname: not protected, clinical or a facility word; a
    listed name, a word in no dictionary that is not shaped like a species ("Tuberculosis"),
    or after a signature's cue any word ("Signed: C. Obi"; "Rhythm: A. Fib" stays). Before a
    credential even a clinical word ("M. Parkinson, MD")."""
    lower = tok.bare
    if credential and tok.shape == "title" and lower not in _NOT_SURNAMES:
        return True
    if tok.shape != "title" or lex.clinical(lower) or lower in _NOT_SURNAMES:
        return False
    if lex.name_like(lower):
        return True
    if lower.endswith(_SPECIES) and not cued:
        return False
    return cued or not lex.known(lower)


# Unions of word lists made once, where they were made again for every word read.
_SHORT_OR_DIRECTIONS = CLINICAL_SHORT | _DIRECTIONS


def initial_names(text: str, tokens: list[Tok], lex: Lexicon) -> list[WordSpan]:
    """Names with initials in ``text``, whose words are ``tokens`` as the scan read them."""
    at = {tok.start: tok for tok in tokens}
    found: list[WordSpan] = []
    for match in skipped_finditer(_INITIALS_FIRST, text):
        tok = at.get(match.end())
        cued = _SIGNATURE_CUE.search(text, max(0, match.start() - 16), match.start()) is not None
        if not cued:
            role = _ROLE_BEFORE.search(text, max(0, match.start() - 16), match.start())
            cued = role is not None and role.group(1).lower() in _PERSON_WORDS
        if tok is None:
            continue
        credential = _CREDENTIAL_AFTER.match(text, tok.end) is not None
        if _surname(tok, lex, cued, credential):
            found.append(WordSpan("name", _given_before(text, match.start(), lex), word_end(tok)))
    for tok in tokens:
        after = _INITIALS_AFTER.match(text, word_end(tok))
        if after and _surname(tok, lex) and (lex.name_like(tok.lower) or not lex.known(tok.lower)):
            found.append(WordSpan("name", tok.start, after.end()))
    found += _lower_case_signatures(text, lex)
    senses = default_abbreviations().senses
    for match in skipped_finditer(_SIGNED_INITIALS, text):
        group = next(
            g
            for g in ("titled", "signed", "dsigned", "dashed", "slashed", "roled", "author")
            if match.group(g)
        )
        if group == "dashed" and not _signs_off(text, match.end(group)):
            continue  # "— CTPA (negative)", "— VQ" in a list: a test, not a signature
        letters = match.group(group)
        if "." in letters:
            # Initials with full stops are a person's, whatever the letters abbreviate ("A.K."),
            # unless they spell the signer's credential ("Signed: M.D.", "-- R.N.").
            if _NOT_LETTERS.sub("", letters).lower() not in CREDENTIALS:
                found.append(WordSpan("name", match.start(group), match.end(group)))
            continue
        # Before a slash and the signer's name, capitals are initials even where they also
        # abbreviate something ("LH / Dr Leah Horowitz"); so are those before the signer's
        # details in brackets ("-- HT (MCNZ 48812)").
        strong = group == "slashed" or _DETAILS_AFTER.match(text, match.end(group)) is not None
        sense = match.group(group) in senses and not strong
        if group == "author":
            # The author's capitals decide ("(PE/dvt)" is a diagnosis); a typist's two letters
            # often spell one too ("(PL/ck)").
            typist = text[match.end() : text.find(")", match.end())]
            # Thirteenth round: a typist's letters that are no word or abbreviation at all
            # make the pair a reference even where the author's abbreviate ("(JP/sk)").
            plain = not (
                lex.known(typist)
                or typist in default_abbreviations().lower
                or typist.upper() in senses
                or lex.clinical(typist)
            )
            sense = (sense and not plain) or typist in CLINICAL_SHORT
        if group == "roled" or (not strong and _ends_line(text, match.end(group))):
            # "Witness: NOK", "Scientist: QC" say who or what, not which person; nor does a
            # word in capitals that ends the line after a closing dash ("Reviewed. — OK",
            # walk 21). Before a credential they are a signer's ("-- OK RN").
            sense = sense or match.group(group).lower() in _NOT_SIGNATURES
        if (
            not sense
            and match.group(group).lower() not in CLINICAL_SHORT
            and not DIPLOMA.fullmatch(match.group(group))  # "Dr A. Rao, MD DCH" (walk 23)
        ):
            found.append(WordSpan("name", match.start(group), match.end(group)))
    # After "Signed" and before a time or a slash, capitals are initials even where they also
    # abbreviate something ("Signed: TH 0811 / BK 0815", "Signed CM / Dr Aziz").
    for match in skipped_finditer(_SIGNED_PAIR, text):
        # A prescription's "Sig:" is followed by its directions ("Sig: PO BD"); after "Signed"
        # the capitals are a signer's even where they abbreviate a clinical word ("PR", walk 24).
        not_initials = _SHORT_OR_DIRECTIONS if match.group("cue") == "Sig" else _DIRECTIONS
        for group in ("a", "b"):
            initials = match.group(group)
            if initials and initials.lower() not in not_initials:
                found.append(WordSpan("name", match.start(group), match.end(group)))
    return found


def _ends_line(text: str, end: int) -> bool:
    """Whether nothing but spaces and a full stop follow ``end`` on its line."""
    stop = text.find("\n", end)
    return not text[end : len(text) if stop < 0 else stop].strip(" \t.")


def _signs_off(text: str, end: int) -> bool:
    """Whether initials after a line's opening dash sign it: the signer's role or details follow
    ("-- DW, palliative medicine", "-- GN (Pathway nurse)", "-- SK RNLD"), or the line ends a
    block (the last line, or one before a blank line)."""
    rest = text[end : text.find("\n", end) if "\n" in text[end:] else len(text)]
    if rest.strip():
        return (
            rest.lstrip().startswith(",")
            or _DETAILS_AFTER.match(rest) is not None
            or (re.fullmatch(r"[ \t]+[A-Z]{2,6}[ \t]*", rest) is not None)
        )
    following = text[end + len(rest) :].lstrip(" \t")
    return following.startswith("\n\n") or following.strip() == ""


def _lower_case_signatures(text: str, lex: Lexicon) -> list[WordSpan]:
    """Before a role, words on the name lists ("by rose hill RN"); alone, a word in no
    dictionary that is no clinical abbreviation ("by njoroge"; "per ppi", "by abx" stay)."""
    vocabulary = default_abbreviations()
    found: list[WordSpan] = []
    for match in skipped_finditer(_LOWER_SIGNATURE, text):
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
            start = match.start("init") if match.group("init") else match.start("first")
            if ROLE_AFTER.match(text, end) is not None and all(
                lex.name_like(w) or not lex.known(w) for w in words[:size]
            ):
                found.append(WordSpan("name", start, end))
                break
            if size == 1 and not lex.known(words[0]):
                found.append(WordSpan("name", start, end))
    for match in _LOWER_DASHED.finditer(text):
        # Initials at a closing dash sign even where they abbreviate something ("-- bk").
        word = match.group("v")
        short = len(word) <= 3 and not lex.known(word) and word not in _NOT_SIGNATURES
        named = word in lex.given_names and ("(" in match.group() or len(word) > 3)
        if (short or named) and not (lex.clinical(word) or word in CLINICAL_SHORT):
            found.append(WordSpan("name", match.start("v"), match.end("v")))
    for match in _TYPIST.finditer(text):
        if match.group("v"):
            if not lex.known(match.group("v").lower()):  # "typed up" is no typist
                found.append(WordSpan("name", match.start("v"), match.end("v")))
            continue
        # A typist after the author's initials ("(PL/ck)"); "(CXR/ecg)" is two tests.
        author = _AUTHOR_BEFORE.search(text, max(0, match.start("w") - 8), match.start("w"))
        typist = match.group("w")
        # Thirteenth round: the typist's letters that are no word or abbreviation make the pair
        # a reference even where the author's abbreviate ("(JP/sk)").
        plain = not (
            lex.known(typist)
            or typist in vocabulary.lower
            or typist.upper() in vocabulary.senses
            or lex.clinical(typist)
        )
        if (
            author is not None
            and (author.group(1) not in vocabulary.senses or plain)
            and typist not in CLINICAL_SHORT
        ):
            found.append(WordSpan("name", match.start("w"), match.end("w")))
    return found


# Where initials sign for something in a chart or a list: after a signing word, or before a
# tick or "=" ("Given AK", "scribe T.L.", "KH ✓", "KH = Katrin Hölzl"). Brackets, slashes and
# line ends do not count: abbreviations stand there as often ("(AF)", "PE/DVT", "Hx: MS").
_SIGNED_BEFORE = re.compile(
    r"\b(?:[Gg]iven|by|per|cc|scribe|[Ii]nitials|key|Sig|Signed|Checked|checker|witness)"
    r":?[ \t]*\Z"
)
_SIGNED_AFTER = re.compile(r"[ \t]*[✓✔=]")
# Initials that open a line or a list's item and sign a date or own an action ("JF 16/11/2026",
# "RW - ECG and bloods; DR - clozapine review").
_DATED_OR_OWNING = re.compile(r"[ \t]+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|[ \t]+[-–][ \t]")
_OPENS_AN_ITEM = re.compile(r"(?:^|;[ \t]*)\Z")
# A word of prose between a name and its initials.
_PROSE = re.compile(r"\b[a-z]{2,}\b")
# A label, not a signature ("SH: lives alone" is the social history).
_LABEL_AFTER = re.compile(r"[ \t]*:")
# Capitals that read as more than initials ("MI", "RA", "TN", "MD", "SW", "AM"): only where
# they sign, as do those the abbreviation list holds.
_AMBIGUOUS = frozenset(STATES.split("|")) | {
    "SR", "SW", "CM", "MD", "RN", "DO", "NP", "PA", "EN", "AM", "PM", "SH", "DH", "RS", "OE",
    "HB", "RE", "SE", "DR", "PR", "HR", "BP",
    # Session 42 (walk 42d): English words of two letters in a line typed in capitals ("FOLDER
    # NO. RCC/23/00917" lost "NO" as the initials of Ngozi Okafor, named elsewhere).
    "NO", "AS", "AT", "BE", "BY", "IF", "IS", "IT", "OF", "ON", "OR", "SO", "TO", "UP", "US",
    "WE", "AN", "GO", "HE", "ME", "MY",
}  # fmt: skip


def initials_of_found_names(text: str, found: list[WordSpan]) -> list[WordSpan]:
    """Where a name was found, its initials elsewhere in the same text ("AK", "A.K." and "A. K."
    after "Abena Kyei RN"): medication charts, handovers and minutes sign with them. Only names
    of two or three capitalised words; initials that are a clinical abbreviation too ("AF",
    "PE", "MS") only where they sign: after "Given", "by", "scribe", before a tick, beside the
    name they stand for ("Tasha Morgan RN (TM)"), two of them joined by a slash or a plus
    ("AK/LT"), or opening a line before a date or an action ("JF 16/11/2026", "DR - review");
    and none before a colon (a label)."""
    names: dict[str, str] = {}  # initials -> the name they stand for, as written
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
            # Walk 45 (D3): a Cyrillic or Greek letter folds to nothing ("Иван Петров" gave
            # "", whose forms "" and "." then matched every full stop): one Latin letter a word.
            if (
                len(letters) == len(words)
                and letters.isascii()
                and letters.isalpha()
                and letters.lower() not in CLINICAL_SHORT
            ):
                names.setdefault(letters, text[span.start : span.end])
    if not names:
        return []
    initials = set(names)
    senses = default_abbreviations().senses
    forms = (
        initials | {".".join(i) + "." for i in initials} | {". ".join(i) + "." for i in initials}
    )
    pattern = re.compile(
        # not part of a hyphenated word ("cine-PC", "PC-MRI": a method, not a signature); the
        # forms' first letters looked ahead for first: speed, the same matches (session 56)
        rf"{first_characters_lead(forms)}(?<![\w.-])"
        rf"(?:{'|'.join(map(re.escape, sorted(forms, key=len, reverse=True)))})"
        r"(?![\w]|-\w)"
    )
    matches = list(pattern.finditer(text))
    found_here: list[WordSpan] = []
    for k, match in enumerate(matches):
        if _LABEL_AFTER.match(text, match.end()):
            continue
        letters = match.group().replace(".", "").replace(" ", "")
        if letters in senses or letters in _AMBIGUOUS:
            window = max(text.rfind("\n", 0, match.start()) + 1, match.start() - 12)
            signed = (
                _SIGNED_BEFORE.search(text[window : match.start()]) is not None
                or _SIGNED_AFTER.match(text, match.end()) is not None
                or _joined(text, matches[k - 1] if k else None, match)
                or _joined(text, match, matches[k + 1] if k + 1 < len(matches) else None)
                or _beside_its_name(text, match, names[letters])
                or _alone_in_a_cell(text, match)
                or (
                    _DATED_OR_OWNING.match(text, match.end()) is not None
                    and _OPENS_AN_ITEM.search(text[window : match.start()]) is not None
                )
            )
            if not signed:
                continue
        found_here.append(WordSpan("name", match.start(), match.end()))
    return found_here


def _beside_its_name(text: str, match: re.Match[str], name: str) -> bool:
    """The initials right before the name they stand for, as a key gives it ("AK Abena Kyei
    RN"), or after it with only a role, a number or punctuation between ("Tasha Morgan RN
    (TM)", "Ngaire Holt RN (NCNZ 233019), NH"); not where words or a sentence's end come between
    ("Anna Fox ... atrial fibrillation (AF)", "Beatrice Price. BP 120/80")."""
    if text.startswith(name, match.end() + 1):
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    at = text.rfind(name, line_start, match.start())
    if at < 0:
        return False
    between = text[at + len(name) : match.start()]
    return len(between) <= 40 and _PROSE.search(between) is None and ". " not in between


def _joined(text: str, first: re.Match[str] | None, second: re.Match[str] | None) -> bool:
    """Two initials of found names joined by a slash or a plus ("AH/LF", "AK + LT")."""
    if first is None or second is None:
        return False
    return re.fullmatch(r"[ \t]*[/+][ \t]*", text[first.end() : second.start()]) is not None


def _alone_in_a_cell(text: str, match: re.Match[str]) -> bool:
    """Initials that fill a table's cell alone ("| NF |", ",NF,"): an action's owner or a
    shift's nurse (thirteenth round)."""
    piped = text[max(0, match.start() - 3) : match.start()].rstrip(" ").endswith("|") and text[
        match.end() : match.end() + 3
    ].lstrip(" ").startswith("|")
    return (
        piped
        or text[match.start() - 1 : match.start()] == text[match.end() : match.end() + 1] == ","
    )
