"""Reranking without llama.cpp: pair layout, batch planning, the refusal reasons, the reranking
stage over a fake retriever, the reranker role in settings, import and the registry, and the
workspace wiring (CLI and window both search through it)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from fixtures.fake_models import FakeRetriever, hit
from fixtures.ingest_files import FakeEmbedder
from fixtures.model_files import write_tiny_gguf
from fixtures.reranker_gguf import write_tiny_reranker

from medlocal.app import Workspace
from medlocal.engine.gguf import read_gguf_info
from medlocal.engine.rerank import PairFormat, plan_batches, reranker_problem
from medlocal.errors import GenerationCancelled, ModelLoadError, UserInputError
from medlocal.models.importer import import_gguf
from medlocal.models.registry import Registry, default_reranker_id, default_reranker_path
from medlocal.rag.rerank import RerankingRetriever, order_by_scores, passage_text
from medlocal.settings import Settings, update_setting
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import SearchHit

PASS = "correct horse battery"
FAST_KDF = KdfParams(8 * 1024, 1, 1)
BOS, EOS, SEP = 101, 2, 102


def words(text: str, special: bool) -> list[int]:
    """A tokenizer stand-in: one id per word (its length), special tokens by name when asked."""
    named = {"<s>": BOS, "</s>": EOS}
    return [named[w] if special and w in named else len(w) for w in text.split()]


class WordReranker:
    """Scores a passage by how many query words it contains (a deterministic cross-encoder)."""

    name = "word-reranker"
    sha256 = "a" * 64

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def rerank_scores(
        self, query: str, passages: Sequence[str], cancel: threading.Event | None = None
    ) -> list[float]:
        if cancel is not None and cancel.is_set():
            raise GenerationCancelled("reranking was stopped")
        self.calls.append(list(passages))
        wanted = set(query.lower().split())
        return [float(len(wanted & set(p.lower().split()))) for p in passages]


# -- the engine's pure parts ----------------------------------------------------------------------


def test_pairs_follow_llama_cpp_servers_layout() -> None:
    bert = PairFormat(BOS, SEP, SEP, add_bos=True, add_eos=True, add_sep=False, template=None)
    assert bert.build("a bb", "ccc", words, 512) == [BOS, 1, 2, SEP, 3, SEP]
    roberta = PairFormat(0, EOS, EOS, add_bos=True, add_eos=True, add_sep=True, template=None)
    assert roberta.build("a", "bb", words, 512) == [0, 1, EOS, EOS, 2, EOS]
    bare = PairFormat(BOS, -1, SEP, add_bos=False, add_eos=False, add_sep=True, template=None)
    assert bare.build("a", "bb", words, 512) == [1, SEP, 2]


def test_long_inputs_are_cut_passage_first_query_to_half() -> None:
    bert = PairFormat(BOS, SEP, SEP, add_bos=True, add_eos=True, add_sep=False, template=None)
    # Query words tokenise to 2, passage words to 1 (``words`` maps a word to its length).
    pair = bert.build("qq " * 10, "p " * 100, words, 32)
    assert len(pair) == 32 and pair[:12] == [BOS] + [2] * 10 + [SEP] and pair[-1] == SEP
    pair = bert.build("qq " * 100, "p " * 100, words, 32)
    assert len(pair) == 32 and pair.count(2) == 14 and pair.count(1) == 15  # query: (32-3)//2


def test_a_rerank_prompt_template_wins_and_keeps_passage_text_literal() -> None:
    template = "<s> query: {query} doc: {document} </s>"
    fmt = PairFormat(BOS, EOS, SEP, add_bos=True, add_eos=True, add_sep=True, template=template)
    assert fmt.build("abc", "<s> xy", words, 64) == [BOS, 6, 3, 4, 3, 2, EOS]
    cut = fmt.build("abc", "x " * 100, words, 10)
    assert len(cut) == 10 and cut[-1] == EOS  # the passage is cut, the template's end kept


def test_reranker_problem_names_the_reason(tmp_path: Path) -> None:
    assert reranker_problem(read_gguf_info(write_tiny_reranker(tmp_path / "r.gguf"))) is None
    cls = read_gguf_info(write_tiny_reranker(tmp_path / "c.gguf", pooling="cls"))
    assert "declares CLS pooling" in (reranker_problem(cls) or "")
    chat = read_gguf_info(write_tiny_gguf(tmp_path / "chat.gguf"))
    assert "no pooling type" in (reranker_problem(chat) or "")
    headless = read_gguf_info(write_tiny_reranker(tmp_path / "h.gguf", head=False))
    assert "no classification head" in (reranker_problem(headless) or "")


@pytest.mark.parametrize(
    ("lengths", "tokens", "sequences", "expected"),
    [
        ([10, 10, 10], 512, 256, [[0, 1, 2]]),
        ([300, 300, 100], 512, 256, [[0], [1, 2]]),
        ([5] * 5, 512, 2, [[0, 1], [2, 3], [4]]),
        ([512, 1, 512], 512, 256, [[0], [1], [2]]),
        ([], 512, 4, []),
    ],
)
def test_batches_respect_tokens_and_sequence_slots(
    lengths: list[int], tokens: int, sequences: int, expected: list[list[int]]
) -> None:
    assert plan_batches(lengths, tokens, sequences) == expected


# -- the rag stage --------------------------------------------------------------------------------


def _hits() -> list[SearchHit]:
    texts = [
        "Plan: review in two weeks.",
        "Lisinopril 10 mg daily for blood pressure.",
        "Metformin 500 mg twice daily.",
        "Allergy: penicillin (rash).",
        "Metformin dose increased to 1000 mg twice daily.",
    ]
    return [hit(i + 1, t, score=1.0 / (i + 1)) for i, t in enumerate(texts)]


def test_stage_rescores_the_candidate_pool_and_cuts_to_k() -> None:
    inner, reranker = FakeRetriever(_hits()), WordReranker()
    retriever = RerankingRetriever(inner, reranker, candidates=5)
    top = retriever.search("metformin dose", None, patient_id=1, k=2)
    assert inner.queries[-1]["k"] == 5 and len(reranker.calls[-1]) == 5
    assert [h.chunk_id for h in top] == [5, 3]
    assert retriever.last.order_changed and retriever.last.cross_encoder_pairs == 5


def test_passages_holding_the_questions_code_stay_first() -> None:
    coded = SearchHit(**{**hit(6, "Request for MRN-7781.", score=2.0).__dict__, "holds_code": True})
    inner, reranker = FakeRetriever([coded, *_hits()]), WordReranker()
    retriever = RerankingRetriever(inner, reranker, candidates=6)
    top = retriever.search("metformin dose MRN-7781", None, patient_id=1, k=3)
    assert [h.chunk_id for h in top] == [6, 5, 3]


def test_ties_keep_the_fused_order_and_no_stage_means_the_plain_search() -> None:
    hits = _hits()
    assert order_by_scores(hits, [0, 1, 0, 1, 0]) == [hits[1], hits[3], hits[0], hits[2], hits[4]]
    with pytest.raises(ValueError):
        order_by_scores(hits, [1.0])
    inner = FakeRetriever(hits)
    plain = RerankingRetriever(inner, None, candidates=20)
    assert plain.search("metformin", None, k=3) == hits[:3]
    assert inner.queries[-1]["k"] == 3 and not plain.last.order_changed


def test_cancel_reaches_the_reranker() -> None:
    cancel = threading.Event()
    cancel.set()
    retriever = RerankingRetriever(FakeRetriever(_hits()), WordReranker(), cancel=cancel)
    with pytest.raises(GenerationCancelled):
        retriever.search("metformin", None, k=2)


def test_the_reranker_reads_the_section_name() -> None:
    sectioned = SearchHit(**{**_hits()[2].__dict__, "section": "Medications"})
    assert passage_text(sectioned) == "Medications: Metformin 500 mg twice daily."
    assert passage_text(_hits()[2]) == "Metformin 500 mg twice daily."


# -- settings, import, registry -------------------------------------------------------------------


def test_rerank_settings_are_declared_and_checked(medlocal_home: Path) -> None:
    defaults = Settings()
    assert (defaults.rerank, defaults.rerank_candidates, defaults.chat_rerank) == ("auto", 24, 0)
    assert update_setting("rerank", "off").rerank == "off"
    assert update_setting("chat_rerank", "8").chat_rerank == 8
    with pytest.raises(UserInputError, match="one of: auto, off"):
        update_setting("rerank", "always")
    with pytest.raises(UserInputError, match="at least 1"):
        update_setting("rerank_candidates", "0")


def test_import_detects_a_reranker_and_refuses_a_false_one(tmp_path: Path) -> None:
    result = import_gguf(write_tiny_reranker(tmp_path / "tiny-reranker.gguf"))
    assert result.model.role == "reranker" and "rank pooling: yes" in result.message
    assert default_reranker_id() == result.model.id
    assert default_reranker_path() == Path(result.model.path)
    embedder = write_tiny_reranker(tmp_path / "embedder.gguf", pooling="cls")
    assert import_gguf(embedder).model.role == "embedding"
    with pytest.raises(ModelLoadError, match="not a reranker"):
        import_gguf(write_tiny_gguf(tmp_path / "chat.gguf"), role="reranker")


def test_with_two_rerankers_only_the_chosen_one_is_used(tmp_path: Path) -> None:
    first = import_gguf(write_tiny_reranker(tmp_path / "a.gguf", seed=1)).model
    second = import_gguf(write_tiny_reranker(tmp_path / "b.gguf", seed=2)).model
    registry = Registry()
    assert default_reranker_id(registry) is None  # two and no choice: no guessing
    registry.set_default(second.id, "reranker")
    assert default_reranker_id(registry) == second.id
    with pytest.raises(UserInputError, match="is a reranker model, not a chat model"):
        registry.set_default(first.id, "chat")
    registry.remove(second.id)
    assert default_reranker_id(registry) == first.id


# -- the workspace: what the CLI and the window call ----------------------------------------------


def _workspace(tmp_path: Path, **kwargs: object) -> tuple[Workspace, int]:
    kwargs.setdefault("embedder_loader", lambda model: FakeEmbedder())
    ws = Workspace(tmp_path / "vault", kdf_params=FAST_KDF, **kwargs)  # type: ignore[arg-type]
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("P")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("Metformin 500 mg twice daily. Review in clinic.")
    (notes / "b.txt").write_text("Blood pressure high; the metformin dose is unchanged.")
    (notes / "c.txt").write_text("Penicillin allergy with rash. Metformin noted.")
    ws.import_documents([notes], patient)
    return ws, patient


def test_workspace_search_reranks_when_a_reranker_is_available(tmp_path: Path) -> None:
    reranker = WordReranker()
    ws, patient = _workspace(tmp_path, reranker_loader=lambda model: reranker)
    try:
        hits = ws.search("penicillin allergy rash", patient_id=patient, k=2)
        assert reranker.calls and len(reranker.calls[-1]) == 3  # all candidates rescored
        assert hits[0].file_name == "c.txt"
        loads = [e for e in ws.require_vault().audit_entries() if e.event == "model_load"]
        assert any(e.details.get("role") == "reranker" for e in loads)  # which model ranked
        calls = len(reranker.calls)
        ws.update_settings(rerank="off")
        ws.search("penicillin allergy rash", patient_id=patient, k=2)
        assert len(reranker.calls) == calls  # the setting turns the stage off
        assert "off (setting rerank = off)" in ws.reranker_summary()
    finally:
        ws.close()


def test_workspace_without_a_reranker_searches_as_before(tmp_path: Path) -> None:
    ws, patient = _workspace(tmp_path)
    try:
        assert ws.reranker() is None
        assert "none installed" in ws.reranker_summary()
        vault = ws.require_vault()
        vector = FakeEmbedder().embed(["metformin"])[0]
        plain = vault.search("metformin", vector, patient_id=patient, k=3)
        assert ws.search("metformin", patient_id=patient, k=3) == plain
    finally:
        ws.close()


def test_a_reranker_that_cannot_load_is_reported_once(tmp_path: Path) -> None:
    notices: list[str] = []
    attempts: list[int] = []

    def broken(model: str | None) -> WordReranker:
        attempts.append(1)
        raise ModelLoadError("r.gguf: the file is truncated or corrupt")

    ws, patient = _workspace(tmp_path, reranker_loader=broken, notice=notices.append)
    try:
        assert ws.search("metformin", patient_id=patient, k=2)
        assert ws.search("metformin", patient_id=patient, k=2)
        assert len(attempts) == 1
        ws.update_settings(rerank="auto")  # touching the setting tries again
        assert ws.search("metformin", patient_id=patient, k=2)
        assert len(attempts) == 2
        del notices[-1]
        assert [n for n in notices if "without reranking" in n] == [
            "r.gguf: the file is truncated or corrupt. Searching without reranking."
        ]
    finally:
        ws.close()


def test_doctor_names_the_reranker(tmp_path: Path) -> None:
    model = import_gguf(write_tiny_reranker(tmp_path / "tiny-reranker.gguf")).model
    ws = Workspace(tmp_path / "vault", kdf_params=FAST_KDF)
    ws.update_settings(chat_rerank="8")
    lines = ws.doctor().lines()
    assert any(
        line.startswith("Reranker:  " + model.id)
        and "top 24 fused passages" in line
        and "top 8" in line
        for line in lines
    )


# -- a settings change read on any thread, while a search holds the reranker (review 14) -----------


class BlockingReranker(WordReranker):
    """Rescores once ``release`` is set, saying when it has started."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()

    def rerank_scores(
        self, query: str, passages: Sequence[str], cancel: threading.Event | None = None
    ) -> list[float]:
        self.started.set()
        assert self.release.wait(10)
        return super().rerank_scores(query, passages, cancel)


