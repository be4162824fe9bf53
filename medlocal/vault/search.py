"""Retrieval over an unlocked vault: the in-memory vector collections and hybrid search.

Vectors live only in memory (:class:`~medlocal.vault.index.VectorIndex`) and are built from the
vault on demand: one patient's collection at a time, or the whole vault's in the background.
A query is answered by chromadb cosine and FTS5 bm25 together, fused by reciprocal rank; the
bm25 query also carries the other names of a drug the question names (a brand's generic and
back), and a class the question names brings its member drugs as a ranking of their own
(:mod:`medlocal.drugs`). The passages that write a measured thing the question names by one
of its symbols ("K+ 5.9" for "potassium", :func:`medlocal.measured_things.other_forms`) are one
more ranking (its other names, "potassium" for "K", join the question's words). For a question
naming a day, the passages that hold it however they write it, then those of documents dated
that day (:mod:`medlocal.vault.day_search`), come first, in the fused order. Passages with the
same text count once, so one document holding a line hundreds of times takes one place, not
all k.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from medlocal.document_dates import day_first_in, own_date_shown
from medlocal.drugs import query_expansion
from medlocal.measured_things import other_forms, writes_measure_as
from medlocal.vault import documents, patients
from medlocal.vault.day_search import WrittenDay, asked_days, dated_on, day_phrases, holds_day
from medlocal.vault.db import Connection
from medlocal.vault.diversify import collapse_identical, split_near_duplicates
from medlocal.vault.errors import VaultLockedError
from medlocal.vault.index import ALL_PATIENTS, IndexedVector
from medlocal.vault.lexical import (
    MIN_TREND_VALUES,
    RRF_K,
    bm25_search,
    code_tokens,
    doer_forms,
    reciprocal_rank_fusion,
    trend_ranking,
    trend_terms,
    value_count,
)
from medlocal.vault.records import SearchHit
from medlocal.vault.respell import respell_candidates, respelling, vocabulary_near
from medlocal.vault.series import (
    kind_pattern,
    latest_terms,
    newest_day,
    newest_first,
    spread_by_kind,
)
from medlocal.vault.session import Session, SessionSource, hold, reading, writing

ProgressCallback = Callable[[int, int], None]  # (done so far, total)
DIVERSITY_MARGIN = 10  # different passages beyond k considered when near-duplicates are demoted
FETCH_BATCH = 32  # passages read at a time while looking for k different ones
MAX_POOL = 2048  # the most candidates asked of each retriever (first 4 k, at least 32)
# Passages read for the day a question names: a document dated that day brings all its passages
# (its header holds the date), so more than the other rankings' pool.
DAY_POOL = 256


def embed_model_ids(fetch: SessionSource) -> list[str]:
    """Embedding models in use, most recently used first."""
    with reading(fetch) as s:
        rows = s.conn.execute(
            "SELECT embed_model_id FROM documents GROUP BY embed_model_id "
            "ORDER BY max(imported_at) DESC, max(id) DESC"
        ).fetchall()
    return [str(row[0]) for row in rows]


def ensure_index(
    session: Session,
    patient_id: int | None,
    embed_model_id: str,
    progress: Callable[[int], None] | None = None,
    *,
    total: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Build one patient's collection (the whole vault's for None) unless it is built already.
    ``total(n)`` hears how many vectors the build holds, before it fills the collection. A
    lock or ``cancel`` stops the build between batches, leaving nothing built."""
    key = ALL_PATIENTS if patient_id is None else patient_id
    if session.index.is_built(key, embed_model_id):
        return

    def snapshot() -> list[IndexedVector]:
        # Read under the lock; the build itself runs without it, and changes committed
        # meanwhile reach the collection through the index's queue.
        with hold(session) as s:
            vectors = list(documents.vectors_for(s.conn, patient_id, embed_model_id))
        if total is not None:
            total(len(vectors))
        return vectors

    session.index.build(key, embed_model_id, snapshot, progress, cancel)


