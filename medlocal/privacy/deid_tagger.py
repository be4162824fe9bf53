"""The statistical line: a conditional random field that marks names, organisations and places.

The rules (:mod:`~medlocal.privacy.deid_words`) recognise what they were written for; on notes
their authors never read they miss a few identifiers in twenty, mostly organisations named with
ordinary words and people named without a cue. A CRF (CRFsuite, through python-crfsuite) trained
on MedLocal's annotated development notes reads the same words with the same word lists, but
weighs the context itself. Its spans are added to the rules' (a union: the line can only remove
more), and it never takes a word the scan protects as clinical (an eponym, a drug, a clinical
phrase) or one the lists call clinical.

The model ships as ``resources/deid_tagger.crfsuite``; ``tools/train_deid_tagger.py`` rebuilds it
from the development halves of ``tests/fixtures/deid`` (never from the held-out ones). A word is
taken when the model gives it a probability of at least :data:`THRESHOLD` of being part of an
identifier.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pycrfsuite

from medlocal.abbreviations import default_abbreviations
from medlocal.built_once import built_once
from medlocal.errors import MedLocalError
from medlocal.privacy.deid_cancel import checked
from medlocal.privacy.deid_lexicon import (
    CLINICAL_SHORT,
    Lexicon,
    abbreviations_joined,
    fold,
    lexicon,
)
from medlocal.privacy.deid_model_file import model_path
from medlocal.privacy.deid_people_words import TITLES
from medlocal.privacy.deid_place_words import STREET_WORDS
from medlocal.privacy.deid_tagger_features import Memo, line_features, lines_of
from medlocal.privacy.deid_tokens import TOKEN, Tok, WordSpan, sentence_verb
from medlocal.privacy.deid_words import read_tokens

# The model's labels and the redaction kinds they become.
KINDS = {"PER": "name", "ORG": "facility", "LOC": "location"}
OUTSIDE = "O"
# Chosen on the development halves left out in turn (tools/train_deid_tagger.py --folds): the
# lowest probability that added recall without redacting clinical terms.
THRESHOLD = 0.3
# A house number, perhaps after a unit, right before a place ("Flat 4, 22 " + "Orchard Rise").
_HOUSE_NUMBER = re.compile(
    r"(?:\b(?:flat|unit|apt|apartment|suite|ste|lot|no|#)\.?\s*\w{1,5}[,/]?\s+)?"
    r"\b\d{1,5}[A-Za-z]?(?:-\d{1,5}[A-Za-z]?)?,?\s+\Z",
    re.I,
)
# What stands before an address's number: the line's start, a comma or colon, or a word of
# living or going somewhere ("lives at 22", "moved to 4"), not a clinical value ("BP 120/80").
_BEFORE_ADDRESS = re.compile(
    r"(?:\A\s*|[,:;(]\s*|\b(?:at|in|to|from|of|lives?|living|address|resides?|moved)\s+)\Z",
    re.I,
)
# Endings of disease and procedure words, never of a name, place or organisation.
_CLINICAL_ENDINGS = (
    "itis", "osis", "sis", "ism", "emia", "aemia", "ectomy", "otomy", "ostomy", "plasty", "scopy",
    "graphy", "pathy", "algia", "uria", "penia", "plegia", "paresis", "trophy", "megaly", "oma",
)  # fmt: skip
# What joins two tagged words into one span ("St. Brigid's", "Smith-Jones"); not "and" or "of":
# "Ewa Kowalczyk and Marta Nowak" are two people, and the export should say so.
_JOINS = (" ", "-", ". ", ".", "'", "’", " & ")
_ABBREVIATED = TITLES | {"st", "mt", "ft", "co", "bros", "inc", "ltd", "corp", "jr", "sr"}
# Abbreviations that end a name ("Acme Co.", "Paul Ames Jr."): the word after their stop opens
# a sentence ("Works for Acme Co. Smoker since 16."), except after a county's "Co." that opens
# the span ("Co. Kerry"). Not "Bros.", which a company's trade often follows ("Reading Bros.
# Grain", a development identifier).
_NAME_ENDINGS = frozenset({"co", "inc", "ltd", "corp", "jr", "sr"})


class Tagger:
    """One loaded model. CRFsuite's tagger keeps state between calls, so a lock serialises
    them (exports are rare and short; a second tagger would cost another load)."""

    def __init__(self, path: Path, threshold: float = THRESHOLD) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._lock = threading.Lock()
        self.threshold = threshold

    def spans(
        self, text: str, lex: Lexicon | None = None, tokens: list[Tok] | None = None
    ) -> list[WordSpan]:
        """The names, organisations and places the model finds in ``text``. ``tokens``, where
        given, are :func:`~medlocal.privacy.deid_words.read_tokens` of this text, unmarked by
        the scan (the model was trained on them so)."""
        lex = lex or lexicon()
        tokens = read_tokens(text, lex) if tokens is None else tokens
        return _spans_of(tokens, self._labels(tokens, text, lex), text, lex)

    def _labels(self, tokens: list[Tok], text: str, lex: Lexicon) -> list[str]:
        """The model's label of each token, where :func:`_spans_of` reads it (OUTSIDE on a
        line where it reads none)."""
        labels: list[str] = []
        memo: Memo = {}
        # Speed (session 40): a line written again (a heading, a template's field, a footer)
        # has the same features, so the model's labels; it is labelled once per text.
        by_line: dict[_LineKey, list[str]] = {}
        for line in checked(lines_of(tokens, text), every=64):
            if not any(tok.word[:1].isupper() for tok in line):
                labels += [OUTSIDE] * len(line)  # no capital: nothing there it would take
                continue
            if not any(_labels_read(tok, lex) for tok in line):
                # Speed (session 40): no word whose label _spans_of reads (none it may take,
                # none it would spread): the line's labels cannot change the spans.
                labels += [OUTSIDE] * len(line)
                continue
            key = _line_key(line, text)
            known = by_line.get(key)
            if known is None:
                known = by_line[key] = self._label(line_features(line, text, lex, memo))
            labels += known
        return labels

    def _label(self, features: list[list[str]]) -> list[str]:
        with self._lock:
            self._tagger.set(features)
            marginal = self._tagger.marginal  # bound once: called for every word
            threshold = self.threshold
            labels: list[str] = []
            for i in range(len(features)):
                if 1 - marginal(OUTSIDE, i) < threshold:
                    labels.append(OUTSIDE)
                    continue
                labels.append(max(KINDS, key=lambda k: marginal(k, i)))
        return labels


def _spans_of(tokens: list[Tok], labels: list[str], text: str, lex: Lexicon) -> list[WordSpan]:
    """The spans the model's ``labels`` of ``tokens`` make: the words it may take, joined."""
    # A capitalised word tagged once is tagged wherever else it stands capitalised: the
    # model is surer of a name in one sentence than another.
    seen = {
        tok.lower: kind
        for tok, kind in zip(tokens, labels, strict=True)
        if kind != OUTSIDE and tok.shape == "title" and not lex.known(tok.lower)
    }
    taken: list[tuple[Tok, str]] = []
    for tok, kind in checked(zip(tokens, labels, strict=True)):
        if kind == OUTSIDE and tok.shape == "title":
            kind = seen.get(tok.lower, OUTSIDE)
        if (
            kind != OUTSIDE
            and _takeable(tok, lex)
            and not (tok.shape == "title" and sentence_verb(tok.bare, text, tok.start, lex))
        ):
            taken.append((tok, kind))
    return [span for span in _joined(taken, text) if _distinctive(span, text, lex)]


