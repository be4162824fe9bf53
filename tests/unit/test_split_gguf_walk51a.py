"""Walk 51a LOW 8: the first part of a model split with llama.cpp's gguf-split was refused as
"the file is truncated". A part (split.count > 1) is now named as such, with how to join the
parts; a later part, which holds no architecture, is named too."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest

from medlocal.engine.gguf import read_gguf_info
from medlocal.errors import ModelLoadError


def _part(path: Path, number: int, count: int, *, first: bool) -> Path:
    writer = gguf.GGUFWriter(path, "llama" if first else None)
    if first:
        writer.add_name("split-test")
        writer.add_context_length(2048)
        writer.add_embedding_length(64)
        writer.add_block_count(2)
        writer.add_head_count(4)
    writer.add_uint16(gguf.Keys.Split.LLM_KV_SPLIT_NO, number)
    writer.add_uint16(gguf.Keys.Split.LLM_KV_SPLIT_COUNT, count)
    writer.add_int32(gguf.Keys.Split.LLM_KV_SPLIT_TENSORS_COUNT, 2 * count)
    weights = np.zeros((64, 64), dtype=np.float32)
    writer.add_tensor(f"blk.{number}.ffn_up.weight", weights)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


@pytest.mark.parametrize(("number", "first"), [(0, True), (2, False)])
def test_a_part_of_a_split_model_is_named_not_called_truncated(
    tmp_path: Path, number: int, first: bool
) -> None:
    path = _part(tmp_path / f"Med-7B-0000{number + 1}-of-00003.gguf", number, 3, first=first)
    with pytest.raises(ModelLoadError) as caught:
        read_gguf_info(path)
    said = str(caught.value)
    assert f"part {number + 1} of 3 of a model split into parts" in said
    assert "llama-gguf-split --merge" in said and "truncated" not in said


def test_a_one_part_split_is_a_whole_model(tmp_path: Path) -> None:
    assert read_gguf_info(_part(tmp_path / "whole.gguf", 0, 1, first=True)).architecture == "llama"
