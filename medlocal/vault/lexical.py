"""Exact-word search with SQLite FTS5 inside the encrypted database, and rank fusion.

User text never reaches ``MATCH`` as syntax: every word becomes a quoted FTS5 string (so ``-``,
``:``, ``*``, ``NEAR`` or unbalanced quotes cannot change the query), and the words are OR-ed so a
natural-language question still matches the passages that share its rare terms; bm25 ranks them.
A quoted ``"MRN-00123"`` is tokenised by FTS5 into the phrase ``mrn 00123``, which is what makes
identifiers and drug names match exactly.

Scoping is part of the MATCH (``scope : p12``), so FTS5 intersects posting lists rather than
ranking the whole vault and filtering afterwards. In a large vault, single words found in at least
half of all passages are dropped from the query: FTS5's bm25 gives them an idf of ~0 anyway, so
they only cost time and add noise to the fusion. In any vault, the words that only carry a
question ("how", "has", "her", "changed", "over", "time") are dropped when the question has other
words: in a small vault their idf is far from 0, and "How has her eGFR changed over time?" ranked
prose holding "has", "her" and "over" above the lab table holding eGFR four times (walk 27).

Code-like words of a query (``code_tokens``: "MRN-7781", "E11.9", a long record number) are
also searched on their own, as phrases, so search can rank the passages that contain one verbatim
above passages that only come close in meaning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from medlocal.vault.db import Connection

MAX_QUERY_TERMS = 32
RRF_K = 60  # the constant from Cormack et al. (2009): robust without tuning
# Dropping near-stopwords only pays off (and only happens) once posting lists are long.
COMMON_TERM_MIN_DOCS = 5000


# Words that carry a question without naming what it asks about: function words, question words,
# auxiliaries, and the generic verbs and time words of "how has it changed over time" or "what
# is her latest". Not clinical terms ("history", "level" and "result" are kept: a passage's
# heading may be the only thing naming what it is).
QUESTION_FILLER = frozenset(
    {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with",
     "about", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did",
     "has", "have", "had", "having", "can", "could", "would", "should", "will", "shall", "may",
     "might", "must", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
     "she", "he", "her", "his", "him", "hers", "they", "them", "their", "it", "its", "this",
     "that", "these", "those", "there", "any", "some", "me", "my", "i", "we", "our", "you", "your",
     "tell", "show", "give", "list", "describe", "explain", "please", "know", "changed",
     "change", "changes", "changing", "happened", "happen", "over", "time", "times", "since",
     "now", "currently", "current", "so", "far", "until", "then", "ever", "patient",
     "patient's", "patients", "get", "got", "gone", "go", "going", "went", "doing", "done",
     "made", "make", "like", "look", "looked", "looking", "recently", "latest", "most", "last",
     "past", "also", "again", "still", "up", "down", "into", "out", "not", "no", "yes", "if",
     "across"}
)  # fmt: skip


def query_words(query: str) -> list[str]:
    """The distinct words of ``query`` with surrounding punctuation removed."""
    words: list[str] = []
    for raw in query.split():
        word = raw.strip(".,;:!?()[]{}<>\"'`")
        if any(ch.isalnum() for ch in word) and word not in words:
            words.append(word)
        if len(words) == MAX_QUERY_TERMS:
            break
    return words


# A number with its unit ("500mg", "5.4mmol/L") is a value, not a code.
_VALUE_WITH_UNIT = re.compile(r"\d+(?:[.,]\d+)?[^\W\d_]+(?:/[^\W\d_]+)?")
MIN_CODE_DIGITS = 3  # "E11.9", "MRN-7781"; not the name of a test such as "HbA1c" or "B12"
MIN_NUMBER_DIGITS = 5  # an all-digit code: longer than a year


def code_tokens(query: str) -> list[str]:
    """The words of ``query`` that look like codes or identifiers: letters with at least three
    digits ("MRN-7781", "E11.9", "CA-125"; not "HbA1c", whose passages may spell it "Haemoglobin
    A1c", nor a number with its unit such as "500mg"), or a run of at least five digits
    ("00123456"; not a year, a date or a decimal)."""
    codes = []
    for word in query_words(query):
        digits = sum(ch.isdigit() for ch in word)
        letters = sum(ch.isalpha() for ch in word)
        code = digits >= MIN_CODE_DIGITS and not _VALUE_WITH_UNIT.fullmatch(word)
        number = word.isdigit() and digits >= MIN_NUMBER_DIGITS
        if (letters and code) or (not letters and number):
            codes.append(word)
    return codes


# A question about how a measurement changed: "How has her eGFR changed over time?", "the trend
# in his HbA1c", "her weight over the past year", "has the creatinine risen?".
_TREND = re.compile(
    r"\b(?:over\s+(?:time|the\s+(?:past|last)\b)|trends?|trending|trajectory|changed|changes?\s+"
    r"(?:in|of)|progress(?:ed|ion)?|serial|evolved|since\s+(?:\d|last|first|the)|history\s+of|"
    r"risen|rising|fallen|falling|gone\s+(?:up|down)|improv(?:ed|ing)|worsen(?:ed|ing)|"
    r"declin(?:ed|ing)|increas(?:ed|ing)|decreas(?:ed|ing)|previous\s+(?:values|results|"
    r"readings|levels))",
    re.IGNORECASE,
)
# Words of a trend question that are not the measurement asked about.
_TREND_WORDS = frozenset(
    {"trend", "trends", "trending", "trajectory", "progress", "progressed", "progression",
     "serial", "evolved", "history", "risen", "rising", "fallen", "falling", "improved",
     "improving", "worsened", "worsening", "declined", "declining", "increased", "increasing",
     "decreased", "decreasing", "previous", "values", "value", "results", "result", "readings",
     "reading", "levels", "level", "year", "years", "month", "months", "week", "weeks", "day",
     "days", "measurements", "measurement", "tests", "test", "lab", "labs", "report", "reports",
     # How many reports a question counts over ("across the four lab reports") is no name of
     # the measurement: as a term, "four" ranked any passage writing it (grfix43).
     "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "both", "all", "each", "every", "several", "various", "different", "multiple", "many"}
)  # fmt: skip
MIN_TREND_VALUES = 2  # a passage holding a trend has at least two values of the measurement


def trend_terms(query: str) -> list[str]:
    """The measurement a question about change over time asks about ("eGFR" for "How has her
    eGFR changed over time?"); none when the question does not ask about a change."""
    if _TREND.search(query) is None:
        return []
    words = [w for w in query_words(query) if not any(ch.isdigit() for ch in w)]
    return [w for w in without_filler(words) if w.lower() not in _TREND_WORDS | QUESTION_FILLER]


def value_count(text: str, terms: Sequence[str]) -> int:
    """How many values of the ``terms`` ``text`` holds: a number shortly after a term ("eGFR 44",
    "2024-03-14,eGFR,58"), and each further number of a row of them ("eGFR | 58 | 52 | 47")."""
    if not terms:
        return 0
    names = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![^\W_])(?:{names})\w*[^\d\n]{{0,20}}?\d+(?:\.\d+)?((?:\s*[|,;\t]\s*\d+(?:\.\d+)?)*)",
        re.IGNORECASE,
    )
    number = re.compile(r"\d+(?:\.\d+)?")
    return sum(
        1 + len(number.findall(m.group(1)))
        for m in pattern.finditer(text)
        if not _THRESHOLD.search(m.group(0)[: m.start(1) - m.start(0)])
    )