# A line's text and what the scan made of each of its words, offsets from the line's start:
# all that line_features reads, so two lines with one key have the same features.
_LineKey = tuple[str, tuple[tuple[int, int, str, str, str, bool, bool], ...]]


def _line_key(line: list[Tok], text: str) -> _LineKey:
    """The key of ``line`` (see _LineKey): the text from the line's start to its end."""
    start = text.rfind("\n", 0, line[0].start) + 1
    end = text.find("\n", line[-1].end)
    words = tuple(
        (tok.start - start, tok.end - start, tok.word, tok.shape, tok.lower, tok.strong, tok.weak)
        for tok in line
    )
    return text[start : end if end >= 0 else len(text)], words


def _labels_read(tok: Tok, lex: Lexicon) -> bool:
    """Whether :func:`_spans_of` reads the model's label of ``tok``: a word it may take, or
    a capitalised word it would spread to the word's other places (a known word's label is
    never spread). Where no word of a line is such, the line need not be labelled."""
    return (tok.shape == "title" and not lex.known(tok.lower)) or _takeable(tok, lex)


def _takeable(tok: Tok, lex: Lexicon) -> bool:
    """A word the line may take: not protected by the scan, not a clinical word, not a known
    word typed in lower case, and not a lone letter."""
    if tok.shape == "lower" and tok.word[:1].isupper():
        return False  # protected: an eponym, a drug, a clinical phrase
    lower = tok.bare
    if lex.clinical(lower) or len(lower) < 2:
        return False
    if tok.word.islower() and lex.known(lower):
        return False  # a plain word in lower case ("normal", "park"): names are capitalised
    if tok.word.isupper() and (
        lower in CLINICAL_SHORT or tok.word in default_abbreviations().senses
    ):
        return False  # a clinical abbreviation ("OPD", "HDU"), not an organisation's initials
    if "-" in tok.word and abbreviations_joined(tok.word, lex):
        return False  # "EBUS-TBNA", "anti-CCP": a test written as its abbreviations
    # A clinical word by its ending ("Parkinsonism", "SEPSIS") that is on no name list.
    return not (lower.endswith(_CLINICAL_ENDINGS) and not lex.name_like(lower))