def build_index(
    fetch: SessionSource,
    is_locked: Callable[[], bool],
    embed_model_id: str | None,
    progress: ProgressCallback | None,
    *,
    background: bool,
) -> threading.Thread | None:
    """Build the whole-vault collection of ``embed_model_id`` (of every model in use when None);
    ``progress(done, total)`` counts vectors. Returns the thread when backgrounded."""

    def run() -> None:
        models = [embed_model_id] if embed_model_id else embed_model_ids(fetch)
        with reading(fetch) as s:
            counts = dict(
                s.conn.execute(
                    "SELECT model_id, count(*) FROM embeddings GROUP BY model_id"
                ).fetchall()
            )
        total = sum(int(counts.get(model, 0)) for model in models)
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        for model in models:
            if is_locked():
                return
            ensure_index(fetch(), None, model, step)

    if not background:
        run()
        return None
    thread = threading.Thread(target=_quiet_when_locked(run), name="vault-index", daemon=True)
    thread.start()
    return thread


def hybrid_search(
    fetch: SessionSource,
    query_text: str,
    query_vector: npt.NDArray[np.float32] | None,
    *,
    patient_id: int | None,
    collection: str | None,
    document_ids: Sequence[int] | None,
    k: int,
    embed_model_id: str | None,
) -> list[SearchHit]:
    """The top ``k`` passages by reciprocal-rank fusion of vector and bm25 rankings, with a
    ``search`` audit event (ids and a keyed digest of the query, never its text).

    Passages with the same text count once (:func:`collapse_identical`) and near-duplicates make
    way (:func:`split_near_duplicates`). When the retrievers' candidates run out before ``k``
    different passages are found (one document holding hundreds of copies of a line), they are
    asked again for four times as many, up to ``MAX_POOL``. A passage that contains a code-like
    word of the query (:func:`code_tokens`) verbatim ranks above every passage that does not."""
    if k <= 0:
        return []
    with reading(fetch) as s:
        collection_id = None
        if collection is not None:
            collection_id = patients.collection_id(s.conn, collection, created_at=None)
            if collection_id is None:
                return []
        if document_ids is not None and not document_ids:
            return []
    vector = None if query_vector is None else np.asarray(query_vector, dtype=np.float32)
    # Outside the lock: the first call reads the drug dictionaries (~0.2 s, once).
    expansion = query_expansion(query_text)
    codes = code_tokens(query_text)
    trend = trend_terms(query_text)
    latest = latest_terms(query_text)
    forms = other_forms(query_text)
    doers = doer_forms(query_text)
    days = asked_days(query_text)
    question_first = day_first_in(query_text) if days else None
    pool = first_pool = max(4 * k, 32)
    respelt: list[str] = []
    while True:
        vector_ranked: list[tuple[int, float]] = []
        if vector is not None:
            vector_ranked = _vector_search(
                fetch,
                vector.reshape(-1),
                pool,
                patient_id=patient_id,
                collection_id=collection_id,
                document_ids=document_ids,
                embed_model_id=embed_model_id,
            )
        with writing(fetch) as s:
            scope = Scope(patient_id, collection_id, document_ids)
            # A measured thing's other names ("potassium" for a question's "K") join the
            # question's words: ordinary words, weighted by how often the record writes them.
            synonyms = expansion.synonyms + [n for n in forms.names if n not in expansion.synonyms]
            # The doers of its verbs ("smoker" for "Does she smoke?"), which stemming misses,
            # and the patient's word for a misspelt one ("linagliptin" for "linaglipton").
            synonyms += [d for d in doers if d not in synonyms]
            if pool == first_pool:  # read once: a larger pool asks the same question again
                respelt = _respellings(s.conn, query_text, scope)
            synonyms += [w for w in respelt if w not in synonyms]
            lexical = _bm25(s.conn, query_text, synonyms, pool, scope, s.chunk_total())
            # A class's drugs rank passages on their own: OR-ed into the question's words they
            # would count no more than any one of its words, and "which oral antibiotic" would
            # rank a passage with "which" and "oral" above the one with "Augmentin". Questions
            # that name no class get no third ranking.
            expanded = _bm25(s.conn, "", expansion.members, pool, scope)
            # The passages that contain a code of the question ("MRN-7781") as a phrase.
            exact = _bm25(s.conn, "", codes, pool, scope)
            # The measure's other names and longer symbols ("GFR" of "Estimated GFR: 54" for
            # "eGFR") hold its values too; a one- or two-letter symbol ("K") would read any
            # word opening with it as the measure.
            aliases = []
            if trend or latest:
                aliases = [*forms.names, *(f for f in forms.symbols if len(f) >= 3)]
            # Ranked among themselves as the question's words rank them ("lab reports" in
            # "How has her eGFR changed across the four lab reports?"), not by their length;
            # those holding one value each (a series of reports) spread over their dates.
            trending = _trend_passages(s.conn, trend, pool, scope, aliases, lexical, query_text)
            # For "the most recent creatinine", the passages holding its values, newest first.
            recent = _latest_passages(s.conn, latest, pool, scope, aliases, lexical)
            # Counted twice: a trend question's filler ("changed over time") draws the vector
            # ranking to prose about change, and the passages holding the values must still
            # come first (walk 27: the lab table with four eGFR rows ranked 10th).
            # Its symbols ("K+" for "potassium") rank passages on their own, like a class's
            # drugs: OR-ed into the question's words, the one-letter "k" is rarer than
            # "potassium" in a lab-heavy record and its bm25 weight would put any passage
            # holding a "K" above the lab tables; here it is one ranking among the others, and
            # only of passages where it is the measure (a capital "K" by a value, not "5 k").
            named = _measure_passages(s.conn, forms.symbols, pool, scope)
            fused = reciprocal_rank_fusion(
                vector_ranked, lexical, expanded, trending, trending, named
            )
            # The places the fusion gives a series of one test's values are refilled in the
            # order the question wants: newest first for "the most recent creatinine" (walk 44
            # D1: sixteen reports alike but for their dates tie on bm25 and nearly on cosine,
            # and the ties fell to the oldest imports), the whole span for a trend (D2). The
            # way medlocal.vault.diversify refills versions' places newest first: how many
            # places the series takes is still the rankings' to say.
            fused = _refill(fused, recent or _series(trending))
            # A question naming a day asks about that day: its passages go first, in the order
            # the rankings give them. Over 26 questions on the walk 41 documents the answer came
            # first in 13 with them as one more fused ranking, in 15 this way, and in none lower
            # (benchmarks/retrieval_history.md, step 9).
            dated = _day_passages(s.conn, days, question_first, fused, scope)
            fused = _exact_first(_day_first(fused, dated), exact)
            # A code's phrase match is a bm25 match too (for a chunk the question's ranking missed).
            bm25_scores = {**dict(exact), **dict(lexical)}
            hits, enough = _distinct_hits(s.conn, fused, dict(vector_ranked), bm25_scores, k)
            coded = {chunk_id for chunk_id, _ in exact}
            hits = [replace(hit, holds_code=True) if hit.chunk_id in coded else hit for hit in hits]
            more = any(len(r) >= pool for r in (vector_ranked, lexical, expanded, exact, named))
            if enough or not more or pool >= MAX_POOL:
                s.audit.append(
                    "search",
                    {
                        "patient_id": patient_id,
                        "collection_id": collection_id,
                        "k": k,
                        "query": s.audit.text_digest(query_text),
                        "hits": [hit.chunk_id for hit in hits],
                    },
                )
                return hits
        pool = min(4 * pool, MAX_POOL)


