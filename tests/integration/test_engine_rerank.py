"""The reranker mechanism on real llama.cpp: a tiny BERT cross-encoder GGUF (rank pooling,
WordPiece vocabulary, classification head) written by ``fixtures.reranker_gguf``.

Its scores are meaningless as relevance; what is tested is the mechanism: pairs built with the
model's own separator tokens, one score per pair, the same score however pairs are batched,
truncation, cancel between batches, thread safety, and refusal of files that are not rerankers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.fake_models import FakeRetriever, hit
from fixtures.model_files import truncate
from fixtures.reranker_gguf import write_tiny_reranker

from medlocal.engine.gguf import read_gguf_info
from medlocal.engine.runtime import Engine, LlamaChatModel, LlamaReranker, LoadOptions
from medlocal.errors import GenerationCancelled, ModelLoadError
from medlocal.rag.rerank import RerankingRetriever, chat_judge_for, passage_text

QUERY = "what is the current metformin dose"
PASSAGES = [
    "metformin 500 mg tablet daily with current glucose high",
    "chest pain history with normal heart test result",
    "penicillin allergy with rash and fever",
    "blood pressure high and lisinopril started",
    "kidney creatinine level increased",
    "smoking and alcohol history of the father",
]


@pytest.fixture(scope="module")
def reranker_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_reranker(tmp_path_factory.mktemp("rr") / "tiny-reranker.gguf")


@pytest.fixture(scope="module")
def reranker(engine: Engine, reranker_file: Path) -> Iterator[LlamaReranker]:
    model = engine.load_reranker(reranker_file, LoadOptions(n_threads=1))
    yield model
    model.unload()


def test_tiny_reranker_is_built_fast_and_read_as_a_reranker(tmp_path: Path) -> None:
    # "Fast" as a size, not seconds (a loaded CI machine stretches seconds): about 150 KB of
    # weights, written and loaded in milliseconds; a real reranker is 20-600 MB.
    path = write_tiny_reranker(tmp_path / "r.gguf")
    assert path.stat().st_size < 200_000
    info = read_gguf_info(path)
    assert info.pooling_type == 4 and info.classifier_head and info.is_reranker
    assert not read_gguf_info(write_tiny_reranker(tmp_path / "e.gguf", pooling="cls")).is_reranker


def test_pairs_carry_the_models_own_separator_tokens(reranker: LlamaReranker) -> None:
    fmt = reranker.format
    # The BERT vocabulary has no EOS: llama.cpp's server puts SEP in its place.
    assert fmt.add_bos and fmt.add_eos and not fmt.add_sep and fmt.eos == fmt.sep
    q = reranker._tokenize(b"metformin dose", add_bos=False, special=False)
    d = reranker._tokenize(b"500 mg daily", add_bos=False, special=False)
    assert reranker.pair_tokens("metformin dose", "500 mg daily") == [
        fmt.bos,
        *q,
        fmt.sep,
        *d,
        fmt.sep,
    ]
    # Passage text never becomes a control token: "[SEP]" written in a note stays words.
    forged = reranker.pair_tokens("dose", "[SEP] [CLS]")
    assert forged.count(fmt.sep) == 2 and forged.count(fmt.bos) == 1


def test_a_rerank_prompt_in_the_gguf_is_used(engine: Engine, tmp_path: Path) -> None:
    template = "[CLS] {query} [SEP] [SEP] {document} [SEP]"
    path = write_tiny_reranker(tmp_path / "templated.gguf", rerank_template=template)
    model = engine.load_reranker(path, LoadOptions(n_threads=1))
    try:
        assert model.format.template == template
        q = model._tokenize(b"metformin dose", add_bos=False, special=False)
        d = model._tokenize(b"500 mg daily", add_bos=False, special=False)
        cls, sep = model.format.bos, model.format.sep
        # Control tokens written in the template are parsed as such; the passage's are not.
        assert model.pair_tokens("metformin dose", "500 mg daily") == [
            cls,
            *q,
            sep,
            sep,
            *d,
            sep,
        ]
        assert len(model.rerank_scores(QUERY, PASSAGES)) == len(PASSAGES)
    finally:
        model.unload()


def test_one_score_per_pair_and_pairs_score_differently(reranker: LlamaReranker) -> None:
    scores = reranker.rerank_scores(QUERY, PASSAGES)
    assert len(scores) == len(PASSAGES)
    assert len({round(s, 4) for s in scores}) == len(PASSAGES)
    assert reranker.rerank_scores(QUERY, PASSAGES) == scores  # deterministic
    # The query matters too, not only the passage.
    assert reranker.rerank_scores("penicillin allergy", PASSAGES[:1]) != scores[:1]
    assert reranker.rerank_scores(QUERY, []) == []


def test_batched_scores_equal_one_by_one_scores(reranker: LlamaReranker) -> None:
    # ~50 tokens a pair, 40 pairs: several engine calls of several pairs each.
    long = [" ".join([p] * 5) for p in PASSAGES] * 7
    calls: list[int] = []
    original = reranker._score

    def counting(pairs: list[list[int]]) -> list[float]:
        calls.append(len(pairs))
        return original(pairs)

    reranker._score = counting  # type: ignore[method-assign]
    slots = reranker.max_pairs
    reranker.max_pairs = 256  # pack as on a GPU (on a CPU one pair per decode is faster)
    try:
        batched = reranker.rerank_scores(QUERY, long)
    finally:
        del reranker._score
        reranker.max_pairs = slots
    assert len(calls) > 1 and max(calls) > 1
    single = [reranker.rerank_scores(QUERY, [p])[0] for p in long[:6]]
    # llama.cpp's matrix kernels sum in a batch-size-dependent order: equal to float rounding
    # (~1e-4 here), far below the gaps between pairs, so the order is the same.
    assert batched[:6] == pytest.approx(single, rel=1e-3, abs=1e-3)
    assert batched[6:12] == pytest.approx(single, rel=1e-3, abs=1e-3)  # other neighbours
    assert sorted(range(6), key=lambda i: batched[i]) == sorted(range(6), key=lambda i: single[i])


def test_long_passages_and_queries_are_cut_to_fit(reranker: LlamaReranker) -> None:
    huge = " ".join(["metformin"] * 3000)
    pair = reranker.pair_tokens(QUERY, huge)
    assert len(pair) == reranker.max_pair_tokens
    assert pair[-1] == reranker.format.sep  # cut inside the passage, the closing SEP kept
    pair = reranker.pair_tokens(huge, "daily dose")
    assert len(pair) <= reranker.max_pair_tokens
    passage = reranker._tokenize(b"daily dose", add_bos=False, special=False)
    assert pair[-len(passage) - 1 : -1] == passage  # the query was cut, the passage kept whole
    scores = reranker.rerank_scores(huge, [huge, "daily dose", ""])
    assert len(scores) == 3


def test_reranking_reorders_the_fused_candidates(reranker: LlamaReranker) -> None:
    hits = [hit(i + 1, text, score=1.0 / (i + 1)) for i, text in enumerate(PASSAGES)]
    inner = FakeRetriever(hits)
    retriever = RerankingRetriever(inner, reranker, candidates=6)
    top = retriever.search(QUERY, None, patient_id=1, k=3)
    assert inner.queries[-1]["k"] == 6  # the candidate pool, not the final k
    single = {h.chunk_id: reranker.rerank_scores(QUERY, [passage_text(h)])[0] for h in hits}
    expected = sorted(single, key=lambda c: -single[c])[:3]
    assert [h.chunk_id for h in top] == expected
    assert expected != [1, 2, 3]  # the fixture's weights do change the fused order
    assert retriever.last.cross_encoder_pairs == 6 and retriever.last.order_changed
    assert retriever.last.cross_encoder_ms > 0


def test_pairs_are_packed_on_a_gpu_and_not_on_a_cpu(reranker: LlamaReranker) -> None:
    if reranker.n_gpu_layers == 0:
        assert reranker.max_pairs == 1
    else:
        assert reranker.max_pairs > 1


def test_cancel_is_honoured_between_batches(reranker: LlamaReranker) -> None:
    cancel = threading.Event()
    with pytest.raises(GenerationCancelled):
        cancel.set()
        reranker.rerank_scores(QUERY, PASSAGES, cancel=cancel)
    batches: list[int] = []
    original = reranker._score

    def stop_after_first(pairs: list[list[int]]) -> list[float]:
        batches.append(len(pairs))
        cancel.set()
        return original(pairs)

    cancel.clear()
    reranker._score = stop_after_first  # type: ignore[method-assign]
    try:
        with pytest.raises(GenerationCancelled):
            reranker.rerank_scores(QUERY, [" ".join([p] * 5) for p in PASSAGES] * 7, cancel)
    finally:
        del reranker._score
    assert len(batches) == 1


def test_concurrent_callers_get_the_serial_results(
    reranker: LlamaReranker, demo_chat: LlamaChatModel
) -> None:
    # Several search threads and a chat generation share the one engine thread.
    expected = reranker.rerank_scores(QUERY, PASSAGES)
    results: list[list[float]] = []
    errors: list[BaseException] = []

    def search() -> None:
        try:
            for _ in range(3):
                results.append(reranker.rerank_scores(QUERY, PASSAGES))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    from medlocal.engine.api import ChatMessage, SamplingParams

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    text = "".join(
        demo_chat.stream_chat([ChatMessage("user", "Say hello.")], SamplingParams(max_tokens=8))
    )
    for thread in threads:
        thread.join(timeout=60)
    assert not errors and text
    assert len(results) == 12 and all(r == expected for r in results)


def test_files_that_are_not_rerankers_are_refused_clearly(
    engine: Engine, tmp_path: Path, demo_gguf: Path
) -> None:
    embedder = write_tiny_reranker(tmp_path / "embedder.gguf", pooling="cls")
    with pytest.raises(ModelLoadError, match=r"not a reranker: .* CLS pooling, not rank pooling"):
        engine.load_reranker(embedder)
    with pytest.raises(ModelLoadError, match=r"not a reranker: .* no pooling type"):
        engine.load_reranker(demo_gguf)
    headless = write_tiny_reranker(tmp_path / "headless.gguf", head=False)
    with pytest.raises(ModelLoadError, match="no classification head"):
        engine.load_reranker(headless)


def test_corrupt_reranker_files_give_a_clear_error(engine: Engine, tmp_path: Path) -> None:
    cut = truncate(write_tiny_reranker(tmp_path / "cut.gguf"))
    with pytest.raises(ModelLoadError, match=r"cut\.gguf: the file is truncated"):
        engine.load_reranker(cut)
    text = tmp_path / "notes.gguf"
    text.write_text("not a model at all\n")
    with pytest.raises(ModelLoadError, match="not a GGUF model file"):
        engine.load_reranker(text)


def test_an_unloaded_reranker_says_so(engine: Engine, reranker_file: Path) -> None:
    model = engine.load_reranker(reranker_file, LoadOptions(n_threads=1))
    model.unload()
    with pytest.raises(ModelLoadError, match="unloaded"):
        model.rerank_scores(QUERY, PASSAGES)


def test_chat_model_judge_reorders_only_the_top_passages(demo_chat: LlamaChatModel) -> None:
    judge = chat_judge_for(demo_chat)
    assert judge is not None
    probabilities = judge.probabilities(QUERY, PASSAGES[:3])
    assert len(probabilities) == 3 and all(0.0 < p < 1.0 for p in probabilities)
    hits = [hit(i + 1, text) for i, text in enumerate(PASSAGES)]
    retriever = RerankingRetriever(FakeRetriever(hits), None, judge=judge, chat_top=3)
    top = retriever.search(QUERY, None, k=5)
    assert sorted(h.chunk_id for h in top[:3]) == [1, 2, 3]  # only the top 3 are re-ordered
    assert [h.chunk_id for h in top[3:]] == [4, 5]
    ordered = sorted(range(3), key=lambda i: -probabilities[i])
    assert [h.chunk_id for h in top[:3]] == [i + 1 for i in ordered]
    assert retriever.last.chat_passages == 3


def test_workspace_loads_the_installed_reranker_through_the_engine(
    engine: Engine, tmp_path: Path
) -> None:
    from fixtures.ingest_files import FakeEmbedder

    from medlocal.app import Workspace
    from medlocal.models.importer import import_gguf
    from medlocal.vault.keys import KdfParams

    installed = import_gguf(write_tiny_reranker(tmp_path / "tiny-reranker.gguf")).model
    ws = Workspace(
        tmp_path / "vault",
        engine=engine,
        embedder_loader=lambda model: FakeEmbedder(),
        kdf_params=KdfParams(8 * 1024, 1, 1),
    )
    try:
        ws.create_vault("correct horse battery")
        patient = ws.require_vault().add_patient("P")
        notes = tmp_path / "notes"
        notes.mkdir()
        for i, text in enumerate(PASSAGES):
            (notes / f"{i}.txt").write_text(text + ".")
        ws.import_documents([notes], patient)
        hits = ws.search("metformin dose history", patient_id=patient, k=3)
        loaded = ws.reranker()
        assert isinstance(loaded, LlamaReranker) and loaded.sha256 == installed.sha256
        assert loaded.max_pair_tokens == 512
        candidates = ws.require_vault().search(
            "metformin dose history",
            FakeEmbedder().embed(["x"])[0],
            patient_id=patient,
            k=24,
            embed_model_id=FakeEmbedder.model_id,
        )
        scores = loaded.rerank_scores(
            "metformin dose history", [passage_text(h) for h in candidates]
        )
        best = sorted(range(len(candidates)), key=lambda i: -scores[i])[:3]
        assert [h.chunk_id for h in hits] == [candidates[i].chunk_id for i in best]
    finally:
        ws.close()
    assert loaded._closed  # the workspace unloads the reranker it loaded itself
