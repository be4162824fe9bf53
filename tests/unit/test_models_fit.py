"""Fit advice arithmetic: weights + KV cache + overhead against free RAM and VRAM."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from medlocal.engine.gguf import GGUFInfo, read_gguf_info
from medlocal.models.fit import advise, estimate_memory

GB = 10**9


@pytest.fixture(scope="module")
def demo_info(demo_gguf: Path) -> GGUFInfo:
    return read_gguf_info(demo_gguf)


def _llama3_8b(demo_info: GGUFInfo) -> GGUFInfo:
    """Llama-3-8B Q4_K_M shape: 32 layers, 32 heads, 8 KV heads, head size 128, 4.9 GB."""
    return dataclasses.replace(
        demo_info,
        architecture="llama",
        block_count=32,
        head_count=32,
        head_count_kv=8,
        embedding_length=4096,
        key_length=None,
        context_length=8192,
        tensor_bytes=int(4.92 * GB),
        metadata={"llama.feed_forward_length": 14336},
    )


def test_kv_cache_follows_the_gguf_shape(demo_info: GGUFInfo) -> None:
    info = _llama3_8b(demo_info)
    estimate = estimate_memory(info, 8192, flash_attn=False)
    # 2 (K and V) * 32 layers * 8 KV heads * 128 dims * 2 bytes (f16) per token.
    assert estimate.kv_cache_bytes == 2 * 32 * 8 * 128 * 2 * 8192 == 1_073_741_824
    assert estimate.weights_bytes == info.tensor_bytes
    # Without flash attention the 512 x 8192 x 32 attention scores dominate the overhead.
    assert 0.5 * GB < estimate.overhead_bytes < 1.0 * GB
    flash = estimate_memory(info, 8192)
    assert flash.kv_cache_bytes == estimate.kv_cache_bytes
    assert flash.overhead_bytes < 0.2 * GB


def test_verdicts_and_suggested_context(demo_info: GGUFInfo) -> None:
    info = _llama3_8b(demo_info)
    kwargs = {"backend": "CPU", "gpu_supported": False}
    green = advise(info, 8192, ram_available=16 * GB, **kwargs)  # type: ignore[arg-type]
    assert green.verdict == "green" and green.n_gpu_layers == 0 and green.suggested_ctx == 8192
    yellow = advise(info, 8192, ram_available=int(7.5 * GB), **kwargs)  # type: ignore[arg-type]
    assert yellow.verdict == "yellow" and "close other programs" in yellow.message
    assert yellow.suggested_ctx < 8192
    red = advise(info, 8192, ram_available=4 * GB, **kwargs)  # type: ignore[arg-type]
    assert red.verdict == "red" and "does not fit" in red.message


def test_gpu_offload_moves_weights_out_of_ram(demo_info: GGUFInfo) -> None:
    info = _llama3_8b(demo_info)
    all_on_gpu = advise(
        info, 8192, ram_available=4 * GB, vram_free=24 * GB, backend="CUDA", gpu_supported=True
    )
    assert all_on_gpu.n_gpu_layers == -1 and all_on_gpu.verdict == "green"
    partial = advise(
        info, 8192, ram_available=4 * GB, vram_free=3 * GB, backend="CUDA", gpu_supported=True
    )
    assert 0 < partial.n_gpu_layers < 33
    assert all_on_gpu.ram_needed_bytes < partial.ram_needed_bytes < partial.estimate.total_bytes


def test_context_is_clamped_to_the_trained_length(demo_info: GGUFInfo) -> None:
    advice = advise(demo_info, 10**6, ram_available=16 * GB, backend="CPU", gpu_supported=False)
    assert advice.estimate.n_ctx == demo_info.context_length


def test_doctor_and_fit_say_free_memory_in_one_unit(demo_info: GGUFInfo) -> None:
    """Walk 39: ``models fit`` said "23.7 GB free" and ``doctor`` "22.9 GiB available" for the
    same memory; both now say decimal GB, the same number for the same bytes."""
    from medlocal.app.doctor import DoctorReport

    available = 23_700_000_000
    advice = advise(demo_info, 2048, ram_available=available, backend="CPU", gpu_supported=False)
    assert "23.7 GB of RAM available" in advice.message
    hardware = {
        "os": "Linux", "machine": "x86_64", "cpu_model": "cpu", "physical_cores": 2,
        "logical_cores": 2, "cpu_features": [], "ram_total_bytes": 32_000_000_000,
        "ram_available_bytes": available, "backend": "cpu", "gpu_offload_supported": True,
        "gpus": [{"name": "gpu", "total_bytes": 8_000_000_000, "free_bytes": 6_500_000_000}],
        "llama_cpp_python_version": "0",
    }  # fmt: skip
    offline = {"guard_installed": True, "blocked_attempts": 0}
    lines = "\n".join(DoctorReport(hardware, {}, [], offline).lines())
    assert "RAM:       32.0 GB total, 23.7 GB available" in lines
    assert "GPU:       gpu (8.0 GB total, 6.5 GB free)" in lines
    assert "GiB" not in lines