class Scope(NamedTuple):
    patient_id: int | None
    collection_id: int | None
    document_ids: Sequence[int] | None


def _bm25(
    conn: Connection,
    text: str,
    terms: Sequence[str],
    pool: int,
    scope: Scope,
    total_chunks: int = 0,
) -> list[tuple[int, float]]:
    if not text.strip() and not terms:
        return []
    return bm25_search(
        conn,
        text,
        pool,
        patient_id=scope.patient_id,
        collection_id=scope.collection_id,
        document_ids=scope.document_ids,
        total_chunks=total_chunks,
        expansion=terms,
    )


def _respellings(conn: Connection, query: str, scope: Scope) -> list[str]:
    """The patient's words for the question's misspelt ones (medlocal/vault/respell.py): for
    each question word no passage in scope writes, the one index term near it that a passage
    in scope does write, where the word is no English word or known drug and the term is a
    known drug's."""
    found: list[str] = []
    for word in respell_candidates(query):
        if _bm25(conn, "", [word], 1, scope):
            continue  # written so in the patient's passages
        near = respelling(word, vocabulary_near(conn, word), stemmed=True)
        if near is None or near in found or not _bm25(conn, "", [near], 1, scope):
            continue
        found.append(near)
    return found


def _trend_passages(
    conn: Connection,
    terms: Sequence[str],
    pool: int,
    scope: Scope,
    aliases: Sequence[str] = (),
    order: Sequence[tuple[int, float]] = (),
    question: str = "",
) -> list[tuple[int, float]]:
    """For a question about change over time, the passages naming its measurement (in its
    words or by ``aliases``, its other names) that hold values of it: several values first,
    most first, then the passages holding one, spread over their documents' dates, those of a
    kind of document the ``question`` names first (:func:`spread_by_kind`: "lab reports");
    none for other questions."""
    if not terms:
        return []
    named = _bm25(conn, " ".join(terms), aliases, pool, scope)
    texts = documents.chunk_texts(conn, [c for c, _ in named])
    ranked = trend_ranking(named, texts, [*terms, *aliases], order)
    # A passage of several values is a table spanning dates of its own; passages of one value
    # each (one report per blood test) are the series, and the first places of the ranking go
    # to its whole span: the newest, the oldest and evenly between (walk 44 D2: bm25 and cosine
    # favoured the reports of 2023-2025, whose comment repeats "eGFR"; 2019-2022 never came).
    single = [chunk_id for chunk_id, count in ranked if count < MIN_TREND_VALUES]
    if len(single) < 3:
        return ranked
    spread = spread_by_kind(single, _passage_days(conn, single), texts, kind_pattern(question))
    return ranked[: len(ranked) - len(single)] + [(chunk_id, 1.0) for chunk_id in spread]