# A number after a comparison is a threshold, not a value measured: "eGFR below 30" (walk 42gb:
# the discharge summary's "stopped because of ... eGFR below 30" and "eGFR 34" counted as two
# values, so it ranked above every lab report of one value in a trend question).
_THRESHOLD = re.compile(
    r"(?:\b(?:below|under|above|over|less\s+than|more\s+than|greater\s+than|at\s+least"
    r"|at\s+most|exceeding|exceeds|target)|[<>≤≥])\s*(?:of\s+)?\d+(?:\.\d+)?$",
    re.IGNORECASE,
)


def trend_ranking(
    candidates: Sequence[tuple[int, float]],
    texts: dict[int, str],
    terms: Sequence[str],
    order: Sequence[tuple[int, float]] = (),
) -> list[tuple[int, float]]:
    """The ``candidates`` that hold values of the ``terms``: those holding at least two, most
    values first (the lab table with four dated eGFR rows before a letter quoting one), then
    those holding one. A series is often one value per document (four lab reports a year
    apart): with the passages of two values alone in this ranking, counted twice in the
    fusion, a discharge summary quoting "eGFR below 30" and "eGFR 34" outranked every report,
    its cosine and bm25 the lowest of them, and one report fell out of the top 4 (walk 42g).

    Passages holding as many values keep the ``order`` the question's words give them (its
    bm25 ranking: "lab reports" says which passages it means), candidates it lacks after, in
    their bm25 order. Not the candidates' bm25 order for the measurement's name alone: one
    mention each, that order is the passages' length, and a report whose reference ranges
    ("[ref 20-41]") made it the longest came last, behind a discharge summary's short closing
    lines (walk 42gb: "EGFR ......... 47" 6th for "How has her eGFR changed across the four
    lab reports?"; neither its upper case nor its dotted leader mattered)."""
    place = {chunk_id: i for i, (chunk_id, _) in enumerate(order)}
    ranked = sorted(
        enumerate(candidates),
        key=lambda item: (place.get(item[1][0], len(place)), item[0]),
    )
    counted = [
        (chunk_id, value_count(texts.get(chunk_id, ""), terms)) for _, (chunk_id, _) in ranked
    ]
    held = [(chunk_id, float(n)) for chunk_id, n in counted if n >= MIN_TREND_VALUES]
    single = [(chunk_id, 1.0) for chunk_id, n in counted if n == 1]
    return sorted(held, key=lambda pair: -pair[1]) + single


