"""The installed models as a person checks them: re-hashing them against their records, and one
line on what reranking will use."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from medlocal.errors import MedLocalError
from medlocal.models.registry import Registry, default_reranker_id
from medlocal.progress import Progress, ProgressCallback, report
from medlocal.settings import Settings


@dataclass(frozen=True)
class ModelCheck:
    """One installed model re-hashed against its record (``verify``)."""

    model_id: str
    ok: bool
    message: str


def verify_models(
    registry: Registry,
    model_id: str | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> list[ModelCheck]:
    """Re-hash installed models against their records (one, or all)."""
    targets = [registry.get(model_id)] if model_id else registry.models()
    results: list[ModelCheck] = []
    for index, model in enumerate(targets):
        if cancel is not None and cancel.is_set():
            break
        report(progress, Progress("verifying", index, len(targets), model.id, "models"))
        try:
            registry.verified_path(model.id, force=True)
            results.append(ModelCheck(model.id, True, f"sha256 {model.sha256[:16]}…"))
        except MedLocalError as exc:
            results.append(ModelCheck(model.id, False, str(exc)))
    report(progress, Progress("verifying", len(results), len(targets), unit="models"))
    return results


def reranker_summary(settings: Settings, registry: Registry) -> str:
    """One line on reranking: which model rescoring how many passages, or why none."""
    s = settings
    chat = (
        f"; the chat model re-orders the top {s.chat_rerank} of an answer's passages"
        if s.chat_rerank > 1
        else ""
    )
    if s.rerank == "off":
        return "off (setting rerank = off)" + chat
    installed = [m.id for m in registry.models() if m.role == "reranker"]
    if not installed:
        return "none installed (search uses the fused ranking)" + chat
    chosen = default_reranker_id(registry)
    if chosen is None:
        return (
            f"{len(installed)} installed, none chosen: "
            "medlocal models default ID --role reranker" + chat
        )
    return f"{chosen}, rescoring the top {s.rerank_candidates} fused passages" + chat