def _series(trending: Sequence[tuple[int, float]]) -> list[int]:
    """The passages of one value each in a trend ranking (:func:`_trend_passages`), in its
    order (spread over their dates); none where fewer than three make no span to spread."""
    single = [chunk_id for chunk_id, count in trending if count < MIN_TREND_VALUES]
    return single if len(single) >= 3 else []


def _refill(fused: list[tuple[int, float]], series: Sequence[int]) -> list[tuple[int, float]]:
    """``fused`` with the places its ``series`` passages hold filled by them in ``series``
    order, scores staying with the places (an answer's context is ordered by score); series
    passages the fusion missed come after it, below its lowest score, in their order."""
    if not series:
        return fused
    members = set(series)
    found = {chunk_id for chunk_id, _ in fused}
    lowest = fused[-1][1] if fused else 0.0
    missed = [c for c in series if c not in found]
    whole = fused + [(c, lowest / (2 + n)) for n, c in enumerate(missed)]
    order = iter(series)
    return [(next(order), score) if c in members else (c, score) for c, score in whole]


def _latest_passages(
    conn: Connection,
    terms: Sequence[str],
    pool: int,
    scope: Scope,
    aliases: Sequence[str] = (),
    order: Sequence[tuple[int, float]] = (),
) -> list[int]:
    """For a question about the newest value of something, the passages holding a value of it
    (in the question's words or by ``aliases``) that name most of the question's words, newest
    dated document first, then in ``order`` (the question's words' ranking) among one day's
    and the undated; none for other questions."""
    if not terms:
        return []
    named = _bm25(conn, " ".join(terms), aliases, pool, scope)
    texts = documents.chunk_texts(conn, [c for c, _ in named])
    place = {chunk_id: i for i, (chunk_id, _) in enumerate(order)}
    held = sorted(
        (c for c, _ in named if value_count(texts.get(c, ""), [*terms, *aliases]) > 0),
        key=lambda c: place.get(c, len(place)),
    )
    days = _passage_days(conn, held)
    wanted = [_word_pattern(term) for term in terms]
    other_names = [_word_pattern(alias) for alias in aliases]

    def named_words(chunk_id: int) -> int:
        text = texts.get(chunk_id, "")
        count = sum(1 for word in wanted if word.search(text))
        return count or int(any(name.search(text) for name in other_names))

    tiers: dict[int, list[int]] = {}
    for chunk_id in held:
        tiers.setdefault(named_words(chunk_id), []).append(chunk_id)
    if not tiers:
        return []
    # The series is the passages naming most of the question's words: "apixaban 2.5 mg" is
    # the drug's, "dose 10 mg" of another drug in a passage not naming it is not.
    return newest_first(tiers[max(tiers)], days)