# The inflection of a verb a question writes ("smokes", "smoked", "smoking", "smoke"), taken
# off to find the base its doer is written on ("smok" + "er").
_VERB_ENDING = re.compile(r"(?:ing|ed|es|e|(?<!s)s)$")
# A doer read off a base this long or longer only: "eater", "user" and "liver" (of "live") are
# not looked for; the same bound as the answerer's ``medlocal.rag.relevance.same_act``.
MIN_DOER_BASE = 4


def doer_forms(query: str) -> list[str]:
    """The doer nouns of the verbs ``query`` uses: "smoker" for "smoke", "smokes" or "smoking",
    "drinker" for "drink". FTS5's Porter stemmer folds "smoking" into "smoke" but keeps
    "smoker" and "drinker" whole (it strips "-er" only off longer bases: "inhaler" and
    "inhale" already agree), so "Does she smoke?" missed "She is a non-smoker" (walk 42g).
    Only this direction: a question's "-er" word is never cut back to a verb, since "liver",
    "fever", "ulcer", "water", "number" and "shoulder" are words of their own. A form that no
    passage writes simply matches nothing. Only forms Porter keeps whole are given (a base of
    measure 1: "smok", "drink"); it folds the longer ones itself."""
    forms: list[str] = []
    for word in query_words(query):
        lower = word.lower()
        if not lower.isalpha() or lower in QUESTION_FILLER or lower.endswith(("er", "ers")):
            continue
        base = _VERB_ENDING.sub("", lower)
        # Where Porter strips the "-er" itself ("commoner", "inhaler": a base of measure 2 or
        # more) the form would only be the question's own word again, counted twice by bm25
        # and back in the query after ``drop_common_words`` took it out.
        if len(base) >= MIN_DOER_BASE and _measure(base) <= 1 and base + "er" not in forms:
            forms.append(base + "er")
    return forms


