"""What this machine offers llama.cpp: backend, cores, memory, GPU.

The backend is read from the llama.cpp build that is installed (which ggml backend libraries ship
next to it, confirmed by ``llama_supports_gpu_offload``), not guessed from the hardware: a CUDA
card is useless to a CPU-only build.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import psutil

_BACKEND_LIBS = {
    "cuda": "CUDA",
    "metal": "Metal",
    "vulkan": "Vulkan",
    "hip": "ROCm",
    "sycl": "SYCL",
}


@dataclass(frozen=True)
class GpuInfo:
    name: str
    total_bytes: int | None
    free_bytes: int | None


@dataclass(frozen=True)
class HardwareReport:
    os: str
    machine: str
    cpu_model: str
    cpu_features: list[str]
    physical_cores: int
    logical_cores: int
    ram_total_bytes: int
    ram_available_bytes: int
    backend: str
    gpu_offload_supported: bool
    gpus: list[GpuInfo] = field(default_factory=list)
    llama_cpp_python_version: str = ""
    llama_cpp_system_info: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _llama_lib_dir() -> Path | None:
    import llama_cpp

    lib = Path(llama_cpp.__file__).parent / "lib"
    return lib if lib.is_dir() else None


@lru_cache(maxsize=1)
def detect_backend() -> tuple[str, bool]:
    """(backend name, GPU offload supported) for the installed llama.cpp build."""
    from medlocal.engine import backends

    # A build with loadable backends reports no GPU and no CPU until they are registered.
    backends.ensure_loaded()
    import llama_cpp

    supports = bool(llama_cpp.llama_supports_gpu_offload())
    names: list[str] = []
    lib_dirs = [d for d in (_llama_lib_dir(), os.environ.get("LLAMA_CPP_LIB_PATH")) if d]
    for lib_dir in lib_dirs:
        for entry in Path(lib_dir).glob("*ggml-*"):
            for key, label in _BACKEND_LIBS.items():
                if f"ggml-{key}" in entry.name and label not in names:
                    names.append(label)
    if supports and not names and platform.system() == "Darwin":
        names.append("Metal")  # Metal is compiled into libggml on some macOS builds
    if not supports or not names:
        return "CPU", supports
    return "+".join(names), supports


def physical_cores() -> int:
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


def _cpu_model() -> str:
    if platform.system() == "Linux":
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
    return platform.processor() or platform.machine()


def _system_info() -> str:
    import llama_cpp

    raw = llama_cpp.llama_print_system_info()
    return raw.decode("utf-8", "replace").strip() if isinstance(raw, bytes) else str(raw)


def _cpu_features(system_info: str) -> list[str]:
    """Features llama.cpp reports as compiled in *and* used (``AVX2 = 1``)."""
    features = []
    for part in system_info.replace("CPU :", "|").split("|"):
        name, _, value = part.partition("=")
        if value.strip() == "1":
            features.append(name.strip())
    return features


def nvidia_gpus() -> list[GpuInfo]:
    """GPU names and memory from nvidia-smi (a local tool; no network)."""
    exe = shutil.which("nvidia-smi")
    if not exe:
        return []
    try:
        out = subprocess.run(
            [exe, "--query-gpu=name,memory.total,memory.free", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    gpus = []
    for line in out.strip().splitlines():
        parts = [p.strip() for p in line.split(",")]
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            gpus.append(GpuInfo(parts[0], int(parts[1]) << 20, int(parts[2]) << 20))
    return gpus


def gpus_for_backend(backend: str) -> list[GpuInfo]:
    if "CUDA" in backend:
        return nvidia_gpus()
    if "Metal" in backend:
        # Apple silicon: unified memory; Metal may use roughly three quarters of it.
        vm = psutil.virtual_memory()
        return [GpuInfo("Apple GPU (unified memory)", vm.total, int(vm.available * 0.75))]
    return []


def hardware_report() -> HardwareReport:
    import llama_cpp

    backend, supports = detect_backend()
    info = _system_info()
    vm = psutil.virtual_memory()
    return HardwareReport(
        os=f"{platform.system()} {platform.release()}",
        machine=platform.machine(),
        cpu_model=_cpu_model(),
        cpu_features=_cpu_features(info),
        physical_cores=physical_cores(),
        logical_cores=os.cpu_count() or 1,
        ram_total_bytes=vm.total,
        ram_available_bytes=vm.available,
        backend=backend,
        gpu_offload_supported=supports,
        gpus=gpus_for_backend(backend),
        llama_cpp_python_version=llama_cpp.__version__,
        llama_cpp_system_info=info,
    )
