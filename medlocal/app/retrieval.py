"""What a search reads from: the vault's fused search, with the reranking stages the settings
and the loaded models allow, and the checks on what a search is scoped to."""

from __future__ import annotations

import threading
from typing import Any

from medlocal.engine.api import Reranker
from medlocal.errors import UserInputError
from medlocal.rag.passages import Retriever
from medlocal.rag.rerank import RerankingRetriever, chat_judge_for
from medlocal.settings import Settings
from medlocal.vault.store import Vault


def retriever_for(
    vault: Vault,
    settings: Settings,
    reranker: Reranker | None,
    *,
    chat: Any = None,
    cancel: threading.Event | None = None,
) -> Retriever:
    """The vault's fused search, with the reranking stages the settings and the installed
    models allow (rag/rerank.py); the vault itself when there are none."""
    s = settings
    judge = chat_judge_for(chat) if chat is not None and s.chat_rerank > 1 else None
    if reranker is None and judge is None:
        return vault
    return RerankingRetriever(
        vault,
        reranker,
        candidates=s.rerank_candidates,
        judge=judge,
        chat_top=s.chat_rerank,
        cancel=cancel,
    )


def check_search_scope(vault: Vault, patient_id: int | None, collection: str | None) -> None:
    """An unknown patient or collection is an error, not "no matching passages"."""
    if patient_id is not None:
        vault.get_patient(patient_id)
    if collection is not None and collection not in {c.name for c in vault.list_collections()}:
        raise UserInputError(f"No collection named '{collection}'.")
