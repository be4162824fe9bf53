"""Load llama.cpp's CPU (and GPU) backend libraries explicitly, from llama_cpp's own folder.

The installers ship llama.cpp built with ``GGML_BACKEND_DL=ON`` and ``GGML_CPU_ALL_VARIANTS=ON``
(installers/build-llama.sh): the CPU backend is one library per instruction-set level
(``libggml-cpu-haswell.so``, ``-zen4``, ...) next to ``libggml.so`` in ``llama_cpp/lib``. Such a
build registers no backend by itself, and llama-cpp-python 0.3.36 never asks it to; ggml's own
``ggml_backend_load_all()`` would search the executable's folder *and the current working
directory*, so a library planted in whatever folder the user opened would be loaded. We therefore
score the variants ourselves (each exports ``ggml_backend_score``), register the best one with
``ggml_backend_load(path)`` and never pass ggml a search path it did not come from.

A plain source install (``pip install llama-cpp-python``) has no variant files: then nothing here
runs and llama.cpp keeps its built-in CPU backend.

The AMX variant (``sapphirerapids``) is never loaded even if someone copies it in: its matmul
kernel crashes with 0.3.36 (ggml_backend_amx_mul_mat SIGSEGV on multi-token batches).
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import os
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Variant names whose libraries carry AMX code (ggml's x86 list: only sapphirerapids today).
AMX_VARIANTS = frozenset({"sapphirerapids"})
# GPU/accelerator backends a DL build may ship beside the CPU variants.
GPU_BACKENDS = ("cuda", "hip", "metal", "vulkan", "sycl", "blas")


@dataclass(frozen=True)
class BackendStatus:
    """What was loaded, for ``medlocal doctor`` (no paths beyond the install folder)."""

    dynamic: bool  # True when llama.cpp was built with loadable backends (variants present)
    lib_dir: str = ""
    cpu_variant: str = ""  # e.g. "zen4"; "" for a build with the CPU code built in
    cpu_features: list[str] = field(default_factory=list)
    available_variants: list[str] = field(default_factory=list)
    gpu_backends: list[str] = field(default_factory=list)
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_lock = threading.Lock()
_status: BackendStatus | None = None


def _lib_prefix_suffix() -> tuple[str, str]:
    """File name parts of ggml's backend modules: ``ggml-cpu-x.dll`` or ``libggml-cpu-x.so``
    (``.so`` on macOS too: ggml builds them as CMake MODULE libraries and looks for ``.so``)."""
    if sys.platform == "win32":
        return "", ".dll"
    return "lib", ".so"


def _ggml_file() -> str:
    if sys.platform == "win32":
        return "ggml.dll"
    return "libggml.dylib" if sys.platform == "darwin" else "libggml.so"


def llama_lib_dir() -> Path | None:
    """``llama_cpp/lib`` of the installed package, found without importing it."""
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        lib = Path(location) / "lib"
        if lib.is_dir():
            return lib
    return None


def cpu_variants(lib_dir: Path) -> dict[str, Path]:
    """Variant name -> library file, for every ``ggml-cpu-<name>`` library in ``lib_dir``."""
    prefix, suffix = _lib_prefix_suffix()
    head = f"{prefix}ggml-cpu-"
    found = {}
    for entry in sorted(lib_dir.iterdir()):
        if entry.name.startswith(head) and entry.name.endswith(suffix) and entry.is_file():
            found[entry.name[len(head) : -len(suffix)]] = entry
    return found


def _close(lib: ctypes.CDLL) -> None:
    # ctypes never unloads; a variant we only scored should not stay mapped.
    import _ctypes

    handle = lib._handle
    closer = getattr(_ctypes, "FreeLibrary" if sys.platform == "win32" else "dlclose", None)
    if closer is not None:
        closer(handle)


def _score(path: Path) -> int:
    """The variant's own verdict on this CPU: 0 = cannot run here, higher = better."""
    try:
        lib = ctypes.CDLL(str(path))
    except OSError as exc:
        log.warning("cannot open CPU backend %s: %s", path.name, exc)
        return 0
    try:
        fn = lib.ggml_backend_score
    except AttributeError:
        _close(lib)
        return 0
    fn.restype = ctypes.c_int
    fn.argtypes = []
    score = int(fn())
    _close(lib)
    return score


