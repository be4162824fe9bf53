#!/usr/bin/env bash
# Build (once) and install llama-cpp-python from source with CPU flags that are safe here.
#
# Why not a plain `pip install`: on CPUs with Intel AMX (Sapphire Rapids and later, which these
# CI machines are) llama.cpp's AMX matmul kernel, enabled by the default -march=native build,
# crashes with SIGSEGV on any multi-token batch (seen with 0.3.36 under gdb:
# ggml_backend_amx_mul_mat). We build for x86-64-v3 (AVX2/FMA/F16C) instead. pip's own wheel
# cache ignores CMAKE_ARGS, so wheels are cached here under a key that includes them.
set -euo pipefail
version=$(python3 - <<'PY'
import re, pathlib
text = pathlib.Path("pyproject.toml").read_text()
print(re.search(r'"llama-cpp-python==([^"]+)"', text).group(1))
PY
)
arch=$(uname -m)
if [ -z "${CMAKE_ARGS:-}" ] && [ "$arch" = "x86_64" ]; then
  export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"
fi
key=$(printf '%s|%s|%s|%s' "$version" "${CMAKE_ARGS:-}" "$arch" "$(python3 -c 'import sys;print(sys.version_info[:2])')" | sha256sum | cut -c1-16)
cache="${MEDLOCAL_WHEEL_CACHE:-$HOME/.cache/medlocal-wheels}/$key"
if ! ls "$cache"/llama_cpp_python-"$version"-*.whl >/dev/null 2>&1; then
  echo "building llama-cpp-python $version (CMAKE_ARGS=${CMAKE_ARGS:-}) into $cache"
  mkdir -p "$cache"
  python3 -m pip wheel --no-deps --no-cache-dir --no-binary llama-cpp-python \
    "llama-cpp-python==$version" -w "$cache"
fi
python3 -m pip install --no-deps --force-reinstall "$cache"/llama_cpp_python-"$version"-*.whl
