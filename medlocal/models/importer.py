"""Import GGUF models from disk or a USB stick: validate, hash, match the catalog, register.

A single file is copied into the models folder (hashing while copying, one read of a slow USB
stick) or referenced in place. A folder may carry a ``SHA256SUMS`` file (``sha256sum`` format);
each listed model is checked against it and each gets its own result, so one bad file does not
stop the rest.

A copy is written under a partial name (``.import-<pid>-<random>.partial``, never ``*.gguf``)
and renamed only once it is whole and checked: a process ended mid-copy (SIGTERM to the window's
``medlocal import-model``, a power cut) leaves nothing that looks like a model, and the next
import removes the partials whose process is gone (:func:`remove_stopped_imports`).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

from medlocal.engine.gguf import GGUFInfo, read_gguf_info
from medlocal.engine.hashing import sha256_file
from medlocal.engine.rerank import reranker_problem
from medlocal.errors import GenerationCancelled, MedLocalError, ModelLoadError, UserInputError
from medlocal.folding import fold_letters
from medlocal.fsutil import fsync_dir, shown_path
from medlocal.models.catalog import Role, bundled_catalog
from medlocal.models.compat import EMBEDDING_ARCHITECTURES, architecture_supported
from medlocal.models.files import free_destination, require_free_space
from medlocal.models.registry import HashProgress, InstalledModel, Registry, record_for_file
from medlocal.paths import models_dir

SUMS_FILE = "SHA256SUMS"
COPY_CHUNK_BYTES = 4 << 20
_SUMS_LINE = re.compile(r"^([0-9a-fA-F]{64})\s+\*?(.+?)\s*$")
PARTIAL_PREFIX = ".import-"
PARTIAL_SUFFIX = ".partial"
# Copies named before the process id was in the name (``.import-XXXX.gguf``): one not written
# for this long belongs to no running import (a copy writes every few seconds even from a slow
# stick).
UNNAMED_PARTIAL_STALE_S = 3600.0
# Only the exact forms ``tempfile.mkstemp`` gives (review 53a: any ``.import-<digits>-`` name was
# taken, a model imported under such a name included).
_PARTIAL_NAME = re.compile(
    re.escape(PARTIAL_PREFIX) + r"(\d+)-[a-z0-9_]{8}" + re.escape(PARTIAL_SUFFIX)
)
_UNNAMED_PARTIAL = re.compile(re.escape(PARTIAL_PREFIX) + r"[a-z0-9_]{8}\.gguf")
log = logging.getLogger(__name__)


class ChecksumMismatch(ModelLoadError):
    """A file's SHA-256 differs from the value its SHA256SUMS (or the catalog) lists."""


class ImportStopped(GenerationCancelled):
    """The import was stopped during its copy; the part copied so far was deleted."""


@dataclass(frozen=True)
class ImportResult:
    model: InstalledModel
    info: GGUFInfo
    already_installed: bool = False
    stopped_copies_removed: int = 0  # partials of earlier, stopped imports deleted first

    @property
    def message(self) -> str:
        if self.model.role == "reranker":
            template = "rank pooling: yes"
        else:
            template = "chat template: yes" if self.info.chat_template else "chat template: no"
        prefix = "already installed" if self.already_installed else "imported"
        removed = self.stopped_copies_removed
        cleaned = (
            f"; removed {removed} unfinished cop{'y' if removed == 1 else 'ies'} left by "
            "an import that was stopped"
            if removed
            else ""
        )
        return (
            f"{prefix} {self.model.id} ({self.info.architecture}, {self.model.role}, "
            f"{template}) — {self.model.provenance}{cleaned}"
        )


@dataclass(frozen=True)
class FolderItem:
    name: str
    ok: bool
    message: str
    result: ImportResult | None = None


def folder_summary(items: list[FolderItem]) -> str:
    """One line on a folder import, as ``medlocal models import FOLDER`` and the model manager
    both report it: "2 imported, 1 already installed, 1 not imported" (a model already
    installed is not counted as imported)."""
    failed = sum(1 for i in items if not i.ok)
    known = sum(1 for i in items if i.result is not None and i.result.already_installed)
    present = f", {known} already installed" if known else ""
    return f"{len(items) - failed - known} imported{present}, {failed} not imported"