def _measure(word: str) -> int:
    """Porter's measure m of ``word``: how many vowel-consonant sequences it has ("smok" 1,
    "drink" 1, "common" 2); "y" after a consonant counts as a vowel."""
    kinds = ""
    for i, ch in enumerate(word):
        vowel = ch in "aeiou" or (ch == "y" and i > 0 and kinds[-1] == "c")
        kinds += "v" if vowel else "c"
    return len(re.findall(r"v+c+", kinds))


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def without_filler(words: list[str]) -> list[str]:
    """``words`` less those that only carry a question (:data:`QUESTION_FILLER`); all of them
    when nothing else is left ("What is it?" still searches)."""
    kept = [w for w in words if w.lower() not in QUESTION_FILLER]
    return kept or words


def fts_match_expression(query: str) -> str | None:
    """The safe MATCH expression for ``query``, or None when it has no searchable word."""
    words = query_words(query)
    return " OR ".join(_quote(w) for w in words) if words else None


def _fold(word: str) -> str:
    """Approximate unicode61's ``remove_diacritics`` case folding, for vocabulary look-ups."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def drop_common_words(conn: Connection, words: list[str], total_chunks: int) -> list[str]:
    if total_chunks < 2 * COMMON_TERM_MIN_DOCS:
        return words
    single = {_fold(w): w for w in words if w.isalnum()}
    if not single:
        return words
    marks = ",".join("?" * len(single))
    rows = conn.execute(
        f"SELECT term, doc FROM chunks_vocab WHERE col = 'text' AND term IN ({marks})",
        list(single),
    ).fetchall()
    common = {single[str(term)] for term, docs in rows if int(docs) * 2 >= total_chunks} & set(
        words
    )
    return [w for w in words if w not in common]


def scope_expression(
    patient_id: int | None, collection_id: int | None, document_ids: Sequence[int] | None
) -> str | None:
    parts = []
    if patient_id is not None:
        parts.append(f"scope : p{int(patient_id)}")
    if collection_id is not None:
        parts.append(f"scope : c{int(collection_id)}")
    if document_ids is not None:
        parts.append("scope : (" + " OR ".join(f"d{int(d)}" for d in document_ids) + ")")
    return " AND ".join(parts) if parts else None


def bm25_search(
    conn: Connection,
    query: str,
    limit: int,
    *,
    patient_id: int | None = None,
    collection_id: int | None = None,
    document_ids: Sequence[int] | None = None,
    total_chunks: int = 0,
    expansion: Sequence[str] = (),
) -> list[tuple[int, float]]:
    """Best chunks as ``(chunk_id, score)`` where score is bm25 with its sign flipped.

    ``expansion``: further names the query means without saying them (a class's drugs, a
    brand's generic; :func:`medlocal.drugs.query_expansion`), OR-ed in like its own words. They
    are rare names, so a passage that has one ranks by it, and a passage with the question's
    own words still does too."""
    words = drop_common_words(conn, without_filler(query_words(query)), total_chunks)
    words += [term for term in expansion if term not in words]
    if not words or limit <= 0 or (document_ids is not None and not document_ids):
        return []
    match = "text : (" + " OR ".join(_quote(w) for w in words) + ")"
    scope = scope_expression(patient_id, collection_id, document_ids)
    if scope is not None:
        match = f"{scope} AND {match}"
    rows = conn.execute(
        "SELECT rowid, bm25(chunks_fts, 1.0, 0.0) AS rank FROM chunks_fts "
        "WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?",
        (match, limit),
    ).fetchall()
    return [(int(rowid), -float(rank)) for rowid, rank in rows]


def reciprocal_rank_fusion(
    *rankings: Sequence[tuple[int, float]], k: int = RRF_K
) -> list[tuple[int, float]]:
    """Fuse best-first rankings: score(id) = sum over rankings of 1 / (k + rank)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, (item, _score) in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
