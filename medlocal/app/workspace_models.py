"""The workspace's model management: the default per role, the installed list, removing and
re-hashing models, whether one fits this machine, the doctor report, and evaluating chat models
on public benchmark files (a mixin of :class:`~medlocal.app.workspace.Workspace`)."""

from __future__ import annotations

import threading
from pathlib import Path

from medlocal.app import installed_models
from medlocal.app.doctor import DoctorReport, doctor_report, failure_text
from medlocal.app.evaluation import EvalRequest, run_evaluations
from medlocal.app.fit import fit_advice
from medlocal.app.installed_models import InstalledListing, ModelCheck, ModelRemoval
from medlocal.app.workspace_parts import WorkspaceParts
from medlocal.eval.runs import EvalRun, RunStore
from medlocal.models.catalog import Role
from medlocal.models.fit import FitAdvice
from medlocal.models.registry import InstalledModel
from medlocal.progress import ProgressCallback
from medlocal.settings import Settings, SettingsFileError


class WorkspaceModels(WorkspaceParts):
    """Model management, doctor and evaluation, for :class:`~medlocal.app.workspace.Workspace`."""

    def set_default_model(self, model_id: str, role: Role | None = None) -> Role:
        """Make ``model_id`` the default for its role. A new embedder means the vault needs
        re-embedding (:meth:`reembed`): vectors of different models are never compared."""
        chosen: Role = role or self.registry.get(model_id).role
        self.registry.set_default(model_id, chosen)
        self._models.unload(chosen)
        return chosen

    def installed_models(self, models: list[InstalledModel] | None = None) -> InstalledListing:
        """The installed models and each role's default as it answers (the demo model for chat
        when none is chosen): what ``models list`` (plain and ``--json``) and the model
        manager show."""
        return installed_models.installed_listing(self.registry, models)

    def remove_model(self, model_id: str, *, keep_file: bool = False) -> ModelRemoval:
        """Remove an installed model (``medlocal models remove`` and the model manager): its
        role's model is unloaded first, so a removed file is never still in use here."""
        self._models.unload(self.registry.get(model_id).role)
        return installed_models.remove_model(self.registry, model_id, keep_file=keep_file)

    def verify_models(
        self,
        model_id: str | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> list[ModelCheck]:
        """Re-hash installed models against their records (one, or all)."""
        return installed_models.verify_models(
            self.registry, model_id, progress=progress, cancel=cancel
        )

    def fit(self, model: str, n_ctx: int | None = None) -> FitAdvice:
        """Will ``model`` (an installed id or a GGUF path) fit this machine, and how."""
        return fit_advice(self.registry, model, n_ctx)

    def doctor(self) -> DoctorReport:
        # A settings file that cannot be used is one finding; the rest is checked with defaults.
        problem = ""
        try:
            settings = self.settings
        except SettingsFileError as exc:
            problem, settings = str(exc), Settings()
        except Exception as exc:  # a read-only config folder, say: one failed check of many
            problem, settings = failure_text(exc), Settings()
        # Every check runs, whatever fails before it (walk 38: a read-only home ended doctor
        # at the model list); each failure is a problem line of the report.
        problems: list[str] = []
        missing: list[str] = []
        try:
            listing = self.installed_models()
            models = [m.id + (" (missing)" if listing.missing(m) else "") for m in listing.models]
            missing = listing.missing_defaults(self.registry)
            reranker = installed_models.reranker_summary(settings, self.registry)
        except Exception as exc:
            problems.append(f"models: {failure_text(exc)}")
            models, reranker = [], ""
        try:
            vault_folder: Path | None = self.vault_folder
        except Exception:  # the report's folder check says why
            vault_folder = None
        return doctor_report(
            models,
            settings.backup_reminder_days,
            ocr_enabled=settings.ocr == "on",
            reranker=reranker,
            vault_folder=vault_folder,
            settings_problem=problem,
            problems=problems,
            settings_unknown=self.unknown_settings(),
            models_missing=missing,
        )

    def reranker_summary(self) -> str:
        """One line on reranking: which model rescoring how many passages, or why none."""
        return installed_models.reranker_summary(self.settings, self.registry)

    # -- model evaluation (issue 9): public benchmark files, never the vault ----------------------

    def evaluate_models(
        self,
        request: EvalRequest,
        *,
        n_ctx: int | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> list[EvalRun]:
        """Evaluate each requested model on a benchmark file (see ``medlocal.app.evaluation``)."""
        return run_evaluations(
            lambda model: self.chat_model(model, n_ctx),
            request,
            store=self.evaluation_runs(),
            progress=progress,
            cancel=cancel,
        )

    def evaluation_runs(self) -> RunStore:
        """Stored evaluation runs, under the data folder."""
        return RunStore()