def check_model_file(path: Path) -> GGUFInfo:
    """Header, metadata and architecture checks; raises ModelLoadError with a clear reason."""
    info = read_gguf_info(path)
    if not architecture_supported(info.architecture):
        raise ModelLoadError(
            f"{path.name}: architecture '{info.architecture}' is not supported by the bundled "
            "llama.cpp"
        )
    return info


def infer_role(info: GGUFInfo) -> Role:
    # Checked first: a reranker is usually an encoder architecture too (bert, xlm-roberta).
    if info.is_reranker:
        return "reranker"
    if info.architecture in EMBEDDING_ARCHITECTURES or (
        info.pooling_type is not None and not info.chat_template
    ):
        return "embedding"
    return "chat"


def _ascii_slug(text: str) -> str:
    """``text`` as lower-case ASCII words joined by hyphens, Latin letters transliterated
    (é -> e, Ü -> u, ß -> ss); other scripts dropped. ASCII names give the ids they always did."""
    return re.sub(r"[^a-z0-9]+", "-", fold_letters(text)).strip("-")


def model_id_base(stem: str, gguf_name: str | None = None) -> str:
    """The id a model imported from a file named ``stem`` gets (before ``-2``, ``-3`` for ids
    taken). Walk 43 D7: "Modèle clinique Ü v2" became ``mod-le-clinique-v2`` and "医学" ``model``;
    now ``modele-clinique-u-v2``, and a name with no Latin letters takes the GGUF's
    ``general.name`` when that has some, else keeps its own letters (``医学``)."""
    slug = _ascii_slug(stem)
    if stem.isascii() or re.search(r"[a-z]", slug):
        return slug or "model"  # an ASCII name: the id it always got
    named = _ascii_slug(gguf_name or "")
    if re.search(r"[a-z]", named):
        return named
    readable = re.sub(r"[\W_]+", "-", stem.lower()).strip("-")
    return slug or readable or "model"


def _partial_is_stale(entry: Path) -> bool:
    """Named as a partial, this account's, and its process gone (see :func:`_held_by_a_writer`
    for a process this one cannot see)."""
    if (owner := _PARTIAL_NAME.fullmatch(entry.name)) is not None:
        pid = int(owner.group(1))
        # A live process (this one included: another thread may be copying) still writes it.
        stale = pid != os.getpid() and not psutil.pid_exists(pid)
    elif _UNNAMED_PARTIAL.fullmatch(entry.name) is not None:
        try:
            stale = time.time() - entry.stat().st_mtime > UNNAMED_PARTIAL_STALE_S
        except OSError:
            return False
    else:
        return False
    if stale and hasattr(os, "getuid"):
        # A models folder shared between accounts: another account's partial is its to remove.
        try:
            return entry.stat().st_uid == os.getuid()
        except OSError:
            return False
    return stale


def _hold_partial(fd: int) -> int:
    """Take the OS lock on a partial copy being written, held until the import has registered
    it: the process id in the name is not proof enough (another container's or sandbox's pid
    namespace, a reused pid), the lock is; the OS drops it when the writer dies. Returns a
    second descriptor that keeps the lock once the copy's own is closed (-1: none). Windows
    needs none (a file open for writing there cannot be deleted), and a descriptor left open
    there would stop the rename."""
    if sys.platform == "win32":
        return -1
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)
    return os.dup(fd)


def _held_by_a_writer(entry: Path) -> bool:
    if sys.platform == "win32":
        return False
    import fcntl

    try:
        fd = os.open(entry, os.O_RDONLY)
    except OSError:
        return True  # gone or unreadable: nothing to remove
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _registered_paths() -> set[str]:
    try:
        return {os.path.normcase(m.path) for m in Registry().recorded_models()}
    except (MedLocalError, OSError):
        return set()


