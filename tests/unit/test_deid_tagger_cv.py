"""The tagger's grouped cross-validation (tools/cv_deid_tagger.py): folds by file, the feature
variants it compares, and its table."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fixtures.tools import load_tool


@pytest.fixture
def cv() -> Iterator[ModuleType]:
    module = load_tool("cv_deid_tagger")
    yield module


def test_folds_hold_each_half_once_and_are_never_empty(cv: ModuleType) -> None:
    halves = ("dev", "dev3", "dev4", "dev5a", "dev5b")
    groups = cv.folds(halves, 2)
    assert sorted(h for g in groups for h in g) == sorted(halves)
    assert all(groups)
    assert cv.folds(halves, 2) == groups  # deterministic


def _features(cv: ModuleType, variant: str, text: str) -> list[list[str]]:
    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.privacy.deid_tagger_features import lines_of
    from medlocal.privacy.deid_words import read_tokens

    lex = lexicon()
    line = lines_of(read_tokens(text, lex), text)[0]
    features: list[list[str]] = cv.SETTINGS[variant].features(line, text, lex, None)
    return features


def test_unspelled_features_drop_unknown_words_spelling_only(cv: ModuleType) -> None:
    text = "Seen by Qorvandel at the clinic today"
    current = _features(cv, "current", text)
    unspelled = _features(cv, "unspelled", text)
    assert any(f.startswith("suf=") for f in current[2])
    assert any("suf=" in f for f in current[1])  # the neighbour's
    for kept, full in zip(unspelled, current, strict=True):
        assert not any("suf" in f or "pre=" in f for f in kept)
        assert set(kept) <= set(full)
    assert "w=?" in unspelled[2]


def test_wide_features_see_two_and_three_words_away(cv: ModuleType) -> None:
    text = "Seen by Qorvandel at the clinic today"
    current = _features(cv, "current", text)
    wide = _features(cv, "wide", text)
    assert "-2known" in wide[3] and "-2known" not in current[3]  # "by", two before "the"
    assert any(f.startswith("3sh=") for f in wide[0])
    assert all(set(c) <= set(w) for c, w in zip(current, wide, strict=True))


def test_table_sums_folds_and_gives_each_folds_gain_over_the_rules(cv: ModuleType) -> None:
    def row(setting: str, threshold: float | None, fold: int, found: int, dam: int) -> dict:
        return {
            "setting": setting,
            "threshold": threshold,
            "fold": fold,
            "found": {"PERSON": found},
            "total": {"PERSON": 100},
            "clinical_damaged": dam,
            "clinical_total": 50,
        }

    rows = [row("rules", None, 0, 90, 1), row("rules", None, 1, 80, 0)]
    rows += [row("current", 0.3, 0, 93, 2), row("current", 0.3, 1, 79, 0)]
    lines = cv.table(rows).splitlines()
    assert "| current | 0.3 | 172/200 | 86.00% | 0/0 | 172/200 |" in lines[3]
    assert lines[3].endswith("| 2/100 | +3/+1 -1/+0 |")


def test_an_unknown_setting_is_refused_by_name(cv: ModuleType, tmp_path: Path) -> None:
    argv = ["cv_deid_tagger.py", "--settings", "current,nonsense", "--out", str(tmp_path / "x")]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit):
            cv.main()
