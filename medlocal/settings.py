"""User settings: declared once, typed, versioned (the Picard way).

Each option is a dataclass field with its default and a help text; the file is TOML in the config
folder, carries ``version``, and older files are upgraded step by step on load. Secrets and
patient data never go here (keys live in the vault's key file and the OS keychain).
"""

from __future__ import annotations

import contextlib
import difflib
import logging
import math
import os
import time
import tomllib
from collections.abc import Callable
from dataclasses import MISSING, Field, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import tomli_w

from medlocal import paths
from medlocal.errors import UserInputError
from medlocal.fsutil import atomic_write_private

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
THEMES = ("system", "light", "dark")
OCR_CHOICES = ("on", "off")
RERANK_MODES = ("auto", "off")
FILE_NAME = "settings.toml"
# Context sizes real GGUF chat models are trained and run with (0 = the model's own, capped by
# RAM); below 512 a question and its passages no longer fit. The longest answer must stay well
# below the context size in use: prompt + answer share the window.
CONTEXT_MIN, CONTEXT_MAX = 512, 131072
ANSWER_MIN, ANSWER_MAX = 16, 32768
SUMMARY_STEP_MIN = 64  # a step shorter than this cannot hold one section's sentences
# The most a whole-number setting may be: what the Settings window's spin box (a 32-bit int) can
# hold (review 36: `settings set seed 3000000000` was accepted, then the window raised
# OverflowError). Every whole-number setting declares a maximum no larger.
WHOLE_MAX = 2**31 - 1
# WHOLE_MAX is a container's limit, not a setting's: a range ending there is said as "at least N"
# (walk 39b: "its range is 0 to 2147483647"). Real upper bounds, where a larger value means
# nothing more:
# - an idle lock more than a day away is no lock (0 already means never);
AUTO_LOCK_MAX_MINUTES = 24 * 60
# - llama.cpp threads beyond a few per logical CPU only contend for the cores (walk 39b: 999 was
#   saved on a 2-core machine without a word). A bound of this computer, so it is checked when a
#   value is set, not when the file is read (a file written on a larger computer still opens).
THREADS_PER_CPU = 4


def threads_max() -> int:
    """The most CPU threads this computer takes: :data:`THREADS_PER_CPU` per logical CPU."""
    return THREADS_PER_CPU * (os.cpu_count() or 1)


class SettingsFileError(UserInputError):
    """The settings file cannot be used (unreadable, not TOML, a bad value or version). ``path``
    is the file and ``problem`` what is wrong with it, for a window to offer a reset."""

    def __init__(
        self, path: Path, problem: str, advice: str = "fix or delete it", *, newer: bool = False
    ) -> None:
        super().__init__(f"{path}: {problem}; {advice}")
        self.path = path
        self.problem = problem
        self.newer = newer  # written by a newer MedLocal: sound, not damaged (walk 37)


def _opt(
    label: str,
    default: Any,
    help_text: str,
    minimum: float | None = None,
    choices: tuple[str, ...] | None = None,
    maximum: float | None = None,
    zero_means: str = "",
    folder: bool = False,
    machine_max: Callable[[], int] | None = None,
) -> Any:
    """``label``: the setting's name for people (the Settings window's field label and every
    message about its value). ``zero_means``: what 0 means when it is a special value allowed
    outside ``minimum``..``maximum`` ("the model's own"). ``folder``: a folder's full path (or
    empty). ``machine_max``: the most this computer takes, checked when a value is set."""
    return field(
        default=default,
        metadata={
            "label": label,
            "help": help_text,
            "min": minimum,
            "max": maximum,
            "choices": choices,
            "zero": zero_means,
            "folder": folder,
            "machine_max": machine_max,
        },
    )


