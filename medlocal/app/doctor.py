"""The ``doctor`` report as a typed value: the CLI prints it, the window's About page shows it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from medlocal import paths
from medlocal.engine import backends
from medlocal.engine.hardware import hardware_report
from medlocal.errors import MedLocalError
from medlocal.fsutil import ReadOnlyFolderError, shown_path
from medlocal.ingest.ocr.engine import engine_info
from medlocal.privacy import netguard

T = TypeVar("T")


@dataclass(frozen=True)
class SetAsideFolder:
    path: str
    size: int  # bytes of the files in it (a link counted as a link, never followed)
    set_aside_at: str  # local time, "2026-12-05 21:40"


@dataclass(frozen=True)
class DoctorReport:
    hardware: dict[str, Any]
    folders: dict[str, str]
    models_installed: list[str]
    offline: dict[str, Any]
    # Each default model whose file is not where it was recorded, with what to do (walk 43 D4:
    # an unplugged USB stick went unsaid until a question failed).
    models_missing: list[str] = field(default_factory=list)
    crash_reports: list[str] = field(default_factory=list)
    backup: str = ""  # when the last verified backup was made, and whether one is due
    # Which llama.cpp CPU variant (installers' builds) was loaded; {} when not reported.
    backends: dict[str, Any] = field(default_factory=dict)
    ocr: dict[str, Any] = field(default_factory=dict)
    # Which reranker rescoring search results, if any (one line; see Workspace.doctor).
    reranker: str = ""
    # Folders an interrupted restore left beside the vault (restore.leftover_folders).
    restore_leftovers: list[str] = field(default_factory=list)
    # Hidden folders `vault init --start-over` moved an earlier setup's files into (never
    # deleted by MedLocal): each with its size in bytes and when it was set aside.
    set_aside: list[SetAsideFolder] = field(default_factory=list)
    # Why redacted export cannot run ("" when its model is in place; see deid_tagger).
    redaction_problem: str = ""
    # Why the settings file cannot be used ("" when it is fine): the rest used the defaults.
    settings_problem: str = ""
    # Keys of the settings file that are no setting, each said with what it is ignored for
    # (settings.unknown_settings); the settings in use are sound.
    settings_unknown: list[str] = field(default_factory=list)
    # What is wrong with the vault folder checked ("" when it holds a vault): it does not exist,
    # or it holds no vault. Noted on its line; like every finding, not an error (exit 0).
    vault_note: str = ""
    # Checks that could not run, each "what: why" (walk 38: a read-only home stopped doctor at
    # its first folder). The others still ran; their lines show what they found.
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The flat shape ``medlocal doctor --json`` has always printed."""
        data = dict(self.hardware)
        data.update({k: v for k, v in asdict(self).items() if k != "hardware"})
        return data

    def lines(self) -> list[str]:
        """Human-readable lines (versions, folders, counts; never patient data)."""
        r = self.as_dict()
        # Decimal GB, as ``models fit``, model sizes and disk space say it: walk 39 read "22.9 GiB
        # available" here and "23.7 GB free" from ``models fit`` seconds later, one fact twice.
        gb = 1e9
        if not self.hardware:  # the hardware check failed: its problem line says why
            return self._problem_lines() + self._lines_after_hardware()
        out = [
            f"OS:        {r['os']} ({r['machine']})",
            f"CPU:       {r['cpu_model']}",
            f"Cores:     {r['physical_cores']} physical, {r['logical_cores']} logical",
            f"Features:  {', '.join(r['cpu_features']) or 'none reported'}",
            f"RAM:       {r['ram_total_bytes'] / gb:.1f} GB total, "
            f"{r['ram_available_bytes'] / gb:.1f} GB available",
            f"Backend:   {r['backend']} "
            f"(GPU offload {'yes' if r['gpu_offload_supported'] else 'no'})",
        ]
        if self.backends:
            out.append(f"CPU code:  {cpu_variant_line(self.backends)}")
        for gpu in r["gpus"]:
            total = f"{gpu['total_bytes'] / gb:.1f} GB" if gpu["total_bytes"] else "unknown"
            free = f"{gpu['free_bytes'] / gb:.1f} GB" if gpu["free_bytes"] else "unknown"
            out.append(f"GPU:       {gpu['name']} ({total} total, {free} free)")
        out.append(f"llama.cpp: llama-cpp-python {r['llama_cpp_python_version']}")
        return self._problem_lines() + out + self._lines_after_hardware()

    def _problem_lines(self) -> list[str]:
        return [f"PROBLEM:   {problem}" for problem in self.problems]

    def _lines_after_hardware(self) -> list[str]:
        out: list[str] = []
        for name, folder in self.folders.items():
            if folder:
                shown = shown_path(folder)
                if name == "vault" and self.vault_note:
                    shown = f"{shown} ({self.vault_note})"
                out.append(f"{name + ':':<11}{shown}" if len(name) < 10 else f"{name}: {shown}")
        out.append(f"Models:    {', '.join(self.models_installed) or 'none'}")
        out.extend(f"Missing:   {note}" for note in self.models_missing)
        if self.reranker:
            out.append(f"Reranker:  {self.reranker}")
        if self.backup:
            out.append(f"Backup:    {self.backup}")
        out.append(
            "Offline:   guard "
            + ("on" if self.offline["guard_installed"] else "OFF")
            + f", {self.offline['blocked_attempts']} blocked connection attempt(s) this run"
            # Only this process's attempts are counted: the window's or another command's are
            # each a line of the log (walk 46b D7: README said doctor "shows the count").
            + "; earlier runs' are in medlocal.log in the logs folder ('blocked outbound …')"
        )
        out.append(_ocr_line(self.ocr))
        out.append(
            f"Redaction: PROBLEM: {self.redaction_problem}; redacted export will refuse to run. "
            "Reinstall MedLocal."
            if self.redaction_problem
            else "Redaction: ready (de-identification model in place)"
        )
        if self.settings_problem:
            out.append(f"Settings:  PROBLEM: {self.settings_problem}")
            out.append(
                "           The other checks used the default settings. Fix the file, delete "
                "it, or open the window and choose Reset to defaults."
            )
        out.extend(f"Settings:  WARNING: {note}" for note in self.settings_unknown)
        out.extend(_leftover_lines(self.restore_leftovers))
        out.extend(_set_aside_lines(self.set_aside))
        # Crash reports hold versions and code locations only: safe to attach to a request.
        crashes = self.crash_reports
        out.append(f"Crashes:   {len(crashes)} unread crash report(s)" + (":" if crashes else ""))
        out.extend(f"           {shown_path(path)}" for path in crashes)
        return out


