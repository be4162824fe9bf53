"""User settings: declared once, typed, versioned (the Picard way).

Each option is a dataclass field with its default and a help text; the file is TOML in the config
folder, carries ``version``, and older files are upgraded step by step on load. Secrets and
patient data never go here (keys live in the vault's key file and the OS keychain).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import tomli_w

from medlocal import paths
from medlocal.errors import UserInputError
from medlocal.fsutil import atomic_write_private

SETTINGS_VERSION = 1
THEMES = ("system", "light", "dark")
OCR_CHOICES = ("on", "off")
RERANK_MODES = ("auto", "off")
FILE_NAME = "settings.toml"


def _opt(
    default: Any,
    help_text: str,
    minimum: float | None = None,
    choices: tuple[str, ...] | None = None,
) -> Any:
    return field(default=default, metadata={"help": help_text, "min": minimum, "choices": choices})


@dataclass(frozen=True)
class Settings:
    threads: int = _opt(0, "CPU threads for llama.cpp; 0 = number of physical cores", 0)
    context_tokens: int = _opt(0, "context size; 0 = model's training context capped by RAM", 0)
    gpu_layers: int = _opt(-1, "layers to offload: -1 = as many as fit, 0 = CPU only", -1)
    temperature: float = _opt(0.2, "sampling temperature (low = conservative)", 0)
    max_tokens: int = _opt(512, "longest answer in tokens", 1)
    seed: int = _opt(42, "sampling seed (same seed, same answer)", 0)
    import_max_mb: int = _opt(200, "largest file accepted for import, in MB", 1)
    model_check: float = _opt(
        0.5,
        "grounded answers: flag a sentence the loaded model doubts below this probability of "
        "support (one extra forward pass per sentence); 0 = off",
        0,
    )
    ocr: str = _opt(
        "on", "read scanned pages and images with offline OCR: on or off", None, OCR_CHOICES
    )
    ocr_max_pages: int = _opt(200, "most pages OCR reads in one file (larger files are refused)", 1)
    auto_lock_minutes: int = _opt(10, "lock the vault after this many idle minutes; 0 = never", 0)
    theme: str = _opt("system", "window colours: system, light or dark", None, THEMES)
    backup_folder: str = _opt("", "where 'medlocal vault backup' writes (e.g. a USB drive)")
    backup_reminder_days: int = _opt(
        7, "remind when the last verified backup is older than this many days; 0 = never", 0
    )
    speculative_draft: int = _opt(
        8, "speculative decoding: longest draft in tokens (copies from the sources); 0 = off", 0
    )
    rerank: str = _opt(
        "auto",
        "cross-encoder reranking of the fused passages: auto = when a reranker model is "
        "installed (medlocal models import FILE.gguf), off = never",
        None,
        RERANK_MODES,
    )
    rerank_candidates: int = _opt(
        24, "fused passages the reranker rescores before the top k are kept", 1
    )
    chat_rerank: int = _opt(
        0,
        "answers: the loaded chat model re-orders this many top passages by its probability of "
        "'yes, relevant' (one forward pass each; slow on a CPU); 0 = off",
        0,
    )

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: str(f.metadata["help"]) for f in fields(cls)}


# version N -> N+1 upgrade steps, applied in order to the raw TOML table.
_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def coerce_setting(name: str, value: Any) -> Any:
    """``value`` converted to the declared type of setting ``name`` and checked."""
    spec = next((f for f in fields(Settings) if f.name == name), None)
    if spec is None:
        known = ", ".join(f.name for f in fields(Settings))
        raise UserInputError(f"unknown setting '{name}' (known: {known})")
    kind = type(spec.default) if spec.default is not MISSING else str
    try:
        result = kind(value) if not isinstance(value, str) or kind is str else kind(value.strip())
    except ValueError:
        raise UserInputError(f"setting '{name}' needs a {kind.__name__}, not '{value}'") from None
    choices = spec.metadata.get("choices")
    if choices and result not in choices:
        raise UserInputError(f"setting '{name}' must be one of: {', '.join(choices)}")
    minimum = spec.metadata.get("min")
    if minimum is not None and result < minimum:
        raise UserInputError(f"setting '{name}' must be at least {minimum}")
    return result


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserInputError(f"{path} is not valid TOML ({exc}); fix or delete it") from exc
    version = int(raw.pop("version", SETTINGS_VERSION))
    if version > SETTINGS_VERSION:
        raise UserInputError(
            f"{path} was written by a newer MedLocal (settings version {version}); update MedLocal"
        )
    while version < SETTINGS_VERSION:
        raw = _UPGRADES[version](raw)
        version += 1
    known = {f.name for f in fields(Settings)}
    # Unknown keys (from a newer minor release) are ignored rather than fatal.
    return Settings(**{k: coerce_setting(k, v) for k, v in raw.items() if k in known})


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings_path()
    data = {"version": SETTINGS_VERSION, **asdict(settings)}
    atomic_write_private(path, tomli_w.dumps(data).encode("utf-8"))
    return path


def update_setting(name: str, value: str, path: Path | None = None) -> Settings:
    current = load_settings(path)
    updated = replace(current, **{name: coerce_setting(name, value)})
    save_settings(updated, path)
    return updated
