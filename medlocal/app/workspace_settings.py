"""The workspace's settings: the ones in use, read again when the file changes while MedLocal
runs, saved when a face changes them, and what a changed setting does at once (a mixin of
:class:`~medlocal.app.workspace.Workspace`, whose ``__init__`` sets the state this reads)."""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from medlocal.app.workspace_parts import WorkspaceParts
from medlocal.engine.api import SamplingParams
from medlocal.errors import UserInputError
from medlocal.settings import (
    Settings,
    load_settings,
    reset_settings_file,
    save_settings,
    settings_path,
    unknown_settings,
)

# The workspace's log, under the name it had before the workspace was split in modules.
log = logging.getLogger("medlocal.app.workspace")


def _file_stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells a rewritten file from the one read before (None: no file, or unreadable).
    The inode as well as the time: settings are saved by replacing the file, and two saves can
    fall within one tick of a coarse file-system clock."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def _changed_names(before: Settings, after: Settings) -> set[str]:
    return {f.name for f in fields(before) if getattr(before, f.name) != getattr(after, f.name)}


class WorkspaceSettings(WorkspaceParts):
    """Settings, for :class:`~medlocal.app.workspace.Workspace` (see the module's note)."""

    @property
    def settings(self) -> Settings:
        """The settings in use. When the file changes while MedLocal runs (``medlocal settings
        set`` in a terminal beside an open window), the next use reads it again, so neither side
        silently undoes the other's change; a file damaged meanwhile is logged and the settings in
        use are kept (the next start asks about it)."""
        if self._settings is not None and not self._settings_from_file:
            return self._settings
        changed: set[str] = set()
        # Any thread reads settings (worker jobs too): one of them reads the changed file and
        # takes its changes, once. What they do (``_settings_took_effect``) runs after the lock
        # is let go: it takes the models' and the vault's own locks, and loading a model reads
        # settings (one lock order, no deadlock).
        with self._settings_lock:
            stamp = _file_stamp(settings_path())
            if self._settings is None:
                self._settings = load_settings()
                self._settings_stamp = stamp
            elif stamp != self._settings_stamp:
                self._settings_stamp = stamp
                try:
                    reread = load_settings()
                except UserInputError as exc:
                    log.warning("settings file changed and cannot be used (%s); keeping these", exc)
                else:
                    before, self._settings = self._settings, reread
                    changed = _changed_names(before, reread)
            current = self._settings
        if changed:
            self._settings_took_effect(changed)
        return current

    def reset_settings(self) -> Path | None:
        """Move an unusable settings file aside (kept as ``settings.toml.bad-<time>``) and use
        the defaults. Returns the backup copy's path (None when there was no file)."""
        with self._settings_lock:
            backup = reset_settings_file()
            self._settings = None
        return backup

    def update_settings(self, **changes: Any) -> Settings:
        """Save changed settings (validated by their declarations) and use them from now on."""
        from medlocal.settings import coerce_setting

        checked = {name: coerce_setting(name, value) for name, value in changes.items()}
        with self._settings_lock:
            updated = replace(self.settings, **checked)
            save_settings(updated)
            self._settings = updated
            self._settings_stamp = _file_stamp(settings_path())
        self._settings_took_effect(set(changes))
        return updated

    def _settings_took_effect(self, changed: set[str]) -> None:
        """What a changed setting does at once, whether the window saved it or a terminal's
        ``medlocal settings set`` rewrote the file (read again at the next use). It may run on
        any thread that reads settings: the vault's idle timer is re-armed under the vault's
        timer lock, and an unload waits for the searches holding the reranker
        (``LoadedModels.reranker_in_use``)."""
        if "auto_lock_minutes" in changed:
            self._session.idle_setting_changed()
        if "rerank" in changed:
            # Off frees the reranker's memory; back on loads it (and retries one that failed).
            self._models.unload("reranker")

    def sampling(self, **overrides: Any) -> SamplingParams:
        """Sampling parameters from the user's settings, with per-call overrides (None = keep)."""
        s = self.settings
        base = SamplingParams(temperature=s.temperature, max_tokens=s.max_tokens, seed=s.seed)
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})

    def unknown_settings(self) -> list[str]:
        """Notes on the settings file's keys that are no setting ("'temprature' is not a
        setting (did you mean temperature?) …"); [] when there are none or no file."""
        try:
            return unknown_settings()
        except Exception:  # a check of many: doctor's other lines still come
            return []