def _leftover_lines(leftovers: list[str]) -> list[str]:
    if not leftovers:
        return []
    out = [f"Restore:   {len(leftovers)} folder(s) left by an interrupted restore:"]
    out.extend(f"           {shown_path(path)}" for path in leftovers)
    out.append(
        "           Each may be the previous vault (opens with its old passphrase) or an "
        "unfinished restore. Look inside before removing one: "
        "medlocal patient list --vault FOLDER; delete it only once it holds nothing you need."
    )
    return out


def _set_aside_lines(folders: list[SetAsideFolder]) -> list[str]:
    from medlocal.ingest.formats import format_size

    if not folders:
        return []
    some = "1 hidden folder" if len(folders) == 1 else f"{len(folders)} hidden folders"
    out = [f"Set aside: {some} of files from an earlier vault setup (vault init --start-over):"]
    out.extend(
        f"           {shown_path(f.path)} ({format_size(f.size)}, set aside {f.set_aside_at})"
        for f in folders
    )
    out.append(
        "           MedLocal never deletes them: one may hold the vault database that was "
        "missing (to use it, move its files back into the vault folder). Once you are sure a "
        "folder holds nothing you need, delete it yourself (rm -r FOLDER; in a file manager, "
        "show hidden files first)."
    )
    return out


