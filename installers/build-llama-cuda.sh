#!/usr/bin/env bash
# CUDA build recipe (documented, not run in CI: it needs the CUDA toolkit and takes ~30 min on
# 16 cores). Same wheel as installers/build-llama.sh -- CPU variants as loadable backends, AMX
# variant removed -- plus libggml-cuda.so, which medlocal.engine.backends loads from the same
# folder (llama_cpp/lib) when the machine has an NVIDIA driver; without one the load fails
# quietly and the CPU variant runs.
#
# Usage: installers/build-llama-cuda.sh [OUT_DIR]        (default: build/llama-wheel-cuda)
# Environment:
#   CUDA_ARCHS  CUDA architectures (default "75;80;86;89;90": Turing .. Hopper; add 120 for
#               Blackwell with CUDA >= 12.8). More architectures = bigger library, longer build.
#   CUDACXX     nvcc to use (default: from PATH)
# The bundle then carries libggml-cuda.so but NOT the CUDA runtime (libcudart, libcublas):
# install the CUDA runtime on the target, or add those libraries to build.spec's binaries --
# their licence (NVIDIA CUDA EULA, "redistributable" list) allows shipping libcudart and
# libcublas/libcublasLt. The driver (libcuda.so) always comes from the target machine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v "${CUDACXX:-nvcc}" >/dev/null || { echo "nvcc not found: install the CUDA toolkit" >&2; exit 1; }
archs=${CUDA_ARCHS:-75;80;86;89;90}
MEDLOCAL_LLAMA_EXTRA_CMAKE="-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=$archs ${MEDLOCAL_LLAMA_EXTRA_CMAKE:-}" \
  bash installers/build-llama.sh "${1:-build/llama-wheel-cuda}"
whl=$(ls "${1:-build/llama-wheel-cuda}"/llama_cpp_python-*.whl)
# The listing read once: a piped `grep -q` fails under pipefail when the listing meets a closed pipe.
listing=$(python3 -m zipfile -l "$whl")
grep -q 'libggml-cuda' <<<"$listing" || { echo "no libggml-cuda in $whl" >&2; exit 1; }
echo "CUDA wheel: $whl  (install it, then pyinstaller build.spec; medlocal doctor shows CUDA)"