class _Feature(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


def _features(ggml: ctypes.CDLL, reg: ctypes.c_void_p) -> list[str]:
    """Features a CPU backend registry reports as compiled in (``AVX2``, ``AVX512``, ...)."""
    ggml.ggml_backend_reg_get_proc_address.restype = ctypes.c_void_p
    ggml.ggml_backend_reg_get_proc_address.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    addr = ggml.ggml_backend_reg_get_proc_address(reg, b"ggml_backend_get_features")
    if not addr:
        return []
    get = ctypes.CFUNCTYPE(ctypes.POINTER(_Feature), ctypes.c_void_p)(addr)
    feats = get(reg)
    out = []
    i = 0
    while feats[i].name:
        value = (feats[i].value or b"").decode("ascii", "replace")
        name = feats[i].name.decode("ascii", "replace")
        out.append(name if value in ("1", "") else f"{name}={value}")
        i += 1
    return out


def _open_ggml(lib_dir: Path) -> ctypes.CDLL:
    # By full path: the dynamic loader then reuses this very copy when libllama asks for libggml.
    mode = getattr(os, "RTLD_GLOBAL", 0)
    return ctypes.CDLL(str(lib_dir / _ggml_file()), mode=mode)


def _load(lib_dir: Path) -> BackendStatus:
    variants = cpu_variants(lib_dir)
    if not variants:
        return BackendStatus(dynamic=False, lib_dir=str(lib_dir))
    # ggml_backend_load_all_from_path() would also load whatever GGML_BACKEND_PATH names; we call
    # ggml_backend_load() on our own files only, and drop the variable so nothing else honours it.
    os.environ.pop("GGML_BACKEND_PATH", None)
    ggml = _open_ggml(lib_dir)
    # ggml_backend_load() reports each load at INFO through ggml's logger, whose default prints
    # to stderr: to MedLocal's log instead, as llama.cpp's other lines (walk 54b).
    from medlocal.engine import llama_log

    llama_log.install_for_ggml(ggml)
    ggml.ggml_backend_load.restype = ctypes.c_void_p
    ggml.ggml_backend_load.argtypes = [ctypes.c_char_p]
    ggml.ggml_backend_unload.restype = None
    ggml.ggml_backend_unload.argtypes = [ctypes.c_void_p]

    usable = {name: path for name, path in variants.items() if name not in AMX_VARIANTS}
    if len(usable) != len(variants):
        log.warning("ignoring AMX CPU backend(s): %s", sorted(set(variants) - set(usable)))
    ranked = sorted(((_score(p), n) for n, p in usable.items()), reverse=True)
    chosen, features = "", []
    for score, name in ranked:
        if score <= 0:
            break
        reg = ggml.ggml_backend_load(os.fsencode(usable[name]))
        if not reg:
            continue
        features = _features(ggml, reg)
        if any(f.startswith("AMX") for f in features):
            # A renamed AMX build: refuse it and try the next best.
            log.warning("CPU backend %s carries AMX code; not used", name)
            ggml.ggml_backend_unload(reg)
            features = []
            continue
        chosen = name
        break
    gpus = []
    prefix, suffix = _lib_prefix_suffix()
    for name in GPU_BACKENDS:
        path = lib_dir / f"{prefix}ggml-{name}{suffix}"
        if path.is_file() and ggml.ggml_backend_load(os.fsencode(path)):
            gpus.append(name)
    error = "" if chosen else "no CPU backend variant runs on this processor"
    if error:
        log.error("%s (found: %s)", error, ", ".join(variants))
    else:
        log.info("llama.cpp CPU backend: %s", chosen)
    return BackendStatus(
        dynamic=True,
        lib_dir=str(lib_dir),
        cpu_variant=chosen,
        cpu_features=features,
        available_variants=sorted(variants),
        gpu_backends=gpus,
        error=error,
    )


def ensure_loaded() -> BackendStatus:
    """Register llama.cpp's backends once per process; call before any llama.cpp function."""
    global _status
    with _lock:
        if _status is None:
            lib_dir = llama_lib_dir()
            if lib_dir is None:
                _status = BackendStatus(dynamic=False, error="llama_cpp is not installed")
            else:
                try:
                    _status = _load(lib_dir)
                except (OSError, AttributeError) as exc:
                    # A broken install must still let doctor report; the model load then fails
                    # with llama.cpp's own message.
                    log.error("loading llama.cpp backends failed: %s", exc)
                    _status = BackendStatus(dynamic=True, lib_dir=str(lib_dir), error=str(exc))
        return _status


def status() -> BackendStatus:
    """What :func:`ensure_loaded` did (running it if nothing has yet)."""
    return ensure_loaded()