def _set_aside_folders(vault_folder: Path) -> list[SetAsideFolder]:
    from medlocal.vault.unlock import set_aside_folders

    return [
        SetAsideFolder(
            str(folder),
            _files_size(folder),
            datetime.fromtimestamp(folder.lstat().st_mtime).strftime("%Y-%m-%d %H:%M"),
        )
        for folder in set_aside_folders(vault_folder)
    ]


def _files_size(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):  # links to folders are not followed
        total += sum((Path(root) / name).lstat().st_size for name in files)
    return total


def cpu_variant_line(status: dict[str, Any]) -> str:
    """One line on llama.cpp's CPU backend: the loaded variant, or that it is built in."""
    if not status.get("dynamic"):
        return "built into llama.cpp (no loadable variants installed)"
    if status.get("error"):
        return f"NOT LOADED: {status['error']}"
    others = [v for v in status.get("available_variants", []) if v != status["cpu_variant"]]
    line = f"{status['cpu_variant']} variant loaded from {status['lib_dir']}"
    return line + (f" (also shipped: {', '.join(others)})" if others else "")


def _ocr_line(ocr: dict[str, Any]) -> str:
    if not ocr:
        return "OCR:       not checked"
    if not ocr["available"]:
        return f"OCR:       unavailable ({ocr['reason']}); scans and images cannot be imported"
    state = "on" if ocr.get("enabled", True) else "off (setting ocr)"
    return (
        f"OCR:       {ocr['engine']} {ocr['version'] or ''}, {state}, offline models: "
        f"{', '.join(ocr['models'])}"
    )


def ocr_status(enabled: bool = True) -> dict[str, Any]:
    """Whether scans can be read, by which engine and models (found on disk, not loaded)."""
    info = engine_info()
    return {**asdict(info), "models": list(info.models), "enabled": enabled}


def doctor_report(
    models_installed: list[str],
    backup_reminder_days: int = 0,
    ocr_enabled: bool = True,
    reranker: str = "",
    vault_folder: Path | None = None,
    settings_problem: str = "",
    problems: list[str] | None = None,
    settings_unknown: list[str] | None = None,
    models_missing: list[str] | None = None,
) -> DoctorReport:
    from medlocal.crash import pending_crash_reports
    from medlocal.privacy.deid_model_file import shipped_model_problem
    from medlocal.vault.restore import leftover_folders

    problems = list(problems or [])
    # The settings problem has its own line; a folder check failing the same way repeats it.
    check = _Checks([*problems, f"settings: {settings_problem}"] if settings_problem else problems)
    folders = {
        "data": check.folder(paths.data_dir, "data"),
        "models": check.folder(paths.models_dir, "data", "models"),
        # The one checked: `doctor --vault DIR` names another.
        "vault": str(vault_folder)
        if vault_folder
        else check.folder(paths.vault_dir, "data", "vault"),
        "config": check.folder(paths.config_dir, "config"),
        "logs": check.folder(paths.log_dir, "logs"),
        "MEDLOCAL_HOME": str(paths.home_override() or ""),
    }
    vault_folder = vault_folder or Path(folders["vault"])
    # hardware_report() loads the backends first (detect_backend); status() is then only read.
    no_hardware: dict[str, Any] = {}
    hardware = check("hardware", lambda: hardware_report().as_dict(), no_hardware)
    return DoctorReport(
        hardware=hardware,
        folders=folders,
        models_installed=models_installed,
        models_missing=list(models_missing or []),
        offline=check(
            "offline guard", netguard.status, {"guard_installed": False, "blocked_attempts": 0}
        ),
        crash_reports=check("crash reports", lambda: [str(p) for p in pending_crash_reports()], []),
        backup=check(
            "backup", lambda: _backup_line(vault_folder, backup_reminder_days), "not checked"
        ),
        backends=check("llama.cpp CPU code", lambda: backends.status().as_dict(), {}),
        ocr=check("OCR", lambda: ocr_status(ocr_enabled), {}),
        reranker=reranker,
        restore_leftovers=check(
            "restore leftovers", lambda: [str(p) for p in leftover_folders(vault_folder)], []
        ),
        set_aside=check("set-aside folders", lambda: _set_aside_folders(vault_folder), []),
        settings_problem=settings_problem,
        settings_unknown=list(settings_unknown or []),
        redaction_problem=check("redaction", shipped_model_problem, ""),
        vault_note=check("vault", lambda: _vault_note(vault_folder), ""),
        problems=[
            p for p in check.problems if not settings_problem or not p.startswith("settings: ")
        ],
    )