def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", re.IGNORECASE)


def _passage_days(conn: Connection, chunk_ids: Sequence[int]) -> dict[int, date | None]:
    """The day each passage's document gives itself (its own date, as the vault shows it)."""
    sources = documents.passage_sources(conn, chunk_ids)
    shown: dict[int, date | None] = {}
    days: dict[int, date | None] = {}
    for chunk_id in chunk_ids:
        if chunk_id not in sources:
            days[chunk_id] = None
            continue
        document_id, _text, opening, file_type, file_name = sources[chunk_id]
        if document_id not in shown:
            shown[document_id] = newest_day(own_date_shown(opening, file_type, file_name))
        days[chunk_id] = shown[document_id]
    return days


def _measure_passages(
    conn: Connection, forms: Sequence[str], pool: int, scope: Scope
) -> list[tuple[int, float]]:
    """The passages that write a measured thing of the question in one of its other ``forms``
    (bm25 order), where that is the thing (:func:`writes_measure_as`: "K+ 5.9", not "5 k")."""
    if not forms:
        return []
    found = _bm25(conn, "", forms, pool, scope)
    texts = documents.chunk_texts(conn, [chunk_id for chunk_id, _ in found])
    wanted = set(forms)
    return [pair for pair in found if writes_measure_as(texts.get(pair[0], ""), wanted)]


def _day_passages(
    conn: Connection,
    days: Sequence[WrittenDay],
    question_first: bool | None,
    fused: Sequence[tuple[int, float]],
    scope: Scope,
) -> list[tuple[int, float]]:
    """For a question naming a day, the passages that write it (in any form, read in their
    document's day order) and then those of documents dated that day, each group in the
    order of ``fused`` (the other rankings: the day alone says nothing about the rest of the
    question), passages the other rankings missed after it. None for other questions."""
    if not days:
        return []
    found = _bm25(conn, "", day_phrases(days), DAY_POOL, scope)
    sources = documents.passage_sources(conn, [chunk_id for chunk_id, _ in found])
    position = {chunk_id: place for place, (chunk_id, _) in enumerate(fused)}
    orders: dict[int, bool | None] = {}
    dated: dict[int, bool] = {}
    ranked: list[tuple[int, int, int]] = []
    for place, (chunk_id, _score) in enumerate(found):
        if chunk_id not in sources:
            continue
        document_id, text, opening, file_type, file_name = sources[chunk_id]
        if document_id not in orders:
            # Read once per document: a date that reads two ways is read in the order its
            # document's opening writes dates (medlocal/document_dates.py).
            orders[document_id] = day_first_in(opening)
            order = question_first if question_first is not None else orders[document_id]
            shown = own_date_shown(opening, file_type, file_name)
            dated[document_id] = dated_on(shown, days, order)
        if holds_day(text, orders[document_id], days, question_first):
            tier = 0
        elif dated[document_id]:
            tier = 1
        else:
            continue
        ranked.append((tier, position.get(chunk_id, len(position) + place), chunk_id))
    ranked.sort()
    return [(chunk_id, float(-n)) for n, (_, _, chunk_id) in enumerate(ranked)]


