#!/usr/bin/env bash
# GPU check on a machine with an NVIDIA card, the CUDA toolkit and no network (the session's lent
# GPU machine): llama-cpp-python built with CUDA by README's command (pip, CMAKE_ARGS), a model
# with random weights and Llama-3.2-1B's shapes (PRESET=3b: 3B's; speed depends on shapes and
# types, not values), then MedLocal's engine on it: benchmarks/bench_gpu.py (backend, automatic
# offload, a partial offload, Stop during generation) and benchmarks/bench_engine.py (token speed against
# llama.cpp's own decode loop in the same process, every layer on the GPU).
#
# Carried in .gpu/ (ignored by git; see ../shared/GPU.md): llama-src-VERSION.tgz (the slimmed
# sdist), whl/ (diskcache, platformdirs, tomli_w wheels: what the engine imports that the machine
# lacks), smollm2-vocab.gguf and gguf_random.py. Usage: bash benchmarks/gpu_check.sh [ARCH]
# (ARCH: CUDA architecture, default 90 = H100/H200). Results in $OUT (or /tmp/gpu_out).
set -uo pipefail
arch=${1:-90}
out=${OUT:-/tmp/gpu_out}
mkdir -p "$out"
t0=$(date +%s)
stamp() { echo "== $(($(date +%s) - t0)) s: $*"; }
work=/tmp/gpuw
rm -rf "$work"
mkdir -p "$work"
ver=$(sed -n 's/.*"llama-cpp-python==\([0-9.]*\)".*/\1/p' pyproject.toml | head -1)
src=$work/llama_cpp_python-$ver
python3 -m pip install -q --no-index --no-deps --no-compile --target "$work/site" .gpu/whl/*.whl
tar xzf ".gpu/llama-src-$ver.tgz" -C "$work"
nvidia-smi --query-gpu=name,driver_version,memory.total,memory.free --format=csv,noheader
nvcc --version | tail -1

# On an Intel CPU with AMX, 0.3.36's AMX kernel (which a -march=native build enables) crashes on
# multi-token batches even with every layer on the GPU (the README's AMX note): build for AVX2.
cpu_args=""
if grep -q amx_int8 /proc/cpuinfo; then
    cpu_args="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"
fi
stamp "building llama-cpp-python $ver with CUDA (arch $arch) $cpu_args, README's pip command"
if ! CMAKE_ARGS="-DGGML_CUDA=on -DCMAKE_CUDA_ARCHITECTURES=$arch $cpu_args" CMAKE_BUILD_PARALLEL_LEVEL=16 \
    python3 -m pip wheel -q --no-deps --no-build-isolation -w "$work/wheel" "$src" \
    >"$out/build.log" 2>&1; then
    tail -40 "$out/build.log"
    exit 1
fi
python3 -m pip install -q --no-index --no-deps --no-compile --target "$work/site" "$work"/wheel/*.whl
ls "$work/site/llama_cpp/lib"
# gguf-py: the engine reads quantisation block sizes from the gguf package (llama.cpp's own).
export PYTHONPATH=$PWD:$work/site:$src/vendor/llama.cpp/gguf-py PYTHONUNBUFFERED=1

stamp "model: ${PRESET:-1b} shapes, random weights, F16 then Q4_K_M"
python3 .gpu/gguf_random.py model .gpu/smollm2-vocab.gguf "$work/m.gguf" --preset "${PRESET:-1b}" \
    --n-vocab 128256 --gguf-py "$src/vendor/llama.cpp/gguf-py" --threads 16 | tail -2
python3 - "$work/m.gguf" "$work/m-q4km.gguf" >"$out/quantize.log" 2>&1 <<'EOF'
import ctypes, sys
import llama_cpp as lc
p = lc.llama_model_quantize_default_params()
p.ftype, p.nthread = lc.LLAMA_FTYPE_MOSTLY_Q4_K_M, 16
sys.exit(lc.llama_model_quantize(sys.argv[1].encode(), sys.argv[2].encode(), ctypes.byref(p)))
EOF
ls -la "$work/m-q4km.gguf"
rm -f "$work/m.gguf"

# The benchmarks import numpy at the top; the app's launcher loads llama.cpp before it
# (engine/native_first.py), and so must they: with numpy first, model loads crashed on the H200.
first() { timeout 100 python3 -c 'import runpy, sys
from medlocal.engine.native_first import load_before_numpy
load_before_numpy()
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")' "$@"; }
stamp "bench_gpu"
first benchmarks/bench_gpu.py --model "$work/m-q4km.gguf" >"$out/bench_gpu.txt" 2>&1
echo "rc=$?"
tail -1 "$out/bench_gpu.txt"
stamp "bench_engine, every layer on the GPU"
BENCH_N_GPU_LAYERS=-1 first benchmarks/bench_engine.py --model "$work/m-q4km.gguf" \
    --n-gen 256 --repeats 3 >"$out/bench_engine.txt" 2>&1
echo "rc=$?"
tail -1 "$out/bench_engine.txt"
stamp done