@dataclass(frozen=True)
class Settings:
    threads: int = _opt(
        "CPU threads",
        0,
        "CPU threads for llama.cpp; 0 = number of physical cores; at most "
        f"{THREADS_PER_CPU} per logical CPU of this computer",
        0,
        maximum=WHOLE_MAX,
        machine_max=threads_max,
    )
    context_tokens: int = _opt(
        "Context size (tokens)",
        0,
        f"context size in tokens, {CONTEXT_MIN} to {CONTEXT_MAX} (a model runs with at most its "
        "training context); 0 = model's training context capped by RAM",
        CONTEXT_MIN,
        maximum=CONTEXT_MAX,
        zero_means="the model's own",
    )
    gpu_layers: int = _opt(
        "GPU layers",
        -1,
        "layers to offload: -1 = as many as fit, 0 = CPU only",
        -1,
        maximum=WHOLE_MAX,
    )
    temperature: float = _opt(
        "Temperature", 0.2, "sampling temperature (low = conservative)", 0, maximum=2
    )
    max_tokens: int = _opt(
        "Longest answer (tokens)",
        512,
        f"longest answer in tokens, {ANSWER_MIN} to {ANSWER_MAX}; must stay well below the "
        "context size (question, passages and answer share it)",
        ANSWER_MIN,
        maximum=ANSWER_MAX,
    )
    seed: int = _opt("Seed", 42, "sampling seed (same seed, same answer)", 0, maximum=WHOLE_MAX)
    summary_step_tokens: int = _opt(
        "Summary step (tokens)",
        256,
        f"summaries: longest model step in tokens, {SUMMARY_STEP_MIN} to {ANSWER_MAX} (a long "
        "section may be cut short below it: raise it when a summary says 'reached the length "
        "limit')",
        SUMMARY_STEP_MIN,
        maximum=ANSWER_MAX,
    )
    thinking_budget: int = _opt(
        "Thinking budget (tokens)",
        1024,
        "reasoning models: most tokens of thinking before the answer, 64 to 16384 (apart from "
        "the answer's max_tokens; at the cap the thinking is closed and the model answers; the "
        "thinking is folded away, never checked or saved)",
        64,
        maximum=16384,
    )
    import_max_mb: int = _opt(
        "Largest import (MB)", 200, "largest file accepted for import, in MB", 1, maximum=WHOLE_MAX
    )
    model_check: float = _opt(
        "Model doubt threshold",
        0.5,
        "grounded answers: flag a sentence the loaded model doubts below this probability of "
        "support (one extra forward pass per sentence); 0 = off",
        0,
        maximum=1,
    )
    ocr: str = _opt(
        "Read scans (OCR)",
        "on",
        "read scanned pages and images with offline OCR: on or off",
        None,
        OCR_CHOICES,
    )
    ocr_max_pages: int = _opt(
        "OCR page limit per file",
        200,
        "most pages OCR reads in one file (larger files are refused)",
        1,
        maximum=WHOLE_MAX,
    )
    auto_lock_minutes: int = _opt(
        "Auto-lock after (minutes)",
        10,
        f"lock the vault after this many idle minutes, at most {AUTO_LOCK_MAX_MINUTES} (a day); "
        "0 = never",
        0,
        maximum=AUTO_LOCK_MAX_MINUTES,
    )
    theme: str = _opt("Theme", "system", "window colours: system, light or dark", None, THEMES)
    backup_folder: str = _opt(
        "Backup folder", "", "where 'medlocal vault backup' writes (e.g. a USB drive)", folder=True
    )
    backup_reminder_days: int = _opt(
        "Backup reminder (days)",
        7,
        "remind when the last verified backup is older than this many days; 0 = never",
        0,
        maximum=WHOLE_MAX,
    )
    backup_keep: int = _opt(
        "Keep newest backups",
        0,
        "how many of this vault's backups each backup keeps in its folder, removing older ones "
        "once the new one is verified; 0 = keep all (each backup then says how many the folder "
        "holds and their size)",
        1,
        maximum=WHOLE_MAX,
        zero_means="all",
    )
    speculative_draft: int = _opt(
        "Speculative draft (tokens)",
        8,
        "speculative decoding: longest draft in tokens (copies from the sources); 0 = off",
        0,
        maximum=WHOLE_MAX,
    )
    rerank: str = _opt(
        "Rerank passages",
        "auto",
        "cross-encoder reranking of the fused passages: auto = when a reranker model is "
        "installed (medlocal models import FILE.gguf), off = never",
        None,
        RERANK_MODES,
    )
    rerank_candidates: int = _opt(
        "Passages to rerank",
        24,
        "fused passages the reranker rescores before the top k are kept",
        1,
        maximum=WHOLE_MAX,
    )
    chat_rerank: int = _opt(
        "Rerank with the chat model",
        0,
        "answers: the loaded chat model re-orders this many top passages by its probability of "
        "'yes, relevant' (one forward pass each; slow on a CPU); 0 = off",
        0,
        maximum=WHOLE_MAX,
    )

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: str(f.metadata["help"]) for f in fields(cls)}


