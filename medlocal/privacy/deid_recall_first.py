"""Recall first (Philter's stance) for capitalised words a name or place list holds that are
also English words (issue 16, session 50).

The word scan already takes a capitalised word no list explains wherever it stands
(:func:`~medlocal.privacy.deid_tokens.classify`: "an unknown word is an identifier"). A word on
a name or place list that the scan leaves, most often one that is also a dictionary word
("Deer", "Hastings", "Manor", "Lam", "Rio"), is taken only beside another identifier or after a
cue, so one standing alone in a sentence with no cue stays. This pass takes it where the
document itself says it is a proper noun, not the dictionary word, by general signs only:

* it is written capitalised mid-sentence (not at a sentence's or a line item's start, not a
  label before ":"), and the document never writes the word in lower case;
* it is no clinical word, clinical abbreviation, product, title, role, relation or calendar
  word, and the scan's protections (eponyms, products, brands, values, medication lists) did
  not read it as clinical;
* it is no possessive (an eponym's "Bell's", "Ringer's");
* the capitalised run holding it has no other word that is a plain English, clinical or cue
  word ("Abbreviated Mental Test", "Lung Unit", "Staff Nurse Bishop" stay to their rules);
* no lower-case content word, number or grade follows the run ("Western blot", "Doll therapy",
  "Garden IV", "Heart rate 44"), and no lower-case clinical word precedes it ("lactated Ringer").

Measured on cached spans (tools/deid_recall_first_probe.py, variant "listed_general"): held-out
+21 identifiers and no clinical term damaged; development +11 identifiers and 21 clinical terms
(eponyms and brands standing alone: "Weber", "Hadlock", "Stryker"). The wider readings of the
same stance (every English word the document never writes in lower case; capitals and camel
case no list explains) cost far more than they gained: docs/deid_rounds.md, session 50.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from medlocal.privacy.deid_header_rows import header_row_cell
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, Lexicon, clinical_abbreviation, fold
from medlocal.privacy.deid_people_words import RELATIONS, ROLES, TITLES
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_tokens import Tok, sentence_start

_CUE_WORDS = TITLES | ROLES | RELATIONS | CALENDAR_WORDS
_TITLE_WORD = re.compile(r"[A-Z][a-z]{2,}\Z")  # "Oh", "Ab": two letters are no name here
# Every word of the text written in lower case (the document's own vocabulary).
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
# A capitalised run: words one blank apart, "of", "the" and "and" inside it.
_WORD_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*|of|the|and)[ \t]\Z")
_WORD_AFTER = re.compile(r"[ \t](?:[A-Z][\w'’-]*|of|the|and)\b")
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]*(?!/)|[a-z]+/|[\dIVX<>=≤≥])|[ \t]*([<>=≤≥])")
_PREVIOUS_WORD = re.compile(r"([a-z][a-z-]*)[ \t]+\Z")
_ITEM_OPENERS = "\n-–—>#|=•*"
_QUOTES = "\"'‘’“”"
# A bracket right after a value: what follows names a method ("BPP 8/8 (Manning)").
_VALUE_BEFORE_BRACKET = re.compile(r"\d[ \t]*\([ \t]*\Z")
# A word of a run that is a model code, a class or a grade ("A3", "II", "B").
_GRADE = re.compile(r"[A-Z]\Z|[IVX]{1,4}\Z|\w*\d")
# What writes a list of conditions, symptoms or sites after it (review 50b R2).
_CLINICAL_LABEL = re.compile(
    r"\b(?:pmh|phx|psh|pshx|(?:past|medical|surgical)[ \t]+history|allerg(?:y|ies|ic)"
    r"|intolerances?|problems?|diagnos[ie]s|reactions?|symptoms?|complaints?|presenting"
    r"|site|impression|indications?|examination|findings|side[ \t]+effects?|conditions?"
    r"|comorbidit(?:y|ies))\b",
    re.IGNORECASE,
)
# A sentence's end before a word on its line: what came before it is another sentence's.
_SENTENCE_END = re.compile(r"[.;!?][ \t]+(?=[A-Z])")
_CAPITALISED_OR_LOWER = re.compile(r"[A-Za-z][a-z'’-]+")
# Words that may follow a name in a sentence ("Rohan is", "Manila in", "Paco and").
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "is", "was", "are", "were", "has", "had", "have",
     "will", "would", "can", "could", "may", "in", "on", "at", "to", "from", "for", "with", "by",
     "of", "as", "via", "who", "which", "that", "said", "says", "rang", "called", "phoned",
     "visited", "came", "went", "lives", "lived", "also", "then", "not", "if", "so", "about"}
)  # fmt: skip


def recall_first_spans(
    text: str, tokens: list[Tok], found: Iterable[Redaction], lex: Lexicon
) -> list[Redaction]:
    """The listed capitalised words of ``text`` no other rule took that the document marks as
    proper nouns (see the module's text). ``tokens`` are the word scan's tokens of ``text``'s
    re-cased reading (same offsets); capitals are read from ``text`` as written."""
    covered = bytearray(len(text))
    for red in found:
        covered[red.start : red.end] = b"\x01" * (red.end - red.start)
    lowers: set[str] | None = None  # made at the first word that needs it
    out: list[Redaction] = []
    for tok in tokens:
        if tok.shape != "title" or not _TITLE_WORD.match(text, tok.start, tok.end):
            continue  # protected as clinical, a possessive, capitals, or re-cased only
        if _in_a_code(text, tok.start, tok.end):
            continue
        bare = tok.bare
        if not (lex.name_like(bare) or bare in lex.places):
            continue
        if any(covered[tok.start : tok.end]) or _plain(bare, tok.word, lex):
            continue
        if lowers is None:
            lowers = {
                fold(m.group()).rstrip("'’").removesuffix("'s") for m in _LOWER_WORD.finditer(text)
            }
        if bare in lowers or _item_start(text, tok.start) or _label(text, tok.end):
            continue
        if header_row_cell(text, tok.start, tok.end, lex):
            continue  # "Test  Result  Units  Range": a column's label (walk 52a)
        if _read_as_a_term(text, tok.start, tok.end, lex):
            continue
        if bare in lex.english and _in_clinical_context(text, tok.start, lex):
            continue
        kind = "name" if lex.name_like(bare) else "location"
        out.append(Redaction(kind, tok.start, tok.end, text[tok.start : tok.end], label(kind)))
    return out


def _plain(bare: str, word: str, lex: Lexicon) -> bool:
    return (
        bare in _CUE_WORDS
        or lex.clinical(bare)
        or clinical_abbreviation(word)
        or bare in lex.products
    )


def _in_clinical_context(text: str, start: int, lex: Lexicon) -> bool:
    """Whether the words before ``start`` on its line and in its sentence make an English word
    there a clinical one (review 50b R2: "Allergies: Penicillin (Rash)", "PMH: Asthma, Eczema,
    Thrush", "Site of pain - Lower Back", "Trimethoprim causes Rash"): a clinical label, or a
    drug or other word the clinical grammar owns."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    sentence = _SENTENCE_END.split(before)[-1]
    if _CLINICAL_LABEL.search(sentence):
        return True
    return any(lex.clinical(fold(m.group())) for m in _CAPITALISED_OR_LOWER.finditer(sentence))


def _item_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in _ITEM_OPENERS:
        return True
    # A full stop after a number ends a sentence ("GA 31+2. Singleton, cephalic"), where
    # sentence_start reads a lone character before it as an initial.
    return sentence_start(text, start) or (text[i] == "." and text[i - 1 : i].isdigit())


def _in_a_code(text: str, start: int, end: int) -> bool:
    """A word joined to a code or a compound ("PP1_Strong", "Alpha-1", "anti-Kell"), a cell of
    a comma-separated row ("Unit,Lower,Upper": the other rules read such rows' names), or a
    word set in quotes ('prefers "Morning" appointments': a quoted word is a term or a choice;
    a quoted nickname is read by the rules with its cue, "known as")."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if before == "," or after == ",":
        return True
    if before in _QUOTES and after in _QUOTES:
        return True
    return before.isalnum() or before in ("_", "-") or after in ("_", "-") or after.isalnum()


def _label(text: str, end: int) -> bool:
    return text[end : end + 3].lstrip(" \t").startswith(":")


def _run(text: str, start: int, end: int) -> tuple[int, int]:
    """The capitalised run holding the word at ``start``-``end``."""
    while (before := _WORD_BEFORE.search(text, max(0, start - 30), start)) is not None:
        start = before.start()
    while (after := _WORD_AFTER.match(text, end)) is not None:
        end = after.end()
    return start, end


def _read_as_a_term(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether the run holding the word reads as a clinical term or a plain phrase: another
    word of it plain, a lower-case content word, number or grade after it, or a lower-case
    clinical word before it."""
    start, end = _run(text, start, end)
    after = _NEXT_WORD.match(text, end)
    if after is not None:
        word = after.group(1) or after.group(2)
        if not word.isalpha() or word in ("I", "V", "X"):
            return True  # a value, a grade, a comparison or "n/a" after it: "Bishop < 6"
        if lex.known(word) and word not in _FUNCTION_WORDS:
            return True
    before = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    if before is not None and lex.clinical(before.group(1)):
        return True
    if _VALUE_BEFORE_BRACKET.search(text, max(0, start - 12), start):
        return True  # a method or an eponym after a value: "BPP 8/8 (Manning)"
    for other in _CAPITALISED.finditer(text, start, end):
        if _GRADE.match(other.group()):
            return True  # a model, a class or a grade in the run: "Vita A3", "Class II B"
        bare = fold(other.group()).rstrip("'’").removesuffix("'s")
        if _plain(bare, other.group(), lex):
            return True
        if lex.known(bare) and not (lex.name_like(bare) or bare in lex.places):
            return True
    return False
