"""The installed models as a person checks them: re-hashing them against their records, and one
line on what reranking will use."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlocal.errors import MedLocalError
from medlocal.fsutil import shown_path
from medlocal.models.demo import DEMO_MODEL_ID
from medlocal.models.registry import (
    InstalledModel,
    Registry,
    answering_defaults,
    default_reranker_id,
)
from medlocal.progress import Progress, ProgressCallback, report
from medlocal.settings import Settings


@dataclass(frozen=True)
class ModelCheck:
    """One installed model re-hashed against its record (``verify``)."""

    model_id: str
    ok: bool
    message: str


@dataclass(frozen=True)
class ModelRemoval:
    """A removed model, whether its file stayed, and notes on the defaults it leaves behind
    (``medlocal models remove`` prints them; the model manager shows them)."""

    model: InstalledModel
    file_kept: bool
    notes: tuple[str, ...] = ()
    # The same notes as the window words them: its model manager, no command (walk 52b L2).
    window_notes: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        kept = f" (file kept: {shown_path(self.model.path)})" if self.file_kept else ""
        return f"removed {self.model.id}{kept}"


DEMO_FALLBACK = "no chat model chosen: the demo model answers (not for clinical use)"


@dataclass(frozen=True)
class InstalledListing:
    """The installed models with each role's default as it answers (``answering``) and as
    stored (``chosen``): with no chat model chosen the demo model answers, so it is marked,
    in ``medlocal models list``, its ``--json`` and the window's model manager alike (walk
    34: the JSON gave only the stored defaults, so nothing in it said which model answered)."""

    models: tuple[InstalledModel, ...]
    chosen: dict[str, str] = field(default_factory=dict)
    answering: dict[str, str] = field(default_factory=dict)

    @property
    def fallbacks(self) -> dict[str, str]:
        """The roles a model answers for without being chosen (the demo model for chat)."""
        return {role: mid for role, mid in self.answering.items() if self.chosen.get(role) != mid}

    @staticmethod
    def missing(model: InstalledModel) -> bool:
        """Whether the model's file is not where it was recorded (a model imported --in-place
        from a USB stick that is unplugged now): shown as missing, never silently replaced."""
        return not Path(model.path).exists()

    def missing_defaults(self, registry: Registry) -> list[str]:
        """For each default model whose file is missing, what to do (plug it in, or choose
        another): ``doctor`` says it before a question fails (walk 43 D4)."""
        return [
            f"default {role} model: {registry.missing_file_message(m)}"
            for m in self.models
            if self.missing(m)
            for role in self.default_roles(m.id)
        ]

    def default_roles(self, model_id: str) -> list[str]:
        return [role for role, mid in self.answering.items() if mid == model_id]

    def _fallback_reason(self, role: str, model_id: str) -> str:
        if model_id != DEMO_MODEL_ID:
            return ""
        stale = self.chosen.get(role)
        if stale is None:
            return DEMO_FALLBACK
        # A default chosen, then its model removed by hand (review 33: said "none chosen").
        return (
            f"the chosen {role} model {stale} is not installed: {DEMO_FALLBACK.split(': ', 1)[1]}"
        )

    def as_json(self) -> dict[str, Any]:
        """``models list --json``: ``defaults`` as they answer, ``chosen`` as stored,
        ``fallback`` naming each default that was not chosen and why, and per model the
        roles it answers for (``default_for``) and whether it is the demo model."""
        return {
            "defaults": dict(self.answering),
            "chosen": dict(self.chosen),
            "fallback": {
                role: {"model": mid, "reason": self._fallback_reason(role, mid)}
                for role, mid in self.fallbacks.items()
            },
            "models": [
                {
                    **m.as_dict(),
                    "default_for": self.default_roles(m.id),
                    "demo": m.id == DEMO_MODEL_ID,
                    "missing": self.missing(m),
                }
                for m in self.models
            ],
        }


def installed_listing(
    registry: Registry, models: list[InstalledModel] | None = None
) -> InstalledListing:
    """The installed models (``models`` when already read) and the defaults they answer as."""
    installed = registry.models() if models is None else models
    chosen = registry.defaults()
    return InstalledListing(tuple(installed), chosen, answering_defaults(installed, chosen))


CHOOSE_CHAT = (
    "choose another with 'medlocal models default ID' (or Set as default in the model manager)"
)
# The window's words: its own control, no command (walk 52b L2).
CHOOSE_IN_WINDOW = "choose another in the model manager: select it and press Set as default"


def chat_fallback_note(registry: Registry, removed_id: str, *, window: bool = False) -> str:
    """What chat uses once ``removed_id``, the default chat model, is gone: the demo model (as
    ``default_chat_path`` falls back to it), which is not for clinical use."""
    if registry.find(DEMO_MODEL_ID) is not None:
        now = f"questions now use {DEMO_MODEL_ID}, the demo model (not for clinical use)"
    else:
        now = "no chat model is chosen now"
    choose = CHOOSE_IN_WINDOW if window else CHOOSE_CHAT
    return f"{removed_id} was the default chat model: {now}; {choose}"


def remove_model(registry: Registry, model_id: str, *, keep_file: bool = False) -> ModelRemoval:
    """Unregister ``model_id`` and delete its file when MedLocal copied it in (never the demo
    model: the registry refuses it). A removed default is noted: the chat model then falls back
    to the demo model."""
    roles = [role for role, chosen in registry.defaults().items() if chosen == model_id]
    model = registry.remove(model_id, delete_file=not keep_file)
    notes = [
        chat_fallback_note(registry, model.id)
        if role == "chat"
        else f"{model.id} was the default {role} model; choose another with "
        f"'medlocal models default ID --role {role}' (or Set as default in the model manager)"
        for role in roles
    ]
    window_notes = [
        chat_fallback_note(registry, model.id, window=True)
        if role == "chat"
        else f"{model.id} was the default {role} model; {CHOOSE_IN_WINDOW}"
        for role in roles
    ]
    return ModelRemoval(model, keep_file or not model.managed, tuple(notes), tuple(window_notes))


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