def _day_first(
    fused: list[tuple[int, float]], dated: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """``fused`` with the ``dated`` passages first, in their own order, their scores above the
    top score and falling down the list (an answer's context is ordered by score)."""
    if not dated:
        return fused
    top = fused[0][1] if fused else 0.0
    first = [
        (chunk_id, top + 1.0 / (RRF_K + place)) for place, (chunk_id, _) in enumerate(dated, 1)
    ]
    ids = {chunk_id for chunk_id, _ in dated}
    return first + [pair for pair in fused if pair[0] not in ids]


def _exact_first(
    fused: list[tuple[int, float]], exact: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """``fused`` with the ``exact`` chunks (those holding a code of the question) first, in their
    fused order (those the other rankings missed after them, in their own order), their scores
    raised by the top score so that scores still fall down the list (an answer's context is
    ordered by score)."""
    if not exact:
        return fused
    ids = {chunk_id for chunk_id, _ in exact}
    bonus = fused[0][1] if fused else 0.0
    first = [(chunk_id, score + bonus) for chunk_id, score in fused if chunk_id in ids]
    found = {chunk_id for chunk_id, _ in fused}
    last = first[-1][1] if first else float("inf")
    for chunk_id, score in reciprocal_rank_fusion(exact):
        if chunk_id not in found:
            last = min(last, score + bonus)
            first.append((chunk_id, last))
    return first + [pair for pair in fused if pair[0] not in ids]


def _distinct_hits(
    conn: Connection,
    fused: Sequence[tuple[int, float]],
    vector_scores: dict[int, float],
    bm25_scores: dict[int, float],
    k: int,
) -> tuple[list[SearchHit], bool]:
    """The top ``k`` of ``fused`` with same-text passages collapsed and near-duplicates demoted,
    and whether ``k`` passages that are neither were found. Passages are read from the database
    in batches down the ranking, only as far as needed: ``k + DIVERSITY_MARGIN`` different texts,
    then twice as many each time the near-duplicates leave fewer than ``k``."""
    seen: set[str] = set()
    candidates: list[SearchHit] = []
    wanted, start = k + DIVERSITY_MARGIN, 0
    while True:
        while len(candidates) < wanted and start < len(fused):
            size = wanted - len(candidates)
            # The first read is the usual k + margin; later ones (past copies) at least a batch.
            batch = fused[start : start + (size if start == 0 else max(size, FETCH_BATCH))]
            start += len(batch)
            fetched = documents.hits_for(conn, batch, vector_scores, bm25_scores)
            candidates += collapse_identical(fetched, seen)
        kept, repeats = split_near_duplicates(candidates, k)
        if len(kept) >= k or start >= len(fused):
            return (kept + repeats)[:k], len(kept) >= k
        wanted = 2 * len(candidates)


def _vector_search(
    fetch: SessionSource,
    vector: npt.NDArray[np.float32],
    pool: int,
    *,
    patient_id: int | None,
    collection_id: int | None,
    document_ids: Sequence[int] | None,
    embed_model_id: str | None,
) -> list[tuple[int, float]]:
    model_id = embed_model_id or _model_for_dim(fetch, int(vector.shape[0]))
    if model_id is None:
        return []
    # A patient's own collection answers scoped queries from the first second after unlock;
    # everything else goes to the whole-vault collection (built in the background).
    ensure_index(fetch(), patient_id, model_id)
    key = ALL_PATIENTS if patient_id is None else patient_id
    return fetch().index.query(
        key, model_id, vector, pool, document_ids=document_ids, collection_id=collection_id
    )


def _model_for_dim(fetch: SessionSource, dim: int) -> str | None:
    """The most recently used embedding model whose vectors have ``dim`` dimensions."""
    for model_id in embed_model_ids(fetch):
        with reading(fetch) as s:
            row = s.conn.execute(
                "SELECT dim FROM embeddings WHERE model_id = ? LIMIT 1", (model_id,)
            ).fetchone()
        if row is not None and int(row[0]) == dim:
            return model_id
    return None


def _quiet_when_locked(run: Callable[[], None]) -> Callable[[], None]:
    """A background build that meets a lock just stops."""

    def wrapper() -> None:
        try:
            run()
        except VaultLockedError:
            return

    return wrapper