def _record_unloads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What ``LoadedModels`` unloads (a loader's models are otherwise left alone)."""
    from medlocal.app import loaded_models

    unloaded: list[object] = []

    def record(held: tuple[object, object] | None, loader: object, kind: object) -> None:
        if held is not None and held[1] is not None:
            unloaded.append(held[1])

    monkeypatch.setattr(loaded_models, "_unload_own", record)
    return unloaded


def test_an_unload_waits_for_the_rescoring_that_holds_the_reranker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from medlocal.app.loaded_models import LoadedModels

    unloaded = _record_unloads(monkeypatch)
    made: list[WordReranker] = []

    def load(model: str | None) -> WordReranker:
        made.append(WordReranker())
        return made[-1]

    models = LoadedModels(Settings, lambda text: None, lambda role, m: None, reranker_loader=load)
    with models.reranker_in_use() as held:
        assert held is made[0]
        models.unload("reranker")  # the rerank setting changed, on another thread
        assert unloaded == []  # still rescoring: not pulled from under it
        assert models.reranker() is made[1]  # the next search gets a fresh one
    assert unloaded == [made[0]]  # let go when the rescoring is done
    models.unload("reranker")  # held by no one: at once
    assert unloaded == [made[0], made[1]]


def test_a_settings_change_read_by_a_worker_mid_search_does_not_unload_its_reranker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reranker = BlockingReranker()
    ws, patient = _workspace(tmp_path, reranker_loader=lambda model: reranker)
    unloaded = _record_unloads(monkeypatch)
    found: list[list[SearchHit]] = []
    try:
        assert ws.settings.rerank != "off"
        search = threading.Thread(
            target=lambda: found.append(ws.search("penicillin allergy rash", patient_id=patient))
        )
        search.start()
        assert reranker.started.wait(10)
        # `medlocal settings set rerank off` in a terminal; a worker job reads settings next.
        update_setting("rerank", "off")
        worker = threading.Thread(target=lambda: ws.settings)
        worker.start()
        worker.join(10)
        assert ws.settings.rerank == "off" and ws.reranker() is None
        assert unloaded == [] and search.is_alive()  # the search still holds it
        reranker.release.set()
        search.join(10)
        assert found and found[0][0].file_name == "c.txt"  # rescored to the end
        assert unloaded == [reranker]  # then let go
    finally:
        reranker.release.set()
        ws.close()


def test_a_chat_kept_open_rescores_with_the_reranker_of_each_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A retriever made while reranking was on: turned off, its searches keep the fused order;
    # on again, they use the reranker loaded then, not the one unloaded meanwhile.
    made: list[WordReranker] = []

    def load(model: str | None) -> WordReranker:
        made.append(WordReranker())
        return made[-1]

    ws, patient = _workspace(tmp_path, reranker_loader=load)
    try:
        retriever = ws._retriever(ws.require_vault())
        vector = FakeEmbedder().embed(["penicillin allergy rash"])[0]
        retriever.search("penicillin allergy rash", vector, patient_id=patient, k=2)
        assert len(made) == 1 and made[0].calls
        ws.update_settings(rerank="off")
        plain = ws.require_vault().search("penicillin allergy rash", vector, patient_id=patient)
        hits = retriever.search("penicillin allergy rash", vector, patient_id=patient, k=2)
        assert hits == plain[:2] and len(made[0].calls) == 1
        ws.update_settings(rerank="auto")
        retriever.search("penicillin allergy rash", vector, patient_id=patient, k=2)
        assert len(made) == 2 and made[1].calls
    finally:
        ws.close()


def test_a_model_of_the_wrong_role_is_named_with_the_right_article(tmp_path: Path) -> None:
    """Walk 40: `eval run --model all-minilm-l6-v2` said "is a embedding model"."""
    from medlocal.models.registry import resolve_model

    embedder = import_gguf(write_tiny_reranker(tmp_path / "e.gguf", pooling="cls")).model
    assert embedder.role == "embedding"
    with pytest.raises(UserInputError, match="is an embedding model; a chat model is needed"):
        resolve_model(embedder.id, "chat")
    with pytest.raises(UserInputError, match="is an embedding model, not a reranker model"):
        Registry().set_default(embedder.id, "reranker")
    reranker = import_gguf(write_tiny_reranker(tmp_path / "r.gguf")).model
    with pytest.raises(UserInputError, match="is a reranker model, not an embedding model"):
        Registry().set_default(reranker.id, "embedding")
