"""Exact-word search with SQLite FTS5 inside the encrypted database, and rank fusion.

User text never reaches ``MATCH`` as syntax: every word becomes a quoted FTS5 string (so ``-``,
``:``, ``*``, ``NEAR`` or unbalanced quotes cannot change the query), and the words are OR-ed so a
natural-language question still matches the passages that share its rare terms; bm25 ranks them.
A quoted ``"MRN-00123"`` is tokenised by FTS5 into the phrase ``mrn 00123``, which is what makes
identifiers and drug names match exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

from medlocal.vault.db import Connection

MAX_QUERY_TERMS = 32
RRF_K = 60  # the constant from Cormack et al. (2009): robust without tuning


def fts_match_expression(query: str) -> str | None:
    """The safe MATCH expression for ``query``, or None when it has no searchable word."""
    terms: list[str] = []
    for raw in query.split():
        word = raw.strip(".,;:!?()[]{}<>\"'`")
        if not any(ch.isalnum() for ch in word):
            continue
        quoted = '"' + word.replace('"', '""') + '"'
        if quoted not in terms:
            terms.append(quoted)
        if len(terms) == MAX_QUERY_TERMS:
            break
    return " OR ".join(terms) if terms else None


def bm25_search(
    conn: Connection,
    query: str,
    limit: int,
    *,
    patient_id: int | None = None,
    collection_id: int | None = None,
    document_ids: Sequence[int] | None = None,
) -> list[tuple[int, float]]:
    """Best chunks as ``(chunk_id, score)`` where score is bm25 with its sign flipped."""
    expression = fts_match_expression(query)
    if expression is None or limit <= 0:
        return []
    clauses = ["chunks_fts MATCH ?"]
    params: list[object] = [expression]
    if patient_id is not None:
        clauses.append("d.patient_id = ?")
        params.append(patient_id)
    if collection_id is not None:
        clauses.append("d.collection_id = ?")
        params.append(collection_id)
    if document_ids is not None:
        clauses.append(f"d.id IN ({','.join('?' * len(document_ids))})")
        params.extend(int(d) for d in document_ids)
    params.append(limit)
    sql = (
        "SELECT chunks_fts.rowid, bm25(chunks_fts) AS rank FROM chunks_fts "
        "JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id "
        f"WHERE {' AND '.join(clauses)} ORDER BY rank LIMIT ?"
    )
    return [(int(rowid), -float(rank)) for rowid, rank in conn.execute(sql, params).fetchall()]


def reciprocal_rank_fusion(
    *rankings: Sequence[tuple[int, float]], k: int = RRF_K
) -> list[tuple[int, float]]:
    """Fuse best-first rankings: score(id) = sum over rankings of 1 / (k + rank)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, (item, _score) in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
