"""A downloaded file is checked against its catalog entry's quantisation too (user62's walk: a
46 MB F16 MiniLM served under bge-small-en-v1.5's Q8_0 name passed the architecture and size
checks, whose 10 MB slack is wider than a small embedder, and was recorded "verified")."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from medlocal.engine.gguf import read_gguf_info
from medlocal.models.catalog import bundled_catalog
from medlocal.models.catalog_match import catalog_mismatch

F16, Q8_0 = 1, 7  # llama.cpp's general.file_type numbers


def _bert_gguf(path: Path, file_type: int | None) -> Path:
    import gguf

    writer = gguf.GGUFWriter(path, "bert")
    writer.add_block_count(6)
    writer.add_embedding_length(384)
    if file_type is not None:
        writer.add_file_type(file_type)
    writer.add_tensor("blk.0.ffn_up.weight", np.zeros((64, 64), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def _entry():  # type: ignore[no-untyped-def]
    entry = bundled_catalog().get("bge-small-en-v1.5-q8")
    return dataclasses.replace(entry, size_gb=0.0)  # the size is not what is tested here


def test_a_file_of_another_quantisation_is_not_the_catalog_s_model(tmp_path: Path) -> None:
    info = read_gguf_info(_bert_gguf(tmp_path / "f16.gguf", F16))
    reason = catalog_mismatch(_entry(), info)
    assert reason is not None
    assert "quantised as F16, where the catalog lists Q8_0" in reason


def test_the_catalog_s_quantisation_or_none_said_passes(tmp_path: Path) -> None:
    assert (
        catalog_mismatch(_entry(), read_gguf_info(_bert_gguf(tmp_path / "q8.gguf", Q8_0))) is None
    )
    unsaid = read_gguf_info(_bert_gguf(tmp_path / "unsaid.gguf", None))
    assert catalog_mismatch(_entry(), unsaid) is None  # a file that does not say is not judged
