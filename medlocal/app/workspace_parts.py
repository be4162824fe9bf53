"""What the workspace's verb mixins use of one another, declared once for the type checker.

:class:`~medlocal.app.workspace.Workspace` is assembled from mixins, one job each
(``workspace_settings``, ``workspace_vault``, ``workspace_answers``, ``workspace_backup``,
``workspace_models``), on top of what ``workspace.py`` holds itself (the collaborators built in
its ``__init__``, the loaded models, search and import). Each mixin inherits
:class:`WorkspaceParts`, whose declarations exist only for mypy: at run time it adds nothing, so
no declaration here can shadow the real attribute a later base defines.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from medlocal.app.backups import RestoreResult
    from medlocal.app.installed_models import InstalledListing
    from medlocal.app.loaded_models import LoadedModels
    from medlocal.app.vault_session import VaultSession
    from medlocal.engine.api import Embedder, SamplingParams
    from medlocal.models.registry import InstalledModel, Registry
    from medlocal.privacy.deid_jobs import Rules
    from medlocal.rag.passages import Retriever
    from medlocal.settings import Settings
    from medlocal.vault.store import Vault


class WorkspaceParts:
    """The state ``Workspace.__init__`` sets and the members the mixins call on each other."""

    _session: VaultSession
    _models: LoadedModels
    rules: Rules
    _settings: Settings | None
    _settings_from_file: bool
    _settings_stamp: tuple[int, int, int] | None
    _settings_lock: threading.RLock
    _backup_listeners: list[Callable[[], None]]
    _restore_listeners: list[Callable[[RestoreResult | None], None]]

    if TYPE_CHECKING:  # defined by Workspace or another mixin; declared so each mixin checks

        @property
        def settings(self) -> Settings: ...

        def sampling(self, **overrides: Any) -> SamplingParams: ...

        def unknown_settings(self) -> list[str]: ...

        @property
        def registry(self) -> Registry: ...

        def chat_model(self, model: str | None = None, n_ctx: int | None = None) -> Any: ...

        def take_model_switch_note(self) -> str | None: ...

        def embedder(
            self, model: str | None = None, *, required: bool = False
        ) -> Embedder | None: ...

        def _retriever(
            self, vault: Vault, *, chat: Any = None, cancel: threading.Event | None = None
        ) -> Retriever: ...

        def installed_models(
            self, models: list[InstalledModel] | None = None
        ) -> InstalledListing: ...

        @property
        def vault(self) -> Vault | None: ...

        @property
        def vault_folder(self) -> Path: ...

        def require_vault(self) -> Vault: ...

        def lock(self, reason: str = "user") -> None: ...
