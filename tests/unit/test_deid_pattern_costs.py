"""What each whole-text pattern costs in one preview (tools/deid_pattern_costs.py, session 60):
both ways a pattern searches a whole text are counted, each pattern's matches as the redactor
reads them, and the measuring changes nothing the redactor finds and is taken off after."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from fixtures.deid_corpus import load
from fixtures.tools import load_tool

from medlocal.privacy import deid_first_characters, deid_kin_names, deid_patterns
from medlocal.privacy.deid_first_characters import SKIP_FROM
from medlocal.privacy.redact import PatientIdentity, Redactor


@pytest.fixture(scope="module")
def tool() -> Iterator[ModuleType]:
    yield load_tool("deid_pattern_costs")


def _record() -> str:
    """A long record (the skippers and the cue regions are used), with kinship words."""
    text = "Mother: Rosângela aguarda. Sister Maria Lopes rang. Son Declan visits.\n"
    for note in load("dev"):
        if len(text) >= 2 * SKIP_FROM:
            break
        text += note.text + "\n"
    return text


@pytest.fixture(scope="module")
def measured(tool: ModuleType) -> tuple[list[Any], list[tuple[int, int, str]], str]:
    text = _record()
    redactor = Redactor(PatientIdentity("Ada Okafor", "4471-220", None), shift_days=40)
    redactor.preview(text)  # word lists and skippers made outside the count, as the tool does
    plain = [(r.start, r.end, r.kind) for r in redactor.preview(text)]
    costs = tool.pattern_costs(redactor, text)
    again = [(r.start, r.end, r.kind) for r in redactor.preview(text)]
    assert again == plain  # taken off: the next preview as before
    return costs, plain, text


def test_both_ways_are_counted_the_costliest_first(
    measured: tuple[list[Any], list[tuple[int, int, str]], str],
) -> None:
    costs = measured[0]
    ways = {cost.way for cost in costs}
    assert ways == {"fixed-form", "finder"}
    assert len(costs) > 100
    seconds = [cost.seconds for cost in costs]
    assert seconds == sorted(seconds, reverse=True)
    assert all(cost.searches >= 1 for cost in costs)


def test_a_patterns_matches_are_counted_as_found(
    measured: tuple[list[Any], list[tuple[int, int, str]], str],
) -> None:
    costs, _, text = measured
    kin = deid_kin_names._KIN_THEN_NAME
    (cost,) = [c for c in costs if c.pattern is kin]
    assert cost.way == "finder"
    assert cost.searches == 1
    assert cost.matches == len(list(kin.finditer(text))) >= 3


def test_the_measuring_changes_no_finding_and_is_taken_off(tool: ModuleType) -> None:
    text = _record()
    redactor = Redactor(PatientIdentity("Ada Okafor", "4471-220", None), shift_days=40)
    before = [(r.start, r.end, r.kind, r.replacement) for r in redactor.preview(text)]
    costs: dict[int, Any] = {}
    with tool.measuring(costs):
        assert deid_patterns._matches.__name__ == "wrapper"
        assert vars(deid_kin_names)["skipped_finditer"].__name__ == "wrapper"
        during = [(r.start, r.end, r.kind, r.replacement) for r in redactor.preview(text)]
    assert during == before
    assert costs
    assert deid_patterns._matches.__name__ == "_matches"
    assert vars(deid_kin_names)["skipped_finditer"] is deid_first_characters.skipped_finditer
    assert deid_first_characters.skipped_finditer.__name__ == "skipped_finditer"
