#!/usr/bin/env bash
# Build llama-cpp-python (the version pinned in pyproject.toml) once, for every x86-64 CPU, as the
# wheel the installers bundle:
#   GGML_BACKEND_DL=ON + GGML_CPU_ALL_VARIANTS=ON + GGML_NATIVE=OFF: the CPU backend is built as
#   one loadable library per instruction-set level (libggml-cpu-haswell.so, -zen4, ...) and
#   medlocal.engine.backends loads the best one for the running CPU from llama_cpp/lib at start.
#   The AMX variant (sapphirerapids) is removed from the list before CMake runs: its
#   ggml_backend_amx_mul_mat crashes on multi-token batches with 0.3.36 (SIGSEGV seen under gdb on
#   the CI Xeons). tests/unit/test_backends.py fails if an AMX variant is ever installed.
#   llama-cpp-python's CMakeLists installs only a plain ggml-cpu target; we add an install rule for
#   each variant so they land next to libggml.so in the wheel.
#
# Usage: installers/build-llama.sh [OUT_DIR]          (default: build/llama-wheel)
# Environment:
#   MEDLOCAL_CPU_VARIANTS  space-separated subset of variants to build (default: all but AMX);
#                          e.g. "x64 haswell zen4" for a quick local build
#   MEDLOCAL_LLAMA_SDIST   path to llama_cpp_python-VERSION.tar.gz (default: pip download it)
#   MEDLOCAL_LLAMA_EXTRA_CMAKE  extra CMake arguments (installers/build-llama-cuda.sh uses it)
#   JOBS                   parallel compile jobs (default 2)
# Needs: a C/C++ compiler, cmake >= 3.21, ninja, scikit-build-core (pip install scikit-build-core).
# Build on the oldest Linux you support (see installers/README.md): the wheel inherits its glibc.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$(realpath -m "${1:-build/llama-wheel}")
version=$(python3 - <<'PY'
import re, pathlib
print(re.search(r'"llama-cpp-python==([^"]+)"', pathlib.Path("pyproject.toml").read_text()).group(1))
PY
)
work=${MEDLOCAL_LLAMA_WORK:-$root/build/llama-src}
mkdir -p "$work" "$out"

sdist=${MEDLOCAL_LLAMA_SDIST:-}
if [ -z "$sdist" ]; then
  sdist=$work/llama_cpp_python-$version.tar.gz
  if [ ! -f "$sdist" ]; then
    # --no-build-isolation: without it pip builds cmake itself from source just to read metadata
    python3 -m pip download --no-deps --no-binary llama-cpp-python --no-build-isolation \
      "llama-cpp-python==$version" -d "$work" -q
  fi
fi
src=$work/llama_cpp_python-$version
rm -rf "$src"
tar xzf "$sdist" -C "$work"

# Patch the variant list and the install rules; fail loudly if upstream's text moved.
MEDLOCAL_CPU_VARIANTS=${MEDLOCAL_CPU_VARIANTS:-} python3 - "$src" <<'PY'
import os, re, sys, pathlib
src = pathlib.Path(sys.argv[1])
ggml = src / "vendor/llama.cpp/ggml/src/CMakeLists.txt"
text = ggml.read_text()
pattern = re.compile(r"^([ \t]*)ggml_add_cpu_backend_variant\(([^\s)]+)([^)\n]*)\)[ \t]*$", re.M)
x86 = [m for m in pattern.finditer(text) if m.group(2) in {
    "x64", "sse42", "sandybridge", "ivybridge", "piledriver", "haswell", "skylakex", "cannonlake",
    "cascadelake", "icelake", "cooperlake", "zen4", "alderlake", "sapphirerapids"}]
if len(x86) < 10:
    sys.exit(f"expected the x86 variant list in {ggml}; found {len(x86)} entries")
wanted = os.environ.get("MEDLOCAL_CPU_VARIANTS", "").split()
kept: list[str] = []
other: list[str] = []
def keep(m: re.Match[str]) -> str:
    name, feats = m.group(2), m.group(3)
    if name not in {x.group(2) for x in x86}:
        other.append(name)  # other architectures' lists are left alone (and installed)
        return m.group(0)
    if "AMX" in feats or (wanted and name not in wanted):
        return f"{m.group(1)}# removed by installers/build-llama.sh: {name}"
    kept.append(name)
    return m.group(0)
text = pattern.sub(keep, text)
unknown = set(wanted) - set(kept)
if unknown or not kept:
    sys.exit(f"unknown or AMX variants asked for: {sorted(unknown)}")
ggml.write_text(text)
top = src / "CMakeLists.txt"
t = top.read_text()
anchor = "    llama_cpp_python_install_target(ggml-cpu)\n"
if anchor not in t:
    sys.exit("llama-cpp-python's CMakeLists no longer installs ggml-cpu the way we expect")
rule = "".join(f"    llama_cpp_python_install_target(ggml-cpu-{n})\n" for n in kept + other)
t = t.replace(anchor, anchor + rule)
# llama-cpp-python forces llama.cpp's "common" helper library on (52 more files, cpp-httplib
# among them) but never installs or loads it: off, which halves the build on two cores.
common_on = 'set(LLAMA_BUILD_COMMON ON CACHE BOOL "Build llama.cpp common library" FORCE)'
if common_on in t:
    t = t.replace(common_on, common_on.replace(" ON ", " OFF "))
top.write_text(t)
print("CPU variants:", " ".join(kept))
PY

# GGML_NATIVE=OFF so nothing depends on the build machine's CPU; LLAVA_BUILD=OFF: MedLocal does
# not use the multimodal library (llama_cpp.mtmd_cpp loads it only when used).
export CMAKE_ARGS="-DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF ${MEDLOCAL_LLAMA_EXTRA_CMAKE:-}"
export CMAKE_BUILD_PARALLEL_LEVEL=${JOBS:-2}
echo "building llama-cpp-python $version with CMAKE_ARGS=$CMAKE_ARGS"
rm -f "$out"/llama_cpp_python-*.whl
python3 -m pip wheel --no-deps --no-build-isolation --no-cache-dir \
  --config-settings=build-dir="$work/build" "$src" -w "$out"
whl=$(ls "$out"/llama_cpp_python-"$version"-*.whl)
echo "built $whl"
# The listing is read once into a variable: `zipfile -l | grep -q` fails under pipefail when grep
# stops at its first match and the listing meets a closed pipe (BrokenPipeError).
listing=$(python3 -m zipfile -l "$whl")
grep -E "lib/.*ggml" <<<"$listing" || true
if ! grep -q "libggml-cpu-\|ggml-cpu-.*\.dll" <<<"$listing"; then
  echo "no CPU variant libraries in the wheel" >&2; exit 1
fi
# (Read from the same listing: under pipefail a piped grep that matched would make this test
# false, and an AMX variant would pass unnoticed.)
if grep -qi "sapphirerapids\|amx" <<<"$listing"; then
  echo "an AMX variant made it into the wheel" >&2; exit 1
fi