# version N -> N+1 upgrade steps, applied in order to the raw TOML table.
_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def _declared(name: str) -> Field[Any] | None:
    return next((f for f in fields(Settings) if f.name == name), None)


def declared_default(name: str) -> Any:
    """Setting ``name``'s declared default (one place for it, not a copy per caller)."""
    spec = _declared(name)
    if spec is None or spec.default is MISSING:
        raise KeyError(name)
    return spec.default


class SettingValueError(UserInputError):
    """A value setting ``name`` cannot take; the message names the setting by its ``label``
    (what the Settings window shows), not by its key."""

    def __init__(self, name: str, label: str, problem: str) -> None:
        super().__init__(f"{label} {problem}")
        self.name = name
        self.label = label
        self.problem = problem


def label_of(name: str) -> str:
    """Setting ``name``'s label for people, from its declaration."""
    spec = _declared(name)
    if spec is None:
        raise KeyError(name)
    return str(spec.metadata["label"])


def in_window(name: str) -> str:
    """Where the window sets setting ``name``: "Settings → Context size (tokens)"."""
    return f"Settings → {label_of(name)}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def upper_bound(name: str) -> float | None:
    """The most setting ``name`` takes here: this computer's bound where it has one, else the
    declared maximum (None: none)."""
    spec = _declared(name)
    if spec is None:
        raise KeyError(name)
    machine_max = spec.metadata.get("machine_max")
    return float(machine_max()) if machine_max is not None else spec.metadata.get("max")


def range_text(name: str) -> str:
    """The values setting ``name`` takes, in words ("512 to 131072 (or 0 for the model's own)",
    "at least 0"), or "" when it has no range. A maximum that is only the container's
    (:data:`WHOLE_MAX`) is not said."""
    spec = _declared(name)
    if spec is None:
        raise KeyError(name)
    minimum, maximum = spec.metadata.get("min"), upper_bound(name)
    if maximum == WHOLE_MAX:
        maximum = None
    zero = spec.metadata.get("zero")
    special = f" (or 0 for {zero})" if zero else ""
    if minimum is not None and maximum is not None:
        return f"{_number(minimum)} to {_number(maximum)}{special}"
    if minimum is not None:
        return f"at least {_number(minimum)}{special}"
    if maximum is not None:
        return f"at most {_number(maximum)}{special}"
    return ""


