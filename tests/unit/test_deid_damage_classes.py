"""tools/deid_damage_classes.py: damaged clinical terms counted by class. Its one hard rule is
that a held-out half's terms are never printed: with any held-out half among the halves only
counts come out and ``--examples`` is refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from types import ModuleType

import pytest
from fixtures.deid_corpus import Note, Span
from fixtures.tools import load_tool

from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.redact import PatientIdentity, Redactor


@pytest.fixture
def tool() -> Iterator[ModuleType]:
    module = load_tool("deid_damage_classes")
    yield module


def _never_load(half: str) -> None:
    # Were the guard broken, the half must still not be read (nor its terms printed).
    raise AssertionError(f"{half} was loaded")


def test_examples_are_refused_when_a_held_out_half_is_asked(
    tool: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tool, "load", _never_load)
    held = tool.bench_deid.HELD_OUT[0]
    with pytest.raises(tool.HeldOutTextError, match=held):
        tool.check_examples_allowed(["dev", held], 5)
    with pytest.raises(tool.HeldOutTextError):
        tool.classify(["dev", held], examples=1)
    # Counts alone are allowed, and examples of development halves.
    tool.check_examples_allowed(["dev", held], 0)
    tool.check_examples_allowed(["dev", "dev3"], 5)


def test_the_command_line_refuses_examples_of_held_out_halves(
    tool: ModuleType, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tool, "load", _never_load)
    with pytest.raises(SystemExit) as exit_info:
        tool.main(["--held-out", "--examples", "3"])
    assert exit_info.value.code == 2
    assert "refused for held-out halves" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        tool.main(["--halves", "dev,nosuchhalf"])
    assert "unknown halves: nosuchhalf" in capsys.readouterr().err


def _note(text: str, terms: list[str]) -> Note:
    spans = [Span("CLINICAL", text.index(t), text.index(t) + len(t), t) for t in terms]
    return Note("t-1", "note", "Jane Doe", "123", date(1950, 1, 1), text, [], spans)


def test_a_damaged_term_is_classed_and_the_report_holds_no_term_text(tool: ModuleType) -> None:
    # A term the redactor must take (a doctor's name marked as a term): the classes of a damaged
    # term, without its text.
    text = "Seen by Dr Zorbakian today. Hb 120 g/L, aspirin 75 mg."
    note = _note(text, ["Zorbakian", "Hb 120 g/L", "aspirin 75 mg"])
    out = tool.Classes()
    tool.classify_note(note, Redactor(PatientIdentity(), shift_days=40), tool.lexicon(), out, 0)
    assert (out.total, out.damaged) == (3, 1)
    assert out.shape == {"capitalised": 1}
    assert out.label == {"[NAME]": 1}
    assert sum(out.source.values()) >= 1 and "resolve" not in out.source
    report = tool.report(out)
    assert "Zorbakian" not in report and "t-1" not in report
    assert out.examples == {}


def test_tracing_puts_every_wrapped_step_back(tool: ModuleType) -> None:
    import medlocal.privacy.redact as redact

    def steps() -> tuple[object, ...]:
        return tuple(getattr(redact, n) for n in ("pattern_candidates", "scan", "_outside"))

    before = steps()
    with tool.traced(tool.Sources()):
        assert steps()[0] is not before[0]
    assert steps() == before


@pytest.mark.parametrize(
    ("term", "shape"),
    [
        ("Hb 120", "digit"),
        ("SIADH", "all_caps"),
        ("Foley catheter", "capitalised"),
        ("rub", "lower"),
    ],
)
def test_shapes(tool: ModuleType, term: str, shape: str) -> None:
    assert tool.shape_of(term) == shape


def test_evidence_in_the_same_text_is_classed(tool: ModuleType) -> None:
    # Session 50: what the same text holds of a damaged term's word, as classes only.
    text = "Plan: Zorbakian 2 tabs bd.\nZorbakian note (zorbakian sign) kept.\nSeen (Zorbakian)."
    first = text.index("Zorbakian")
    red = [Redaction("name", first, first + 9, "Zorbakian", "[NAME]")]
    assert tool.evidence_of(text, first, first + 9, [first], red) == [
        "dose on its line",
        "kept elsewhere",
        "lower case elsewhere",
    ]
    last = text.rindex("Zorbakian")
    every = [Redaction("name", m, m + 9, "Zorbakian", "[NAME]") for m in (first, last)]
    every.append(Redaction("name", text.index("zorbakian"), text.index("zorbakian") + 9, "", ""))
    every.append(Redaction("name", text.index("Zorbakian note"), text.index(" note"), "", ""))
    assert tool.evidence_of(text, last, last + 9, [last], every) == [
        "in brackets",
        "lower case elsewhere",
    ]
    assert tool.evidence_of("Zorbakian.", 0, 9, [0], []) == ["none"]