def remove_stopped_imports(folder: Path) -> int:
    """Delete the partial copies in ``folder`` left by imports that were ended mid-copy (the
    process killed, the computer stopped); one of a running import, another account's, or a
    registered model's file with a partial's name is left alone. Returns how many were
    deleted; a folder that cannot be read deletes nothing."""
    try:
        entries = [e for e in folder.iterdir() if e.name.startswith(PARTIAL_PREFIX)]
    except OSError:
        return 0
    if not entries:
        return 0
    registered = _registered_paths()
    removed = 0
    for entry in entries:
        if not entry.is_file() or entry.is_symlink() or not _partial_is_stale(entry):
            continue
        if os.path.normcase(str(entry)) in registered or _held_by_a_writer(entry):
            continue
        try:
            entry.unlink()
        except OSError as exc:
            log.warning("could not remove a stopped import's partial copy (%s)", exc.strerror)
            continue
        removed += 1
    if removed:
        log.info("removed %d partial cop(ies) of stopped model imports", removed)
    return removed


def _copy_hashing(
    source: Path,
    target_dir: Path,
    progress: HashProgress | None,
    cancel: threading.Event | None = None,
) -> tuple[Path, str, int]:
    """Copy ``source`` into ``target_dir`` under a partial name, returning (partial, sha256, a
    descriptor holding its lock: :func:`_release` it once the import has ended).
    ``cancel`` set stops the copy between chunks (:class:`ImportStopped`), the partial deleted."""
    total = source.stat().st_size
    require_free_space(target_dir, total, f"to import {source.name}")
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{PARTIAL_PREFIX}{os.getpid()}-", suffix=PARTIAL_SUFFIX, dir=target_dir
    )
    digest = hashlib.sha256()
    done = 0
    held = -1
    try:
        held = _hold_partial(fd)  # the lock outlives the copy's file object, to the registration
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while chunk := src.read(COPY_CHUNK_BYTES):
                if cancel is not None and cancel.is_set():
                    raise ImportStopped(
                        f"the import of {source.name} was stopped; nothing was kept"
                    )
                digest.update(chunk)
                out.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        _release(held)
        if exc.errno == 28:  # ENOSPC
            raise UserInputError(f"the disk filled up while importing {source.name}") from exc
        raise ModelLoadError(f"copying {source.name} failed ({exc.strerror or exc})") from exc
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        _release(held)
        raise
    return Path(tmp_name), digest.hexdigest(), held


def _release(held: int) -> None:
    if held >= 0:
        os.close(held)  # the last descriptor of the copy: its lock goes with it


def _rename_to_free_name(tmp: Path, folder: Path, name: str) -> Path:
    """Give the whole copy ``name`` (or ``<stem>-N``) without ever replacing a file there: two
    imports of files with one name both found it free, and the later rename replaced the model
    the first had just registered (review 53a). A hard link fails on a name taken meanwhile; a
    file system without links (FAT) falls back to a plain rename."""
    while True:
        final = free_destination(folder, name)
        try:
            os.link(tmp, final)
        except FileExistsError:
            continue  # taken since free_destination looked: the next free name
        except OSError:
            os.replace(tmp, final)
            return final
        with contextlib.suppress(OSError):  # else removed as a stopped import's, later
            tmp.unlink()
        return final


