"""What `medlocal ask --patient` prints after the answer."""

from __future__ import annotations

import pytest
from fixtures.fake_models import hit

from medlocal.cli.rag_cmds import print_answer_sources
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.passages import NumberedPassage


def _answer(cited: bool) -> GroundedAnswer:
    passage = NumberedPassage(1, hit(7, "Metformin 500 mg twice daily.", file_name="letter.pdf"))
    return GroundedAnswer(
        question="dose?",
        status="answered",
        text="Metformin 500 mg twice daily [1]." if cited else "Metformin, 12 grams.",
        raw_text="",
        passages=[passage],
        sources=[passage.source()] if cited else [],
    )


def test_cited_sources_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    print_answer_sources(_answer(cited=True))
    out = capsys.readouterr().out
    assert "Sources:" in out and "letter.pdf" in out and "could be tied" not in out


def test_uncited_answer_still_shows_the_passages_given(capsys: pytest.CaptureFixture[str]) -> None:
    print_answer_sources(_answer(cited=False))
    out = capsys.readouterr().out
    assert "Sources:" not in out
    assert "No statement could be tied to a passage" in out and "letter.pdf" in out


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.text = ""

    def write(self, data: str) -> int:
        self.text += data
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return self.tty


def test_redaction_list_hides_identifiers_unless_on_a_terminal() -> None:
    from medlocal.cli.rag_cmds import _print_redactions
    from medlocal.privacy.redact import Redaction
    from medlocal.rag.export import PlannedRedaction

    planned = [PlannedRedaction("body", Redaction("patient_name", 0, 8, "Jane Roe", "[NAME]"))]
    piped, terminal = _Stream(tty=False), _Stream(tty=True)
    _print_redactions(planned, piped)
    _print_redactions(planned, terminal)
    assert "Jane Roe" not in piped.text and "(8 characters)" in piped.text
    assert "'Jane Roe' -> '[NAME]'" in terminal.text
