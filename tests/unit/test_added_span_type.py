"""A text the person adds to a redaction has no known type (walk 39: ``--add "NYHA"`` was typed
"name (added)" and replaced by "[NAME]": "much less breathless ([NAME] class II)")."""

from __future__ import annotations

import io

import pytest

from medlocal.app.outputs import span_type
from medlocal.cli.redaction_list import print_redactions
from medlocal.privacy.deid_plan import ADDED_KIND, RedactionPlan
from medlocal.privacy.redact import Redactor

BODY = "Much less breathless (NYHA class II). Her friend Yvette Moreau visits; Moreau drives."


def _plan() -> RedactionPlan:
    return RedactionPlan.build([("body", BODY)], Redactor(shift_days=40))


def test_an_added_text_is_redacted_neutrally_and_typed_as_added_by_you() -> None:
    plan = _plan()
    assert plan.add("NYHA") == 1
    (added,) = [it for it in plan.items if it.added]
    assert added.redaction.kind == ADDED_KIND and added.redaction.replacement == "[REDACTED]"
    assert span_type(added) == "added by you"
    assert "([REDACTED] class II)" in plan.apply("body", BODY)
    # The rules' own finds keep their type and label.
    found = [it for it in plan.items if not it.added]
    assert found and all(span_type(it) == "name" for it in found)
    assert plan.apply("body", BODY).count("[NAME]") == len(found)


def test_an_added_text_inside_a_found_name_keeps_the_names_type() -> None:
    plan = _plan()
    plan.add("Yvette")  # inside "Yvette Moreau", found as a name: merged, a name still
    merged = [it for it in plan.items if it.added]
    assert [span_type(it) for it in merged] == ["name (added by you)"]
    assert merged[0].redaction.replacement == "[NAME]"


def test_the_cli_list_says_added_by_you() -> None:
    plan = _plan()
    plan.add("NYHA")
    stream = io.StringIO()
    print_redactions(plan.items, stream=stream)
    line = next(line for line in stream.getvalue().splitlines() if "[REDACTED]" in line)
    assert ": added by you (4 characters) -> '[REDACTED]'" in line, line
    assert "name" not in line


def test_the_window_preview_says_added_by_you() -> None:
    pytest.importorskip("PySide6")
    from medlocal.ui.dialogs.redaction_preview import preview_type

    plan = _plan()
    plan.add("NYHA")
    plan.add("Yvette")
    types = {it.redaction.original: preview_type(it) for it in plan.items if it.added}
    assert types == {"NYHA": "Added by you", "Yvette Moreau": "Name (added by you)"}