def import_gguf(
    path: Path,
    *,
    in_place: bool = False,
    role: Role | None = None,
    model_id: str | None = None,
    expected_sha256: str | None = None,
    progress: HashProgress | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """Validate, hash and register the GGUF at ``path`` (copied unless ``in_place``). ``cancel``
    stops a copy under way (:class:`ImportStopped`); once copied, the import goes to its end."""
    source = path.expanduser()
    info = check_model_file(source)
    if role == "reranker" and not info.is_reranker:
        # Refused here, not at first use: a reranker that cannot score would only fail later,
        # in the middle of a search.
        raise ModelLoadError(f"{source.name}: {reranker_problem(info)}")
    registry = Registry()
    removed = 0
    held = -1  # the partial copy's lock, kept until it is registered (or deleted)
    if in_place:
        final = source.resolve()
        digest = sha256_file(final, progress=progress)
    else:
        removed = remove_stopped_imports(models_dir())
        tmp, digest, held = _copy_hashing(source, models_dir(), progress, cancel)
    try:
        replaced = False  # once the copy has its final name, a failure must remove it there
        try:
            if expected_sha256 and digest != expected_sha256.lower():
                raise ChecksumMismatch(
                    f"{source.name}: SHA-256 {digest[:16]}… does not match the expected "
                    f"{expected_sha256.lower()[:16]}…; the file is damaged or not the one listed"
                )
            entry = bundled_catalog().by_sha256(digest)
            if entry is None:
                entry_by_name = next(
                    (
                        e
                        for e in bundled_catalog().entries
                        if e.filename == source.name and e.sha256
                    ),
                    None,
                )
                if entry_by_name is not None:
                    raise ChecksumMismatch(
                        f"{source.name} has the name of catalog entry {entry_by_name.id} but "
                        "not its SHA-256; it is damaged or has been altered"
                    )
            existing = next((m for m in registry.models() if m.sha256 == digest), None)
            if existing is not None and Path(existing.path).is_file():
                if not in_place:
                    tmp.unlink(missing_ok=True)
                return ImportResult(
                    existing, info, already_installed=True, stopped_copies_removed=removed
                )
            if not in_place:
                final = _rename_to_free_name(tmp, models_dir(), source.name)
                replaced = True
                fsync_dir(final.parent)
                info = check_model_file(final)  # the copy, not the stick, is what will be loaded
        except BaseException:
            if not in_place:
                (final if replaced else tmp).unlink(missing_ok=True)
            raise
        chosen_id = model_id or registry.unique_id(
            entry.id if entry else model_id_base(source.stem, info.name)
        )
        record = record_for_file(
            final,
            model_id=chosen_id,
            role=role or (entry.role if entry else infer_role(info)),
            source="import-in-place" if in_place else "import",
            managed=not in_place,
            architecture=info.architecture,
            catalog_entry=entry,
            sha256=digest,
        )
        registry.add(record)
        return ImportResult(record, info, stopped_copies_removed=removed)
    finally:
        _release(held)


def read_sums(path: Path) -> dict[str, str]:
    """``sha256sum`` output as {file name: lowercase digest}; malformed lines are errors."""
    sums: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _SUMS_LINE.match(line.strip())
        if not match:
            raise UserInputError(f"{path.name} line {number} is not '<sha256>  <file name>'")
        sums[Path(match.group(2)).name] = match.group(1).lower()
    return sums


def import_folder(
    folder: Path,
    *,
    in_place: bool = False,
    on_item: Callable[[FolderItem], None] | None = None,
) -> list[FolderItem]:
    """Import every GGUF in ``folder``; with a SHA256SUMS file, only listed files, each checked."""
    folder = folder.expanduser()
    sums_path = folder / SUMS_FILE
    sums = read_sums(sums_path) if sums_path.is_file() else None
    present = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix == ".gguf")
    names = sorted(set(present) | set(sums or {}))
    if not names:
        raise UserInputError(f"{shown_path(folder)} holds no .gguf model files")
    items: list[FolderItem] = []
    for name in names:
        if sums is not None and name not in sums:
            item = FolderItem(name, False, f"skipped: {name} is not listed in {SUMS_FILE}")
        elif name not in present:
            item = FolderItem(name, False, f"missing: {SUMS_FILE} lists {name} but it is absent")
        else:
            try:
                result = import_gguf(
                    folder / name,
                    in_place=in_place,
                    expected_sha256=sums.get(name) if sums else None,
                )
                checked = " (SHA256SUMS ok)" if sums else ""
                item = FolderItem(name, True, result.message + checked, result)
            except MedLocalError as exc:
                item = FolderItem(name, False, f"failed: {exc}")
        items.append(item)
        if on_item is not None:
            on_item(item)
    return items
