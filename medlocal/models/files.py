"""Rules every model file that lands in the models folder follows, whatever brought it there.

A downloaded or imported model is named after a file name that came from outside (the catalog,
the hub, a USB stick), so the name is checked before it is joined to a folder; it never
overwrites a model already there; and it is only started when the disk can hold it with room to
spare.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from medlocal.errors import MedLocalError, UserInputError
from medlocal.fsutil import shown_path

MODEL_SUFFIX = ".gguf"
DISK_MARGIN_BYTES = 256 << 20  # room for the registry, logs and the OS while a model lands


def require_model_filename(filename: str) -> str:
    """``filename`` when it is a plain ``*.gguf`` name, else a UserInputError.

    A name with a folder part ("../x.gguf", "sub/x.gguf") would be written outside the models
    folder, or into a folder that does not exist."""
    if filename in ("", ".", "..") or Path(filename).name != filename or "\\" in filename:
        raise UserInputError(
            f"refusing the model file name {filename!r}: it must be a plain file name "
            "without folders"
        )
    if not filename.endswith(MODEL_SUFFIX) or filename == MODEL_SUFFIX:
        raise UserInputError(
            f"refusing the model file name {filename!r}: model files must end in {MODEL_SUFFIX}"
        )
    return filename


def free_destination(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/<stem>-N<suffix>`` with the first N not taken."""
    target = folder / name
    stem, suffix, n = target.stem, target.suffix, 2
    while target.exists():
        target = folder / f"{stem}-{n}{suffix}"
        n += 1
    return target


def require_free_space(
    folder: Path,
    needed: int,
    purpose: str,
    error: type[MedLocalError] = UserInputError,
) -> None:
    """Raise ``error`` unless ``folder``'s disk has ``needed`` bytes plus the safety margin free.

    ``purpose`` completes "not enough disk space …" (e.g. "to import x.gguf")."""
    free = shutil.disk_usage(folder).free
    if free < needed + DISK_MARGIN_BYTES:
        raise error(
            f"not enough disk space {purpose}: needs {needed / 1e9:.2f} GB (plus "
            f"{DISK_MARGIN_BYTES >> 20} MB to spare), {free / 1e9:.2f} GB free in "
            f"{shown_path(folder)}"
        )
