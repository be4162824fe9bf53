"""Deterministic stand-ins for the chat model, embedder, retriever and vault store, shared by the
rag unit tests (imported as ``test_rag_fakes``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from medlocal.engine.api import ChatMessage, ModelProvenance, SamplingParams
from medlocal.vault.records import SearchHit

Script = Callable[[Sequence[ChatMessage]], str]


class FakeChatModel:
    """Counts one token per word; answers from a script (a fixed text, a list consumed in order,
    or a function of the messages); streams word by word."""

    def __init__(self, script: str | list[str] | Script, n_ctx: int = 2048) -> None:
        self.n_ctx = n_ctx
        self.calls: list[list[ChatMessage]] = []
        self._script = script
        self.on_piece: Callable[[int], None] | None = None

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def count_chat_tokens(self, messages: Sequence[ChatMessage]) -> int:
        return sum(self.count_tokens(m.content) + 4 for m in messages)

    def _reply(self, messages: Sequence[ChatMessage]) -> str:
        if isinstance(self._script, str):
            return self._script
        if isinstance(self._script, list):
            return self._script.pop(0) if self._script else ""
        return self._script(messages)

    def stream_chat(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: threading.Event | None = None,
    ) -> Iterator[str]:
        self.calls.append(list(messages))
        words = self._reply(messages).split(" ")
        for i, word in enumerate(words):
            if cancel is not None and cancel.is_set():
                return
            if self.on_piece is not None:
                self.on_piece(len(self.calls))
            yield word if i == 0 else " " + word

    def provenance(self) -> ModelProvenance:
        return ModelProvenance(
            name="fake-model",
            path="/models/fake.gguf",
            sha256="0" * 64,
            llama_cpp_version="0.3.36",
            medlocal_version="0.1.0",
            n_ctx=self.n_ctx,
            n_gpu_layers=0,
            backend="cpu",
        )


class FakeEmbedder:
    model_id = "fake-embedder"
    dim = 4

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.tile(np.array([1, 0, 0, 0], dtype=np.float32), (len(texts), 1))

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def hit(
    chunk_id: int,
    text: str,
    *,
    score: float = 0.5,
    vector_score: float | None = 0.8,
    document_id: int = 1,
    file_name: str = "note.pdf",
    page: int | None = 1,
    start: int = 0,
) -> SearchHit:
    return SearchHit(
        chunk_id=chunk_id,
        document_id=document_id,
        patient_id=1,
        file_name=file_name,
        page=page,
        start=start,
        end=start + len(text),
        section=None,
        text=text,
        score=score,
        vector_score=vector_score,
        bm25_score=None,
    )


class FakeRetriever:
    def __init__(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.queries: list[dict[str, Any]] = []

    def search(
        self,
        query_text: str,
        query_vector: npt.NDArray[np.float32] | None,
        *,
        patient_id: int | None = None,
        collection: str | None = None,
        document_ids: Sequence[int] | None = None,
        k: int = 8,
        embed_model_id: str | None = None,
    ) -> list[SearchHit]:
        self.queries.append(
            {"query": query_text, "patient_id": patient_id, "collection": collection, "k": k}
        )
        return self.hits[:k]


class FakeStore:
    def __init__(self) -> None:
        self.chats: dict[int, list[tuple[str, str]]] = {}
        self.outputs: dict[int, dict[str, Any]] = {}
        self.events: list[tuple[str, dict[str, Any]]] = []

    def record_event(self, event: str, details: dict[str, Any] | None = None) -> None:
        self.events.append((event, details or {}))

    def text_digest(self, text: str) -> str:
        return f"digest:{len(text)}"

    def create_chat(self, patient_id: int) -> int:
        chat_id = len(self.chats) + 1
        self.chats[chat_id] = []
        return chat_id

    def add_chat_message(self, chat_id: int, role: str, content: str) -> None:
        self.chats[chat_id].append((role, content))

    def chat_messages(self, chat_id: int) -> list[dict[str, str]]:
        return [{"role": r, "content": c} for r, c in self.chats[chat_id]]

    def save_output(
        self,
        patient_id: int,
        kind: str,
        title: str,
        content: str,
        provenance: dict[str, Any],
        flags: list[dict[str, Any]],
    ) -> int:
        output_id = len(self.outputs) + 1
        self.outputs[output_id] = {
            "patient_id": patient_id,
            "kind": kind,
            "title": title,
            "content": content,
            "provenance": provenance,
            "flags": flags,
        }
        return output_id


def test_fake_model_streams_its_script() -> None:
    model = FakeChatModel("one two three")
    assert "".join(model.stream_chat([], SamplingParams())) == "one two three"