def _distinctive(span: WordSpan, text: str, lex: Lexicon) -> bool:
    """A span with a word that could only be a name or a place: not a plain English or clinical
    word, a listed name or place that is no English word, an acronym, a listed given name in a
    person's name ("Lane, Dale"), or a street word ending a place ("Orchard Rise"). Capitalised
    plain words alone ("Renal", "Breast Cancer", "Left Lower Lobe") are the model's commonest
    mistake."""
    words = [
        m.group().rstrip("'’").removesuffix("'s")
        for m in TOKEN.finditer(text, span.start, span.end)
    ]
    if span.kind == "location" and words and words[-1].lower() in STREET_WORDS:
        return True
    for word in words:
        lower = fold(word).lower()
        # A word in capitals counts as what it is: an acronym ("RVH") is no known word, but
        # "SCREEN POSITIVE" in a heading is plain English.
        if not lex.known(lower):
            return True
        if lower not in lex.english and (lex.name_like(lower) or lower in lex.places):
            return True
        if span.kind == "name" and lower in lex.given_names and not lex.clinical(lower):
            return True
    return False


def _joined(taken: list[tuple[Tok, str]], text: str) -> list[WordSpan]:
    spans: list[WordSpan] = []
    before: Tok | None = None
    for tok, kind in taken:
        # A possessive is not part of a person's name ("[NAME]'s wife", as the rules write it);
        # it is of a place's ("St Mary's").
        word = tok.word.rstrip("'’")
        if KINDS[kind] == "name":
            word = word.removesuffix("'s").removesuffix("’s")
        end = tok.start + len(word)
        gap = text[spans[-1].end : tok.start] if spans else None
        stop = gap in (". ", ".")
        ends_name = (
            stop
            and before is not None
            and before.lower in _NAME_ENDINGS
            and spans[-1].start != before.start  # "Co. Kerry": the county's word opens it
        )
        if gap in _JOINS and not (stop and not _abbreviated(before)) and not ends_name:
            spans[-1] = WordSpan(spans[-1].kind, spans[-1].start, end)
        else:
            spans.append(WordSpan(KINDS[kind], tok.start, end))
        before = tok
    return [_with_house_number(span, text) for span in spans]


def _abbreviated(tok: Tok | None) -> bool:
    """A word whose full stop abbreviates it ("St.", "H.", "Dr."), so the words on either side
    are one name; after any other word the stop ends a sentence ("Jo Barnett. Patient")."""
    return tok is not None and (len(tok.word) == 1 or tok.lower in _ABBREVIATED)


def _with_house_number(span: WordSpan, text: str) -> WordSpan:
    """A place right after a house number takes the number, and a unit before it ("Flat 4, 22
    Orchard Rise"): the words alone would leave the address readable."""
    if span.kind != "location":
        return span
    # Short windows, searched as slices: bounded work on a long line, and "\A" is the window's
    # start (a search from a position never matches "\A" there).
    line_start = text.rfind("\n", 0, span.start) + 1
    window = max(line_start, span.start - 40)
    before = _HOUSE_NUMBER.search(text[window : span.start])
    if not before:
        return span
    number = window + before.start()
    if not _BEFORE_ADDRESS.search(text[max(line_start, number - 30) : number]):
        return span
    return WordSpan(span.kind, number, span.end)


@built_once
def shipped_tagger() -> Tagger:
    """The model in ``resources/``, loaded once per process. A missing or damaged file stops
    the export with a clear message: redaction fails closed, never with fewer lines."""
    path = model_path()
    try:
        return Tagger(path)
    except (OSError, ValueError) as exc:
        raise MedLocalError(
            f"the de-identification model {path.name} is missing or damaged; reinstall MedLocal"
        ) from exc