def coerce_setting(name: str, value: Any, *, this_computer: bool = True) -> Any:
    """``value`` converted to the declared type of setting ``name`` and checked; a bad value
    raises :class:`SettingValueError` naming the setting's label. ``this_computer``: check this
    computer's bound too (when a value is set; a file read may come from a larger computer)."""
    spec = _declared(name)
    if spec is None:
        known = ", ".join(f.name for f in fields(Settings))
        raise UserInputError(f"unknown setting '{name}' (known: {known})")

    def refuse(problem: str) -> SettingValueError:
        return SettingValueError(name, str(spec.metadata["label"]), problem)

    kind = type(spec.default) if spec.default is not MISSING else str
    result = _convert(kind, value)
    if result is None:
        problem = f"needs {_KIND_WORDS[kind]}, not '{value}'"
        if kind is int and _convert(float, value) is not None:
            problem += ": a fraction is not rounded"  # 512.7, where 512.0 is taken
        raise refuse(problem)
    choices = spec.metadata.get("choices")
    if choices:
        # Walk 40: "settings set ocr ON" and theme "DARK" were refused; any case means the same
        # choice, stored in its canonical (lower-case) form.
        canonical = {choice.casefold(): choice for choice in choices}
        if (chosen := canonical.get(result.strip().casefold())) is None:
            raise refuse(f"must be one of: {', '.join(choices)}, not '{value}'")
        return chosen
    if spec.metadata.get("folder") and result and not result.strip():
        # Walk 40: "   " was refused as "a relative one would mean another folder".
        raise refuse(
            f"is blank ('{value}'): give a folder's full path (such as /media/usb/medlocal), or "
            'an empty value ("") to clear the setting'
        )
    if spec.metadata.get("folder") and result:
        folder = Path(result).expanduser()
        if not folder.is_absolute():
            # Walk 30: "stickrel" made a new backup folder under every folder a command ran in.
            raise refuse(
                f"needs a folder's full path (such as /media/usb/medlocal), not '{value}': a "
                "relative one would mean another folder wherever a command runs"
            )
        return str(folder)
    if result == 0 and spec.metadata.get("zero"):
        return result  # the special value (auto)
    minimum = spec.metadata.get("min")
    maximum = spec.metadata.get("max")
    too_low = minimum is not None and result < minimum
    if too_low or (maximum is not None and result > maximum):
        # Walk 39: named by its label with its range, never "setting 'context_tokens' must be
        # at least 512 (or 0)".
        bound = "at least" if too_low else "at most"
        limit = _number(minimum if too_low else maximum)  # type: ignore[arg-type]
        whole = range_text(name)
        zero = spec.metadata.get("zero")
        # Review 49b R10: "Keep newest backups must be at least 1" hid that 0 (all) is taken.
        special = f" (or 0 for {zero})" if too_low and zero and " to " not in whole else ""
        problem = f"must be {bound} {limit}{special}, not {_number(result)}"
        if " to " in whole:  # both ends are real ones ("at least 0" was said above already)
            problem += f": its range is {whole}"
        elif not too_low and maximum == WHOLE_MAX:
            problem += " (the largest number a setting can hold)"
        raise refuse(problem)
    machine_max = spec.metadata.get("machine_max")  # CPU threads: the only such setting
    if this_computer and machine_max is not None and result > (most := machine_max()):
        cpus = os.cpu_count() or 1
        raise refuse(
            f"must be at most {most}, not {_number(result)}: this computer has {cpus} logical "
            f"CPU{'s' if cpus != 1 else ''}, and more than {THREADS_PER_CPU} threads per CPU only "
            "slow the model down (0 = as many as the physical cores)"
        )
    return result


_KIND_WORDS = {int: "a whole number", float: "a number", str: "text"}


def _convert(kind: type, value: Any) -> Any:
    """``value`` as ``kind``, or None when it is not one: no silent rounding (96.7 is not an
    int), no booleans read as numbers, and no NaN or infinity (every comparison with NaN is
    false, so it would pass any range check)."""
    if isinstance(value, bool) and kind is not str:
        return None
    if not isinstance(value, (str, int, float)):
        return None  # a TOML list, table or date is no setting's value
    if isinstance(value, str) and kind is not str:
        value = value.strip()
    if kind is int and isinstance(value, str):
        # A whole number typed with a point ("512.0", "1e3") is accepted as the file accepts
        # 512.0 and 1e3 (walk 40: the file took them, `settings set` refused them); a fractional
        # part ("512.7") is still refused, never rounded.
        try:
            value = int(value)
        except ValueError:
            try:
                value = float(value)
            except ValueError:
                return None
    if kind is int and isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    try:
        result = kind(value)
    except (ValueError, OverflowError, TypeError):
        return None
    if isinstance(result, float) and not math.isfinite(result):
        return None
    return result


