"""Issue 14's targets on its evaluation set (tests/grounding_eval): by the rules alone, on the
held-out half, every planted error type caught at least 90% of the time and at most 5% of
faithful statements flagged. The development half (small per type) is held to the same overall
rates; its one known miss is an antonym ("torn" for "intact"), which is not a negation."""

from __future__ import annotations

from grounding_eval.evaluate import ERROR_TYPES, HALVES, load, rules_judge, score


def test_rules_meet_the_targets_on_the_held_out_half() -> None:
    results = score(load("heldout"), rules_judge())
    for kind in ERROR_TYPES:
        caught, total = results[kind]
        assert total >= 5, kind
        assert caught / total >= 0.9, (kind, results)
    alarms, faithful = results["faithful"]
    assert alarms / faithful <= 0.05, results


def test_rules_on_the_development_half() -> None:
    results = score(load("dev"), rules_judge())
    caught = sum(results[k][0] for k in ERROR_TYPES)
    total = sum(results[k][1] for k in ERROR_TYPES)
    assert caught / total >= 0.9, results
    alarms, faithful = results["faithful"]
    assert alarms / faithful <= 0.05, results


def test_the_set_is_large_enough_and_a_third_faithful() -> None:
    cases = [c for half in HALVES for c in load(half)]
    assert len(cases) >= 150
    faithful = sum(c.error == "faithful" for c in cases)
    assert faithful / len(cases) >= 1 / 3
    assert {c.error for c in cases} == {"faithful", *ERROR_TYPES}
