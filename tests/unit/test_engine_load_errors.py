"""A model whose context cannot be created says what to change (QA: `ask --ctx 99999999` said
only "llama.cpp could not load this model (Failed to create llama_context)")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from medlocal.engine.loading import LoadOptions, construct_llama
from medlocal.errors import ModelLoadError


class _NoContext:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise ValueError("Failed to create llama_context")


class _BadFile:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise ValueError("Failed to load model from file")


def test_a_context_that_cannot_be_made_suggests_a_smaller_ctx(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("llama_cpp.Llama", _NoContext)
    with pytest.raises(ModelLoadError) as caught:
        construct_llama(Path("m.gguf"), {"n_ctx": 99_999_999}, 0, LoadOptions())
    message = str(caught.value)
    assert "99,999,999 tokens" in message and "try a smaller one (--ctx" in message


def test_other_load_failures_give_no_context_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("llama_cpp.Llama", _BadFile)
    with pytest.raises(ModelLoadError) as caught:
        construct_llama(Path("m.gguf"), {"n_ctx": 2048}, 0, LoadOptions())
    assert "--ctx" not in str(caught.value)
