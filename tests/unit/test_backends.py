"""llama.cpp backend loading (medlocal.engine.backends) and the installers' CPU-variant rules.

On a plain source install (CI's test run) there are no variants and these tests check that
nothing changes. installers/build-linux.sh runs this file again in its build venv, where the
variant wheel from installers/build-llama.sh is installed: there the AMX, planted-library and
scoring tests run for real.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from medlocal.app.doctor import cpu_variant_line
from medlocal.engine import backends

ROOT = Path(__file__).resolve().parents[2]
LIB = backends.llama_lib_dir()
VARIANTS = backends.cpu_variants(LIB) if LIB else {}
needs_variants = pytest.mark.skipif(
    not VARIANTS or not sys.platform.startswith("linux"),
    reason="llama.cpp without CPU variants (plain source build); build-linux.sh runs these",
)


def _run(code: str, cwd: Path | None = None) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter (backends register once per process)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_no_amx_variant_is_installed() -> None:
    assert LIB is not None
    assert not set(VARIANTS) & backends.AMX_VARIANTS


def _lib_with_only(tmp_path: Path, names: dict[str, Path]) -> Path:
    """A copy of llama_cpp/lib (symlinks) holding only the given CPU variants."""
    assert LIB is not None
    folder = tmp_path / "lib"
    folder.mkdir(parents=True)
    for entry in LIB.iterdir():
        if not entry.name.startswith("libggml-cpu-"):
            (folder / entry.name).symlink_to(entry)
    for name, target in names.items():
        (folder / f"libggml-cpu-{name}.so").symlink_to(target)
    return folder


def _load_in_child(folder: Path) -> dict[str, object]:
    return _run(
        "import json; from pathlib import Path; from medlocal.engine import backends;"
        f"print(json.dumps(backends._load(Path({str(folder)!r})).as_dict()))"
    )


@needs_variants
def test_every_variant_reports_no_amx_code(tmp_path: Path) -> None:
    # Each variant, loaded on its own, lists the instruction sets compiled into it (ggml's
    # ggml_backend_get_features). An AMX build under any file name would list AMX_INT8.
    reported = {}
    for name, path in VARIANTS.items():
        status = _load_in_child(_lib_with_only(tmp_path / name, {name: path}))
        if status["cpu_variant"] != name:
            continue  # this CPU cannot run it (score 0)
        features = status["cpu_features"]
        assert isinstance(features, list)
        assert not any(f.startswith("AMX") for f in features), (name, features)
        reported[name] = features
    # The feature lists are a real witness: haswell has AVX2 and no AVX-512, x64 neither.
    if "haswell" in reported:
        assert "AVX2" in reported["haswell"] and "AVX512" not in reported["haswell"]
    if "x64" in reported:
        assert "AVX2" not in reported["x64"]
    assert reported


def test_status_matches_the_installed_build() -> None:
    status = _run(
        "import json; from medlocal.engine import backends, hardware;"
        "hardware.detect_backend(); print(json.dumps(backends.status().as_dict()))"
    )
    if VARIANTS:
        assert status["dynamic"] is True
        assert status["cpu_variant"] in VARIANTS
        assert not status["error"]
        features = status["cpu_features"]
        assert isinstance(features, list) and not any(f.startswith("AMX") for f in features)
    else:
        assert status["dynamic"] is False and status["cpu_variant"] == ""


@needs_variants
def test_best_scoring_variant_is_chosen() -> None:
    # Each variant's own score decides; the chosen one is the highest non-zero score.
    scores = {name: backends._score(path) for name, path in VARIANTS.items()}
    best = max(scores, key=lambda n: scores[n])
    status = _run(
        "import json; from medlocal.engine import backends;"
        "print(json.dumps(backends.ensure_loaded().as_dict()))"
    )
    assert status["cpu_variant"] == best, scores


@needs_variants
def test_library_planted_in_working_directory_is_not_loaded(tmp_path: Path) -> None:
    # ggml's default search includes the current directory; ours never does. Plant a copy of the
    # best variant under a new name in the working directory and check it is not mapped.
    best = max(VARIANTS.values(), key=backends._score)
    planted = tmp_path / "libggml-cpu-planted.so"
    shutil.copy(best, planted)
    maps = _run(
        "import json; from medlocal.engine import backends; backends.ensure_loaded();"
        "print(json.dumps({'maps': open('/proc/self/maps').read()}))",
        cwd=tmp_path,
    )["maps"]
    assert isinstance(maps, str)
    assert str(planted) not in maps
    assert str(LIB) in maps


@needs_variants
def test_amx_named_variant_is_refused(tmp_path: Path) -> None:
    # A lib folder whose "sapphirerapids" file would score highest: it must not be used.
    best = max(VARIANTS.values(), key=backends._score)
    folder = _lib_with_only(tmp_path, {"sapphirerapids": best, "x64": VARIANTS["x64"]})
    status = _load_in_child(folder)
    assert status["cpu_variant"] == "x64"
    assert "sapphirerapids" in status["available_variants"]


def test_backend_path_variable_is_ignored(tmp_path: Path) -> None:
    # GGML_BACKEND_PATH makes ggml_backend_load_all_from_path() load any library it names.
    planted = tmp_path / "libplanted.so"
    planted.write_bytes(b"not a library")
    code = (
        "import json, os; from medlocal.engine import backends; backends.ensure_loaded();"
        "print(json.dumps({'env': os.environ.get('GGML_BACKEND_PATH'),"
        " 'maps': open('/proc/self/maps').read() if os.path.exists('/proc/self/maps') else ''}))"
    )
    os.environ["GGML_BACKEND_PATH"] = str(planted)
    try:
        out = _run(code)
    finally:
        del os.environ["GGML_BACKEND_PATH"]
    assert str(planted) not in str(out["maps"])
    # With variants the variable is dropped before ggml could read it; without, left alone.
    assert (out["env"] is None) == bool(VARIANTS)


def test_doctor_line_names_the_variant() -> None:
    loaded = {
        "dynamic": True,
        "lib_dir": "/opt/medlocal/_internal/llama_cpp/lib",
        "cpu_variant": "zen4",
        "available_variants": ["haswell", "x64", "zen4"],
        "error": "",
    }
    assert cpu_variant_line(loaded) == (
        "zen4 variant loaded from /opt/medlocal/_internal/llama_cpp/lib "
        "(also shipped: haswell, x64)"
    )
    assert cpu_variant_line({"dynamic": False}).startswith("built into llama.cpp")
    failed = {**loaded, "cpu_variant": "", "error": "no CPU backend variant runs"}
    assert cpu_variant_line(failed) == "NOT LOADED: no CPU backend variant runs"


@needs_variants
def test_loading_the_backend_prints_nothing_on_the_terminal() -> None:
    # Walk 54b: every command of the bundle began with ggml's "load_backend: loaded CPU backend
    # from …" on stderr. It belongs in MedLocal's log (debug level), as llama.cpp's other lines.
    code = (
        "import logging, sys; from medlocal.engine import backends;"
        "logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format='%(message)s');"
        "backends.ensure_loaded()"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MEDLOCAL_LLAMA_VERBOSE", None)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr == ""
    assert "load_backend: loaded CPU backend from" in proc.stdout