def load_settings(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """The settings in ``path``, with ``overrides`` replacing what the file says (so a bad value
    in the file can be corrected with ``settings set``). A file that cannot be used raises
    :class:`SettingsFileError`."""
    path = path or settings_path()
    if not path.exists():
        return Settings(**{k: coerce_setting(k, v) for k, v in (overrides or {}).items()})
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsFileError(path, f"not valid TOML ({exc})") from exc
    except OSError as exc:  # a folder, or no permission
        raise SettingsFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    version = _file_version(path, raw.pop("version", SETTINGS_VERSION))
    if version > SETTINGS_VERSION:
        # A SettingsFileError, as any unusable file is: every face then says this one thing
        # (walk 30: search said "Searching exact words only." before it).
        raise SettingsFileError(
            path,
            f"written by a newer MedLocal (settings version {version})",
            "update MedLocal (or delete the file to start from the defaults)",
            newer=True,
        )
    while version < SETTINGS_VERSION:
        raw = _UPGRADES[version](raw)
        version += 1
    # A file written before auto-lock had a real maximum (session 39) may hold more than a day:
    # it opens with a day, the longest idle lock, rather than failing as a whole.
    lock = raw.get("auto_lock_minutes")
    if isinstance(lock, int) and not isinstance(lock, bool) and lock > AUTO_LOCK_MAX_MINUTES:
        raw["auto_lock_minutes"] = AUTO_LOCK_MAX_MINUTES
    raw.update(overrides or {})
    known = {f.name for f in fields(Settings)}
    # Unknown keys are ignored rather than fatal, but never silently (walk 40: "temprature = 1.9"
    # left the temperature at 0.2 without a word): see unknown_settings. Refusing the whole file
    # would stop every command, and the window's only way on (Reset to defaults) would drop the
    # person's other settings; a key from a newer MedLocal must not stop an older one either.
    for note in unknown_settings_in(raw):
        log.warning("%s: %s", path.name, note)
    try:
        # This computer's bounds are checked when a value is set, not here (see THREADS_PER_CPU).
        return Settings(
            **{k: coerce_setting(k, v, this_computer=False) for k, v in raw.items() if k in known}
        )
    except SettingValueError as exc:
        # The file is edited by its keys: the key first, then the label's message.
        raise SettingsFileError(path, f"setting '{exc.name}': {exc}") from exc
    except UserInputError as exc:
        raise SettingsFileError(path, str(exc)) from exc


def unknown_settings_in(raw: dict[str, Any]) -> list[str]:
    """What to say about each key of a settings table that is no setting: its name, the setting
    it most likely means ("did you mean temperature?"), and that it is ignored."""
    known = [f.name for f in fields(Settings)]
    notes = []
    for key in raw:
        if key == "version" or key in known:
            continue
        note = f"'{key}' is not a setting"
        close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
        if close:
            meant = close[0]
            value = raw.get(meant, declared_default(meant))
            note += f" (did you mean {meant}?): it is ignored, so {meant} stays {_shown(value)}"
        else:
            note += ": it is ignored"
        notes.append(note + "; correct or delete that line")
    return notes


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


def unknown_settings(path: Path | None = None) -> list[str]:
    """Notes on the keys of the settings file that are no setting (see
    :func:`unknown_settings_in`); [] when there is no file or it cannot be read (loading it
    says why)."""
    path = path or settings_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []
    return unknown_settings_in(raw)


def _file_version(path: Path, value: Any) -> int:
    """The file's ``version``: a whole number from 1 (the first) up; 1.7 or "abc" is refused."""
    version = _convert(int, value)
    if version is None or version < 1:
        raise SettingsFileError(
            path, f"version = {value!r} is not a settings version (a whole number from 1)"
        )
    return int(version)


def reset_settings_file(path: Path | None = None) -> Path | None:
    """Move an unusable settings file aside (``settings.toml.bad-<time>``) so the defaults apply.
    Returns the backup copy's path, or None when there was no file."""
    path = path or settings_path()
    if not path.exists():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.bad-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.bad-{stamp}-{n}")
    path.rename(backup)
    return backup


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings_path()
    data = {"version": SETTINGS_VERSION, **asdict(settings)}
    # Keys that are no setting stay as the person wrote them: rewriting the file must neither
    # drop a newer MedLocal's setting nor make a typo's warning vanish with the line unfixed.
    # No file yet, or one that cannot be read: nothing to keep.
    with contextlib.suppress(OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        data |= {
            key: value
            for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items()
            if key not in data
        }
    atomic_write_private(path, tomli_w.dumps(data).encode("utf-8"))
    return path


def update_setting(name: str, value: str, path: Path | None = None) -> Settings:
    """Set ``name`` from the terminal: a folder typed relative is the one under the folder the
    command runs in, stored as its full path."""
    spec = _declared(name)
    if spec is not None and spec.metadata.get("folder") and value.strip():
        value = str(Path(value.strip()).expanduser().absolute())
    updated = load_settings(path, {name: coerce_setting(name, value)})
    save_settings(updated, path)
    return updated
