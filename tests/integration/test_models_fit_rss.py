"""The fit estimate against what llama.cpp really uses for the demo model.

A fresh process loads the demo GGUF at context 2048, evaluates a 512-token prompt (one full
micro-batch: the weights are paged in, the KV cache is allocated and cleared, the compute buffers
are used), and reports its RSS growth (measured here: 191 MB for 512 tokens, 218 MB for 1,500;
estimate 226 MB). The estimate must be within 30% of it: close enough to tell 8 GB from 16 GB
machines apart, which is what the green/yellow/red advice is for.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from medlocal.engine.gguf import read_gguf_info
from medlocal.models.fit import estimate_memory

TOLERANCE = 0.30

_CHILD = """
import sys, psutil, llama_cpp
path, n_ctx = sys.argv[1], int(sys.argv[2])
proc = psutil.Process()
before = proc.memory_info().rss
llm = llama_cpp.Llama(path, n_ctx=n_ctx, n_threads=2, verbose=False)
text = "The patient presents with chest pain and shortness of breath. " * 200
llm.eval(llm.tokenize(text.encode())[:512])
print(proc.memory_info().rss - before)
"""


def test_estimate_matches_measured_rss(demo_gguf: Path) -> None:
    n_ctx = 2048
    measured = int(
        subprocess.run(
            [sys.executable, "-c", _CHILD, str(demo_gguf), str(n_ctx)],
            capture_output=True, text=True, check=True, timeout=300,
        ).stdout.strip().splitlines()[-1]
    )
    estimate = estimate_memory(read_gguf_info(demo_gguf), n_ctx).total_bytes
    assert abs(estimate - measured) / measured < TOLERANCE, (estimate, measured)
