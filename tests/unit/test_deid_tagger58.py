"""Session 58, the tagger's training lists (tools/train_deid_tagger.py): ``--validate`` trains a
recipe on every development half of bench_deid's list but the validation ones (dev61-dev68),
not only on the shipped model's 28, and no list trains on a held-out half."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fixtures.tools import load_tool


@pytest.fixture
def training() -> Iterator[ModuleType]:
    yield load_tool("train_deid_tagger")


def test_validate_leaves_the_validation_halves_out_of_its_training(
    training: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # bench_deid's development list: the validation halves and halves the shipped model's
    # DEVELOPMENT lacks.
    every = ("dev", "dev3", "dev61", "dev68", "dev60")
    monkeypatch.setattr(training, "EVERY_DEVELOPMENT_HALF", every)
    trained: list[list[str]] = []
    scored: list[Path] = []
    monkeypatch.setattr(training, "train", lambda halves, out, augment: trained.append(halves))
    monkeypatch.setattr(training, "validate", lambda model: scored.append(model))
    model = tmp_path / "recipe.crfsuite"
    monkeypatch.setattr(sys, "argv", ["train_deid_tagger.py", "--validate", str(model)])
    assert training.main() == 0
    assert [list(halves) for halves in trained] == [["dev", "dev3", "dev60"]]
    assert scored == [model]


def test_validation_halves_are_the_newest_development_halves_and_never_held_out(
    training: ModuleType,
) -> None:
    assert training.VALIDATION == (
        "dev61",
        "dev62",
        "dev63",
        "dev64",
        "dev65",
        "dev66",
        "dev67",
        "dev68",
    )
    # The cross-validation tool reads benchmarks/bench_deid.py's development list.
    development = set(load_tool("cv_deid_tagger").DEVELOPMENT)
    assert set(training.VALIDATION) <= development
    assert set(training.DEVELOPMENT) <= development
    assert set(training.validation_training()) == development - set(training.VALIDATION)
    assert not set(training.HELD_OUT) & set(training.validation_training())
