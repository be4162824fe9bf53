"""Exact-word search with SQLite FTS5 inside the encrypted database, and rank fusion.

User text never reaches ``MATCH`` as syntax: every word becomes a quoted FTS5 string (so ``-``,
``:``, ``*``, ``NEAR`` or unbalanced quotes cannot change the query), and the words are OR-ed so a
natural-language question still matches the passages that share its rare terms; bm25 ranks them.
A quoted ``"MRN-00123"`` is tokenised by FTS5 into the phrase ``mrn 00123``, which is what makes
identifiers and drug names match exactly.

Scoping is part of the MATCH (``scope : p12``), so FTS5 intersects posting lists rather than
ranking the whole vault and filtering afterwards. In a large vault, single words found in at least
half of all passages are dropped from the query: FTS5's bm25 gives them an idf of ~0 anyway, so
they only cost time and add noise to the fusion.

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


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


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
    words = drop_common_words(conn, query_words(query), total_chunks)
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
