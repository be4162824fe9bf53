"""The self-test's step for the rules' own process (the window's redacted preview runs the rules
in a spawned child): a child that plans otherwise than this process, or cannot start, fails it
with the reason. The step passing with a real child is run by the whole self-test
(tests/gui/test_launcher_and_recovery.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from medlocal.app import selftest
from medlocal.privacy import deid_child
from medlocal.privacy.deid_plan import RedactionPlan


def test_a_child_that_plans_nothing_fails_the_step(monkeypatch: pytest.MonkeyPatch) -> None:
    def plans_nothing(self: object, fields: Sequence[tuple[str, str]], spec: Any) -> RedactionPlan:
        return RedactionPlan(fields=list(fields))

    monkeypatch.setattr(deid_child.ChildRules, "plan", plans_nothing)
    with pytest.raises(selftest.SelftestFailure, match="planned otherwise"):
        selftest._redact_in_child(None)  # type: ignore[arg-type]  # the step needs no vault


def test_a_child_that_cannot_start_fails_the_step(monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot_start(self: object) -> None:
        raise deid_child.RulesProcessError("cannot start the de-identification process: test")

    monkeypatch.setattr(deid_child.ChildRules, "_ensure", cannot_start)
    # The window would fall back to the rules in its own process; the self-test fails.
    with pytest.raises(selftest.SelftestFailure, match="own process cannot run"):
        selftest._redact_in_child(None)  # type: ignore[arg-type]


def test_the_step_runs_after_the_redaction_and_before_the_lock() -> None:
    names = [name for name, _ in selftest.STEPS]
    assert (
        names.index("redaction") < names.index("redaction in its own process") < names.index("lock")
    )
