"""The self-test's OCR step: an install without the OCR engine fails it with the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from medlocal.app import selftest
from medlocal.ingest.ocr import engine


def test_ocr_step_names_the_missing_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = engine.EngineInfo(
        False, "RapidOCR", None, (), None, "rapidocr-onnxruntime is not installed"
    )
    monkeypatch.setattr(engine, "engine_info", lambda: missing)
    state: Any = selftest.SelftestState(workspace=None, sample=Path("unused"))  # type: ignore[arg-type]
    with pytest.raises(selftest.SelftestFailure, match="rapidocr-onnxruntime is not installed"):
        selftest._ocr(state)


def test_ocr_step_runs_between_the_answer_and_the_lock() -> None:
    names = [name for name, _ in selftest.STEPS]
    assert names.index("grounded answer") < names.index("scanned page (OCR)") < names.index("lock")