class _Checks:
    """Runs each check of the report on its own: one that fails is a problem line, and the
    rest still run (walk 38: a read-only home stopped doctor with an error instead)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def __call__(self, name: str, run: Callable[[], T], fallback: T) -> T:
        try:
            return run()
        except Exception as exc:
            self.add(name, exc)
            return fallback

    def add(self, name: str, exc: BaseException) -> None:
        why = failure_text(exc)
        # One read-only folder fails several checks: said once, by the first that met it.
        if not any(problem.endswith(why) for problem in self.problems):
            self.problems.append(f"{name}: {why}")

    def folder(self, make: Callable[[], Path], *where: str) -> str:
        """A MedLocal folder as created (0700), or where it would be when it cannot be."""
        try:
            return str(make())
        except Exception as exc:
            self.add("folders", exc)
            home = paths.home_override()
            if home is not None:
                return str(home.joinpath(*where))
            return str(exc.folder) if isinstance(exc, ReadOnlyFolderError) else "(unknown)"


def failure_text(exc: BaseException) -> str:
    """Why a check failed, in one line: the error's own message for an expected failure or a
    refused write (they name folders, not patient data), else only its type."""
    from medlocal.crash import cannot_write_message

    if isinstance(exc, MedLocalError):
        return str(exc)
    if (line := cannot_write_message(exc)) is not None:
        return line
    if isinstance(exc, OSError):
        return f"{exc.strerror or type(exc).__name__}" + (
            f" ({exc.filename})" if exc.filename else ""
        )
    return f"failed unexpectedly ({type(exc).__name__})"


def _backup_line(folder: Path, reminder_days: int) -> str:
    """The last verified backup of the vault in ``folder``, not of whichever vault was backed
    up last (one data folder can hold the records of several vaults)."""
    from medlocal.app.backups import unfinished_note
    from medlocal.vault.backup_state import backup_summary, last_verified_backup
    from medlocal.vault.unlock import VaultFiles

    files = VaultFiles(folder)
    if not files.exists():
        return "no vault in this folder"
    vault_id = files.vault_id()
    if vault_id is None:
        return "unknown: the vault's key file cannot be read"
    summary = backup_summary(reminder_days, vault_id, folder)
    last = last_verified_backup(vault_id)
    if last is not None and (note := unfinished_note(Path(last.path).parent)):
        summary += f"\n           {note}"
    return summary


def _vault_note(folder: Path) -> str:
    """Why there is no vault in ``folder`` ("" when there is one)."""
    from medlocal.vault.store import Vault
    from medlocal.vault.unlock import VaultFiles

    try:
        if not folder.exists():
            return "no such folder: no vault here"
        if not folder.is_dir():
            return "not a folder: no vault here"
        if Vault.is_unfinished(folder):
            return (
                "a vault whose creation was interrupted (it holds nothing): "
                "'medlocal vault init' makes it again"
            )
        if VaultFiles(folder).key_file_lost():
            return (
                "a vault database without its key file (nothing in it opens): put the key file "
                "back, or 'medlocal vault restore BACKUP_FOLDER --replace'"
            )
        if VaultFiles(folder).incomplete():
            return (
                "a vault whose database is missing or empty (nothing in it opens): put the "
                "database back or connect its drive; only for a setup an older version never "
                "finished, 'medlocal vault init --start-over'"
            )
        if not Vault.exists(folder):
            return "no vault in this folder"
    except OSError as exc:  # a folder above it that this user may not enter: say so, not crash
        return f"cannot be read ({exc.strerror or exc})"
    return ""
